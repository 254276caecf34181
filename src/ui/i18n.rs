//! The UI's message catalogue: every visible string, in Chinese and English.

use notice_engine::check::Severity;
use notice_engine::lang::Lang;
use notice_engine::model::{Channel, Purpose};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Tagline,
    LanguageSwitch,
    TemplateHeading,
    TemplateHint,
    SampleHeading,
    SampleHint,
    PreviewHeading,
    Saved,
    QuarantinedDraft,
    ChannelLabel,
    PurposeLabel,
    SampleProfileName,
    ChecksHeading,
    NoProblems,
    Ready,
    NotReady,
    Whole,
    ApplyFix,
    EngineLoading,
    EngineStopped,
}

pub fn t(lang: Lang, msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        Tagline => lang.pick(
            "在浏览器里撰写、检查和预览客户通知模板。无需安装，无需账号，客户数据不离开本页面。",
            "Draft, check and preview customer notification templates in your browser. Nothing to install, no account, and customer data never leaves this page.",
        ),
        LanguageSwitch => lang.pick("界面语言", "Interface language"),
        TemplateHeading => lang.pick("模板", "Template"),
        TemplateHint => lang.pick(
            "Jinja 语法：用 {{ customer.name }} 插入客户字段，用 {% if %} … {% endif %} 写条件。",
            "Jinja syntax: {{ customer.name }} inserts a customer field; {% if %} … {% endif %} adds a condition.",
        ),
        SampleHeading => lang.pick("样例数据（JSON）", "Sample data (JSON)"),
        SampleHint => lang.pick("一位示例客户的资料，只保存在本浏览器中。", "One example customer's record, kept only in this browser."),
        PreviewHeading => lang.pick("预览", "Preview"),
        Saved => lang.pick("已自动保存到本浏览器", "Saved in this browser"),
        QuarantinedDraft => lang.pick(
            "上次保存的草稿无法读取，已原样移到存储键 notice-studio.quarantine.notice-studio.draft 中保留（可在浏览器开发者工具中复制导出），现以空白草稿开始。",
            "The last saved draft could not be read. It was kept unchanged under the storage key notice-studio.quarantine.notice-studio.draft (copy it out with the browser's developer tools); you are starting from a blank draft.",
        ),
        ChannelLabel => lang.pick("渠道", "Channel"),
        PurposeLabel => lang.pick("用途", "Purpose"),
        SampleProfileName => lang.pick("示例客户", "sample customer"),
        ChecksHeading => lang.pick("检查", "Checks"),
        NoProblems => lang.pick("没有发现问题。", "No problems found."),
        Ready => lang.pick("可发布：没有错误", "Ready: no errors"),
        NotReady => lang.pick("未就绪：请先修正错误", "Not ready: fix the errors first"),
        Whole => lang.pick("整篇", "whole template"),
        ApplyFix => lang.pick("修正", "Fix"),
        EngineLoading => lang.pick("正在载入预览和检查…", "Loading preview and checks…"),
        EngineStopped => lang.pick(
            "预览和检查引擎在处理这个模板时停止了，修改模板后会自动重启。详情：",
            "The preview and checks engine stopped on this template; it restarts with your next edit. Details: ",
        ),
    }
}

pub fn channel_name(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Email => lang.pick("邮件", "E-mail"),
        Channel::Sms => lang.pick("短信", "SMS"),
        Channel::Inapp => lang.pick("站内消息", "In-app message"),
        Channel::Notice => lang.pick("正式公告", "Formal notice"),
    }
}

pub fn purpose_name(lang: Lang, purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Notification => lang.pick("通知", "Notification"),
        Purpose::Marketing => lang.pick("营销", "Marketing"),
    }
}

pub fn severity_name(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Info => lang.pick("提示", "info"),
    }
}

/// "2 errors, 1 warning, 3 notes" in the user's language.
pub fn counts(lang: Lang, errors: usize, warnings: usize, infos: usize) -> String {
    match lang {
        Lang::Zh => format!("{errors} 个错误，{warnings} 个警告，{infos} 个提示"),
        Lang::En => format!("{errors} errors, {warnings} warnings, {infos} notes"),
    }
}

/// The first draft a new user sees, so the preview shows something at once.
pub fn starter_draft(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Zh => (
            "尊敬的{{ customer.name }}{{ customer.honorific }}：\n\n您好！{{ product.name }} 已于 {{ product.release_date }} 升级到 {{ product.version }} 版本，\n{% for change in product.changes %}- {{ change }}\n{% endfor %}\n如有疑问，请联系您的客户经理 {{ manager.name }}（{{ manager.phone }}）。\n\n祝工作顺利！",
            "{\n  \"customer\": {\"name\": \"张伟\", \"honorific\": \"先生\"},\n  \"product\": {\n    \"name\": \"云账本\",\n    \"version\": \"3.2\",\n    \"release_date\": \"2026年11月20日\",\n    \"changes\": [\"报表导出速度提升一倍\", \"新增发票批量核对\"]\n  },\n  \"manager\": {\"name\": \"李娜\", \"phone\": \"400-800-1234\"}\n}",
        ),
        Lang::En => (
            "Dear {{ customer.honorific }} {{ customer.name }},\n\n{{ product.name }} was updated to version {{ product.version }} on {{ product.release_date }}:\n{% for change in product.changes %}- {{ change }}\n{% endfor %}\nIf you have any questions, contact your account manager {{ manager.name }} ({{ manager.phone }}).\n\nBest regards",
            "{\n  \"customer\": {\"name\": \"Chen\", \"honorific\": \"Ms\"},\n  \"product\": {\n    \"name\": \"CloudLedger\",\n    \"version\": \"3.2\",\n    \"release_date\": \"20 November 2026\",\n    \"changes\": [\"Reports export twice as fast\", \"Batch invoice matching\"]\n  },\n  \"manager\": {\"name\": \"Li Na\", \"phone\": \"400-800-1234\"}\n}",
        ),
    }
}
