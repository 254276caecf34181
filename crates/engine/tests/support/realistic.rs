//! A library of realistic templates, the same on every run: mostly Chinese,
//! some English, on every channel, about 2 KB of body each (UTF-8), with two
//! sample customers as pretty-printed JSON (as users paste them), tags, a
//! scenario and a stage. Used by the storage budget test and by
//! `examples/realistic_library.rs`, which prints the stored entries as JSON
//! for a browser benchmark.

use notice_engine::lang::Lang;
use notice_engine::library::Library;
use notice_engine::library::model::{Audience, Channel, NoticeHeader, Purpose, SampleProfile, Stage, Status, Template, SCENARIOS};
use notice_engine::time::Date;
use serde_json::json;

/// Body length aimed at, in UTF-8 bytes.
pub const BODY_BYTES: usize = 2048;
/// 2026-11-23T00:00:00Z.
pub const EPOCH_MS: i64 = 1_795_392_000_000;

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next(items.len())]
    }
}

const ZH_PARAGRAPHS: &[&str] = &[
    "感谢{{ customer.company }}一直以来对{{ product.name }}的信任与支持。自 {{ customer.since }} 合作以来，我们始终把您的使用体验放在第一位。",
    "{{ product.name }} {{ product.version }} 已于 {{ product.release_date }} 发布，本次更新主要包括：{% for change in product.changes %}{{ loop.index }}. {{ change }}；{% endfor %}升级后无需额外操作，原有数据与设置均会保留。",
    "为保障服务稳定，我们将于本周六 02:00 至 04:00 进行系统维护，期间部分功能可能暂时无法使用。给您带来的不便，敬请谅解。",
    "您的服务将于 {{ customer.renewal_date }} 到期。为避免业务中断，请在到期前登录管理后台完成续费，或联系您的客户经理{{ manager.name }}（{{ manager.phone }}）协助办理。",
    "{% if customer.stage == \"long-term\" %}作为我们的长期客户，您可优先参加 {{ event.date }} 举办的{{ event.name }}，届时产品团队将现场介绍新功能并听取您的建议。{% else %}欢迎您参加 {{ event.date }} 举办的{{ event.name }}，与其他客户交流使用经验。{% endif %}",
    "上周您反馈的报表导出问题已经修复，修复内容已于今日上线。请您刷新页面后再次尝试，如仍有异常，请直接回复本邮件，我们会在 2 个工作小时内答复。",
    "为了把服务做得更好，诚邀您用 3 分钟填写满意度问卷：{{ company.website }}/survey?c={{ customer.id }}。您的每一条意见都会由专人跟进。",
    "根据《个人信息保护法》的要求，我们更新了隐私政策，主要调整了数据保存期限和第三方共享范围。新版政策自 {{ notice.effective }} 起生效，详细内容请访问 {{ company.website }}/privacy 查看。",
    "如有任何疑问，欢迎致电客服热线 {{ company.hotline }}（工作日 9:00—18:00），或发送邮件至 {{ manager.email }}，我们将竭诚为您服务。",
    "新春将至，{{ company.name }}全体同仁感谢您过去一年的陪伴，祝您和家人新年快乐、阖家幸福、万事如意！",
];

const EN_PARAGRAPHS: &[&str] = &[
    "Thank you for choosing {{ product.name }}. Since {{ customer.since }}, your team at {{ customer.company }} has helped us shape the product, and we are grateful for every piece of feedback.",
    "{{ product.name }} {{ product.version }} was released on {{ product.release_date }}. What changes for you: {% for change in product.changes %}{{ change }}{% if not loop.last %}; {% endif %}{% endfor %}. Your data and settings stay as they are; there is nothing to install.",
    "To keep the service reliable, we will carry out planned maintenance this Saturday from 02:00 to 04:00. Some features may be briefly unavailable. We apologise for the inconvenience.",
    "Your subscription renews on {{ customer.renewal_date }}. To avoid any interruption, please confirm your billing details in the admin console, or ask {{ manager.name }} ({{ manager.phone }}) to help you.",
    "{% if customer.stage == \"long-term\" %}As a long-standing customer, you are invited to {{ event.name }} on {{ event.date }}, where our product team will walk through the roadmap.{% else %}You are welcome to join {{ event.name }} on {{ event.date }} and meet other teams using {{ product.name }}.{% endif %}",
    "The export problem you reported last week has been fixed and the fix is live today. Please refresh the page and try again; if anything still looks wrong, reply to this e-mail and we will answer within two working hours.",
    "Would you spare three minutes to tell us how we are doing? {{ company.website }}/survey?c={{ customer.id }}. Every answer is read by a person on the team.",
    "If you have any questions, call us on {{ company.hotline }} (working days, 9:00 to 18:00) or write to {{ manager.email }}.",
];

const ZH_NAMES: &[&str] = &["续费提醒", "版本更新通知", "系统维护公告", "售后回访", "满意度调查", "节日问候", "隐私政策更新", "服务变更说明", "故障致歉", "定期巡检提醒", "未回复跟进", "新客户欢迎"];
const EN_NAMES: &[&str] = &["Renewal reminder", "Release notes", "Planned maintenance", "After-sales follow-up", "Satisfaction survey", "Season's greetings", "Privacy policy update", "Service change", "Apology for the outage", "Service check reminder"];
const ZH_TAGS: &[&str] = &["VIP", "大客户", "季度", "节日", "合规", "售后", "新客户", "续费", "华东区", "重要"];
const EN_TAGS: &[&str] = &["vip", "enterprise", "quarterly", "holiday", "compliance", "support", "onboarding", "renewal", "emea"];

struct Person {
    name: &'static str,
    honorific: &'static str,
    company: &'static str,
    phone: &'static str,
    email: &'static str,
    id_number: &'static str,
}

const ZH_PEOPLE: &[Person] = &[
    Person { name: "王芳", honorific: "女士", company: "蓝海贸易有限公司", phone: "13812345678", email: "wangfang@lanhai.example.com", id_number: "110101199003071234" },
    Person { name: "欧阳志远", honorific: "先生", company: "启明精密制造股份有限公司", phone: "13900001111", email: "ouyang@qiming.example.com", id_number: "31010419851122003X" },
    Person { name: "李静", honorific: "女士", company: "青禾教育科技有限公司", phone: "13711112222", email: "lijing@qinghe.example.com", id_number: "440105198807150021" },
];
const EN_PEOPLE: &[Person] = &[
    Person { name: "Olivia Bennett", honorific: "Ms", company: "Northwind Traders Ltd", phone: "+44 20 7946 0958", email: "olivia.bennett@northwind.example.com", id_number: "QQ123456C" },
    Person { name: "Daniel Okafor", honorific: "Mr", company: "Harbour Logistics plc", phone: "+44 161 496 0123", email: "d.okafor@harbour.example.com", id_number: "AB654321D" },
];

/// `count` templates, created a minute apart from [`EPOCH_MS`].
pub fn library(count: usize) -> Library {
    let mut rng = Lcg(2026);
    let templates = (0..count).map(|i| template(&mut rng, i)).collect();
    Library { templates, ..Library::default() }
}

fn template(rng: &mut Lcg, i: usize) -> Template {
    let lang = if rng.next(10) < 7 { Lang::Zh } else { Lang::En };
    let channel = *rng.pick(&[Channel::Email, Channel::Email, Channel::Email, Channel::Sms, Channel::Inapp, Channel::Notice]);
    let (names, tags, paragraphs) = match lang {
        Lang::Zh => (ZH_NAMES, ZH_TAGS, ZH_PARAGRAPHS),
        Lang::En => (EN_NAMES, EN_TAGS, EN_PARAGRAPHS),
    };
    let created_ms = EPOCH_MS + i as i64 * 60_000;
    let greeting = lang.pick("尊敬的{{ customer.name }}{{ customer.honorific }}：", "Dear {{ customer.honorific }} {{ customer.name }},");
    let mut body = String::from(greeting);
    while body.len() < BODY_BYTES {
        let paragraph = rng.pick(paragraphs);
        body += if channel == Channel::Email { "\n\n<p>" } else { "\n\n" };
        body += paragraph;
        if channel == Channel::Email {
            body += "</p>";
        }
    }
    Template {
        id: format!("t{i:04}-{:08x}", rng.next(1 << 30)),
        name: format!("{} {}", rng.pick(names), i / names.len() + 1),
        channel,
        purpose: if rng.next(4) == 0 { Purpose::Marketing } else { Purpose::Notification },
        audience: *rng.pick(&[Audience::Business, Audience::Retail, Audience::All]),
        locale: lang,
        scenario: rng.pick(&SCENARIOS).to_string(),
        stage: Some(*rng.pick(&Stage::ALL)),
        tags: (0..2 + rng.next(3)).map(|_| rng.pick(tags).to_string()).collect(),
        status: if rng.next(5) < 2 { Status::Ready } else { Status::Draft },
        subject: match channel {
            Channel::Email => lang.pick("{{ product.name }} 服务通知", "An update on {{ product.name }}").to_owned(),
            _ => String::new(),
        },
        preheader: match channel {
            Channel::Email => lang.pick("请花一分钟了解本次变化", "What changes for you, in a minute").to_owned(),
            _ => String::new(),
        },
        body,
        samples: profiles(rng, lang),
        notice: match channel {
            Channel::Notice => NoticeHeader {
                company: lang.pick("星河科技有限公司", "Xinghe Technology Ltd").to_owned(),
                title: lang.pick("关于调整服务条款的公告", "Notice of changes to our terms of service").to_owned(),
                version: format!("v{}.{}", 1 + rng.next(3), rng.next(10)),
                published: Date::parse("2026-11-20"),
                effective: Date::parse("2026-12-20"),
            },
            _ => NoticeHeader::default(),
        },
        created_ms,
        updated_ms: created_ms + rng.next(30 * 24 * 3600) as i64 * 1000,
        revision: rng.next(40) as u64,
        ..Template::default()
    }
}

/// Two sample customers, pretty-printed as users paste them.
fn profiles(rng: &mut Lcg, lang: Lang) -> Vec<SampleProfile> {
    let people = match lang {
        Lang::Zh => ZH_PEOPLE,
        Lang::En => EN_PEOPLE,
    };
    let first = rng.next(people.len());
    [first, (first + 1) % people.len()]
        .into_iter()
        .map(|index| {
            let person = &people[index];
            let data = json!({
                "customer": {
                    "id": format!("C{:06}", rng.next(1_000_000)),
                    "name": person.name,
                    "honorific": person.honorific,
                    "company": person.company,
                    "stage": if rng.next(2) == 0 { "long-term" } else { "new" },
                    "since": "2023-05-12",
                    "renewal_date": "2026-12-31",
                    "phone": person.phone,
                    "email": person.email,
                    "id_number": person.id_number,
                },
                "manager": {
                    "name": lang.pick("李娜", "Priya Shah"),
                    "role": lang.pick("大客户经理", "Account manager"),
                    "phone": lang.pick("010-6688-1234", "+44 20 7946 0000"),
                    "email": "manager@xinghe.example.com",
                },
                "product": {
                    "name": lang.pick("云账本", "CloudLedger"),
                    "version": "3.2",
                    "release_date": "2026-11-20",
                    "changes": match lang {
                        Lang::Zh => ["银行流水自动对账，月末结账时间缩短约一半", "新增电子发票批量导入，一次可导入 500 张", "报表支持按项目筛选与导出"],
                        Lang::En => ["bank statements reconcile themselves", "import up to 500 e-invoices at once", "filter and export reports by project"],
                    },
                },
                "event": { "name": lang.pick("年终客户答谢会", "the year-end customer day"), "date": "2026-12-18" },
                "company": { "name": lang.pick("星河科技", "Xinghe"), "hotline": "400-800-1234", "website": "https://www.xinghe.example.com" },
                "notice": { "effective": "2026-12-20" },
            });
            SampleProfile { name: person.name.to_owned(), data: serde_json::to_string_pretty(&data).unwrap_or_default() }
        })
        .collect()
}
