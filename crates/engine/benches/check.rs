//! `make bench`: the check engine on every keystroke's worth of work.
//! Targets (issue 4): a 2 KB template with 5 profiles checked in at most 2 ms
//! (median, natively); a 50 KB template in at most 20 ms; a runaway template
//! (nested loops with no end in sight) stopped by `render-limit` in at most 100 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use notice_engine::check::{check, Settings};
use notice_engine::library::model::{Channel, Field, FieldFormat, Shared, Purpose, SampleProfile, Template};
use notice_engine::protocol::{CheckRequest, Checker, Common, Request};

const PARAGRAPH: &str = "您好！{{ product.name }} 已于 {{ product.release_date }} 升级到 {{ product.version }} 版本，\
报表导出速度提升一倍，并新增发票批量核对功能。{% if customer.stage == \"long-term\" %}感谢您多年来的信任与支持，\
作为老客户，您可优先体验全部新功能。{% else %}欢迎您体验新版本。{% endif %}\n\n";

fn template(paragraphs: usize) -> Template {
    let mut body = String::from("尊敬的{{ customer.name }}{{ customer.honorific }}：\n\n");
    for _ in 0..paragraphs {
        body.push_str(PARAGRAPH);
    }
    body.push_str("请登录 https://www.xinghe.example.com 查看详情。\n{% include \"contact\" %}\n\n祝工作顺利！\n{{ company.name }} 客户成功团队");
    let samples = (0..5)
        .map(|i| SampleProfile {
            name: format!("客户{i}"),
            data: format!(
                r#"{{"customer": {{"name": "客户{i}", "honorific": "女士", "stage": "{}", "phone": "1381234567{i}"}},
                 "product": {{"name": "云账本", "version": "3.{i}", "release_date": "2026年11月20日"}},
                 "manager": {{"name": "李娜", "role": "客户经理", "phone": "400-800-1234"}},
                 "company": {{"name": "星河科技", "hotline": "400-800-1234"}}}}"#,
                if i % 2 == 0 { "long-term" } else { "new" }
            ),
        })
        .collect();
    Template { channel: Channel::Email, purpose: Purpose::Notification, subject: "{{ product.name }} 升级通知".into(), body, samples, ..Template::default() }
}

fn library() -> Shared {
    let mut library = Shared::default();
    for (path, sensitive, format) in [
        ("customer.name", false, None),
        ("customer.honorific", false, None),
        ("customer.stage", false, None),
        ("customer.phone", true, Some(FieldFormat::Phone)),
        ("product.name", false, None),
        ("product.version", false, None),
        ("product.release_date", false, None),
    ] {
        library.schema.fields.push(Field { path: path.into(), required: true, sensitive, format, ..Field::default() });
    }
    library.partials.insert("contact".into(), "如有疑问，请联系 {{ manager.name }}（{{ manager.role }}），电话 {{ manager.phone }}。".into());
    library
}

fn bench_check(c: &mut Criterion) {
    let library = library();
    let settings = Settings::default();
    for (name, paragraphs, bytes) in [("check 2KB x5 profiles", 5, 2 * 1024), ("check 50KB x5 profiles", 140, 50 * 1024)] {
        let template = template(paragraphs);
        let size = template.body.len();
        assert!(size >= bytes * 9 / 10 && size <= bytes * 11 / 10, "{name}: body is {size} bytes");
        c.bench_function(name, |b| b.iter(|| check(&template, &library, &settings)));
    }
    let runaway = Template {
        body: "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}".into(),
        samples: vec![SampleProfile { name: "a".into(), data: "{}".into() }],
        ..Template::default()
    };
    let stops = check(&runaway, &library, &settings);
    assert!(stops.iter().any(|d| d.rule == notice_engine::check::RuleId::RenderLimit), "{stops:?}");
    c.bench_function("runaway template stopped", |b| b.iter(|| check(&runaway, &library, &settings)));

    // What the worker does per keystroke once it knows the library: decode
    // the request, render and check, encode the answer.
    let mut checker = Checker::default();
    checker.check(CheckRequest { seq: 1, template: template(5), common: Some(Common { shared: library, settings }) });
    let request = serde_json::to_string(&Request::Check(CheckRequest { seq: 2, template: template(5), common: None })).expect("request encodes");
    c.bench_function("worker answer 2KB x5 profiles", |b| b.iter(|| checker.answer_json(&request)));
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
