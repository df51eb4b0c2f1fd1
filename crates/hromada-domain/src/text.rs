//! Texts in the two languages of the product.

use serde::{Deserialize, Serialize};

/// A language the product speaks. Ukrainian is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Uk, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "uk" | "ua" | "uk-ua" => Some(Lang::Uk),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Uk => Lang::En,
            Lang::En => Lang::Uk,
        }
    }
}

/// A text given in Ukrainian (always) and English (expected; falls back to Ukrainian).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    pub uk: String,
    pub en: Option<String>,
}

impl Text {
    pub fn new(uk: impl Into<String>, en: impl Into<String>) -> Text {
        Text { uk: uk.into(), en: Some(en.into()) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.uk,
            Lang::En => self.en.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(&self.uk),
        }
    }
}
