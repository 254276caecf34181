//! No input can make the engine panic: a panic in wasm kills the page. This
//! sweeps thousands of templates stitched from awkward fragments (unclosed
//! tags, stray braces, CJK, emoji, HTML, links, filler, huge numbers) through
//! `check()` on every channel and purpose, with sample data of every JSON type.
//! The fragments are chosen by a fixed-seed generator, so a failure repeats.

use notice_engine::check::{check, Settings};
use notice_engine::library::model::{Audience, Channel, Field, FieldFormat, Shared, Purpose, SampleProfile, Template};
use notice_engine::time::{Date, DateTime};

const FRAGMENTS: &[&str] = &[
    "尊敬的", "{{ customer.name }}", "{{ customer.phone }}", "{{ customer.phone | mask_phone }}", "{{", "}}", "{%", "%}",
    "{% if customer.vip %}", "{% endif %}", "{% for x in customer.orders %}", "{% endfor %}", "{{ x }}", "{#", "#}",
    "{% raw %}", "{% endraw %}", "【星河科技】", "【", "】", "拒收请回复R", "http://1.2.3.4/a", "https://x.cn/{{ id }}",
    "{{ company.website }}/renew", "最佳", "第一次", "XXX", "***", "【公司名称】", "TODO", "，", ",", "!!", "。。。", "...",
    "\n", "\n\n", " ", "\t", "😀", "€", "\u{0}", "\u{200F}", "<p>", "</p>", "<b", "<!--", "-->", "<style>", "A", "1",
    "请登录", "如有疑问请致电 400-800-1234", "祝好", "Dear ", "Hi,", "{{ 1 / 0 }}", "{{ 'x' * 3 }}", "{{ range(3) | list }}",
    "{{ customer.name.upper() }}", "{{ customer.nmae }}", "{{ customer | mask }}", "{{ customer.name | truncate(2) }}",
    "{% set a = customer.phone %}{{ a }}", "{% macro m() %}m{% endmacro %}{{ m() }}", "{{ '{}'.format() }}",
    "{% include \"contact\" %}", "{% include \"missing\" %}", "{{ loop.index }}", "\\", "\"", "'", "{{ \"}}\" }}",
];

const SAMPLES: &[&str] = &[
    r#"{"customer": {"name": "王芳", "phone": "13812345678", "vip": true, "orders": [1, 2.5, "三", null, {"a": []}]}, "id": 7}"#,
    r#"{"customer": {"name": null, "phone": 13812345678, "vip": "", "orders": "not a list"}}"#,
    r#"{"customer": "just text", "company": {"website": "https://x.cn"}}"#,
    r#"{"customer": {"name": "{{ 注入 }}", "phone": "XXX", "orders": []}}"#,
    "{ not json",
    "[]",
    "",
];

/// A small deterministic generator (64-bit LCG): the sweep is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

fn library() -> Shared {
    let mut library = Shared::default();
    library.schema.fields = vec![
        Field { path: "customer.name".into(), required: true, example: Some("张伟".into()), ..Field::default() },
        Field { path: "customer.phone".into(), sensitive: true, format: Some(FieldFormat::Phone), ..Field::default() },
    ];
    library.partials.insert("contact".into(), "客服热线 {{ company.hotline }}{% if %}".into());
    library
}

#[test]
fn no_template_makes_the_engine_panic() {
    let library = library();
    let settings = Settings::default();
    // NOTICE_ROBUSTNESS_ROUNDS and NOTICE_ROBUSTNESS_SEED widen the sweep by hand.
    let rounds = std::env::var("NOTICE_ROBUSTNESS_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let seed = std::env::var("NOTICE_ROBUSTNESS_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x5eed);
    let mut rng = Lcg(seed);
    for round in 0..rounds {
        let pieces = 1 + rng.next(14);
        let body: String = (0..pieces).map(|_| FRAGMENTS[rng.next(FRAGMENTS.len())]).collect();
        let subject: String = (0..rng.next(4)).map(|_| FRAGMENTS[rng.next(FRAGMENTS.len())]).collect();
        let samples = (0..rng.next(3))
            .map(|i| SampleProfile { name: format!("p{i}"), data: SAMPLES[rng.next(SAMPLES.len())].to_owned() })
            .collect();
        let template = Template {
            channel: Channel::ALL[rng.next(4)],
            purpose: if rng.next(2) == 0 { Purpose::Notification } else { Purpose::Marketing },
            audience: [Audience::Business, Audience::Retail, Audience::All][rng.next(3)],
            subject,
            body,
            samples,
            send_at: DateTime::parse(["2026-11-28T22:30", "2026-11-24T10:30", "2026-12-31T23:59"][rng.next(3)]),
            holiday: Date::parse("2026-12-25"),
            ..Template::default()
        };
        let diagnostics = std::panic::catch_unwind(|| check(&template, &library, &settings))
            .unwrap_or_else(|_| panic!("round {round}: check() panicked on {template:#?}"));
        for d in &diagnostics {
            if let Some(location) = &d.location {
                assert!(location.span.line >= 1 && location.span.column >= 1, "round {round}: {d:?}");
                assert!(location.span.range.start <= location.span.range.end, "round {round}: {d:?}");
            }
        }
    }
}
