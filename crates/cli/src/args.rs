//! Command-line arguments, parsed by hand: two subcommands and a few flags
//! do not need a parser crate.

use notice_engine::lang::Lang;
use notice_engine::model::{Channel, Purpose};

pub const HELP: &str = "\
notice: check and render Notice Studio templates

USAGE:
  notice check [--channel email|sms|inapp|notice] [--purpose notification|marketing]
               [--schema SCHEMA.json] [--data PROFILES.json] [--settings SETTINGS.json]
               [--format text|json] [--lang zh-CN|en] FILE|LIBRARY...
  notice render FILE [--data PROFILES.json] [--profile NAME] [--lang zh-CN|en]
  notice render LIBRARY [--profile NAME] [--lang zh-CN|en]

FILE is a Jinja template (.j2); without --channel the channel is taken from a
second extension (welcome.sms.j2), else e-mail. LIBRARY is a library exported
by Notice Studio, a .zip or a .json bundle: check checks every template in it
with its own channel, purpose and sample profiles, and render renders each
with every profile of its own (or only the one --profile names). The library's
schema, partials and settings apply unless --schema or --settings is given,
which then stand in for them; --channel, --purpose and --data are for FILEs
only. A library's templates are named LIBRARY › templates/SCENARIO/NAME.CHANNEL.j2
(the file in the zip) or LIBRARY › NAME.CHANNEL.j2 (in a bundle).
PROFILES.json is one data object or {\"profiles\": {\"NAME\": {...}}}.
SETTINGS.json switches rules off or re-levels them, per library and per
channel, and sets thresholds and word lists:
{\"rules\": {\"typography\": {\"enabled\": false}}, \"channels\": {\"sms\":
{\"absolute-term\": {\"severity\": \"error\"}}}, \"thresholds\": {\"sms_max_segments\": 3}}.

EXIT STATUS: 0 no errors, 1 errors found (or rendering failed), 2 bad usage or unreadable input
(a missing file, bad JSON, a damaged library or one of a newer format).
";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Check(CheckArgs),
    Render(RenderArgs),
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
    pub files: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RenderArgs {
    pub file: String,
    pub data: Option<String>,
    pub profile: Option<String>,
    pub lang: Option<Lang>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let command = args.next();
    let mut check = CheckArgs::default();
    let mut render = RenderArgs::default();
    let mut files = Vec::new();
    let is_check = match command.as_deref() {
        Some("check") => true,
        Some("render") => false,
        None | Some("help" | "-h" | "--help") => return Ok(Command::Help),
        Some(other) => return Err(UsageError(format!("unknown command {other:?}"))),
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| UsageError(format!("{flag} needs a value")));
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--data" => {
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
            "--format" if is_check => {
                check.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(UsageError(format!("--format takes text or json, not {other:?}"))),
                }
            }
            "--profile" if !is_check => render.profile = Some(value("--profile")?),
            flag if flag.starts_with("--") => return Err(UsageError(format!("unknown option {flag}"))),
            _ => files.push(arg),
        }
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
            parse_words("check --channel sms --purpose marketing --schema s.json --data p.json --settings t.json --format json --lang en a.j2 b.j2")
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
                files: vec!["a.j2".into(), "b.j2".into()],
            })
        );
    }

    #[test]
    fn render_with_profile() {
        assert_eq!(
            parse_words("render t.j2 --data p.json --profile vip").unwrap(),
            Command::Render(RenderArgs { file: "t.j2".into(), data: Some("p.json".into()), profile: Some("vip".into()), lang: None })
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
        ] {
            let UsageError(message) = parse_words(line).unwrap_err();
            assert!(message.contains(says), "{line}: {message}");
        }
        assert_eq!(parse_words("").unwrap(), Command::Help);
    }
}
