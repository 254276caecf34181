//! Sample data as typed in the JSON view: parsed, and its dotted paths read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notice_engine::template::sample;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = sample::parse(&text);
});
