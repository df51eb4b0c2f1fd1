//! Reading a definition file: TOML with spans → located raw parts → checks → model.
//!
//! The reader never stops at the first mistake: it records a diagnostic,
//! skips the broken part and goes on, so that `services validate` reports
//! every mistake of a file in one run.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::check;
use super::*;

pub(super) type Span = Range<usize>;

/// A value with the place in the file it came from.
#[derive(Debug, Clone)]
pub(super) struct Sp<T> {
    pub value: T,
    pub span: Span,
}

pub(super) struct RawField {
    pub id: Sp<String>,
    pub field: Field,
    pub show_if_span: Option<Span>,
}

pub(super) struct RawPage {
    pub id: Sp<String>,
    pub title: Text,
    pub show_if: Option<(Condition, Span)>,
    pub fields: Vec<RawField>,
}

pub(super) struct RawState {
    pub id: Sp<String>,
    pub phase: Phase,
    pub title: Text,
}

pub(super) struct RawTransition {
    pub action: Sp<String>,
    pub label: Text,
    pub from: Vec<Sp<String>>,
    pub to: Sp<String>,
    pub roles: Vec<Sp<String>>,
    pub inputs: Vec<RawField>,
    pub issues: Option<Sp<String>>,
    pub requires: Vec<Sp<String>>,
}

pub(super) struct RawWorkflow {
    pub span: Span,
    /// Ids of every input of every transition, even of transitions too broken to keep.
    pub all_input_ids: Vec<String>,
    pub start: Option<Sp<String>>,
    pub groups: Vec<(Sp<String>, Text)>,
    pub states: Vec<RawState>,
    pub transitions: Vec<RawTransition>,
}

pub(super) struct RawDocument {
    pub id: Sp<String>,
    pub title: Text,
    pub valid_for_days: Option<u32>,
    pub shows: Vec<Sp<String>>,
}

/// Read and check one definition. `file_stem`, when given, is the file's name
/// without `.toml`, which the `id` must equal.
pub fn parse_definition(source: &str, file_stem: Option<&str>) -> Parsed {
    let mut reader = Reader { src: source, diags: Vec::new() };
    let definition = reader.definition(file_stem);
    let mut diagnostics = reader.diags;
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    diagnostics.dedup();
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Parsed { definition: if has_errors { None } else { definition }, diagnostics }
}

/// The outcome of reading a glossary file (the installation's): its terms
/// when it has no errors, and every diagnostic in file order.
#[derive(Debug, Clone)]
pub struct ParsedGlossary {
    pub terms: Option<Vec<crate::glossary::Term>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read and check a glossary file: `[[glossary]]` entries as in a definition, and nothing else.
pub fn parse_glossary(source: &str) -> ParsedGlossary {
    let mut reader = Reader { src: source, diags: Vec::new() };
    let (root, errors) = DeTable::parse_recoverable(source);
    let had_syntax_errors = !errors.is_empty();
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        reader.error(&span, format!("this is not valid TOML: {}", error.message().trim()));
    }
    let terms = if had_syntax_errors {
        Vec::new()
    } else {
        reader.unknown_keys(root.get_ref(), &["glossary"], "a glossary file");
        reader.glossary(root.get_ref())
    };
    let mut diagnostics = reader.diags;
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    diagnostics.dedup();
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    ParsedGlossary { terms: (!has_errors).then_some(terms), diagnostics }
}

pub(super) struct Reader<'s> {
    pub src: &'s str,
    pub diags: Vec<Diagnostic>,
}

type Table<'a> = DeTable<'a>;
type Value<'a> = Spanned<DeValue<'a>>;

const TOP_KEYS: &[&str] = &[
    "id",
    "category",
    "life_situations",
    "account",
    "title",
    "summary",
    "who_can_apply",
    "legal_basis",
    "fee",
    "deadline",
    "required_documents",
    "pages",
    "workflow",
    "documents",
    "glossary",
];
const FIELD_KEYS: &[&str] = &[
    "id",
    "type",
    "required",
    "label",
    "help",
    "show_if",
    "min_length",
    "max_length",
    "min",
    "max",
    "integer",
    "not_before",
    "not_after",
    "options",
    "accept",
    "max_files",
    "max_file_mb",
    "autocomplete",
];

impl<'s> Reader<'s> {
    fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let before = self.src.get(..offset).unwrap_or(self.src);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = before.get(line_start..).map(|s| s.chars().count()).unwrap_or(0) + 1;
        (line, column)
    }

    pub fn error(&mut self, span: &Span, message: impl Into<String>) {
        let (line, column) = self.locate(span.start);
        self.diags.push(Diagnostic { severity: Severity::Error, line, column, message: message.into() });
    }

    pub fn warn(&mut self, span: &Span, message: impl Into<String>) {
        let (line, column) = self.locate(span.start);
        self.diags.push(Diagnostic { severity: Severity::Warning, line, column, message: message.into() });
    }

    fn definition(&mut self, file_stem: Option<&str>) -> Option<ServiceDefinition> {
        let (root, errors) = DeTable::parse_recoverable(self.src);
        let had_syntax_errors = !errors.is_empty();
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            self.error(&span, format!("this is not valid TOML: {}", error.message().trim()));
        }
        if had_syntax_errors {
            // The tree of a broken file is unreliable: report only the syntax.
            return None;
        }
        let root_span = root.span();
        let root = root.get_ref();
        self.unknown_keys(root, TOP_KEYS, "a service definition");

        let id = self.string(root, "id", &root_span, "the service");
        if let Some(id) = &id {
            if !is_slug(&id.value) {
                self.error(&id.span, "`id` must be a slug: lower-case Latin letters, digits and single hyphens (the official transliteration of the Ukrainian title)");
            }
            if let Some(stem) = file_stem
                && stem != id.value
            {
                self.error(&id.span, format!("`id` is \"{}\" but the file is named \"{stem}.toml\"; name the file after the id", id.value));
            }
        }
        let category = self.closed(root, "category", &root_span, Category::parse, Category::ALL.iter().map(|c| c.code()));
        let life_situations = self.closed_list(root, "life_situations", LifeSituation::parse, LifeSituation::ALL.iter().map(|c| c.code()));
        let account_value = self.string(root, "account", &root_span, "the service");
        let account_span = account_value.as_ref().map(|a| a.span.clone());
        let account = match account_value {
            Some(a) if a.value == "required" => Some(AccountRule::Required),
            Some(a) if a.value == "optional" => Some(AccountRule::Optional),
            Some(a) => {
                self.error(&a.span, format!("`account` is \"{}\"; write \"required\" or \"optional\"", a.value));
                None
            }
            None => None,
        };
        let title = self.text(root, "title", true, &root_span);
        if let (Some(id), Some(title)) = (&id, &title) {
            let official = crate::slug::slugify(&title.uk);
            if official != id.value && is_slug(&id.value) {
                self.warn(&id.span, format!("`id` is not the official transliteration of the Ukrainian title (\"{official}\"); people read and share this address, so prefer it unless it is too long"));
            }
        }
        let summary = self.text(root, "summary", true, &root_span);
        let who_can_apply = self.text(root, "who_can_apply", true, &root_span);
        let legal_basis = self.text(root, "legal_basis", true, &root_span);
        let fee = self.fee(root, &root_span);
        let deadline = self.deadline(root, &root_span);
        let required_documents = self.text_list(root, "required_documents");
        let pages = self.pages(root, &root_span);
        let workflow = self.workflow(root, &root_span);
        let documents = self.documents(root);
        let glossary = self.glossary(root);

        let pages = check::form(self, pages);
        if let (Some(AccountRule::Optional), Some(pages), Some(a)) = (&account, &pages, account_span) {
            // Without an account, the office's only way back to the applicant is an e-mail answer.
            let asks_email = pages
                .iter()
                .any(|p| p.show_if.is_none() && p.fields.iter().any(|f| f.required && f.show_if.is_none() && f.kind == FieldKind::Email));
            if !asks_email {
                self.error(&a, "a service with `account = \"optional\"` must ask for an e-mail address (a required field of type \"email\" on a page shown to everyone), so that the office can answer a resident without an account");
            }
        }
        let input_ids = workflow.as_ref().map(|w| w.all_input_ids.clone()).unwrap_or_default();
        let workflow = workflow.and_then(|w| check::workflow(self, w, pages.as_deref().unwrap_or(&[]), &documents));
        let documents = check::documents(self, documents, pages.as_deref().unwrap_or(&[]), &input_ids);

        Some(ServiceDefinition {
            id: id?.value,
            category: category?,
            life_situations,
            account: account?,
            title: title?,
            summary: summary?,
            who_can_apply: who_can_apply?,
            legal_basis: legal_basis?,
            fee: fee?,
            deadline: deadline?,
            required_documents,
            pages: pages?,
            workflow: workflow?,
            documents,
            glossary,
        })
    }

    // ---- building blocks -------------------------------------------------

    fn unknown_keys(&mut self, table: &Table<'_>, allowed: &[&str], what: &str) {
        let unknown: Vec<(String, Span)> = table
            .iter()
            .filter(|(k, _)| !allowed.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect();
        for (key, span) in unknown {
            let hint = match (key.as_str(), closest(&key, allowed)) {
                ("version", _) => "versions are numbered by `hromada services import`; remove it".to_string(),
                ("final", _) => "a state is final when its `phase` is approved, rejected or withdrawn; remove it".to_string(),
                ("pauses_deadline", _) => "the deadline pauses in states whose `phase` is waiting_for_resident; remove it".to_string(),
                (_, near) => match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the keys of {what} are: {}", allowed.join(", ")),
                },
            };
            self.error(&span, format!("unknown key `{key}` in {what}; {hint}"));
        }
    }

    fn get<'t, 'a>(table: &'t Table<'a>, key: &str) -> Option<&'t Value<'a>> {
        table.get(key)
    }

    fn missing(&mut self, parent: &Span, key: &str, what: &str) {
        self.error(parent, format!("{what} has no `{key}`; add it"));
    }

    pub fn string(&mut self, table: &Table<'_>, key: &str, parent: &Span, what: &str) -> Option<Sp<String>> {
        match Self::get(table, key) {
            None => {
                self.missing(parent, key, what);
                None
            }
            Some(v) => self.as_string(v, key),
        }
    }

    fn opt_string(&mut self, table: &Table<'_>, key: &str) -> Option<Sp<String>> {
        Self::get(table, key).and_then(|v| self.as_string(v, key))
    }

    fn as_string(&mut self, v: &Value<'_>, key: &str) -> Option<Sp<String>> {
        match v.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => Some(Sp { value: s.trim().to_string(), span: v.span() }),
            DeValue::String(_) => {
                self.error(&v.span(), format!("`{key}` is empty; write a value"));
                None
            }
            other => {
                self.error(&v.span(), format!("`{key}` must be a string in quotes, not {}", describe(other)));
                None
            }
        }
    }

    fn opt_bool(&mut self, table: &Table<'_>, key: &str) -> Option<bool> {
        let v = Self::get(table, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.error(&v.span(), format!("`{key}` must be true or false, not {}", describe(other)));
                None
            }
        }
    }

    /// A whole number in `range`.
    fn opt_uint(&mut self, table: &Table<'_>, key: &str, range: Range<u32>) -> Option<Sp<u32>> {
        let v = Self::get(table, key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        match parsed.and_then(|n| u32::try_from(n).ok()).filter(|n| range.contains(n)) {
            Some(n) => Some(Sp { value: n, span: v.span() }),
            None => {
                self.error(&v.span(), format!("`{key}` must be a whole number from {} to {}", range.start, range.end - 1));
                None
            }
        }
    }

    fn opt_number(&mut self, table: &Table<'_>, key: &str) -> Option<Sp<f64>> {
        let v = Self::get(table, key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|f| f.is_finite()),
            _ => None,
        };
        match parsed {
            Some(n) => Some(Sp { value: n, span: v.span() }),
            None => {
                self.error(&v.span(), format!("`{key}` must be a number"));
                None
            }
        }
    }

    /// A `{ uk = "…", en = "…" }` text. Ukrainian is required, English expected.
    pub fn text(&mut self, table: &Table<'_>, key: &str, required: bool, parent: &Span) -> Option<Text> {
        match Self::get(table, key) {
            None => {
                if required {
                    self.error(parent, format!("`{key}` is missing; add `{key} = {{ uk = \"…\", en = \"…\" }}`"));
                }
                None
            }
            Some(v) => self.as_text(v, key),
        }
    }

    fn as_text(&mut self, v: &Value<'_>, key: &str) -> Option<Text> {
        let span = v.span();
        let Some(t) = v.get_ref().as_table() else {
            self.error(&span, format!("`{key}` must be a table of texts: {{ uk = \"…\", en = \"…\" }}"));
            return None;
        };
        self.unknown_keys(t, &["uk", "en"], &format!("the text `{key}`"));
        let uk = match Self::get(t, "uk") {
            None => {
                self.error(&span, format!("`{key}` has no Ukrainian text; add `uk = \"…\"`"));
                None
            }
            Some(v) => self.as_string(v, &format!("{key}.uk")),
        };
        let en = match Self::get(t, "en") {
            None => {
                self.warn(&span, format!("`{key}` has no English text; readers of English will see the Ukrainian"));
                None
            }
            Some(v) => self.as_string(v, &format!("{key}.en")),
        };
        Some(Text { uk: uk?.value, en: en.map(|e| e.value) })
    }

    fn text_list(&mut self, table: &Table<'_>, key: &str) -> Vec<Text> {
        let Some(items) = self.opt_array(table, key) else { return Vec::new() };
        items.iter().filter_map(|item| self.as_text(item, key)).collect()
    }

    fn opt_array<'t, 'a>(&mut self, table: &'t Table<'a>, key: &str) -> Option<&'t [Value<'a>]> {
        let v = Self::get(table, key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some(a),
            other => {
                self.error(&v.span(), format!("`{key}` must be a list, not {}", describe(other)));
                None
            }
        }
    }

    fn string_list(&mut self, table: &Table<'_>, key: &str) -> Vec<Sp<String>> {
        let Some(items) = self.opt_array(table, key) else { return Vec::new() };
        items.iter().filter_map(|item| self.as_string(item, key)).collect()
    }

    fn as_table<'t, 'a>(&mut self, v: &'t Value<'a>, what: &str) -> Option<&'t Table<'a>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(&v.span(), format!("{what} must be a table, not {}", describe(other)));
                None
            }
        }
    }

    fn closed<T>(
        &mut self,
        table: &Table<'_>,
        key: &str,
        parent: &Span,
        parse: fn(&str) -> Option<T>,
        allowed: impl Iterator<Item = &'static str>,
    ) -> Option<T> {
        let s = self.string(table, key, parent, "the service")?;
        let found = parse(&s.value);
        if found.is_none() {
            let allowed: Vec<&str> = allowed.collect();
            self.error(&s.span, format!("unknown {key} \"{}\"; choose one of: {}", s.value, allowed.join(", ")));
        }
        found
    }

    fn closed_list<T: PartialEq>(
        &mut self,
        table: &Table<'_>,
        key: &str,
        parse: fn(&str) -> Option<T>,
        allowed: impl Iterator<Item = &'static str>,
    ) -> Vec<T> {
        let allowed: Vec<&str> = allowed.collect();
        let mut out = Vec::new();
        for s in self.string_list(table, key) {
            match parse(&s.value) {
                Some(v) if !out.contains(&v) => out.push(v),
                Some(_) => self.error(&s.span, format!("\"{}\" appears twice in `{key}`", s.value)),
                None => self.error(&s.span, format!("unknown value \"{}\" in `{key}`; choose from: {}", s.value, allowed.join(", "))),
            }
        }
        out
    }

    // ---- sections --------------------------------------------------------

    fn fee(&mut self, root: &Table<'_>, root_span: &Span) -> Option<Fee> {
        let Some(v) = Self::get(root, "fee") else {
            self.missing(root_span, "fee", "the service");
            return None;
        };
        let span = v.span();
        let t = self.as_table(v, "`fee`")?;
        self.unknown_keys(t, &["kind", "amount_uah", "max_uah", "note"], "`fee`");
        let note = self.text(t, "note", false, &span);
        let kind = self.string(t, "kind", &span, "`fee`")?;
        if kind.value != "set_by_community"
            && let Some(m) = Self::get(t, "max_uah")
        {
            self.error(&m.span(), "only a fee set by the community has `max_uah`; remove it or set `kind = \"set_by_community\"`");
        }
        match kind.value.as_str() {
            "free" => {
                if let Some(a) = Self::get(t, "amount_uah") {
                    self.error(&a.span(), "a free service has no `amount_uah`; remove it or set `kind = \"fixed\"`");
                }
                Some(Fee::Free { note })
            }
            "fixed" => {
                let Some(amount) = self.opt_number(t, "amount_uah") else {
                    self.error(&span, "a fixed fee needs `amount_uah`, for example `amount_uah = 85.50`");
                    return None;
                };
                Some(Fee::Fixed { amount_kopiykas: self.uah(amount, "amount_uah")?, note })
            }
            "set_by_community" => {
                if let Some(a) = Self::get(t, "amount_uah") {
                    self.error(
                        &a.span(),
                        "each community sets this fee itself: remove `amount_uah` (a ceiling is `max_uah`), or set `kind = \"fixed\"`",
                    );
                }
                let max_kopiykas = match self.opt_number(t, "max_uah") {
                    Some(max) => Some(self.uah(max, "max_uah")?),
                    None => None,
                };
                Some(Fee::SetByCommunity { max_kopiykas, note })
            }
            other => {
                self.error(&kind.span, format!("fee `kind` is \"{other}\"; write \"free\", \"fixed\" or \"set_by_community\""));
                None
            }
        }
    }

    /// An amount in hryvnias (`key`) as kopiykas: more than 0 and at most 1 000 000.
    fn uah(&mut self, amount: Sp<f64>, key: &str) -> Option<u64> {
        if amount.value <= 0.0 || amount.value > 1_000_000.0 {
            self.error(&amount.span, format!("`{key}` must be more than 0 and at most 1 000 000"));
            return None;
        }
        Some((amount.value * 100.0).round() as u64)
    }

    fn deadline(&mut self, root: &Table<'_>, root_span: &Span) -> Option<DeadlineRule> {
        let Some(v) = Self::get(root, "deadline") else {
            self.missing(root_span, "deadline", "the service");
            return None;
        };
        let span = v.span();
        let t = self.as_table(v, "`deadline`")?;
        self.unknown_keys(t, &["kind", "days", "extendable_to", "note"], "`deadline`");
        let note = self.text(t, "note", false, &span);
        let kind = self.string(t, "kind", &span, "`deadline`")?;
        let days = self.opt_uint(t, "days", 1..366);
        let extendable_to = self.opt_uint(t, "extendable_to", 1..366);
        let kind = match kind.value.as_str() {
            "same_day" => DeadlineKind::SameDay,
            "calendar" => DeadlineKind::Calendar,
            "working" => DeadlineKind::Working,
            other => {
                self.error(&kind.span, format!("deadline `kind` is \"{other}\"; write \"same_day\", \"calendar\" or \"working\""));
                return None;
            }
        };
        let days = match (kind, days) {
            (DeadlineKind::SameDay, None) => 0,
            (DeadlineKind::SameDay, Some(d)) => {
                self.error(&d.span, "a same-day deadline has no `days`; remove it");
                return None;
            }
            (_, Some(d)) => d.value,
            (_, None) => {
                self.error(&span, "the deadline needs `days`, the number of days the office has to decide");
                return None;
            }
        };
        if let Some(ext) = &extendable_to
            && ext.value <= days
        {
            self.error(&ext.span, format!("`extendable_to` ({}) must be more than `days` ({days})", ext.value));
            return None;
        }
        Some(DeadlineRule { kind, days, extendable_to: extendable_to.map(|e| e.value), note })
    }

    fn pages(&mut self, root: &Table<'_>, root_span: &Span) -> Option<Vec<RawPage>> {
        let Some(items) = self.opt_array(root, "pages") else {
            self.error(root_span, "the service has no form: add at least one `[[pages]]` with `[[pages.fields]]`");
            return None;
        };
        let mut pages = Vec::new();
        for item in items {
            let span = item.span();
            let Some(t) = self.as_table(item, "each of `pages`") else { continue };
            self.unknown_keys(t, &["id", "title", "show_if", "fields"], "a page");
            let id = self.string(t, "id", &span, "this page");
            let title = self.text(t, "title", true, &span);
            let show_if = self.condition(t);
            let mut fields = Vec::new();
            match self.opt_array(t, "fields") {
                Some(items) if !items.is_empty() => {
                    for item in items {
                        if let Some(f) = self.field(item, "a field") {
                            fields.push(f);
                        }
                    }
                }
                _ => self.error(&span, "this page has no fields; add `[[pages.fields]]` under it"),
            }
            if let (Some(id), Some(title)) = (id, title) {
                pages.push(RawPage { id, title, show_if, fields });
            }
        }
        if pages.is_empty() && !items.is_empty() {
            return None;
        }
        Some(pages)
    }

    fn condition(&mut self, t: &Table<'_>) -> Option<(Condition, Span)> {
        let v = Self::get(t, "show_if")?;
        let span = v.span();
        let c = self.as_table(v, "`show_if`")?;
        self.unknown_keys(c, &["field", "equals", "not_equals", "one_of", "includes"], "`show_if`");
        let field = self.string(c, "field", &span, "`show_if`")?;
        let mut tests = Vec::new();
        if let Some(v) = self.opt_string(c, "equals") {
            tests.push(ConditionTest::Equals(v.value));
        }
        if let Some(v) = self.opt_string(c, "not_equals") {
            tests.push(ConditionTest::NotEquals(v.value));
        }
        if Self::get(c, "one_of").is_some() {
            let values: Vec<String> = self.string_list(c, "one_of").into_iter().map(|s| s.value).collect();
            if values.is_empty() {
                self.error(&span, "`one_of` needs at least one value");
            }
            tests.push(ConditionTest::OneOf(values));
        }
        if let Some(v) = self.opt_string(c, "includes") {
            tests.push(ConditionTest::Includes(v.value));
        }
        if tests.len() != 1 {
            self.error(&span, "`show_if` needs exactly one of `equals`, `not_equals`, `one_of` or `includes`");
            return None;
        }
        let test = tests.pop()?;
        Some((Condition { field: field.value, test }, field.span))
    }

    pub fn field(&mut self, item: &Value<'_>, what: &str) -> Option<RawField> {
        let span = item.span();
        let t = self.as_table(item, what)?;
        self.unknown_keys(t, FIELD_KEYS, what);
        let id = self.string(t, "id", &span, &format!("this {}", what.trim_start_matches("a ")));
        if let Some(id) = &id
            && !is_identifier(&id.value)
        {
            self.error(
                &id.span,
                format!("field id \"{}\" must be lower-case Latin letters, digits and _ , starting with a letter", id.value),
            );
        }
        let label = self.text(t, "label", true, &span);
        let help = self.text(t, "help", false, &span);
        let required = self.opt_bool(t, "required").unwrap_or(false);
        let show_if = self.condition(t);
        let autocomplete = match self.opt_string(t, "autocomplete") {
            Some(a) if AUTOCOMPLETE.contains(&a.value.as_str()) => Some(a.value),
            Some(a) => {
                self.error(
                    &a.span,
                    format!(
                        "`autocomplete` \"{}\" is not an input purpose browsers know; use one of: {}",
                        a.value,
                        AUTOCOMPLETE.join(", ")
                    ),
                );
                None
            }
            None => None,
        };
        let type_name = self.string(t, "type", &span, "this field")?;
        let kind = self.field_kind(t, &type_name)?;
        let (show_if, show_if_span) = match show_if {
            Some((c, s)) => (Some(c), Some(s)),
            None => (None, None),
        };
        Some(RawField {
            id: id.clone()?,
            field: Field { id: id?.value, label: label?, help, required, show_if, kind, autocomplete },
            show_if_span,
        })
    }

    fn field_kind(&mut self, t: &Table<'_>, type_name: &Sp<String>) -> Option<FieldKind> {
        let ty = type_name.value.as_str();
        let allowed_extra: &[&str] = match ty {
            "text" | "textarea" => &["min_length", "max_length"],
            "number" => &["min", "max", "integer"],
            "date" => &["not_before", "not_after"],
            "choice" | "multi_choice" => &["options"],
            "file" => &["accept", "max_files", "max_file_mb"],
            _ => &[],
        };
        for key in [
            "min_length",
            "max_length",
            "min",
            "max",
            "integer",
            "not_before",
            "not_after",
            "options",
            "accept",
            "max_files",
            "max_file_mb",
        ] {
            if !allowed_extra.contains(&key)
                && let Some((k, _)) = t.get_key_value(key)
                && FIELD_TYPES.contains(&ty)
            {
                self.error(&k.span(), format!("a field of type `{ty}` does not take `{key}`; remove it"));
            }
        }
        let kind = match ty {
            "text" | "textarea" => {
                let default_max = if ty == "text" { 500 } else { 5000 };
                let min_length = self.opt_uint(t, "min_length", 0..100_001).map(|v| v.value);
                let max_length = self.opt_uint(t, "max_length", 1..100_001).map(|v| v.value).unwrap_or(default_max);
                if let Some(min) = min_length
                    && min > max_length
                {
                    self.error(&type_name.span, format!("`min_length` ({min}) is more than `max_length` ({max_length})"));
                }
                if ty == "text" { FieldKind::Text { min_length, max_length } } else { FieldKind::Textarea { min_length, max_length } }
            }
            "number" => {
                let min = self.opt_number(t, "min").map(|v| v.value);
                let max = self.opt_number(t, "max").map(|v| v.value);
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo > hi
                {
                    self.error(&type_name.span, format!("`min` ({lo}) is more than `max` ({hi})"));
                }
                FieldKind::Number { min, max, integer: self.opt_bool(t, "integer").unwrap_or(false) }
            }
            "date" => {
                let not_before = self.date_bound(t, "not_before");
                let not_after = self.date_bound(t, "not_after");
                if let (Some(DateBound::Fixed(a)), Some(DateBound::Fixed(b))) = (not_before, not_after)
                    && a > b
                {
                    self.error(&type_name.span, "`not_before` is later than `not_after`: no date could be entered");
                }
                FieldKind::Date { not_before, not_after }
            }
            "choice" | "multi_choice" => {
                let options = self.options(t, &type_name.span);
                if ty == "choice" { FieldKind::Choice { options } } else { FieldKind::MultiChoice { options } }
            }
            "address" => FieldKind::Address,
            "phone" => FieldKind::Phone,
            "email" => FieldKind::Email,
            "rnokpp" => FieldKind::Rnokpp,
            "edrpou" => FieldKind::Edrpou,
            "iban" => FieldKind::Iban,
            "id_document" => FieldKind::IdDocument,
            "vehicle_plate" => FieldKind::VehiclePlate,
            "declaration" => FieldKind::Declaration,
            "file" => {
                let mut accept = Vec::new();
                let listed = self.string_list(t, "accept");
                for s in &listed {
                    match FileType::parse(&s.value) {
                        Some(ft) if !accept.contains(&ft) => accept.push(ft),
                        Some(_) => self.error(&s.span, format!("\"{}\" appears twice in `accept`", s.value)),
                        None => self.error(
                            &s.span,
                            format!(
                                "files of type \"{}\" cannot be accepted; choose from: application/pdf, image/jpeg, image/png",
                                s.value
                            ),
                        ),
                    }
                }
                if listed.is_empty() {
                    accept = FileType::ALL.to_vec();
                }
                let max_files = self.opt_uint(t, "max_files", 1..51).map(|v| v.value).unwrap_or(1);
                let max_file_mb = self.opt_uint(t, "max_file_mb", 1..101).map(|v| v.value).unwrap_or(10);
                FieldKind::File { accept, max_files, max_file_mb }
            }
            other => {
                let hint = closest(other, FIELD_TYPES).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
                self.error(&type_name.span, format!("unknown field type `{other}`; {hint}the types are: {}", FIELD_TYPES.join(", ")));
                return None;
            }
        };
        Some(kind)
    }

    fn date_bound(&mut self, t: &Table<'_>, key: &str) -> Option<DateBound> {
        let v = Self::get(t, key)?;
        let span = v.span();
        let parsed = match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "today" => Some(DateBound::Today),
            DeValue::String(s) => parse_iso_date(s).map(DateBound::Fixed),
            DeValue::Datetime(d) => d
                .date
                .and_then(|d| {
                    time::Month::try_from(d.month).ok().and_then(|m| time::Date::from_calendar_date(i32::from(d.year), m, d.day).ok())
                })
                .map(DateBound::Fixed),
            _ => None,
        };
        if parsed.is_none() {
            self.error(&span, format!("`{key}` must be \"today\" or a date written as \"YYYY-MM-DD\""));
        }
        parsed
    }

    fn options(&mut self, t: &Table<'_>, type_span: &Span) -> Vec<ChoiceOption> {
        let Some(items) = self.opt_array(t, "options") else {
            self.error(type_span, "a choice needs `options = [{ value = \"…\", uk = \"…\", en = \"…\" }, …]`");
            return Vec::new();
        };
        let mut out: Vec<ChoiceOption> = Vec::new();
        for item in items {
            let span = item.span();
            let Some(o) = self.as_table(item, "each option") else { continue };
            self.unknown_keys(o, &["value", "uk", "en"], "an option");
            let value = self.string(o, "value", &span, "this option");
            let uk = self.string(o, "uk", &span, "this option");
            let en = self.opt_string(o, "en");
            if en.is_none() && Self::get(o, "en").is_none() {
                self.warn(&span, "this option has no English text (`en`)");
            }
            if let (Some(value), Some(uk)) = (value, uk) {
                if out.iter().any(|x| x.value == value.value) {
                    self.error(&value.span, format!("option value \"{}\" appears twice", value.value));
                    continue;
                }
                out.push(ChoiceOption { value: value.value, label: Text { uk: uk.value, en: en.map(|e| e.value) } });
            }
        }
        if out.len() < 2 {
            self.error(type_span, "a choice needs at least two options");
        }
        out
    }

    fn workflow(&mut self, root: &Table<'_>, root_span: &Span) -> Option<RawWorkflow> {
        let Some(v) = Self::get(root, "workflow") else {
            self.missing(root_span, "workflow", "the service");
            return None;
        };
        let span = v.span();
        let t = self.as_table(v, "`workflow`")?;
        self.unknown_keys(t, &["start", "groups", "states", "transitions"], "`workflow`");
        let start = self.string(t, "start", &span, "the workflow");
        let mut groups = Vec::new();
        for item in self.opt_array(t, "groups").unwrap_or(&[]) {
            let gspan = item.span();
            let Some(g) = self.as_table(item, "each group") else { continue };
            self.unknown_keys(g, &["id", "title"], "a group");
            let id = self.string(g, "id", &gspan, "this group");
            let title = self.text(g, "title", true, &gspan);
            if let (Some(id), Some(title)) = (id, title) {
                groups.push((id, title));
            }
        }
        let mut states = Vec::new();
        let state_items = self.opt_array(t, "states").unwrap_or(&[]);
        if state_items.is_empty() {
            self.error(&span, "the workflow has no states; add `[[workflow.states]]` with id, phase and title");
        }
        for item in state_items {
            let sspan = item.span();
            let Some(s) = self.as_table(item, "each state") else { continue };
            self.unknown_keys(s, &["id", "phase", "title"], "a state");
            let id = self.string(s, "id", &sspan, "this state");
            let title = self.text(s, "title", true, &sspan);
            let phase = match self.string(s, "phase", &sspan, "this state") {
                Some(p) => match Phase::parse(&p.value) {
                    Some(phase) => Some(phase),
                    None => {
                        let all: Vec<&str> = Phase::ALL.iter().map(|p| p.code()).collect();
                        self.error(&p.span, format!("unknown phase \"{}\"; choose one of: {}", p.value, all.join(", ")));
                        None
                    }
                },
                None => None,
            };
            if let (Some(id), Some(phase), Some(title)) = (id, phase, title) {
                states.push(RawState { id, phase, title });
            }
        }
        let mut transitions = Vec::new();
        let mut all_input_ids = Vec::new();
        for item in self.opt_array(t, "transitions").unwrap_or(&[]) {
            let tspan = item.span();
            let Some(tr) = self.as_table(item, "each transition") else { continue };
            self.unknown_keys(tr, &["action", "label", "from", "to", "roles", "inputs", "issues", "requires"], "a transition");
            let action = self.string(tr, "action", &tspan, "this transition");
            let label = self.text(tr, "label", true, &tspan);
            let from = self.string_list(tr, "from");
            if from.is_empty() {
                self.error(&tspan, "this transition has no `from`: list the states it leaves from");
            }
            let to = self.string(tr, "to", &tspan, "this transition");
            let roles = self.string_list(tr, "roles");
            if roles.is_empty() {
                self.error(&tspan, "this transition has no `roles`: say who may take it (applicant, officer, supervisor, …)");
            }
            let mut inputs = Vec::new();
            for input in self.opt_array(tr, "inputs").unwrap_or(&[]) {
                if let Some(f) = self.field(input, "an input") {
                    all_input_ids.push(f.id.value.clone());
                    inputs.push(f);
                }
            }
            let issues = self.opt_string(tr, "issues");
            let requires = self.string_list(tr, "requires");
            if let (Some(action), Some(label), Some(to)) = (action, label, to) {
                transitions.push(RawTransition { action, label, from, to, roles, inputs, issues, requires });
            }
        }
        Some(RawWorkflow { span, all_input_ids, start, groups, states, transitions })
    }

    /// `[[glossary]]`: terms with their forms and plain explanations.
    fn glossary(&mut self, root: &Table<'_>) -> Vec<crate::glossary::Term> {
        let Some(v) = Self::get(root, "glossary") else { return Vec::new() };
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                &v.span(),
                "`glossary` must be a list of terms: write each as `[[glossary]]` with `id`, `term`, `forms` and `explanation`",
            );
            return Vec::new();
        };
        let mut out: Vec<crate::glossary::Term> = Vec::new();
        // Every form seen so far (folded as search folds it), and whose it is.
        let mut seen: Vec<(String, String)> = Vec::new();
        for item in items {
            let span = item.span();
            let Some(t) = self.as_table(item, "each of `glossary`") else { continue };
            self.unknown_keys(t, &["id", "term", "forms", "explanation"], "a glossary term");
            let id = self.string(t, "id", &span, "this glossary term");
            if let Some(id) = &id {
                if !is_slug(&id.value) {
                    self.error(&id.span, "a glossary term's `id` must be a slug: lower-case Latin letters, digits and single hyphens (it is the term's address on the glossary page)");
                } else if out.iter().any(|o| o.id == id.value) {
                    self.error(&id.span, format!("glossary term id \"{}\" is used twice; give each term its own", id.value));
                }
            }
            let term = self.text(t, "term", true, &span);
            let explanation = self.text(t, "explanation", true, &span);
            if let Some(e) = &explanation
                && e.uk.chars().count() > 400
            {
                self.warn(&span, "this explanation is longer than 400 characters; a glossary entry should be plain and short");
            }
            let forms = self.string_list(t, "forms");
            let mut words: Vec<Sp<String>> = Vec::new();
            if let Some(term) = &term {
                words.push(Sp { value: term.uk.clone(), span: span.clone() });
                words.extend(term.en.iter().map(|en| Sp { value: en.clone(), span: span.clone() }));
            }
            words.extend(forms.iter().cloned());
            let owner = id.as_ref().map(|i| i.value.clone()).unwrap_or_default();
            let mut own: Vec<String> = Vec::new();
            for form in &words {
                let edge = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if !edge(form.value.chars().next()) || !edge(form.value.chars().last()) {
                    self.error(
                        &form.span,
                        format!(
                            "the form \"{}\" must begin and end with a letter or a digit, or it can never be found as a word",
                            form.value
                        ),
                    );
                    continue;
                }
                let key = crate::search::normalize(&form.value);
                if own.contains(&key) {
                    continue;
                }
                match seen.iter().find(|(k, _)| *k == key) {
                    Some((_, other)) => self.error(
                        &form.span,
                        format!("the form \"{}\" already belongs to the glossary term \"{other}\"; a word links to one entry", form.value),
                    ),
                    None => {
                        seen.push((key.clone(), owner.clone()));
                        own.push(key);
                    }
                }
            }
            if let (Some(id), Some(term), Some(explanation)) = (id, term, explanation) {
                let forms = forms.into_iter().map(|f| f.value).collect();
                out.push(crate::glossary::Term { id: id.value, term, forms, explanation });
            }
        }
        out
    }

    fn documents(&mut self, root: &Table<'_>) -> Vec<RawDocument> {
        let Some(v) = Self::get(root, "documents") else { return Vec::new() };
        let Some(t) = self.as_table(v, "`documents`") else { return Vec::new() };
        let mut out = Vec::new();
        for (key, value) in t.iter() {
            let id = Sp { value: key.get_ref().to_string(), span: key.span() };
            let span = value.span();
            let Some(d) = self.as_table(value, &format!("document `{}`", id.value)) else { continue };
            self.unknown_keys(d, &["title", "valid_for_days", "shows"], "a document");
            let title = self.text(d, "title", true, &span);
            let valid_for_days = self.opt_uint(d, "valid_for_days", 1..36_501).map(|v| v.value);
            let shows = self.string_list(d, "shows");
            if shows.is_empty() {
                self.error(&span, format!("document `{}` shows nothing; list the fields it prints in `shows`", id.value));
            }
            if let Some(title) = title {
                out.push(RawDocument { id, title, valid_for_days, shows });
            }
        }
        out
    }
}

fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

pub(super) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

pub(super) fn is_identifier(s: &str) -> bool {
    s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn parse_iso_date(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &format).ok()
}

/// The allowed word nearest to a mistyped one, if it is close enough to be a typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
