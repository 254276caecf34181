//! Export and import: every format reads back to the same library, clashes
//! are the user's to settle, and bad files are refused by name and place.
//! Also writes the gallery and the check corpus as an exported zip, with what
//! the engine renders from it, for tests/conformance/jinja2_conformance.py to
//! render with Python Jinja2 and compare byte for byte.

mod support {
    pub mod corpus;
    pub mod realistic;
}

use std::fs;
use std::path::Path;

use notice_engine::check::{self, RuleId, Settings};
use notice_engine::files::export::{self, Selection, bundle, tree};
use notice_engine::library::gallery::Gallery;
use notice_engine::files::import::{self, Action, ImportError, Kind, Place, Resolution};
use notice_engine::lang::Lang;
use notice_engine::library::Library;
use notice_engine::library::model::{Channel, SampleProfile, Status, Template};
use notice_engine::files::zip::{self, Entry, ZipError};
use notice_engine::template::{render, sample};
use support::{corpus, realistic};

const NOW: i64 = realistic::EPOCH_MS;

/// The starter gallery, with the shared parts it brings.
fn gallery_library() -> Library {
    let mut library = Library::default();
    let mut n = 0;
    library.restore_gallery(&Gallery::load(), || {
        n += 1;
        format!("g{n}")
    }, NOW);
    library
}

/// Realistic templates, some ready and some in the trash, with the gallery's shared parts and changed settings.
fn mixed_library() -> Library {
    let mut library = realistic::library(120);
    for (i, template) in library.templates.iter_mut().enumerate() {
        template.status = if i % 3 == 0 { Status::Ready } else { Status::Draft };
        template.deleted_ms = (i % 10 == 9).then_some(NOW);
        template.revision = i as u64;
    }
    library.shared = gallery_library().shared;
    library.shared.profiles = vec![vip()];
    library.settings.rules.insert(RuleId::Jinja2Compat, Default::default());
    library
}

/// A library-wide sample profile.
fn vip() -> SampleProfile {
    SampleProfile { name: "VIP 客户".into(), data: r#"{"customer": {"name": "周敏", "level": "钻石"}}"#.into() }
}

/// `library` without its trash: what an export of everything holds.
fn without_trash(mut library: Library) -> Library {
    library.templates.retain(|t| !t.is_trashed());
    library
}

/// Imports `files` into an empty library, taking everything.
fn import_into_empty(files: &[(String, Vec<u8>)]) -> Library {
    let contents = import::read(files).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
    let mut library = Library::default();
    assert!(import::plan(&library, &contents).iter().all(|item| item.action != Action::Clash));
    import::apply(&mut library, contents, &[], || unreachable!("exported templates keep their ids"), NOW, Lang::En);
    library
}

fn file(name: &str, data: impl Into<Vec<u8>>) -> (String, Vec<u8>) {
    (name.to_owned(), data.into())
}

#[test]
fn a_bundle_reads_back_to_the_same_library() {
    let library = mixed_library();
    let bundle = bundle::encode(&library, Selection::All, NOW);
    assert_eq!(import_into_empty(&[file("library.json", bundle)]), without_trash(library));
}

#[test]
fn a_zip_reads_back_to_the_same_library() {
    let library = mixed_library();
    let zip = tree::encode(&library, Selection::All, NOW).unwrap();
    assert_eq!(import_into_empty(&[file("library.zip", zip)]), without_trash(library));
}

#[test]
fn a_zip_of_the_unpacked_folder_reads_too() {
    let library = gallery_library();
    let entries = zip::read(&tree::encode(&library, Selection::All, NOW).unwrap()).unwrap();
    let nested: Vec<Entry> = entries.into_iter().map(|e| Entry { name: format!("notice-templates/{}", e.name), data: e.data }).collect();
    assert_eq!(import_into_empty(&[file("mine.zip", zip::write(&nested))]), library);
}

#[test]
fn exports_are_deterministic() {
    let library = mixed_library();
    assert_eq!(tree::encode(&library, Selection::All, NOW), tree::encode(&library, Selection::All, NOW));
    assert_eq!(bundle::encode(&library, Selection::Ready, NOW), bundle::encode(&library, Selection::Ready, NOW));
}

#[test]
fn ready_only_exports_hold_only_ready_templates_and_say_so() {
    let library = mixed_library();
    let ready: Vec<&Template> = library.templates.iter().filter(|t| t.status == Status::Ready && !t.is_trashed()).collect();
    assert!(!ready.is_empty() && ready.len() < library.templates.len());
    for (name, data) in [("r.json", bundle::encode(&library, Selection::Ready, NOW).into_bytes()), ("r.zip", tree::encode(&library, Selection::Ready, NOW).unwrap())] {
        let contents = import::read(&[file(name, data)]).unwrap();
        assert_eq!(contents.selection, Some(Selection::Ready), "{name}");
        assert_eq!(contents.templates.iter().collect::<Vec<_>>(), ready, "{name}");
    }
}

#[test]
fn the_zip_is_laid_out_for_jinja2() {
    let library = gallery_library();
    let entries = zip::read(&tree::encode(&library, Selection::All, NOW).unwrap()).unwrap();
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    for wanted in ["manifest.json", "schema.json", "notice_filters.py", "README.md", "partials/zh/contact", "templates/renewal/订阅到期续费提醒.email.j2"] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    let renewal = library.templates.iter().find(|t| t.name == "订阅到期续费提醒" && t.channel == Channel::Email).unwrap();
    let body = entries.iter().find(|e| e.name == "templates/renewal/订阅到期续费提醒.email.j2").unwrap();
    assert_eq!(body.data, renewal.body.as_bytes());
    assert!(names.iter().all(|n| !n.starts_with("samples/") || n.ends_with(".json")));
    assert_eq!(names.iter().filter(|n| n.starts_with("templates/")).count(), library.templates.len());
}

#[test]
fn importing_the_same_export_again_changes_nothing() {
    let library = gallery_library();
    let zip = tree::encode(&library, Selection::All, NOW).unwrap();
    let contents = import::read(&[file("again.zip", zip)]).unwrap();
    let mut again = library.clone();
    assert!(import::plan(&again, &contents).iter().all(|item| item.action == Action::Unchanged));
    let applied = import::apply(&mut again, contents, &[], || unreachable!(), NOW, Lang::Zh);
    assert_eq!((applied.added, applied.replaced, applied.unchanged, applied.shared), (0, 0, library.templates.len(), false));
    assert_eq!(again, library);
}

#[test]
fn the_gallery_of_another_browser_is_not_imported_twice() {
    // Another browser installed the same examples under other ids, and wrote one template more.
    let mut theirs = gallery_library();
    for template in &mut theirs.templates {
        template.id = format!("other-{}", template.id);
    }
    theirs.templates.push(Template { id: "mine".into(), name: "月度账单".into(), body: "账单".into(), ..Template::default() });
    let contents = import::read(&[file("theirs.zip", tree::encode(&theirs, Selection::All, NOW).unwrap())]).unwrap();
    let mut library = gallery_library();
    let applied = import::apply(&mut library, contents, &[], || unreachable!(), NOW, Lang::Zh);
    assert_eq!((applied.added, applied.unchanged, applied.templates.as_slice()), (1, theirs.templates.len() - 1, ["mine".to_owned()].as_slice()));
}

#[test]
fn a_clash_is_replaced_kept_beside_or_skipped_as_the_user_chooses() {
    let mut library = gallery_library();
    let bundle = bundle::encode(&library, Selection::All, NOW);
    library.templates[0].body.push_str("\n本地修改");
    library.templates[0].revision = 7;
    library.shared.partials.insert("zh/contact".into(), "本地联系方式".into());
    let contents = import::read(&[file("b.json", bundle)]).unwrap();
    let plan = import::plan(&library, &contents);
    let clashes: Vec<_> = plan.iter().filter(|item| item.action == Action::Clash).map(|item| (item.kind, item.name.as_str())).collect();
    assert_eq!(clashes, [(Kind::Template, library.templates[0].name.as_str()), (Kind::Partial, "zh/contact")]);
    let choose = |template: Resolution, partial: Resolution| {
        plan.iter().map(|item| if item.kind == Kind::Partial { partial } else { template }).collect::<Vec<_>>()
    };

    let mut replaced = library.clone();
    let applied = import::apply(&mut replaced, contents.clone(), &choose(Resolution::Replace, Resolution::Replace), || unreachable!(), NOW, Lang::Zh);
    assert_eq!((applied.replaced, applied.added), (1, 0));
    assert_eq!(replaced.templates[0].body, contents.templates[0].body);
    assert_eq!(replaced.templates[0].revision, 8, "a replaced template must be newer than the stored one");
    assert_eq!(replaced.shared.partials["zh/contact"], contents.partials["zh/contact"]);

    let mut both = library.clone();
    let applied = import::apply(&mut both, contents.clone(), &choose(Resolution::KeepBoth, Resolution::Skip), || "new".into(), NOW + 1, Lang::Zh);
    assert_eq!((applied.added, applied.templates.as_slice()), (1, ["new".to_owned()].as_slice()));
    assert_eq!(both.templates[0], library.templates[0]);
    let copy = both.get("new").unwrap();
    assert_eq!((copy.name.as_str(), copy.body.as_str(), copy.created_ms), (format!("{}（导入）", library.templates[0].name).as_str(), contents.templates[0].body.as_str(), NOW + 1));
    assert_eq!(both.shared.partials["zh/contact"], "本地联系方式");

    let mut skipped = library.clone();
    let applied = import::apply(&mut skipped, contents, &choose(Resolution::Skip, Resolution::Skip), || unreachable!(), NOW, Lang::Zh);
    assert_eq!((applied.skipped, applied.templates.len()), (1, 0));
    assert_eq!(skipped, library);
}

#[test]
fn library_wide_profiles_travel_in_every_format_and_clash_like_the_rest() {
    let mut library = gallery_library();
    library.shared.profiles = vec![vip()];
    let zip = tree::encode(&library, Selection::All, NOW).unwrap();
    let entries = zip::read(&zip).unwrap();
    let profiles = entries.iter().find(|e| e.name == tree::PROFILES).expect("profiles.json in the zip");
    assert_eq!(serde_json::from_slice::<Vec<SampleProfile>>(&profiles.data).unwrap(), [vip()]);
    let bundle = bundle::encode(&library, Selection::All, NOW);
    for files in [vec![file("l.zip", zip)], vec![file("l.json", bundle)]] {
        assert_eq!(import_into_empty(&files).shared.profiles, [vip()]);
    }
    // One template's sidecar carries the library's profiles it is previewed with.
    let template = &library.templates[0];
    let [source, sidecar] = export::template_files(template, &library.shared);
    assert_eq!(import_into_empty(&[(source.name, source.data), (sidecar.name, sidecar.data)]).shared.profiles, [vip()]);
    // Without library-wide profiles, the zip has no profiles.json and the bundle no key.
    let plain = gallery_library();
    assert!(zip::read(&tree::encode(&plain, Selection::All, NOW).unwrap()).unwrap().iter().all(|e| e.name != tree::PROFILES));
    assert!(!bundle::encode(&plain, Selection::All, NOW).contains("\"profiles\""));

    // The library has another VIP: a clash, replaced or kept as chosen.
    let contents = import::read(&[file("l.json", bundle::encode(&library, Selection::All, NOW))]).unwrap();
    let mut mine = library.clone();
    mine.shared.profiles[0].data = "{}".into();
    let plan = import::plan(&mine, &contents);
    let clashes: Vec<_> = plan.iter().filter(|item| item.action == Action::Clash).map(|item| (item.kind, item.name.as_str())).collect();
    assert_eq!(clashes, [(Kind::Profile, "VIP 客户")]);
    let choose = |r: Resolution| plan.iter().map(|item| if item.kind == Kind::Profile { r } else { Resolution::Skip }).collect::<Vec<_>>();
    let mut skipped = mine.clone();
    assert!(!import::apply(&mut skipped, contents.clone(), &choose(Resolution::Skip), || unreachable!(), NOW, Lang::Zh).shared);
    assert_eq!(skipped.shared.profiles[0].data, "{}");
    let mut replaced = mine.clone();
    assert!(import::apply(&mut replaced, contents, &choose(Resolution::Replace), || unreachable!(), NOW, Lang::Zh).shared);
    assert_eq!(replaced.shared.profiles, [vip()]);
}

#[test]
fn one_template_exports_as_source_and_sidecar_and_reads_back() {
    let library = gallery_library();
    let template = library.templates.iter().find(|t| t.body.contains("{% include")).unwrap();
    let [source, sidecar] = export::template_files(template, &library.shared);
    assert_eq!(source.name, format!("{}.{}.j2", export::slug(&template.name), template.channel.as_str()));
    assert_eq!(source.data, template.body.as_bytes());
    let text = String::from_utf8(sidecar.data.clone()).unwrap();
    assert!(text.contains("\"subject\"") && text.contains("\"samples\"") && text.contains("\"partials\""), "{text}");

    let into_empty = import_into_empty(&[(source.name, source.data), (sidecar.name, sidecar.data)]);
    assert_eq!(into_empty.templates, [template.clone()]);
    // The partials it includes came with it, so it renders on its own.
    for name in notice_engine::template::scan::partials_used(&template.body).into_iter().map(|(name, _)| name) {
        assert_eq!(into_empty.shared.partials.get(&name), library.shared.partials.get(&name), "{name}");
    }
}

#[test]
fn a_bare_template_file_becomes_a_new_draft() {
    let mut library = gallery_library();
    let contents = import::read(&[file("月度账单.sms.j2", "\u{feff}您的账单：{{ amount }}"), file("welcome.j2", "Hi")]).unwrap();
    let mut ids = ["x1", "x2"].into_iter();
    let applied = import::apply(&mut library, contents, &[], || ids.next().unwrap().to_owned(), NOW, Lang::Zh);
    assert_eq!(applied.templates, ["x1", "x2"]);
    let (sms, email) = (library.get("x1").unwrap(), library.get("x2").unwrap());
    assert_eq!((sms.name.as_str(), sms.channel, sms.body.as_str(), sms.status), ("月度账单", Channel::Sms, "您的账单：{{ amount }}", Status::Draft));
    assert_eq!((email.name.as_str(), email.channel), ("welcome", Channel::Email));
}

#[test]
fn each_template_is_named_by_where_it_came_from() {
    let library = gallery_library();
    let renewal = library.templates.iter().position(|t| t.name == "订阅到期续费提醒" && t.channel == Channel::Email).unwrap();
    let zip = import::read(&[file("lib.zip", tree::encode(&library, Selection::All, NOW).unwrap())]).unwrap();
    let bundle = import::read(&[file("lib.json", bundle::encode(&library, Selection::All, NOW))]).unwrap();
    for contents in [&zip, &bundle] {
        assert_eq!(contents.named().map(|(_, t)| t).collect::<Vec<_>>(), library.templates.iter().collect::<Vec<_>>());
        assert_eq!(contents.shared(), library.shared);
    }
    // In a zip, its file; in a bundle, NAME.CHANNEL.j2 (a name alone is not unique across channels).
    assert_eq!(zip.named().nth(renewal).unwrap().0, "lib.zip › templates/renewal/订阅到期续费提醒.email.j2");
    assert_eq!(bundle.named().nth(renewal).unwrap().0, "lib.json › 订阅到期续费提醒.email.j2");
    let bare = import::read(&[file("月度账单.sms.j2", "x")]).unwrap();
    assert_eq!(bare.named().map(|(name, _)| name).collect::<Vec<_>>(), ["月度账单.sms.j2"]);
}

#[test]
fn a_library_is_a_zip_or_a_bundle_not_a_template() {
    let library = gallery_library();
    let bundle = bundle::encode(&library, Selection::All, NOW);
    let [source, sidecar] = export::template_files(&library.templates[0], &library.shared);
    assert!(import::is_library("lib.json", bundle.as_bytes()));
    assert!(import::is_library("LIB.JSON", format!("\u{feff}{bundle}").as_bytes()));
    assert!(import::is_library("broken.zip", b"not a zip"), "a .zip is read as one, to be refused by name when damaged");
    assert!(!import::is_library(&sidecar.name, &sidecar.data));
    assert!(!import::is_library(&source.name, &source.data));
    assert!(!import::is_library("data.json", r#"{"customer": {"name": "王芳"}}"#.as_bytes()));
    assert!(!import::is_library("bundle.j2", bundle.as_bytes()));
}

#[test]
fn bad_files_are_refused_by_name_and_place() {
    let library = gallery_library();
    let bundle = bundle::encode(&library, Selection::All, NOW);
    let zip_of = |entries: &[(&str, &str)]| zip::write(&entries.iter().map(|(n, d)| Entry { name: (*n).into(), data: d.as_bytes().to_vec() }).collect::<Vec<_>>());
    let manifest = r#"{"format": "notice-studio/zip", "version": 1, "selection": "all", "exported_ms": 0, "settings": {}, "templates": [{"file": "templates/a.email.j2", "samples": "samples/a.json", "template": {"id": "a", "name": "A", "channel": "email"}}]}"#;
    let cases: Vec<((String, Vec<u8>), ImportError)> = vec![
        (file("big.json", vec![b' '; import::MAX_FILE_BYTES + 1]), ImportError::TooLarge { file: "big.json".into() }),
        (file("newer.json", bundle.replacen("\"version\": 1", "\"version\": 2", 1)), ImportError::NewerVersion { file: "newer.json".into(), version: 2 }),
        (file("other.json", r#"{"format": "something/else", "version": 1}"#), ImportError::NotAnExport { file: "other.json".into() }),
        (file("notes.docx", "x"), ImportError::UnknownKind { file: "notes.docx".into() }),
        (file("latin1.j2", vec![0xe9, 0x74, 0xe9]), ImportError::NotUtf8 { file: "latin1.j2".into() }),
        (file("escape.zip", zip_of(&[("manifest.json", manifest), ("../../evil.j2", "x")])), ImportError::Zip { file: "escape.zip".into(), error: ZipError::PathEscapes("../../evil.j2".into()) }),
        (file("partial.zip", zip_of(&[("manifest.json", manifest), ("templates/a.email.j2", "x")])), ImportError::Missing { file: "partial.zip".into(), path: "samples/a.json".into() }),
        (file("plain.zip", zip_of(&[("readme.txt", "hello")])), ImportError::NotAnExport { file: "plain.zip".into() }),
        (file("twice.json", bundle.clone()), ImportError::DuplicateId { file: "twice.json, twice.json".into(), id: library.templates[0].id.clone() }),
    ];
    for ((name, data), expected) in cases {
        let files = if name == "twice.json" { vec![(name.clone(), data.clone()), (name, data)] } else { vec![(name, data)] };
        assert_eq!(import::read(&files), Err(expected));
    }

    // Broken JSON: line and column, in both languages.
    let broken = bundle.replacen("\"templates\": [", "\"templates\": [,", 1);
    let line = broken.lines().position(|l| l.contains("\"templates\": [,")).unwrap() + 1;
    let Err(error @ ImportError::Json { place: Place::Line { line: at, .. }, .. }) = import::read(&[file("broken.json", broken)]) else { panic!("not a JSON error") };
    assert_eq!(at, line);
    assert!(error.message(Lang::Zh).starts_with(&format!("broken.json：第 {line} 行")), "{}", error.message(Lang::Zh));
    assert!(error.message(Lang::En).starts_with(&format!("broken.json: line {line}, column")), "{}", error.message(Lang::En));

    // A template entry of the wrong shape: the JSON path inside the zip.
    let bad_channel = manifest.replace("\"channel\": \"email\"", "\"channel\": \"fax\"");
    let zip = zip_of(&[("manifest.json", &bad_channel), ("templates/a.email.j2", "x"), ("samples/a.json", "[]")]);
    let Err(error) = import::read(&[file("lib.zip", zip)]) else { panic!("a fax channel was accepted") };
    assert!(error.message(Lang::En).starts_with("lib.zip › manifest.json: templates[0].template is not a valid export"), "{}", error.message(Lang::En));
}

/// The gallery and the check corpus in one library, with a library-wide
/// profile (which a gallery template's own profile of that name stands in
/// for): what the Jinja2 comparison renders.
fn conformance_library() -> Library {
    let mut library = gallery_library();
    library.adopt(corpus::shared());
    let shadowed = library.templates.iter().find_map(|t| t.samples.first()).map(|p| p.name.clone()).unwrap();
    library.shared.profiles = vec![
        SampleProfile { name: "共享客户".into(), data: r#"{"customer": {"name": "周敏", "title": "女士", "level": "金卡"}, "company": {"name": "星河科技", "hotline": "400-800-1234"}}"#.into() },
        SampleProfile { name: shadowed, data: r#"{"customer": {"name": "库中同名客户"}}"#.into() },
    ];
    for (i, case) in corpus::cases().into_iter().enumerate() {
        library.templates.push(Template { id: format!("c{i}"), ..case.template });
    }
    library
}

/// Writes `target/tmp/export/library.zip` and `library.bundle.json`, and in
/// `renders.json`, for every template file of the zip and every sample
/// profile it is previewed with, its own then the library's (or `{}`
/// without any), what the engine renders: the expected bytes for Python
/// Jinja2, which finds each profile's data in the zip by its name. Templates the engine cannot render, or that use
/// what `jinja2-compat` flags (minijinja-only filters), are left out.
#[test]
fn exports_are_written_for_the_jinja2_comparison() {
    let library = conformance_library();
    let zip = tree::encode(&library, Selection::All, NOW).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&zip::read(&zip).unwrap()[0].data).unwrap();
    let env = render::environment(&library.shared.partials);
    let mut renders = Vec::new();
    for (template, entry) in library.templates.iter().zip(manifest["templates"].as_array().unwrap()) {
        let flagged = check::check(template, &library.shared, &Settings::default()).iter().any(|d| d.rule == RuleId::Jinja2Compat);
        let mut profiles: Vec<(String, String)> = library.shared.profiles_for(template).map(|p| (p.name.clone(), p.data.clone())).collect();
        if profiles.is_empty() {
            profiles.push(("{}".into(), "{}".into()));
        }
        for (profile, data) in profiles {
            let Ok(value) = sample::parse(&data) else { continue };
            let (Ok(body), Ok(subject)) = (render::render_in(&env, &template.body, &value), render::render_in(&env, &template.subject, &value)) else { continue };
            if !flagged {
                renders.push(serde_json::json!({ "file": entry["file"], "profile": profile, "body": body, "subject": subject }));
            }
        }
    }
    assert!(renders.len() > 150, "only {} renders to compare", renders.len());
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("library.zip"), zip).unwrap();
    fs::write(out.join("library.bundle.json"), bundle::encode(&library, Selection::All, NOW)).unwrap();
    fs::write(out.join("renders.json"), serde_json::to_string_pretty(&renders).unwrap()).unwrap();
}
