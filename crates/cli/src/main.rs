//! `notice`: argument parsing and printing around engine calls, nothing else.

mod args;

use std::fs;
use std::process::ExitCode;

use args::{CheckArgs, Command, Format, RenderArgs, UsageError};
use notice_engine::check::{self, Context, Readiness, Settings};
use notice_engine::lang::Lang;
use notice_engine::model::{Channel, FieldSchema, Shared, SampleProfile, Template};
use notice_engine::report::{self, JsonFile, JsonReport};
use notice_engine::{render, sample};

fn main() -> ExitCode {
    let lang = std::env::var("LANG").ok().and_then(|l| Lang::from_tag(&l)).unwrap_or(Lang::En);
    match args::parse(std::env::args().skip(1)) {
        Ok(Command::Check(args)) => exit(run_check(&args, args.lang.unwrap_or(lang))),
        Ok(Command::Render(args)) => exit(run_render(&args, args.lang.unwrap_or(lang))),
        Ok(Command::Help) => {
            print!("{}", args::HELP);
            ExitCode::SUCCESS
        }
        Err(UsageError(message)) => {
            eprintln!("notice: {message}\n\n{}", args::HELP);
            ExitCode::from(2)
        }
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

fn read(path: &str, lang: Lang) -> Result<String, InputError> {
    fs::read_to_string(path).map_err(|err| {
        InputError(match lang {
            Lang::Zh => format!("无法读取 {path}：{err}"),
            Lang::En => format!("cannot read {path}: {err}"),
        })
    })
}

fn load_library(schema: Option<&str>, lang: Lang) -> Result<Shared, InputError> {
    let mut library = Shared::default();
    if let Some(path) = schema {
        library.schema = serde_json::from_str::<FieldSchema>(&read(path, lang)?)
            .map_err(|err| InputError(format!("{path}: {err}")))?;
    }
    Ok(library)
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

fn run_check(args: &CheckArgs, lang: Lang) -> Result<Outcome, InputError> {
    let library = load_library(args.schema.as_deref(), lang)?;
    let samples = load_profiles(args.data.as_deref(), lang)?;
    let settings = match &args.settings {
        None => Settings::default(),
        Some(path) => serde_json::from_str(&read(path, lang)?).map_err(|err| InputError(format!("{path}: {err}")))?,
    };
    let mut json = JsonReport { files: Vec::new() };
    let mut errors = 0;
    for file in &args.files {
        let body = read(file, lang)?;
        let template = Template {
            name: file.clone(),
            channel: args.channel.unwrap_or_else(|| channel_of(file)),
            purpose: args.purpose.unwrap_or_default(),
            body,
            samples: samples.clone(),
            ..Template::default()
        };
        let cx = Context::new(&template, &library);
        let diagnostics = check::check_context(&cx, &settings);
        errors += Readiness::of(&diagnostics).errors;
        match args.format {
            Format::Text => print!("{}", report::text(file, &cx, &diagnostics, lang)),
            Format::Json => json.files.push(JsonFile::new(file, &diagnostics, lang)),
        }
    }
    if args.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&json).map_err(|err| InputError(err.to_string()))?);
    }
    Ok(if errors > 0 { Outcome::Failed } else { Outcome::Clean })
}

fn run_render(args: &RenderArgs, lang: Lang) -> Result<Outcome, InputError> {
    let source = read(&args.file, lang)?;
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
    match render::render(&source, &data) {
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
