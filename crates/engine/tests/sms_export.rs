//! SMS exports round-trip: for every SMS template of the corpus and the
//! gallery that converts, on every platform, putting each placeholder's
//! expression value (rendered by our engine, as a sender would) into the
//! content gives our render without the leading 【signature】, for every
//! sample profile. Placeholders follow each platform's rules.

#[path = "support/corpus.rs"]
mod corpus;

use notice_engine::convert::sms;
use notice_engine::convert::{self, Target};
use notice_engine::library::gallery;
use notice_engine::library::model::{Channel, Shared, Template};
use notice_engine::template::{render, sample};
use serde_json::Value;

fn sms_templates() -> Vec<(String, Template, Shared)> {
    let gallery_shared = gallery::shared();
    let corpus_shared = corpus::shared();
    let mut out: Vec<(String, Template, Shared)> = gallery::starters()
        .into_iter()
        .map(|s| (format!("gallery/{}", s.slug), s.template, gallery_shared.clone()))
        .collect();
    out.extend(corpus::cases().into_iter().map(|c| (format!("corpus/{}", c.file), c.template, corpus_shared.clone())));
    out.retain(|(_, t, _)| t.channel == Channel::Sms);
    out
}

/// The request's content field.
fn content(request: &Value) -> &str {
    ["TemplateContent", "template_content"].iter().find_map(|k| request[k].as_str()).unwrap()
}

#[test]
fn every_sms_export_round_trips_on_every_profile() {
    let mut exported = 0;
    let mut refused = Vec::new();
    for (name, template, shared) in sms_templates() {
        let env = render::environment(&shared.partials);
        let profiles: Vec<_> = shared.profiles_for(&template).map(|p| sample::record(&p.data).unwrap()).collect();
        let input = convert::Input { body: &template.body, partials: &shared.partials, schema: &shared.schema, profiles: &profiles };
        for target in [Target::AliyunSms, Target::TencentSms, Target::HuaweiSms] {
            let text = match convert::export(&input, target, "模板", template.purpose) {
                Ok(text) => text,
                Err(refusal) => {
                    refused.push(format!("{name} → {}: {}", target.as_str(), refusal.text(notice_engine::lang::Lang::En)));
                    continue;
                }
            };
            exported += 1;
            let request: Value = serde_json::from_str(&text).unwrap();
            let variables = request["variables"].as_array().unwrap();
            for data in &profiles {
                let data = sample::record_value(data);
                let mut filled = content(&request).to_owned();
                for variable in variables {
                    let expression = variable["expression"].as_str().unwrap();
                    let value = render::render_in(&env, &format!("{{{{ {expression} }}}}"), &data).unwrap();
                    filled = filled.replacen(variable["placeholder"].as_str().unwrap(), &value, 1);
                }
                let ours = render::render_in(&env, &template.body, &data).unwrap();
                assert_eq!(filled, sms::without_signature(&ours), "{name} → {}", target.as_str());
            }
        }
    }
    eprintln!("{exported} SMS exports round-tripped; refused:\n{}", refused.join("\n"));
    assert!(exported >= 20, "only {exported} SMS exports: {refused:#?}");
}

fn export(body: &str, target: Target, purpose: notice_engine::library::model::Purpose) -> Result<Value, String> {
    let partials = Default::default();
    let schema = Default::default();
    let input = convert::Input { body, partials: &partials, schema: &schema, profiles: &[] };
    convert::export(&input, target, "到货通知", purpose).map(|text| serde_json::from_str(&text).unwrap()).map_err(|r| r.text(notice_engine::lang::Lang::En))
}

use notice_engine::library::model::Purpose::{Marketing, Notification};

#[test]
fn each_platform_gets_its_own_request_and_placeholders() {
    let body = "【星河科技】{{ customer.name }}您好，订单{{ order.id }}已发货，收件人{{ customer.name }}。";
    let aliyun = export(body, Target::AliyunSms, Notification).unwrap();
    assert_eq!(aliyun["TemplateContent"], "${name}您好，订单${order_id}已发货，收件人${name2}。");
    assert_eq!(aliyun["TemplateType"], 1);
    assert_eq!(aliyun["RelatedSignName"], "星河科技");
    assert_eq!(aliyun["TemplateName"], "到货通知");
    assert_eq!(aliyun["variables"][1]["expression"], "order.id");
    let tencent = export(body, Target::TencentSms, Notification).unwrap();
    assert_eq!(tencent["TemplateContent"], "{1}您好，订单{2}已发货，收件人{3}。");
    assert_eq!((tencent["SmsType"].clone(), tencent["International"].clone(), tencent["SignName"].clone()), (2.into(), 0.into(), "星河科技".into()));
    let huawei = export(body, Target::HuaweiSms, Notification).unwrap();
    assert_eq!(huawei["template_content"], "${1}您好，订单${2}已发货，收件人${3}。");
    assert_eq!((huawei["template_type"].clone(), huawei["sign_name"].clone()), ("NOTIFY_TYPE".into(), "星河科技".into()));
    assert_eq!(huawei["variables"][2], serde_json::json!({"placeholder": "${3}", "expression": "customer.name"}));
}

#[test]
fn types_follow_the_content_and_purpose() {
    let code = export("【星河科技】您的验证码是{{ code }}，5分钟内有效。", Target::AliyunSms, Notification).unwrap();
    assert_eq!(code["TemplateType"], 0);
    assert_eq!(code["TemplateRule"], r#"{"code":"numberCaptcha"}"#);
    assert_eq!(export("【星河科技】校验码{{ code }}", Target::TencentSms, Notification).unwrap()["SmsType"], 3);
    assert_eq!(export("【星河科技】动态码{{ code }}", Target::HuaweiSms, Notification).unwrap()["template_type"], "VERIFY_CODE_TYPE");
    let promo = "【星河科技】年终特惠，全场八折。拒收请回复R";
    assert_eq!(export(promo, Target::AliyunSms, Marketing).unwrap()["TemplateType"], 2);
    assert_eq!(export(promo, Target::TencentSms, Marketing).unwrap()["SmsType"], 1);
    assert_eq!(export(promo, Target::HuaweiSms, Marketing).unwrap()["template_type"], "PROMOTION_TYPE");
}

#[test]
fn what_a_platform_cannot_take_is_refused_case_by_case() {
    for (body, target, purpose, says) in [
        ("【星河】{% if vip %}尊贵的{% endif %}客户", Target::AliyunSms, Notification, "line 1, column 8: {% if %} cannot go into an SMS platform's template"),
        ("【星河】{% for x in xs %}{{ x }}{% endfor %}", Target::TencentSms, Notification, "{% for %} cannot go into"),
        ("【星河】{% set n = 1 %}{{ n }}", Target::HuaweiSms, Notification, "{% set %} cannot go into"),
        ("【星河】{{ customer.name }}{{ customer.honorific }}您好", Target::AliyunSms, Notification, "line 1, column 27: two variables are next to each other"),
        ("【星河】{{ a }}{{ b }}", Target::TencentSms, Notification, "next to each other"),
        ("【星河】{{ name }}您好，年终特惠", Target::HuaweiSms, Marketing, "promotional templates take no variables"),
        ("【星河】验证码{{ code }}，订单{{ order }}", Target::AliyunSms, Notification, "exactly 1 variable"),
        ("【星河】验证码{{ code }}，订单{{ order }}", Target::HuaweiSms, Notification, "exactly 1 variable"),
        ("{{ name }}您好", Target::AliyunSms, Notification, "does not start with a 【signature】"),
        ("【星河】单价 ${price} 元，{{ name }}", Target::AliyunSms, Notification, "“${price}”"),
        ("【星河】第{1}期，{{ name }}", Target::TencentSms, Notification, "“{1}”"),
    ] {
        let refusal = export(body, target, purpose).unwrap_err();
        assert!(refusal.contains(says), "{body} → {}: {refusal}", target.as_str());
    }
    let long = format!("【星河】{}", "很".repeat(501));
    assert!(export(&long, Target::TencentSms, Notification).unwrap_err().contains("501 characters"));
    // What one platform refuses another may take: Tencent names no limit on a code template's variables.
    assert!(export("【星河】验证码{{ code }}，订单{{ order }}", Target::TencentSms, Notification).is_ok());
}
