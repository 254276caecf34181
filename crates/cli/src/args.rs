//! Command-line arguments, parsed by hand: three subcommands and a few flags
//! do not need a parser crate.

use notice_engine::lang::Lang;
use notice_engine::model::{Channel, Purpose};

pub const HELP: &str = "\
notice: check and render Notice Studio templates

USAGE:
  notice check [--channel email|sms|inapp|notice] [--purpose notification|marketing]
               [--schema SCHEMA.json] [--data PROFILES.json] [--settings SETTINGS.json]
               [--format text|json] [--lang zh-CN|en] [--search-path DIR]... FILE|LIBRARY...
  notice render FILE [--data PROFILES.json] [--profile NAME] [--lang zh-CN|en] [--search-path DIR]...
  notice render LIBRARY [--profile NAME] [--lang zh-CN|en]
  notice merge FILE --recipients LIST.csv|LIST.jsonl --out RESULTS.csv [--channel …] [--purpose …]
               [--schema SCHEMA.json] [--settings SETTINGS.json] [--fields PATH,PATH…] [--eml MESSAGES.zip]
               [--lang zh-CN|en] [--search-path DIR]...

FILE is a Jinja template (.j2); without --channel the channel is taken from a
second extension (welcome.sms.j2), else e-mail. The templates FILE includes,
imports or extends are looked for as Jinja2's FileSystemLoader looks: in FILE's
folder, then in each --search-path DIR in order. LIBRARY is a library exported
by Notice Studio, a .zip or a .json bundle: check checks every template in it
with its own channel, purpose and sample profiles, and render renders each
with every profile of its own (or only the one --profile names). The library's
schema, partials and settings apply unless --schema or --settings is given,
which then stand in for them; --channel, --purpose and --data are for FILEs
only. A library's templates are named LIBRARY › templates/SCENARIO/NAME.CHANNEL.j2
(the file in the zip) or LIBRARY › NAME.CHANNEL.j2 (in a bundle).
PROFILES.json is one data object or {\"profiles\": {\"NAME\": {...}}}.
merge renders and checks FILE for every recipient of LIST (CSV in UTF-8 or GBK,
comma or semicolon, or JSON Lines; columns map to schema fields by path, label
or last name) and writes one CSV line per recipient to RESULTS.csv: row, line,
the --fields chosen (default: every mapped one), subject, body, SMS segments,
status (ok, warning, error), rules fired and problems (missing required fields,
bad formats, unreadable lines), and with --eml, for an e-mail template, a zip of
one .eml file per recipient (To: the first e-mail field with a valid address).
It prints a summary and the template's own findings.
SETTINGS.json switches rules off or re-levels them, per library and per
channel, and sets thresholds and word lists:
{\"rules\": {\"typography\": {\"enabled\": false}}, \"channels\": {\"sms\":
{\"absolute-term\": {\"severity\": \"error\"}}}, \"thresholds\": {\"sms_max_segments\": 3}}.

EXIT STATUS: 0 no errors, 1 errors found (or rendering failed, or a recipient's message has an error), 2 bad usage or unreadable input
(a missing file, bad JSON, a damaged library or one of a newer format).
";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Check(CheckArgs),
    Render(RenderArgs),
    Merge(MergeArgs),
    Help,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckArgs {
    pub channel: Option<Channel>,
    pub purpose: Option<Purpose>,
    pub schema: Option<String>,
    pub data: Option<String>,
    pub settings: Option<String>,
    pub format: Format,
    pub lang: Option<Lang>,
    /// Folders searched after the FILE's own for the templates it includes,
    /// imports or extends.
    pub search_paths: Vec<String>,
    pub files: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RenderArgs {
    pub file: String,
    pub data: Option<String>,
    pub profile: Option<String>,
    pub lang: Option<Lang>,
    pub search_paths: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct MergeArgs {
    pub file: String,
    pub recipients: String,
    pub out: String,
    /// The channel, purpose, schema, settings and language, as for check.
    pub options: CheckArgs,
    /// Recipient fields to write beside each message; `None`: every mapped one.
    pub fields: Option<Vec<String>>,
    /// For e-mail: a zip of one `.eml` file per recipient, written here.
    pub eml: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let command = args.next();
    let mut check = CheckArgs::default();
    let mut render = RenderArgs::default();
    let mut merge = MergeArgs::default();
    let mut files = Vec::new();
    let (is_check, is_merge) = match command.as_deref() {
        Some("check") => (true, false),
        Some("render") => (false, false),
        Some("merge") => (true, true),
        None | Some("help" | "-h" | "--help") => return Ok(Command::Help),
        Some(other) => return Err(UsageError(format!("unknown command {other:?}"))),
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| UsageError(format!("{flag} needs a value")));
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--data" if !is_merge => {
                let path = value("--data")?;
                check.data = Some(path.clone());
                render.data = Some(path);
            }
            "--lang" => {
                let tag = value("--lang")?;
                let lang = Lang::from_tag(&tag).ok_or_else(|| UsageError(format!("--lang takes zh-CN or en, not {tag:?}")))?;
                check.lang = Some(lang);
                render.lang = Some(lang);
            }
            "--channel" if is_check => {
                let name = value("--channel")?;
                check.channel = Some(Channel::parse(&name).ok_or_else(|| UsageError(format!("unknown channel {name:?}")))?);
            }
            "--purpose" if is_check => {
                let name = value("--purpose")?;
                check.purpose = Some(Purpose::parse(&name).ok_or_else(|| UsageError(format!("unknown purpose {name:?}")))?);
            }
            "--schema" if is_check => check.schema = Some(value("--schema")?),
            "--settings" if is_check => check.settings = Some(value("--settings")?),
            "--format" if is_check && !is_merge => {
                check.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(UsageError(format!("--format takes text or json, not {other:?}"))),
                }
            }
            "--search-path" => {
                let folder = value("--search-path")?;
                check.search_paths.push(folder.clone());
                render.search_paths.push(folder);
            }
            "--profile" if !is_check => render.profile = Some(value("--profile")?),
            "--recipients" if is_merge => merge.recipients = value("--recipients")?,
            "--out" if is_merge => merge.out = value("--out")?,
            "--eml" if is_merge => merge.eml = Some(value("--eml")?),
            "--fields" if is_merge => merge.fields = Some(value("--fields")?.split(',').map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()).collect()),
            flag if flag.starts_with("--") => return Err(UsageError(format!("unknown option {flag}"))),
            _ => files.push(arg),
        }
    }
    if is_merge {
        let missing = [("--recipients", &merge.recipients), ("--out", &merge.out)].into_iter().find(|(_, v)| v.is_empty());
        if let Some((flag, _)) = missing {
            return Err(UsageError(format!("merge needs {flag}")));
        }
        return match <[String; 1]>::try_from(files) {
            Ok([file]) => {
                merge.file = file;
                merge.options = check;
                Ok(Command::Merge(merge))
            }
            Err(_) => Err(UsageError("merge takes exactly one FILE".into())),
        };
    }
    if is_check {
        if files.is_empty() {
            return Err(UsageError("check needs at least one FILE".into()));
        }
        check.files = files;
        Ok(Command::Check(check))
    } else {
        match <[String; 1]>::try_from(files) {
            Ok([file]) => {
                render.file = file;
                Ok(Command::Render(render))
            }
            Err(_) => Err(UsageError("render takes exactly one FILE".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(line: &str) -> Result<Command, UsageError> {
        parse(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn check_with_every_flag() {
        let command =
            parse_words("check --channel sms --purpose marketing --schema s.json --data p.json --settings t.json --format json --lang en --search-path x --search-path y a.j2 b.j2")
                .unwrap();
        assert_eq!(
            command,
            Command::Check(CheckArgs {
                channel: Some(Channel::Sms),
                purpose: Some(Purpose::Marketing),
                schema: Some("s.json".into()),
                data: Some("p.json".into()),
                settings: Some("t.json".into()),
                format: Format::Json,
                lang: Some(Lang::En),
                search_paths: vec!["x".into(), "y".into()],
                files: vec!["a.j2".into(), "b.j2".into()],
            })
        );
    }

    #[test]
    fn merge_with_its_flags() {
        let command = parse_words("merge t.sms.j2 --recipients l.csv --out r.csv --schema s.json --fields customer.name,customer.phone").unwrap();
        assert_eq!(
            command,
            Command::Merge(MergeArgs {
                file: "t.sms.j2".into(),
                recipients: "l.csv".into(),
                out: "r.csv".into(),
                options: CheckArgs { schema: Some("s.json".into()), ..CheckArgs::default() },
                fields: Some(vec!["customer.name".into(), "customer.phone".into()]),
                eml: None,
            })
        );
    }

    #[test]
    fn render_with_profile() {
        assert_eq!(
            parse_words("render t.j2 --data p.json --profile vip").unwrap(),
            Command::Render(RenderArgs { file: "t.j2".into(), data: Some("p.json".into()), profile: Some("vip".into()), lang: None, search_paths: vec![] })
        );
    }

    #[test]
    fn bad_usage_is_explained() {
        for (line, says) in [
            ("check", "check needs at least one FILE"),
            ("check --channel fax a.j2", "unknown channel \"fax\""),
            ("check --format xml a.j2", "--format takes text or json"),
            ("check a.j2 --schema", "--schema needs a value"),
            ("render a.j2 b.j2", "render takes exactly one FILE"),
            ("render --channel sms a.j2", "unknown option --channel"),
            ("lint a.j2", "unknown command \"lint\""),
            ("merge a.j2 --out r.csv", "merge needs --recipients"),
            ("merge a.j2 b.j2 --recipients l.csv --out r.csv", "merge takes exactly one FILE"),
            ("merge a.j2 --recipients l.csv --out r.csv --format json", "unknown option --format"),
        ] {
            let UsageError(message) = parse_words(line).unwrap_err();
            assert!(message.contains(says), "{line}: {message}");
        }
        assert_eq!(parse_words("").unwrap(), Command::Help);
    }
}
