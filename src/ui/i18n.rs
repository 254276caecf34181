//! The UI's message catalogue: every visible string, in Chinese and English.

use notice_engine::check::Severity;
use notice_engine::lang::Lang;
use notice_engine::model::{Audience, Channel, Purpose, Stage, Status};

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
    StarterName,
    UntitledTemplate,
    LibraryHeading,
    NewTemplate,
    Search,
    SearchLabel,
    AllChannels,
    AllScenarios,
    AllStatuses,
    AllStages,
    SortLabel,
    SortByName,
    SortByEdit,
    TemplatesTab,
    TrashTab,
    CoverageTab,
    NoMatches,
    TrashEmpty,
    Restore,
    EmptyTrash,
    EmptyTrashConfirm,
    ConfirmDelete,
    Cancel,
    MovedToTrash,
    Undo,
    Dismiss,
    Duplicate,
    Delete,
    NameLabel,
    ScenarioLabel,
    CustomScenario,
    StageLabel,
    NoStage,
    StatusLabel,
    AudienceLabel,
    LocaleLabel,
    TagsLabel,
    SubjectLabel,
    PreheaderLabel,
    SendAtLabel,
    NoticeCompany,
    NoticeTitle,
    NoticeVersion,
    NoticePublished,
    NoticeEffective,
    MarkReady,
    MarkDraft,
    SaveVersion,
    VersionLabel,
    HistoryHeading,
    HistoryEmpty,
    CompareWith,
    RestoreVersion,
    DiffHeading,
    NoDifference,
    ProfileLabel,
    AddProfile,
    ProfileNameLabel,
    NoTemplateOpen,
    ConflictTitle,
    ConflictText,
    KeepMine,
    TakeTheirs,
    KeepBoth,
    QuarantinedValues,
    ExportQuarantine,
    ExportLibrary,
    StorageUsed,
    CoverageHint,
    CoverageEmptyCell,
    TemplateCount,
    SnapshotManual,
    SnapshotReady,
    SnapshotAuto,
    SnapshotBeforeRestore,
    StatusDraft,
    StatusReady,
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
        ChannelLabel => lang.pick("渠道", "Channel"),
        PurposeLabel => lang.pick("用途", "Purpose"),
        SampleProfileName => lang.pick("示例客户", "sample customer"),
        ChecksHeading => lang.pick("检查", "Checks"),
        NoProblems => lang.pick("没有发现问题。", "No problems found."),
        Ready => lang.pick("可发布：没有错误", "Ready: no errors"),
        NotReady => lang.pick("未就绪：请先修正错误", "Not ready: fix the errors first"),
        Whole => lang.pick("整篇", "whole template"),
        ApplyFix => lang.pick("修正", "Fix"),
        StarterName => lang.pick("产品升级通知（示例）", "Product update notice (example)"),
        UntitledTemplate => lang.pick("未命名模板", "Untitled template"),
        LibraryHeading => lang.pick("模板库", "Library"),
        NewTemplate => lang.pick("新建模板", "New template"),
        Search => lang.pick("搜索名称、正文或标签", "Search name, text or tags"),
        SearchLabel => lang.pick("搜索", "Search"),
        AllChannels => lang.pick("全部渠道", "All channels"),
        AllScenarios => lang.pick("全部场景", "All scenarios"),
        AllStatuses => lang.pick("全部状态", "All statuses"),
        AllStages => lang.pick("全部旅程阶段", "All journey stages"),
        SortLabel => lang.pick("排序", "Sort"),
        SortByName => lang.pick("按名称", "By name"),
        SortByEdit => lang.pick("按最近编辑", "By last edit"),
        TemplatesTab => lang.pick("模板", "Templates"),
        TrashTab => lang.pick("回收站", "Trash"),
        CoverageTab => lang.pick("触点覆盖", "Coverage"),
        NoMatches => lang.pick("没有符合条件的模板。", "No template matches."),
        TrashEmpty => lang.pick("回收站是空的。", "The trash is empty."),
        Restore => lang.pick("恢复", "Restore"),
        EmptyTrash => lang.pick("清空回收站", "Empty trash"),
        EmptyTrashConfirm => lang.pick("永久删除回收站中的全部模板？此操作无法撤销。", "Delete every template in the trash for good? This cannot be undone."),
        ConfirmDelete => lang.pick("永久删除", "Delete for good"),
        Cancel => lang.pick("取消", "Cancel"),
        MovedToTrash => lang.pick("已移到回收站：", "Moved to the trash: "),
        Undo => lang.pick("撤销", "Undo"),
        Dismiss => lang.pick("关闭", "Dismiss"),
        Duplicate => lang.pick("复制", "Duplicate"),
        Delete => lang.pick("删除", "Delete"),
        NameLabel => lang.pick("模板名称", "Template name"),
        ScenarioLabel => lang.pick("场景", "Scenario"),
        CustomScenario => lang.pick("自定义场景", "Custom scenario"),
        StageLabel => lang.pick("旅程阶段", "Journey stage"),
        NoStage => lang.pick("未指定", "Not set"),
        StatusLabel => lang.pick("状态", "Status"),
        AudienceLabel => lang.pick("受众", "Audience"),
        LocaleLabel => lang.pick("语言", "Locale"),
        TagsLabel => lang.pick("标签（逗号分隔）", "Tags (comma-separated)"),
        SubjectLabel => lang.pick("主题", "Subject"),
        PreheaderLabel => lang.pick("预览文字", "Preheader"),
        SendAtLabel => lang.pick("计划发送时间", "Planned send time"),
        NoticeCompany => lang.pick("发布单位", "Company"),
        NoticeTitle => lang.pick("公告标题", "Notice title"),
        NoticeVersion => lang.pick("版本号", "Version"),
        NoticePublished => lang.pick("发布日期", "Publication date"),
        NoticeEffective => lang.pick("生效日期", "Effective date"),
        MarkReady => lang.pick("标记为可发布", "Mark ready"),
        MarkDraft => lang.pick("改回草稿", "Back to draft"),
        SaveVersion => lang.pick("保存版本", "Save version"),
        VersionLabel => lang.pick("版本说明（可选）", "Version label (optional)"),
        HistoryHeading => lang.pick("历史版本", "History"),
        HistoryEmpty => lang.pick("还没有历史版本。按 Ctrl+S 或“保存版本”留存当前内容；每编辑 10 分钟也会自动留存一次。", "No versions yet. Press Ctrl+S or “Save version” to keep this state; one is also kept every 10 minutes of editing."),
        CompareWith => lang.pick("与当前内容比较", "Compare with current"),
        RestoreVersion => lang.pick("恢复此版本", "Restore this version"),
        DiffHeading => lang.pick("与当前内容的差异", "Difference from the current text"),
        NoDifference => lang.pick("与当前内容相同。", "Same as the current text."),
        ProfileLabel => lang.pick("样例客户", "Sample profile"),
        AddProfile => lang.pick("添加样例", "Add profile"),
        ProfileNameLabel => lang.pick("样例名称", "Profile name"),
        NoTemplateOpen => lang.pick("模板库是空的。新建一个模板开始吧。", "The library is empty. Create a template to begin."),
        ConflictTitle => lang.pick("另一个标签页也修改了这个模板", "Another tab changed this template too"),
        ConflictText => lang.pick("两边的修改都还在。请选择保留哪一份：", "Both versions are still here. Choose what to keep:"),
        KeepMine => lang.pick("保留我的", "Keep mine"),
        TakeTheirs => lang.pick("采用对方的", "Take theirs"),
        KeepBoth => lang.pick("两份都保留", "Keep both"),
        QuarantinedValues => lang.pick("部分已保存的数据无法读取，已原样移到一旁保存，其余内容已正常载入：", "Some saved data could not be read. It was kept aside unchanged, and everything else loaded:"),
        ExportQuarantine => lang.pick("导出无法读取的数据", "Export the unreadable data"),
        ExportLibrary => lang.pick("导出模板库备份", "Export a library backup"),
        StorageUsed => lang.pick("本地存储", "Local storage"),
        CoverageHint => lang.pick("每格显示该旅程阶段在该渠道上的模板：绿色为可发布，黄色只有草稿，空格表示缺少模板。", "Each cell shows the templates for that journey stage on that channel: green has a ready template, yellow only drafts, empty means none yet."),
        CoverageEmptyCell => lang.pick("缺", "none"),
        TemplateCount => lang.pick("个模板", "templates"),
        SnapshotManual => lang.pick("手动保存", "Saved version"),
        SnapshotReady => lang.pick("标记可发布", "Marked ready"),
        SnapshotAuto => lang.pick("自动留存", "Automatic"),
        SnapshotBeforeRestore => lang.pick("恢复前的内容", "Before a restore"),
        StatusDraft => lang.pick("草稿", "Draft"),
        StatusReady => lang.pick("可发布", "Ready"),
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

pub fn status_name(lang: Lang, status: Status) -> &'static str {
    t(lang, match status {
        Status::Draft => Msg::StatusDraft,
        Status::Ready => Msg::StatusReady,
    })
}

pub fn stage_name(lang: Lang, stage: Stage) -> &'static str {
    match stage {
        Stage::Awareness => lang.pick("认知", "Awareness"),
        Stage::Consideration => lang.pick("考虑", "Consideration"),
        Stage::Purchase => lang.pick("购买", "Purchase"),
        Stage::Onboarding => lang.pick("入门", "Onboarding"),
        Stage::Service => lang.pick("服务", "Service"),
        Stage::Renewal => lang.pick("续约", "Renewal"),
        Stage::WinBack => lang.pick("挽回", "Win-back"),
    }
}

pub fn audience_name(lang: Lang, audience: Audience) -> &'static str {
    match audience {
        Audience::Business => lang.pick("企业客户", "Business"),
        Audience::Retail => lang.pick("个人客户", "Retail"),
        Audience::All => lang.pick("全部客户", "All customers"),
    }
}

/// The name of a known scenario id (`model::SCENARIOS`); custom scenarios
/// are shown as typed.
pub fn scenario_name(lang: Lang, scenario: &str) -> String {
    let known = match scenario {
        "care" => lang.pick("日常关怀", "Routine care"),
        "holiday" => lang.pick("节日问候", "Holiday greeting"),
        "after-sales" => lang.pick("售后回访", "After-sales follow-up"),
        "product-update" => lang.pick("产品/服务更新", "Product / service update"),
        "survey" => lang.pick("满意度调查", "Satisfaction survey"),
        "no-reply-follow-up" => lang.pick("未回复跟进", "Follow-up when no reply"),
        "software-update" => lang.pick("软件升级", "Software update"),
        "service-change" => lang.pick("服务变更", "Service change"),
        "promotion" => lang.pick("促销活动", "Promotion"),
        "apology" => lang.pick("故障致歉", "Fault apology"),
        "service-reminder" => lang.pick("定期检查提醒", "Service check reminder"),
        custom => return custom.to_owned(),
    };
    known.to_owned()
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
