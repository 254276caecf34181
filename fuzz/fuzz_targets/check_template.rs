//! A template as typed or pasted: every rule family on every channel and purpose.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notice_engine::check::{check, Settings};
use notice_engine::library::model::{Channel, Purpose, SampleProfile, Shared, Template};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    // A NUL splits subject from body, so both are reached.
    let (subject, body) = text.split_once('\0').unwrap_or(("", &text));
    let template = Template {
        channel: [Channel::Email, Channel::Sms, Channel::Inapp, Channel::Notice][usize::from(pick % 4)],
        purpose: if pick & 4 == 0 { Purpose::Notification } else { Purpose::Marketing },
        subject: subject.to_owned(),
        body: body.to_owned(),
        samples: vec![SampleProfile { name: "客户".into(), data: r#"{"customer": {"name": "张伟", "phone": "13812345678"}, "items": [1, "二", null]}"#.into() }],
        ..Template::default()
    };
    let _ = check(&template, &Shared::default(), &Settings::default());
});
