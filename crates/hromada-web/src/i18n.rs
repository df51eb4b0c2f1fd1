//! Fluent messages, Ukrainian first, English second. Every user-facing
//! string of the web lives in `locales/*.ftl`, never in Rust or templates.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use hromada_domain::Lang;

const UK: &str = include_str!("../locales/uk.ftl");
const EN: &str = include_str!("../locales/en.ftl");

pub struct I18n {
    uk: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

impl I18n {
    /// Load the bundled catalogues; an error names the file and the broken message.
    pub fn load() -> Result<I18n, String> {
        Ok(I18n { uk: bundle("uk", UK)?, en: bundle("en", EN)? })
    }

    fn bundle_for(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        }
    }

    /// A message; an unknown key comes back as itself (a test makes sure none is unknown).
    pub fn msg(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
    }

    pub fn msg_args(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            fargs.set(*name, value.clone());
        }
        self.format(lang, key, Some(&fargs))
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle_for(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing message");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), ?errors, "message formatting failed");
        }
        text.into_owned()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle_for(lang).has_message(key)
    }
}

fn bundle(code: &str, source: &str) -> Result<FluentBundle<FluentResource>, String> {
    let langid = code.parse().map_err(|e| format!("locales/{code}.ftl: bad language id: {e:?}"))?;
    let resource = FluentResource::try_new(source.to_string())
        .map_err(|(_, errors)| format!("locales/{code}.ftl: {} syntax error(s), first: {:?}", errors.len(), errors.first()))?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks would show up in HTML and in copied text.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).map_err(|errors| format!("locales/{code}.ftl: duplicate messages: {errors:?}"))?;
    Ok(bundle)
}

/// The translation handle templates use: `{{ t.msg("key") }}`.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub i18n: &'a I18n,
    pub lang: Lang,
}

impl Tr<'_> {
    pub fn msg(&self, key: &str) -> String {
        self.i18n.msg(self.lang, key)
    }

    /// A message with one numeric argument, for plural forms.
    pub fn count(&self, key: &str, name: &str, n: i64) -> String {
        self.i18n.msg_args(self.lang, key, &[(name, FluentValue::from(n))])
    }

    /// A message with one text argument.
    pub fn with(&self, key: &str, name: &str, value: &str) -> String {
        self.i18n.msg_args(self.lang, key, &[(name, FluentValue::from(value.to_string()))])
    }
}

/// Every message id of a catalogue source, for the test that keeps both languages in step.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let source = match lang {
        Lang::Uk => UK,
        Lang::En => EN,
    };
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}
