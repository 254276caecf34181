//! Command-line arguments, parsed by clap: the commands, their flags and the
//! help text a user reads.

use clap::{Args, Parser, Subcommand, ValueEnum};
use notice_engine::convert::sms::Platform;
use notice_engine::convert::Target;
use notice_engine::files::recipients::Fixed;
use notice_engine::lang::Lang;
use notice_engine::library::model::{Channel, Purpose};

#[derive(Debug, Parser)]
#[command(
    name = "notice",
    about = "Check, render and mail-merge Notice Studio templates",
    long_about = "Check, render and mail-merge Notice Studio templates, with the same checks as the page.\n\n\
FILE is a Jinja template (.j2); without --channel the channel is taken from a second extension \
(welcome.sms.j2), else e-mail. The templates FILE includes, imports or extends are looked for as \
Jinja2's FileSystemLoader looks: in FILE's folder, then in each --search-path DIR in order.\n\n\
LIBRARY is a library exported by Notice Studio, a .zip or a .json bundle: every template in it \
with its own channel, purpose and sample profiles; its schema, partials and settings apply unless \
--schema or --settings stand in for them. Its templates are named LIBRARY › templates/SCENARIO/NAME.CHANNEL.j2 \
(in a zip) or LIBRARY › NAME.CHANNEL.j2 (in a bundle).",
    after_help = "EXIT STATUS: 0 no errors; 1 errors found (or rendering failed, or a recipient's message has an error, or export refused the template); \
2 bad usage or unreadable input (a missing file, bad JSON, a damaged library or one of a newer format).",
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Check templates and print what is wrong, like a compiler
    Check(CheckArgs),
    /// Print a template rendered with sample data
    Render(RenderArgs),
    /// Render and check a template for every recipient of a list
    #[command(long_about = "Render and check FILE for every recipient of LIST (CSV in UTF-8 or GBK, comma or semicolon, \
or JSON Lines; columns map to schema fields by path, label or last name) and write one CSV line per recipient to \
RESULTS.csv: row, line, the --fields chosen, subject, body, SMS segments, status (ok, warning, error), rules fired and \
problems (missing required fields, bad formats, unreadable lines). With --eml, for an e-mail template, also a zip of one \
.eml file per recipient. Prints a summary and the template's own findings.")]
    Merge(MergeArgs),
    /// Convert a template for the system that sends it: Liquid, Handlebars or an SMS platform's template API
    #[command(long_about = "Convert FILE for the system that sends it and print the result: the template in Liquid \
(Braze, Customer.io, Knock, Novu) or Handlebars (SendGrid, Mailgun), or for an SMS platform one JSON object, the body of \
its create-template request (Aliyun CreateSmsTemplate, Tencent Cloud AddSmsTemplate, Huawei Cloud CreateTemplate) plus \
\"variables\": which Jinja expression fills each placeholder. Includes are inlined. A template whose meaning would \
change is refused, not guessed: the message names the construct and its line. The types of values come from --schema \
and the sample profiles of --data.")]
    Export(ExportArgs),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// How a template FILE is taken: the same for check and merge.
#[derive(Debug, Default, PartialEq, Eq, Args)]
pub struct TemplateOptions {
    /// The channel of a FILE (default: from its second extension, else email)
    #[arg(long, value_parser = channel)]
    pub channel: Option<Channel>,
    /// The purpose of a FILE
    #[arg(long, value_parser = purpose)]
    pub purpose: Option<Purpose>,
    /// The field schema (JSON), instead of a library's own
    #[arg(long, value_name = "SCHEMA.json")]
    pub schema: Option<String>,
    /// Rule switches, severities, thresholds and word lists (JSON), e.g.
    /// {"rules": {"typography": {"enabled": false}}, "thresholds": {"sms_max_segments": 3}}
    #[arg(long, value_name = "SETTINGS.json")]
    pub settings: Option<String>,
    /// The language of messages (default: from LANG)
    #[arg(long, value_parser = lang)]
    pub lang: Option<Lang>,
    /// A folder searched, after FILE's own, for the templates it includes, imports or extends
    #[arg(long = "search-path", value_name = "DIR")]
    pub search_paths: Vec<String>,
    /// Add this SMS platform's review rules (platform-*), instead of the library's choice
    #[arg(long, value_parser = platform, value_name = "aliyun|tencent|huawei")]
    pub platform: Option<Platform>,
}

#[derive(Debug, Default, PartialEq, Eq, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub options: TemplateOptions,
    /// Sample profiles for a FILE: one data object or {"profiles": {"NAME": {...}}}
    #[arg(long, value_name = "PROFILES.json")]
    pub data: Option<String>,
    /// The report's form
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Templates (.j2) and exported libraries (.zip, .json)
    #[arg(required = true, value_name = "FILE|LIBRARY")]
    pub files: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq, Args)]
pub struct RenderArgs {
    /// A template (.j2), or a library: each of its templates with each of its profiles
    #[arg(value_name = "FILE|LIBRARY")]
    pub file: String,
    /// Sample profiles for a FILE: one data object or {"profiles": {"NAME": {...}}}
    #[arg(long, value_name = "PROFILES.json")]
    pub data: Option<String>,
    /// Render with this profile only (default: a FILE's first)
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The language of messages (default: from LANG)
    #[arg(long, value_parser = lang)]
    pub lang: Option<Lang>,
    /// A folder searched, after FILE's own, for the templates it includes, imports or extends
    #[arg(long = "search-path", value_name = "DIR")]
    pub search_paths: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq, Args)]
pub struct MergeArgs {
    /// The template (.j2)
    pub file: String,
    /// The recipient list (CSV or JSON Lines)
    #[arg(long, required = true, value_name = "LIST.csv|LIST.jsonl")]
    pub recipients: String,
    /// Where the results go, one CSV line per recipient
    #[arg(long, required = true, value_name = "RESULTS.csv")]
    pub out: String,
    #[command(flatten)]
    pub options: TemplateOptions,
    /// Recipient fields written beside each message (default: every mapped one)
    #[arg(long, value_name = "PATH,PATH…", value_delimiter = ',', value_parser = field)]
    pub fields: Option<Vec<String>>,
    /// For e-mail: a zip of one .eml file per recipient, written here
    #[arg(long, value_name = "MESSAGES.zip")]
    pub eml: Option<String>,
    /// A campaign-wide value for a field no column fills, the same for every recipient (repeatable)
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = fixed)]
    pub fixed: Vec<Fixed>,
}

/// `notice export`: exit 0 converted, 1 refused, 2 bad usage.
#[derive(Debug, PartialEq, Eq, Args)]
pub struct ExportArgs {
    /// The template (.j2)
    pub file: String,
    /// What to convert it for
    #[arg(long, value_parser = target, value_name = "liquid|handlebars|aliyun-sms|tencent-sms|huawei-sms")]
    pub to: Target,
    /// Sample profiles: what the values look like, and the example for the platform's reviewer
    #[arg(long, value_name = "PROFILES.json")]
    pub data: Option<String>,
    /// The field schema (JSON): the types of the values
    #[arg(long, value_name = "SCHEMA.json")]
    pub schema: Option<String>,
    /// The SMS template's name (default: FILE's name without extensions)
    #[arg(long)]
    pub name: Option<String>,
    /// The SMS template's purpose
    #[arg(long, value_parser = purpose, default_value = "notification")]
    pub purpose: Purpose,
    /// The language of messages (default: from LANG)
    #[arg(long, value_parser = lang)]
    pub lang: Option<Lang>,
    /// A folder searched, after FILE's own, for the templates it includes
    #[arg(long = "search-path", value_name = "DIR")]
    pub search_paths: Vec<String>,
}

fn platform(name: &str) -> Result<Platform, String> {
    Platform::parse(name).ok_or_else(|| format!("unknown platform {name:?} (aliyun, tencent or huawei)"))
}

fn target(name: &str) -> Result<Target, String> {
    Target::parse(name).ok_or_else(|| format!("unknown target {name:?} (liquid, handlebars, aliyun-sms, tencent-sms or huawei-sms)"))
}

fn channel(name: &str) -> Result<Channel, String> {
    Channel::parse(name).ok_or_else(|| format!("unknown channel {name:?} (email, sms, inapp or notice)"))
}

fn purpose(name: &str) -> Result<Purpose, String> {
    Purpose::parse(name).ok_or_else(|| format!("unknown purpose {name:?} (notification or marketing)"))
}

fn lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("takes zh-CN or en, not {tag:?}"))
}

fn field(path: &str) -> Result<String, String> {
    Ok(path.trim().to_owned())
}

fn fixed(assignment: &str) -> Result<Fixed, String> {
    match assignment.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() => Ok(Fixed { path: path.trim().to_owned(), value: value.to_owned() }),
        _ => Err(format!("expected PATH=VALUE, e.g. sender.name=星河科技, not {assignment:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(line: &str) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("notice").chain(line.split_whitespace())).map(|cli| cli.command)
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn check_with_every_flag() {
        let command = parse_words(
            "check --channel sms --purpose marketing --schema s.json --data p.json --settings t.json --format json --lang en --search-path x --search-path y --platform tencent a.j2 b.j2",
        )
        .unwrap();
        assert_eq!(
            command,
            Command::Check(CheckArgs {
                options: TemplateOptions {
                    channel: Some(Channel::Sms),
                    purpose: Some(Purpose::Marketing),
                    schema: Some("s.json".into()),
                    settings: Some("t.json".into()),
                    lang: Some(Lang::En),
                    search_paths: vec!["x".into(), "y".into()],
                    platform: Some(Platform::Tencent),
                },
                data: Some("p.json".into()),
                format: Format::Json,
                files: vec!["a.j2".into(), "b.j2".into()],
            })
        );
    }

    #[test]
    fn merge_with_its_flags() {
        let command = parse_words(
            "merge t.sms.j2 --recipients l.csv --out r.csv --schema s.json --fields customer.name,customer.phone --set sender.name=星河 --set deadline=a=b",
        )
        .unwrap();
        assert_eq!(
            command,
            Command::Merge(MergeArgs {
                file: "t.sms.j2".into(),
                recipients: "l.csv".into(),
                out: "r.csv".into(),
                options: TemplateOptions { schema: Some("s.json".into()), ..TemplateOptions::default() },
                fields: Some(vec!["customer.name".into(), "customer.phone".into()]),
                eml: None,
                fixed: vec![Fixed { path: "sender.name".into(), value: "星河".into() }, Fixed { path: "deadline".into(), value: "a=b".into() }],
            })
        );
    }

    #[test]
    fn render_with_profile() {
        assert_eq!(
            parse_words("render t.j2 --data p.json --profile vip").unwrap(),
            Command::Render(RenderArgs { file: "t.j2".into(), data: Some("p.json".into()), profile: Some("vip".into()), ..RenderArgs::default() })
        );
    }

    #[test]
    fn export_with_its_flags() {
        assert_eq!(
            parse_words("export t.sms.j2 --to tencent-sms --data p.json --name 到货 --purpose marketing").unwrap(),
            Command::Export(ExportArgs {
                file: "t.sms.j2".into(),
                to: Target::TencentSms,
                data: Some("p.json".into()),
                schema: None,
                name: Some("到货".into()),
                purpose: Purpose::Marketing,
                lang: None,
                search_paths: vec![],
            })
        );
    }

    #[test]
    fn bad_usage_is_explained() {
        for (line, says) in [
            ("check", "<FILE|LIBRARY>"),
            ("check --channel fax a.j2", "unknown channel \"fax\""),
            ("check --format xml a.j2", "invalid value 'xml' for '--format <FORMAT>'"),
            ("check a.j2 --schema", "a value is required for '--schema <SCHEMA.json>'"),
            ("render a.j2 b.j2", "unexpected argument 'b.j2'"),
            ("render --channel sms a.j2", "unexpected argument '--channel'"),
            ("lint a.j2", "unrecognized subcommand 'lint'"),
            ("merge a.j2 --out r.csv", "--recipients <LIST.csv|LIST.jsonl>"),
            ("merge a.j2 b.j2 --recipients l.csv --out r.csv", "unexpected argument 'b.j2'"),
            ("merge a.j2 --recipients l.csv --out r.csv --format json", "unexpected argument '--format'"),
            ("merge a.j2 --recipients l.csv --out r.csv --set sender", "expected PATH=VALUE"),
            ("check --platform yunpian a.j2", "unknown platform \"yunpian\""),
            ("export a.j2", "--to <liquid|handlebars|aliyun-sms|tencent-sms|huawei-sms>"),
            ("export a.j2 --to jade", "unknown target \"jade\""),
            ("export a.j2 --to liquid --purpose spam", "unknown purpose \"spam\""),
        ] {
            let message = parse_words(line).unwrap_err().to_string();
            assert!(message.contains(says), "{line}: {message}");
        }
    }
}
