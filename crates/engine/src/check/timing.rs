//! Timing of the planned send: `send-window` (the audience's reading hours,
//! marketing SMS quiet hours) and `lead-time` (holiday greetings 3–5 days
//! ahead). Both are about the template as a whole: findings have no location.
//!
//! Working days are Monday to Friday. China's public holidays and the
//! weekend days made working days around them (调休) are not modelled: they
//! change every year by State Council notice, and the planner knows them.

use super::{Context, Message, RuleId, Sink, Thresholds};
use crate::library::model::{Audience, Channel, Purpose};
use crate::time::DateTime;

pub(super) fn check(cx: &Context, sink: &mut Sink, thresholds: &Thresholds) {
    let template = cx.template;
    let Some(send_at) = template.send_at else { return };
    if sink.wants(RuleId::SendWindow) {
        let marketing_sms = template.channel == Channel::Sms && template.purpose == Purpose::Marketing;
        if let Some(message) = send_window(send_at, template.audience, marketing_sms, thresholds) {
            sink.report(RuleId::SendWindow, message, None, None, None);
        }
    }
    if sink.wants(RuleId::LeadTime) {
        if let Some(message) =
            template.holiday.and_then(|holiday| lead_time(send_at.date.days_until(holiday), thresholds))
        {
            sink.report(RuleId::LeadTime, message, None, None, None);
        }
    }
}

/// Minutes since midnight of `hour:minute`.
const fn at(hour: u32, minute: u32) -> u32 {
    hour * 60 + minute
}

/// Business customers: never before 09:00 or after 18:00 on a working day.
const BUSINESS_HOURS: (u32, u32) = (at(9, 0), at(18, 0));
/// When business customers read best.
const BUSINESS_BEST: [(u32, u32); 2] = [(at(10, 0), at(11, 30)), (at(14, 30), at(16, 30))];
/// When retail and e-commerce customers read best.
const RETAIL_BEST: [(u32, u32); 2] = [(at(12, 0), at(13, 30)), (at(19, 0), at(21, 0))];

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// What is wrong with sending at `send_at`, as one message; `None` when the
/// time is good. Broken hard limits are said together; missing a best window
/// is only a recommendation, and only said when no hard limit is broken.
fn send_window(send_at: DateTime, audience: Audience, marketing_sms: bool, thresholds: &Thresholds) -> Option<Message> {
    let weekday = send_at.date.weekday().clamp(1, 7) as usize - 1;
    let (hh, mm) = (send_at.hour, send_at.minute);
    let when_zh = format!("{} {} {hh:02}:{mm:02}", send_at.date, WEEKDAYS_ZH[weekday]);
    let when_en = format!("{} {} {hh:02}:{mm:02}", WEEKDAYS_EN[weekday], send_at.date);
    let broken = hard_limits(send_at, audience, marketing_sms, thresholds);
    if !broken.is_empty() {
        let zh: Vec<&str> = broken.iter().map(|m| m.zh.as_str()).collect();
        let en: Vec<&str> = broken.iter().map(|m| m.en.as_str()).collect();
        return Some(Message::new(
            format!("计划发送时间 {when_zh} 不合适：{}。", zh.join("；")),
            format!("The planned send time, {when_en}, is not suitable: {}.", en.join("; ")),
        ));
    }
    let (best, who_zh, who_en) = match audience {
        Audience::Business => (BUSINESS_BEST, "企业客户", "business customers"),
        Audience::Retail => (RETAIL_BEST, "零售、电商客户", "retail and e-commerce customers"),
        Audience::All => return None,
    };
    if best.iter().any(|&window| within(send_at.minute_of_day(), window)) {
        return None;
    }
    let windows = best.iter().map(|&(from, until)| format!("{}–{}", clock(from), clock(until))).collect::<Vec<_>>();
    let (zh_windows, en_windows) = (windows.join(" 或 "), windows.join(" or "));
    // Outside the best windows breaks no rule, for retail as for business: advice.
    Some(Message::new(
        format!("建议：计划发送时间 {when_zh} 不在{who_zh}阅读率最高的时段（{zh_windows}），可考虑调整"),
        format!(
            "Recommendation: the planned send time, {when_en}, is outside the hours {who_en} read best ({en_windows})"
        ),
    ))
}

/// The hard limits sending at `send_at` breaks: for business customers a rest
/// day or a time before 09:00 or after 18:00; for marketing SMS the quiet hours.
fn hard_limits(send_at: DateTime, audience: Audience, marketing_sms: bool, thresholds: &Thresholds) -> Vec<Message> {
    let mut broken = Vec::new();
    let weekday = send_at.date.weekday().clamp(1, 7) as usize - 1;
    if audience == Audience::Business && weekday >= 5 {
        broken.push(Message::new(
            format!("{}是休息日，给企业客户的消息只在工作日（周一至周五）发送", WEEKDAYS_ZH[weekday]),
            format!(
                "{} is a rest day; business customers get messages on working days (Monday to Friday) only",
                WEEKDAYS_EN[weekday]
            ),
        ));
    }
    if audience == Audience::Business && !within(send_at.minute_of_day(), BUSINESS_HOURS) {
        broken.push(Message::new(
            "不宜在 09:00 前或 18:00 后给企业客户发送消息",
            "business customers should not get messages before 09:00 or after 18:00",
        ));
    }
    if marketing_sms && in_quiet_hours(send_at.minute_of_day(), thresholds) {
        let (from, until) = (thresholds.quiet_from_hour, thresholds.quiet_until_hour);
        let next_day = if from > until { "次日 " } else { "" };
        broken.push(Message::new(
            format!("营销短信不能在免打扰时段（{from:02}:00–{next_day}{until:02}:00）发送"),
            format!("marketing SMS must not be sent in the quiet hours ({from:02}:00 to {until:02}:00)"),
        ));
    }
    broken
}

/// Whether `minute` lies in `window`, both ends included.
fn within(minute: u32, (from, until): (u32, u32)) -> bool {
    (from..=until).contains(&minute)
}

/// Whether `minute` is in the marketing quiet hours, which may run past
/// midnight (21:00–08:00): from the start hour, up to but not at the end hour.
fn in_quiet_hours(minute: u32, thresholds: &Thresholds) -> bool {
    let (from, until) = (thresholds.quiet_from_hour.saturating_mul(60), thresholds.quiet_until_hour.saturating_mul(60));
    match from.cmp(&until) {
        std::cmp::Ordering::Less => (from..until).contains(&minute),
        std::cmp::Ordering::Greater => minute >= from || minute < until,
        std::cmp::Ordering::Equal => false,
    }
}

fn clock(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// What is wrong with sending a holiday greeting `days` days before the
/// holiday; `None` when it is `lead_min_days..=lead_max_days`.
fn lead_time(days: i64, thresholds: &Thresholds) -> Option<Message> {
    let (min, max) = (thresholds.lead_min_days, thresholds.lead_max_days);
    if (min..=max).contains(&days) {
        return None;
    }
    let (zh, en) = match days {
        d if d < 0 => (
            format!("计划在节日过后 {} 天才发送", -d),
            format!("The greeting is planned {} after the holiday", days_en(-d)),
        ),
        0 => ("计划在节日当天发送".to_owned(), "The greeting is planned on the holiday itself".to_owned()),
        d if d < min => (
            format!("计划只提前 {d} 天发送，太晚了"),
            format!("The greeting is planned only {} before the holiday, too late", days_en(d)),
        ),
        d => (
            format!("计划提前 {d} 天发送，太早了"),
            format!("The greeting is planned {d} days before the holiday, too early"),
        ),
    };
    Some(Message::new(
        format!("{zh}；节日问候建议提前 {min}–{max} 天发出，好让客户在安排假期时就能收到。"),
        format!("{en}; holiday greetings go out {min}–{max} days ahead, so customers get them while planning their days off."),
    ))
}

fn days_en(days: i64) -> String {
    if days == 1 { "1 day".to_owned() } else { format!("{days} days") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Diagnostic, Settings};
    use crate::library::model::{Shared, Template};
    use crate::time::Date;

    // 2026-11-24 is a Tuesday, 2026-11-28 a Saturday.
    fn time(text: &str) -> DateTime {
        DateTime::parse(text).unwrap()
    }

    fn planned(channel: Channel, purpose: Purpose, audience: Audience, send_at: &str) -> Template {
        Template {
            channel,
            purpose,
            audience,
            body: "您好".into(),
            send_at: Some(time(send_at)),
            ..Template::default()
        }
    }

    fn run(template: &Template, rule: RuleId) -> Vec<Diagnostic> {
        let settings = Settings::default();
        let library = Shared::default();
        let cx = Context::new(template, &library);
        let mut sink = Sink::new(&settings, template.channel);
        check(&cx, &mut sink, &settings.thresholds);
        sink.into_diagnostics().into_iter().filter(|d| d.rule == rule).collect()
    }

    fn window(audience: Audience, send_at: &str) -> Vec<Diagnostic> {
        run(&planned(Channel::Email, Purpose::Notification, audience, send_at), RuleId::SendWindow)
    }

    #[test]
    fn the_test_dates_are_the_weekdays_they_claim() {
        assert_eq!(time("2026-11-24T10:30").date.weekday(), 2);
        assert_eq!(time("2026-11-28T10:30").date.weekday(), 6);
    }

    #[test]
    fn business_in_a_best_window_on_a_working_day_is_fine() {
        for at in ["2026-11-24T10:30", "2026-11-24T10:00", "2026-11-24T11:30", "2026-11-27T14:30", "2026-11-23T16:30"] {
            assert!(window(Audience::Business, at).is_empty(), "{at}");
        }
    }

    #[test]
    fn business_on_a_rest_day_fires() {
        for at in ["2026-11-28T10:30", "2026-11-29T10:30"] {
            let found = window(Audience::Business, at);
            assert_eq!(found.len(), 1, "{at}");
            assert!(found[0].message.zh.contains("休息日"), "{}", found[0].message.zh);
            assert!(!found[0].message.zh.starts_with("建议"), "a hard limit, not advice");
            assert!(found[0].location.is_none() && found[0].profiles.is_empty());
        }
    }

    #[test]
    fn business_outside_business_hours_fires() {
        for at in ["2026-11-24T08:30", "2026-11-24T08:59", "2026-11-24T18:01", "2026-11-24T22:00"] {
            let found = window(Audience::Business, at);
            assert_eq!(found.len(), 1, "{at}");
            assert!(found[0].message.zh.contains("09:00 前或 18:00 后"), "{}", found[0].message.zh);
            assert!(found[0].message.en.contains("not suitable"));
        }
    }

    #[test]
    fn business_in_hours_but_outside_the_best_windows_is_a_recommendation() {
        for at in ["2026-11-24T09:00", "2026-11-24T12:00", "2026-11-24T11:31", "2026-11-24T18:00"] {
            let found = window(Audience::Business, at);
            assert_eq!(found.len(), 1, "{at}");
            assert!(found[0].message.zh.starts_with("建议："), "{}", found[0].message.zh);
            assert!(found[0].message.en.starts_with("Recommendation:"), "{}", found[0].message.en);
            assert!(found[0].message.zh.contains("10:00–11:30 或 14:30–16:30"), "{}", found[0].message.zh);
        }
    }

    #[test]
    fn retail_windows_any_day() {
        for at in ["2026-11-28T12:00", "2026-11-24T13:30", "2026-11-29T20:15", "2026-11-24T21:00"] {
            assert!(window(Audience::Retail, at).is_empty(), "{at}");
        }
        for at in ["2026-11-24T10:30", "2026-11-28T15:00", "2026-11-24T21:01"] {
            let found = window(Audience::Retail, at);
            assert_eq!(found.len(), 1, "{at}");
            assert!(found[0].message.zh.contains("12:00–13:30 或 19:00–21:00"), "{}", found[0].message.zh);
        }
    }

    #[test]
    fn audience_all_only_minds_the_quiet_hours_of_marketing_sms() {
        for at in ["2026-11-28T03:00", "2026-11-24T23:00", "2026-11-24T12:00"] {
            assert!(window(Audience::All, at).is_empty(), "{at}");
            let notice = planned(Channel::Sms, Purpose::Notification, Audience::All, at);
            assert!(run(&notice, RuleId::SendWindow).is_empty(), "a service SMS may go out at {at}");
        }
        for at in ["2026-11-24T21:00", "2026-11-24T23:30", "2026-11-25T07:59"] {
            let marketing = planned(Channel::Sms, Purpose::Marketing, Audience::All, at);
            let found = run(&marketing, RuleId::SendWindow);
            assert_eq!(found.len(), 1, "{at}");
            assert!(found[0].message.zh.contains("免打扰时段（21:00–次日 08:00）"), "{}", found[0].message.zh);
        }
        for at in ["2026-11-24T08:00", "2026-11-24T20:59"] {
            let marketing = planned(Channel::Sms, Purpose::Marketing, Audience::All, at);
            assert!(run(&marketing, RuleId::SendWindow).is_empty(), "{at}");
        }
    }

    #[test]
    fn quiet_hours_apply_to_every_audience_and_combine_with_other_reasons() {
        let marketing = planned(Channel::Sms, Purpose::Marketing, Audience::Retail, "2026-11-24T21:00");
        let found = run(&marketing, RuleId::SendWindow);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("免打扰"), "{}", found[0].message.zh);
        let marketing = planned(Channel::Sms, Purpose::Marketing, Audience::Business, "2026-11-28T22:00");
        let zh = &run(&marketing, RuleId::SendWindow)[0].message.zh;
        assert!(zh.contains("休息日") && zh.contains("18:00 后") && zh.contains("免打扰"), "{zh}");
    }

    #[test]
    fn quiet_hours_follow_the_thresholds() {
        let mut thresholds = Thresholds::default();
        assert!(in_quiet_hours(at(21, 0), &thresholds) && in_quiet_hours(at(0, 0), &thresholds));
        assert!(!in_quiet_hours(at(8, 0), &thresholds) && !in_quiet_hours(at(20, 59), &thresholds));
        (thresholds.quiet_from_hour, thresholds.quiet_until_hour) = (1, 6);
        assert!(in_quiet_hours(at(3, 0), &thresholds) && !in_quiet_hours(at(23, 0), &thresholds));
        (thresholds.quiet_from_hour, thresholds.quiet_until_hour) = (8, 8);
        assert!(!in_quiet_hours(at(8, 0), &thresholds));
    }

    #[test]
    fn no_send_time_no_finding() {
        let template =
            Template { audience: Audience::Business, holiday: Date::parse("2026-12-25"), ..Template::default() };
        assert!(run(&template, RuleId::SendWindow).is_empty());
        assert!(run(&template, RuleId::LeadTime).is_empty());
    }

    fn greeting(send_at: &str) -> Vec<Diagnostic> {
        let template = Template {
            holiday: Date::parse("2027-01-01"),
            ..planned(Channel::Email, Purpose::Notification, Audience::All, send_at)
        };
        run(&template, RuleId::LeadTime)
    }

    #[test]
    fn lead_time_of_three_to_five_days_is_fine() {
        for at in ["2026-12-27T10:00", "2026-12-28T10:00", "2026-12-29T10:00"] {
            assert!(greeting(at).is_empty(), "{at}");
        }
    }

    #[test]
    fn lead_time_too_short_or_too_long_fires() {
        let found = greeting("2026-12-30T10:00");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.zh.contains("只提前 2 天") && found[0].message.zh.contains("3–5 天"),
            "{}",
            found[0].message.zh
        );
        assert!(found[0].location.is_none());
        let found = greeting("2026-12-26T10:00");
        assert!(found[0].message.zh.contains("提前 6 天发送，太早"), "{}", found[0].message.zh);
        assert!(greeting("2027-01-01T09:00")[0].message.zh.contains("当天"));
        assert!(greeting("2027-01-03T09:00")[0].message.en.contains("2 days after"));
    }

    #[test]
    fn lead_time_without_a_holiday_does_not_fire() {
        let template = planned(Channel::Email, Purpose::Notification, Audience::All, "2026-12-30T10:00");
        assert!(run(&template, RuleId::LeadTime).is_empty());
    }
}
