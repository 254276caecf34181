//! Section snippets for the body editor: a greeting, core message, call to
//! action, closing, contact block or opt-out footer, in the shape the channel
//! needs (an SMS says it in a phrase, an e-mail or notice in a paragraph)
//! and in the template's language. Field names follow the gallery presets.

use crate::lang::Lang;
use crate::library::model::Channel;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Greeting,
    Core,
    Action,
    Closing,
    Contact,
    OptOut,
}

impl Section {
    pub const ALL: [Section; 6] = [Section::Greeting, Section::Core, Section::Action, Section::Closing, Section::Contact, Section::OptOut];
}

/// The snippet for `section` in a `channel` template written in `lang`.
pub fn snippet(section: Section, channel: Channel, lang: Lang) -> &'static str {
    let short = channel == Channel::Sms;
    match (section, lang, short) {
        (Section::Greeting, Lang::Zh, true) => "【{{ company.short_name }}】{{ customer.name }}{{ customer.honorific }}，您好！",
        (Section::Greeting, Lang::Zh, false) => {
            "尊敬的{{ customer.name }}{{ customer.honorific }}：\n\n{% if customer.stage == \"long-term\" %}感谢您一直以来的信任与支持。{% else %}感谢您选择{{ company.name }}。{% endif %}"
        }
        (Section::Greeting, Lang::En, true) => "{{ company.short_name }}: Hi {{ customer.name }},",
        (Section::Greeting, Lang::En, false) => "Dear {% if customer.honorific %}{{ customer.honorific }} {% endif %}{{ customer.name }},\n\n",
        (Section::Core, Lang::Zh, true) => "{{ product.name }} 将于 {{ product.release_date }} 更新，",
        (Section::Core, Lang::Zh, false) => {
            "{{ product.name }} 将于 {{ product.release_date }} 升级到 {{ product.version }} 版本。这次更新将为您带来：\n{% for change in product.changes %}{{ loop.index }}. {{ change }}\n{% endfor %}"
        }
        (Section::Core, Lang::En, true) => "{{ product.name }} updates on {{ product.release_date }}.",
        (Section::Core, Lang::En, false) => {
            "{{ product.name }} moves to version {{ product.version }} on {{ product.release_date }}. What it brings you:\n{% for change in product.changes %}- {{ change }}\n{% endfor %}"
        }
        (Section::Action, Lang::Zh, true) => "请登录官网查看详情。",
        (Section::Action, Lang::Zh, false) => "请在 {{ product.release_date }} 前登录 {{ company.website }}，按页面提示完成确认；整个过程约需 2 分钟。",
        (Section::Action, Lang::En, true) => "Details: {{ company.website }}",
        (Section::Action, Lang::En, false) => "Please sign in at {{ company.website }} before {{ product.release_date }} and confirm; it takes about two minutes.",
        (Section::Closing, Lang::Zh, true) => "祝您顺利！",
        (Section::Closing, Lang::Zh, false) => "如有任何问题或建议，欢迎随时告诉我们。祝您工作顺利！",
        (Section::Closing, Lang::En, true) => "Thank you!",
        (Section::Closing, Lang::En, false) => "If you have any questions or ideas, just reply to this e-mail. Best wishes,",
        (Section::Contact, Lang::Zh, true) => "客服热线 {{ company.hotline }}。",
        (Section::Contact, Lang::Zh, false) => "{% include \"zh/contact\" %}\n\n{% include \"zh/signature\" %}",
        (Section::Contact, Lang::En, true) => "Help: {{ company.hotline }}",
        (Section::Contact, Lang::En, false) => "{% include \"en/contact\" %}\n\n{% include \"en/signature\" %}",
        (Section::OptOut, Lang::Zh, true) => "{% include \"zh/sms_optout\" %}",
        (Section::OptOut, Lang::Zh, false) => "{% include \"zh/optout\" %}",
        (Section::OptOut, Lang::En, true) => "{% include \"en/sms_optout\" %}",
        (Section::OptOut, Lang::En, false) => "{% include \"en/optout\" %}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Severity, Settings};
    use crate::library::gallery;
    use crate::library::model::Template;

    /// Every snippet parses and renders with the gallery's presets and partials,
    /// and an SMS built from all of them keeps its signature first.
    #[test]
    fn every_snippet_renders_in_every_channel_and_language() {
        let shared = gallery::shared();
        for channel in Channel::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let body: String = Section::ALL.iter().map(|s| snippet(*s, channel, lang)).collect::<Vec<_>>().join("\n");
                let template = Template { channel, locale: lang, body, ..Template::default() };
                let diagnostics = check::check(&template, &shared, &Settings::default());
                let broken: Vec<_> = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error && matches!(d.rule.as_str(), "syntax" | "render-error" | "undefined-variable"))
                    .collect();
                assert!(broken.is_empty(), "{channel:?} {lang:?}: {broken:?}");
            }
        }
        assert!(snippet(Section::Greeting, Channel::Sms, Lang::Zh).starts_with('【'));
    }
}
