//! `notice`: argument parsing and printing around engine calls, nothing else.

mod args;
mod loader;

use std::fmt::Display;
use std::fs;
use std::process::ExitCode;

use args::{CheckArgs, Cli, Command, ExportArgs, Format, MergeArgs, RenderArgs, TemplateOptions};
use clap::Parser;
use loader::Loader;
use notice_engine::check::{self, Context, Readiness, Settings};
use notice_engine::convert;
use notice_engine::files::import::{self, Contents};
use notice_engine::lang::Lang;
use notice_engine::library::model::{Channel, FieldSchema, Shared, SampleProfile, Template};
use notice_engine::merge::{self, Merge, Tally};
use notice_engine::files::recipients;
use notice_engine::files::zip::ZipWriter;
use notice_engine::files::report::{self, JsonFile, JsonReport};
use notice_engine::template::{render, sample};

fn main() -> ExitCode {
    let lang = std::env::var("LANG").ok().and_then(|l| Lang::from_tag(&l)).unwrap_or(Lang::En);
    // Bad usage: clap prints what is wrong and exits with 2.
    match Cli::parse().command {
        Command::Check(args) => exit(run_check(&args, args.options.lang.unwrap_or(lang))),
        Command::Render(args) => exit(run_render(&args, args.lang.unwrap_or(lang))),
        Command::Merge(args) => exit(run_merge(&args, args.options.lang.unwrap_or(lang))),
        Command::Export(args) => exit(run_export(&args, args.lang.unwrap_or(lang))),
    }
}

/// What went wrong with the input (exit 2), already in the user's words.
struct InputError(String);

enum Outcome {
    Clean,
    Failed,
}

fn exit(result: Result<Outcome, InputError>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(InputError(message)) => {
            eprintln!("notice: {message}");
            ExitCode::from(2)
        }
    }
}

fn cannot_read(path: &str, err: impl Display, lang: Lang) -> InputError {
    InputError(match lang {
        Lang::Zh => format!("无法读取 {path}：{err}"),
        Lang::En => format!("cannot read {path}: {err}"),
    })
}

fn cannot_write(path: &str, err: impl Display, lang: Lang) -> InputError {
    InputError(match lang {
        Lang::Zh => format!("无法写入 {path}：{err}"),
        Lang::En => format!("cannot write {path}: {err}"),
    })
}

/// A template file's text, its line endings read as Jinja2's loader reads
/// them (`\r\n` and `\r` become `\n`).
fn read(path: &str, lang: Lang) -> Result<String, InputError> {
    fs::read_to_string(path).map(|text| normalize_newlines(&text)).map_err(|err| cannot_read(path, err, lang))
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() }
}

/// What one FILE argument holds.
enum Input {
    /// A template's source, taken with the command-line options.
    Template(String),
    /// A library exported by Notice Studio (a zip or a bundle): templates
    /// with their own channel, purpose and samples, and the schema, partials
    /// and settings they came with.
    Library(Box<Contents>),
}

fn input(path: &str, lang: Lang) -> Result<Input, InputError> {
    let data = fs::read(path).map_err(|err| cannot_read(path, err, lang))?;
    if import::is_library(path, &data) {
        return import::read(&[(path.to_owned(), data)]).map(|contents| Input::Library(Box::new(contents))).map_err(|err| InputError(err.message(lang)));
    }
    String::from_utf8(data).map(|text| Input::Template(normalize_newlines(&text))).map_err(|_| cannot_read(path, "stream did not contain valid UTF-8", lang))
}

fn load_schema(path: Option<&str>, lang: Lang) -> Result<Option<FieldSchema>, InputError> {
    match path {
        None => Ok(None),
        Some(path) => serde_json::from_str(&read(path, lang)?).map(Some).map_err(|err| InputError(format!("{path}: {err}"))),
    }
}

fn load_profiles(data: Option<&str>, lang: Lang) -> Result<Vec<SampleProfile>, InputError> {
    match data {
        None => Ok(Vec::new()),
        Some(path) => sample::profiles(&read(path, lang)?).map_err(|err| InputError(format!("{path}: {}", err.message(lang)))),
    }
}

/// `welcome.sms.j2` → SMS; no second extension → e-mail.
fn channel_of(file: &str) -> Channel {
    let stem = file.strip_suffix(".j2").unwrap_or(file);
    stem.rsplit_once('.').and_then(|(_, ext)| Channel::parse(ext)).unwrap_or(Channel::Email)
}

fn load_settings(path: Option<&str>, lang: Lang) -> Result<Option<Settings>, InputError> {
    match path {
        None => Ok(None),
        Some(path) => serde_json::from_str(&read(path, lang)?).map(Some).map_err(|err| InputError(format!("{path}: {err}"))),
    }
}

/// A `.j2` FILE as a template, its channel and purpose from the options.
fn template_of(file: &str, body: String, options: &TemplateOptions) -> Template {
    Template {
        name: file.to_owned(),
        channel: options.channel.unwrap_or_else(|| channel_of(file)),
        purpose: options.purpose.unwrap_or_default(),
        body,
        ..Template::default()
    }
}

fn run_check(args: &CheckArgs, lang: Lang) -> Result<Outcome, InputError> {
    let schema = load_schema(args.options.schema.as_deref(), lang)?;
    let library = Shared { schema: schema.clone().unwrap_or_default(), ..Shared::default() };
    let samples = load_profiles(args.data.as_deref(), lang)?;
    let platform = |settings: Settings| Settings { platform: args.options.platform.or(settings.platform), ..settings };
    let settings = load_settings(args.options.settings.as_deref(), lang)?;
    let file_settings = platform(settings.clone().unwrap_or_default());
    let mut json = JsonReport { files: Vec::new() };
    let mut errors = 0;
    let mut check_one = |file: &str, template: &Template, library: &Shared, settings: &Settings| {
        let cx = Context::new(template, library);
        let (diagnostics, _) = check::review(&cx, settings);
        errors += Readiness::of(&diagnostics).errors;
        match args.format {
            Format::Text => print!("{}", report::text(file, &cx, &diagnostics, lang)),
            Format::Json => json.files.push(JsonFile::new(file, &diagnostics, lang)),
        }
    };
    for file in &args.files {
        match input(file, lang)? {
            Input::Template(body) => {
                let partials = Loader::new(file, &args.options.search_paths).partials(file, &body, lang)?;
                let library = Shared { partials, ..library.clone() };
                let template = Template { samples: samples.clone(), ..template_of(file, body, &args.options) };
                check_one(file, &template, &library, &file_settings);
            }
            Input::Library(contents) => {
                // --schema and --settings, when given, stand in for the library's own.
                let mut shared = contents.shared();
                if let Some(schema) = &schema {
                    shared.schema = schema.clone();
                }
                let settings = platform(settings.clone().or_else(|| contents.settings.clone()).unwrap_or_default());
                for (name, template) in contents.named() {
                    check_one(name, template, &shared, &settings);
                }
            }
        }
    }
    if args.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&json).map_err(|err| InputError(err.to_string()))?);
    }
    Ok(if errors > 0 { Outcome::Failed } else { Outcome::Clean })
}

fn run_render(args: &RenderArgs, lang: Lang) -> Result<Outcome, InputError> {
    match input(&args.file, lang)? {
        Input::Template(source) => render_template(args, &source, lang),
        Input::Library(contents) => render_library(args, &contents, lang),
    }
}

fn render_template(args: &RenderArgs, source: &str, lang: Lang) -> Result<Outcome, InputError> {
    let samples = load_profiles(args.data.as_deref(), lang)?;
    let data = match &args.profile {
        Some(name) => samples.iter().find(|p| &p.name == name).ok_or_else(|| {
            InputError(match lang {
                Lang::Zh => format!("样例数据中没有名为“{name}”的样例"),
                Lang::En => format!("no profile named “{name}” in the sample data"),
            })
        })?.data.clone(),
        None => samples.first().map(|p| p.data.clone()).unwrap_or_default(),
    };
    let data = sample::parse(&data).map_err(|err| InputError(err.message(lang)))?;
    let partials = Loader::new(&args.file, &args.search_paths).partials(&args.file, source, lang)?;
    match render::render_in(&render::environment(&partials), source, &data) {
        Ok(output) => {
            print!("{output}");
            Ok(Outcome::Clean)
        }
        Err(err) => {
            eprintln!("{}: {}", args.file, err.message(lang));
            Ok(Outcome::Failed)
        }
    }
}

/// Every template of the library with each of its sample profiles and the
/// library-wide ones (once with no data when there are none), or only the profiles named by --profile; each
/// output under a `==> NAME [profile P] <==` line.
fn render_library(args: &RenderArgs, contents: &Contents, lang: Lang) -> Result<Outcome, InputError> {
    if args.data.is_some() {
        return Err(InputError(
            lang.pick("--data 只用于 .j2 模板文件；模板库中的模板用各自的样例数据渲染", "--data is for a .j2 template; a library's templates render with their own sample profiles").to_owned(),
        ));
    }
    let env = render::environment(&contents.partials);
    let shared = contents.shared();
    let (mut matched, mut printed, mut failed) = (false, false, false);
    for (name, template) in contents.named() {
        let mut profiles: Vec<Option<&SampleProfile>> = shared.profiles_for(template).map(Some).collect();
        if profiles.is_empty() {
            profiles.push(None);
        }
        for profile in profiles {
            if args.profile.is_some() && profile.map(|p| &p.name) != args.profile.as_ref() {
                continue;
            }
            matched = true;
            let title = match profile {
                Some(profile) => format!("{name} [{} {}]", lang.pick("样例", "profile"), profile.name),
                None => name.to_owned(),
            };
            let data = sample::parse(profile.map_or("", |p| p.data.as_str())).map_err(|err| err.message(lang));
            match data.and_then(|data| render::render_in(&env, &template.body, &data).map_err(|err| err.message(lang))) {
                Ok(output) => {
                    let gap = if printed { "\n" } else { "" };
                    printed = true;
                    let end = if output.ends_with('\n') { "" } else { "\n" };
                    print!("{gap}==> {title} <==\n{output}{end}");
                }
                Err(message) => {
                    eprintln!("{title}: {message}");
                    failed = true;
                }
            }
        }
    }
    match &args.profile {
        Some(name) if !matched => Err(InputError(match lang {
            Lang::Zh => format!("{} 中没有名为“{name}”的样例", args.file),
            Lang::En => format!("no profile named “{name}” in {}", args.file),
        })),
        _ => Ok(if failed { Outcome::Failed } else { Outcome::Clean }),
    }
}

/// Renders and checks FILE for every recipient of the list, writing a CSV
/// line per recipient as each chunk is done (so 100,000 rows never sit in
/// memory at once), then prints the summary and the template's own findings.
fn run_merge(args: &MergeArgs, lang: Lang) -> Result<Outcome, InputError> {
    use std::io::Write;
    let started = std::time::Instant::now();
    let template = template_of(&args.file, read(&args.file, lang)?, &args.options);
    if args.eml.is_some() && template.channel != Channel::Email {
        return Err(InputError(lang.pick("--eml 只用于电子邮件模板", "--eml is for e-mail templates").to_owned()));
    }
    let shared = Shared {
        schema: load_schema(args.options.schema.as_deref(), lang)?.unwrap_or_default(),
        partials: Loader::new(&args.file, &args.options.search_paths).partials(&args.file, &template.body, lang)?,
        ..Shared::default()
    };
    let mut settings = load_settings(args.options.settings.as_deref(), lang)?.unwrap_or_default();
    settings.platform = args.options.platform.or(settings.platform);
    let data = fs::read(&args.recipients).map_err(|err| cannot_read(&args.recipients, err, lang))?;
    let list = recipients::read(&args.recipients, &data, recipients::decode_gbk).map_err(|err| InputError(err.message(&args.recipients, lang)))?;
    drop(data);
    let mapping = recipients::auto_mapping(&list.columns, &shared.schema);
    // Said before the merge: a field no column fills, and columns the template does not read.
    let (sources, unread_columns) = merge::sources(&template, &shared, &mapping, &args.fixed);
    for warning in sources.iter().filter_map(|(field, source)| source.warning(field)) {
        eprintln!("{}: {}", args.recipients, warning.get(lang));
    }
    if !unread_columns.is_empty() {
        let names: Vec<&str> = unread_columns.iter().map(|&i| list.columns[i].as_str()).collect();
        eprintln!("{}: {}", args.recipients, merge::unread_columns(&names).get(lang));
    }
    let fields: Vec<String> = match &args.fields {
        Some(fields) => fields.iter().filter(|f| !f.is_empty()).cloned().collect(),
        None => mapping.iter().flatten().cloned().collect(),
    };
    let out = fs::File::create(&args.out).map_err(|err| cannot_write(&args.out, err, lang))?;
    let mut out = std::io::BufWriter::new(out);
    let write_failed = |err: std::io::Error| cannot_write(&args.out, err, lang);
    out.write_all(merge::csv_header(&fields).as_bytes()).map_err(write_failed)?;
    for problem in &list.problems {
        out.write_all(merge::csv_unread(problem, fields.len(), lang).as_bytes()).map_err(write_failed)?;
    }
    // The messages' zip, written as it grows too.
    let mut emls = match &args.eml {
        Some(path) => {
            let file = fs::File::create(path).map_err(|err| cannot_write(path, err, lang))?;
            Some((path, std::io::BufWriter::new(file), ZipWriter::default()))
        }
        None => None,
    };
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    let job = Merge::new(&template, &shared, &settings, &list, &mapping).with_fixed(&args.fixed);
    let (mut tally, mut findings, mut stopped) = (Tally::default(), Vec::new(), None);
    for range in job.chunks() {
        let probe = range.start == 0;
        let chunk = job.chunk(range);
        stopped = if probe { Merge::runaway(&chunk) } else { None };
        for row in &chunk.rows {
            tally.add(row.status);
            out.write_all(merge::csv_row(row, &fields, lang).as_bytes()).map_err(write_failed)?;
            if let Some((path, file, zip)) = &mut emls {
                if let Some(entry) = merge::eml_entry(row, &template, &shared.schema, now_ms) {
                    file.write_all(&zip.add(&entry)).map_err(|err| cannot_write(path, err, lang))?;
                }
            }
        }
        findings = chunk.template;
        if stopped.is_some() {
            break;
        }
    }
    out.flush().map_err(write_failed)?;
    if let Some((path, mut file, zip)) = emls {
        file.write_all(&zip.finish()).and_then(|()| file.flush()).map_err(|err| cannot_write(path, err, lang))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let done = tally.ok + tally.warning + tally.error;
    let rate = if seconds > 0.0 { (done as f64 / seconds).round() } else { 0.0 };
    let unread = list.problems.len();
    let rows = match (done == job.rows(), lang) {
        (true, _) => done.to_string(),
        (false, Lang::Zh) => format!("{done} / {}", job.rows()),
        (false, Lang::En) => format!("{done} of {}", job.rows()),
    };
    eprintln!("{}", match lang {
        Lang::Zh => format!("{rows} 位收件人：{} 正常，{} 有警告，{} 有错误；{unread} 行无法读取。用时 {seconds:.2} 秒，每秒 {rate} 行。结果：{}", tally.ok, tally.warning, tally.error, args.out),
        Lang::En => format!("{rows} recipients: {} ok, {} with warnings, {} with errors; {unread} lines unread. {seconds:.2} s, {rate} rows/s. Results: {}", tally.ok, tally.warning, tally.error, args.out),
    });
    for finding in &findings {
        eprintln!("{}: {}[{}] {}", args.file, finding.severity.as_str(), finding.rule.as_str(), finding.message.get(lang));
    }
    if let Some(why) = &stopped {
        eprintln!("{}: {}", args.file, why.get(lang));
    }
    let failed = stopped.is_some() || tally.error > 0 || unread > 0 || Readiness::of(&findings).errors > 0;
    Ok(if failed { Outcome::Failed } else { Outcome::Clean })
}

fn run_export(args: &ExportArgs, lang: Lang) -> Result<Outcome, InputError> {
    let body = match input(&args.file, lang)? {
        Input::Template(body) => body,
        Input::Library(_) => {
            return Err(InputError(lang.pick("export 只接受一个 .j2 模板文件", "export takes one .j2 template file").to_owned()));
        }
    };
    let shared = Shared {
        schema: load_schema(args.schema.as_deref(), lang)?.unwrap_or_default(),
        partials: Loader::new(&args.file, &args.search_paths).partials(&args.file, &body, lang)?,
        ..Shared::default()
    };
    let file_name = std::path::Path::new(&args.file).file_name().and_then(|n| n.to_str()).unwrap_or("");
    let template = Template {
        name: args.name.clone().unwrap_or_else(|| file_name.split('.').next().unwrap_or("").to_owned()),
        purpose: args.purpose,
        body,
        samples: load_profiles(args.data.as_deref(), lang)?,
        ..Template::default()
    };
    // A FILE is a body: the subject of an e-mail is the page's to convert.
    match convert::export_template(&template, &shared, args.to).body {
        Ok(text) => {
            print!("{text}");
            Ok(Outcome::Clean)
        }
        Err(refusal) => {
            let file = refusal.partial.as_deref().unwrap_or(&args.file);
            let place = refusal.span.as_ref().map_or(String::new(), |s| format!("{}:{}:", s.line, s.column));
            eprintln!("{file}:{place} {}", refusal.message.get(lang));
            Ok(Outcome::Failed)
        }
    }
}
