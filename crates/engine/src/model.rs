//! What a template and a library are.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::time::{Date, DateTime};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Email,
    Sms,
    Inapp,
    /// A formal notice (policy or system notice).
    Notice,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Email, Channel::Sms, Channel::Inapp, Channel::Notice];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Inapp => "inapp",
            Channel::Notice => "notice",
        }
    }

    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    #[default]
    Notification,
    Marketing,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Notification => "notification",
            Purpose::Marketing => "marketing",
        }
    }

    pub fn parse(name: &str) -> Option<Purpose> {
        [Purpose::Notification, Purpose::Marketing].into_iter().find(|p| p.as_str() == name)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Business,
    Retail,
    #[default]
    All,
}

/// A named stand-in customer record the template is previewed and checked with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleProfile {
    pub name: String,
    /// JSON text exactly as typed.
    pub data: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub name: String,
    pub channel: Channel,
    pub purpose: Purpose,
    pub audience: Audience,
    pub locale: Lang,
    /// E-mail subject (a template too); empty for other channels.
    pub subject: String,
    pub body: String,
    pub samples: Vec<SampleProfile>,
    /// Planned send time, local time.
    pub send_at: Option<DateTime>,
    /// For holiday greetings: the holiday the greeting is for.
    pub holiday: Option<Date>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    #[default]
    String,
    Number,
    Date,
    Bool,
    List,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldFormat {
    Phone,
    Email,
    Date,
    Url,
    IdNumber,
    BankCard,
}

/// One field customer records have, by dotted path (`customer.name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub path: String,
    #[serde(default)]
    pub label: String,
    #[serde(default, rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub format: Option<FieldFormat>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub example: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSchema {
    pub fields: Vec<Field>,
}

impl FieldSchema {
    pub fn field(&self, path: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.path == path)
    }
}

/// What templates share: the field schema and partials (`{% include "name" %}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub schema: FieldSchema,
    pub partials: BTreeMap<String, String>,
}
