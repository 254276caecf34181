//! A recipient's verdict comes from its own message and data alone: not from
//! its place in the list, the chunk it is merged in, or whether the files
//! worker's protocol or a native caller (the CLI) drives the merge.

use notice_engine::check::{Diagnostic, RuleId, Settings};
use notice_engine::lang::Lang;
use notice_engine::merge::{self, Merge, RowResult, RowStatus};
use notice_engine::library::model::{Channel, FieldSchema, Purpose, Shared, Template};
use notice_engine::protocol::{Common, Files, FilesRequest, MergeRequest, MergeResponse};
use notice_engine::files::recipients;
use proptest::prelude::*;

fn schema() -> FieldSchema {
    serde_json::from_str(
        r#"{"fields": [
            {"path": "customer.name", "label": "姓名", "required": true},
            {"path": "customer.phone", "label": "手机", "format": "phone"},
            {"path": "customer.company", "label": "公司"},
            {"path": "order.link", "label": "链接"}
        ]}"#,
    )
    .unwrap()
}

/// Templates whose findings depend on each recipient's values in different ways.
fn templates() -> Vec<Template> {
    let sms = |purpose, body: &str| Template { channel: Channel::Sms, purpose, body: body.into(), ..Template::default() };
    vec![
        // A field no column fills for some rows: an empty value there.
        sms(Purpose::Notification, "【星河科技】{{ customer.name }}您好，{{ customer.company }}的工单已处理完毕。详询 400-800-1234"),
        // No signature at all, a leading variable: every message lacks it.
        sms(Purpose::Notification, "{{ customer.name }}您好，您的工单已处理完毕。详询 400-800-1234"),
        // Marketing without an opt-out unless the data brings one; links from data.
        sms(Purpose::Marketing, "【星河科技】{{ customer.name }}您好，会员日 8 折，详见 {{ order.link }} {{ customer.company }}"),
        Template {
            channel: Channel::Email,
            purpose: Purpose::Marketing,
            subject: "{{ customer.company }}会员日".into(),
            body: "<p>{{ customer.name }}，您好：</p><p>会员日 8 折。</p>".into(),
            ..Template::default()
        },
    ]
}

#[derive(Clone, Debug)]
struct Recipient {
    name: &'static str,
    phone: &'static str,
    company: &'static str,
    link: &'static str,
}

fn recipient() -> impl Strategy<Value = Recipient> {
    (
        prop::sample::select(vec!["张伟", "", "欧阳娜娜", "Li"]),
        prop::sample::select(vec!["13800138000", "12345678901", "", "+86 139 0013 9000"]),
        prop::sample::select(vec!["", "星河", "回T退订"]),
        prop::sample::select(vec!["", "https://x.example.com/a", "http://1.2.3.4/p"]),
    )
        .prop_map(|(name, phone, company, link)| Recipient { name, phone, company, link })
}

fn csv(list: &[Recipient]) -> String {
    let mut csv = "姓名,手机,公司,链接\n".to_owned();
    for r in list {
        csv += &format!("{},{},{},{}\n", r.name, r.phone, r.company, r.link);
    }
    csv
}

/// A row's verdict without what names its place in the list (its row and
/// line numbers, and the profile its findings name, which is the row number).
#[derive(Clone, Debug, PartialEq)]
struct Verdict {
    status: RowStatus,
    rules: Vec<RuleId>,
    body: Option<String>,
    findings: Vec<Diagnostic>,
    problems: Vec<String>,
}

fn verdict(row: &RowResult) -> Verdict {
    let findings = row.diagnostics.iter().map(|d| Diagnostic { profiles: Vec::new(), ..d.clone() }).collect();
    let problems = row.problems.iter().map(|p| p.message(Lang::En)).collect();
    Verdict { status: row.status, rules: row.rules(), body: row.body.clone(), findings, problems }
}

/// Every row of `list` merged in chunks of `size` rows.
fn merged(template: &Template, list: &[Recipient], size: usize) -> Vec<RowResult> {
    let shared = Shared { schema: schema(), ..Shared::default() };
    let recipients = recipients::read("list.csv", csv(list).as_bytes(), recipients::decode_gbk).unwrap();
    let mapping = recipients::auto_mapping(&recipients.columns, &shared.schema);
    let settings = Settings::default();
    let merge = Merge::new(template, &shared, &settings, &recipients, &mapping);
    (0..merge.rows()).step_by(size).flat_map(|start| merge.chunk(start..(start + size).min(merge.rows())).rows).collect()
}

/// Status and rules of every row as the files worker's protocol reports them.
fn through_the_worker(template: &Template, list: &[Recipient]) -> Vec<(RowStatus, Vec<RuleId>)> {
    let mut files = Files::new(recipients::decode_gbk);
    let mut ask = |request: MergeRequest, blobs: Vec<Vec<u8>>| {
        let (answer, _) = files.answer(&serde_json::to_string(&FilesRequest::Merge(request)).unwrap(), blobs).unwrap();
        serde_json::from_str::<MergeResponse>(&answer).unwrap()
    };
    let MergeResponse::Loaded(Ok(loaded)) = ask(MergeRequest::Load { name: "list.csv".into(), schema: schema() }, vec![csv(list).into_bytes()]) else {
        panic!("the list loads")
    };
    let common = Common { shared: Shared { schema: schema(), ..Shared::default() }, settings: Settings::default() };
    let start = MergeRequest::Start { template: template.clone(), common, mapping: loaded.mapping, fixed: Vec::new(), fields: Vec::new(), lang: Lang::En, eml: false, now_ms: 0 };
    let mut rows = Vec::new();
    let mut answer = ask(start, Vec::new());
    loop {
        let MergeResponse::Chunk(chunk) = answer else { panic!("a chunk: {answer:?}") };
        rows.extend(chunk.rows.into_iter().map(|r| (r.status, r.rules)));
        if chunk.done == chunk.total {
            return rows;
        }
        answer = ask(MergeRequest::Next, Vec::new());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_verdict_is_the_same_in_any_order_and_any_chunk(
        list in prop::collection::vec(recipient(), 1..40),
        order in any::<prop::sample::Index>(),
        which in 0..4usize,
    ) {
        let template = &templates()[which];
        let whole: Vec<Verdict> = merged(template, &list, 1000).iter().map(verdict).collect();
        for size in [1, 7] {
            let chunked: Vec<Verdict> = merged(template, &list, size).iter().map(verdict).collect();
            prop_assert_eq!(&chunked, &whole, "chunks of {}", size);
        }
        // Rotated and reversed: each recipient keeps its verdict.
        let mut shuffled: Vec<(usize, Recipient)> = list.iter().cloned().enumerate().collect();
        shuffled.rotate_left(order.index(list.len()));
        shuffled.reverse();
        let rows = merged(template, &shuffled.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(), 7);
        for ((original, _), row) in shuffled.iter().zip(&rows) {
            prop_assert_eq!(&verdict(row), &whole[*original], "row {} moved to {}", original + 1, row.row);
        }
        let worker = through_the_worker(template, &list);
        let native: Vec<(RowStatus, Vec<RuleId>)> = whole.iter().map(|v| (v.status, v.rules.clone())).collect();
        prop_assert_eq!(worker, native);
    }
}

#[test]
fn when_every_row_has_the_same_fault_every_row_is_marked_the_same() {
    // 300 recipients, none with a company: "…，的工单已处理完毕" for all of them.
    let list: Vec<Recipient> = (0..300).map(|_| Recipient { name: "张伟", phone: "13800138000", company: "", link: "" }).collect();
    let template = &templates()[0];
    let rows = merged(template, &list, merge::CHUNK_ROWS);
    assert_eq!(rows.len(), 300);
    let first = (rows[0].status, rows[0].rules());
    assert!(first.0 == RowStatus::Error && first.1.contains(&RuleId::EmptyValue), "{first:?}");
    for row in &rows {
        assert_eq!((row.status, row.rules()), first, "row {}", row.row);
    }
    let worker = through_the_worker(template, &list);
    assert!(worker.iter().all(|verdict| *verdict == first), "{worker:?}");

    // A signature missing from every message: every row, not the first of each chunk.
    let rows = merged(&templates()[1], &list, merge::CHUNK_ROWS);
    assert!(rows.iter().all(|r| r.status == RowStatus::Error && r.rules().contains(&RuleId::SmsSignature)));
}
