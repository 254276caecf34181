//! A file picked for import: a library zip, a bundle, or a template with its sidecar.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notice_engine::files::import;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let files = match pick % 3 {
        0 => vec![("library.zip".to_owned(), rest.to_vec())],
        1 => vec![("library.json".to_owned(), rest.to_vec())],
        _ => {
            // A NUL splits the template from its sidecar.
            let split = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            vec![("welcome.email.j2".to_owned(), rest[..split].to_vec()), ("welcome.email.json".to_owned(), rest.get(split + 1..).unwrap_or_default().to_vec())]
        }
    };
    let _ = import::read(&files);
});
