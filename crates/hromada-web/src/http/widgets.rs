//! The controls a service definition's questions become on a page (text
//! inputs, choices, files, declarations), with their hints and the messages
//! for refused values, and the summary of given answers with change links.
//! Used by the resident's journey, the office's action forms and the
//! assisted application alike.

use hromada_domain::definition::{Field, FieldKind, FileType, Page, ServiceDefinition};
use hromada_domain::form::Problem;
use hromada_domain::glossary::{Gloss, Linker};
use hromada_domain::{form, upload};
use hromada_store::{CaseFile, CaseRecord};

use crate::http::i18n::Tr;

/// What to tell the resident, in their language, about a refused value.
pub(crate) fn problem_message(t: &Tr<'_>, field: &Field, problem: &Problem) -> String {
    let label = field.label.get(t.lang).to_string();
    let label_arg = [("label", label.clone())];
    match problem {
        Problem::Required => match &field.kind {
            FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } => t.args("problem-choose", &label_arg),
            FieldKind::Declaration => t.msg("problem-declaration"),
            FieldKind::File { .. } => t.args("problem-file-required", &label_arg),
            _ => t.args("problem-required", &label_arg),
        },
        Problem::TooShort { min } => t.args_count("problem-too-short", &label_arg, "min", i64::from(*min)),
        Problem::TooLong { max } => t.args_count("problem-too-long", &label_arg, "max", i64::from(*max)),
        Problem::NotANumber => t.args("problem-number", &label_arg),
        Problem::NotWhole => t.args("problem-whole", &label_arg),
        Problem::TooSmall { min } => t.args("problem-too-small", &[("label", label), ("min", min.clone())]),
        Problem::TooLarge { max } => t.args("problem-too-large", &[("label", label), ("max", max.clone())]),
        Problem::NotADate { example } => t.args("problem-date", &[("label", label), ("example", typed_date(*example))]),
        Problem::DateTooEarly { earliest } => t.args("problem-date-early", &[("label", label), ("date", t.date(*earliest))]),
        Problem::DateTooLate { latest } => t.args("problem-date-late", &[("label", label), ("date", t.date(*latest))]),
        Problem::NotAnOption => t.args("problem-option", &label_arg),
        Problem::NotAPhone => t.msg("problem-phone"),
        Problem::NotAnEmail => t.msg("problem-email"),
        Problem::NotAnRnokpp => t.msg("problem-rnokpp"),
        Problem::NotAnEdrpou => t.msg("problem-edrpou"),
        Problem::NotAnIban => t.msg("problem-iban"),
        Problem::NotAnIdDocument => t.msg("problem-id-document"),
        Problem::NotAVehiclePlate => t.msg("problem-vehicle-plate"),
        Problem::TooManyFiles { max } => t.args_count("problem-too-many-files", &label_arg, "max", i64::from(*max)),
        Problem::BadCharacters => t.args("problem-characters", &label_arg),
    }
}

pub(crate) struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub(crate) struct ShownFile {
    pub id: i64,
    pub name: String,
    pub size: String,
}

/// One field as the page shows it.
pub(crate) struct Widget {
    pub id: String,
    /// `input`, `textarea`, `radios`, `checkboxes`, `declaration`, `file`.
    pub control: &'static str,
    pub input_type: &'static str,
    pub inputmode: &'static str,
    pub autocomplete: &'static str,
    pub spellcheck: bool,
    pub label: String,
    pub hint: Option<String>,
    /// The hint with its glossary terms linked (`Widget::gloss`); empty: the hint as it is.
    pub hint_glossed: Vec<Gloss>,
    pub error: Option<String>,
    pub value: String,
    pub choices: Vec<Choice>,
    pub files: Vec<ShownFile>,
    pub accept: String,
    pub multiple: bool,
    pub rows: u32,
    pub width: &'static str,
    /// "Where do I find this?" for a value printed on a document.
    pub find: Option<WhereToFind>,
}

/// The disclosure under a field that asks for a value printed on a
/// document: where it is, in words and in a drawing (`drawing` picks the
/// drawing of `where.html`), and what to do without it.
pub(crate) struct WhereToFind {
    pub drawing: &'static str,
    /// The drawing's text alternative.
    pub alt: String,
    pub place: String,
    pub without: String,
}

/// The disclosure of a field kind whose value is printed on a document.
fn where_to_find(t: &Tr<'_>, kind: &FieldKind) -> Option<WhereToFind> {
    // Each key written out, so that the catalogue's test sees it.
    let (drawing, alt, place, without) = match kind {
        FieldKind::Rnokpp => ("rnokpp", t.msg("find-rnokpp-drawing"), t.msg("find-rnokpp-place"), t.msg("find-rnokpp-without")),
        FieldKind::IdDocument => {
            ("id-document", t.msg("find-id-document-drawing"), t.msg("find-id-document-place"), t.msg("find-id-document-without"))
        }
        FieldKind::Edrpou => ("edrpou", t.msg("find-edrpou-drawing"), t.msg("find-edrpou-place"), t.msg("find-edrpou-without")),
        FieldKind::Iban => ("iban", t.msg("find-iban-drawing"), t.msg("find-iban-place"), t.msg("find-iban-without")),
        FieldKind::VehiclePlate => ("vehicle-plate", t.msg("find-plate-drawing"), t.msg("find-plate-place"), t.msg("find-plate-without")),
        _ => return None,
    };
    Some(WhereToFind { drawing, alt, place, without })
}

impl Widget {
    /// Links the hint's glossary terms not linked yet on this page. Only the
    /// hint: a link inside a label or a legend would be part of the control's
    /// name and a second target on the same words.
    pub fn gloss(&mut self, terms: &mut Linker) {
        if let Some(hint) = &self.hint {
            self.hint_glossed = terms.link(hint);
        }
    }

    pub fn described_by(&self) -> Option<String> {
        described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }
}

/// The ids of a control's hint and error, for `aria-describedby`.
pub(crate) fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error"))].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The id of a group's `index`-th choice: the group's own for the first (its label and errors point there), then `-2`, `-3`…
fn choice_id(group: &str, index: usize) -> String {
    if index == 0 { group.to_string() } else { format!("{group}-{}", index + 1) }
}

/// A date as a person types it in a date field: 15.06.1963.
fn typed_date(date: time::Date) -> String {
    format!("{:02}.{:02}.{}", date.day(), u8::from(date.month()), date.year())
}

/// The hint a field shows: its own help, limits, the format (with an example
/// the question takes), and when it applies.
fn hint_of(t: &Tr<'_>, asked: &Asked<'_>, field: &Field) -> Option<String> {
    let Asked { definition, page, today } = *asked;
    let mut parts = Vec::new();
    if let Some(condition) = &field.show_if
        && page.fields.iter().any(|f| f.id == condition.field)
        && let Some(source) = definition.field(&condition.field)
    {
        // The condition is on this page: without JavaScript the field is always
        // there, so say when it needs an answer.
        use hromada_domain::definition::ConditionTest;
        let label_of = |v: &str| -> String {
            source
                .kind
                .options()
                .and_then(|o| o.iter().find(|o| o.value == v))
                .map(|o| o.label.get(t.lang).to_string())
                .unwrap_or_else(|| v.to_string())
        };
        let question = source.label.get(t.lang).to_string();
        let quoted = |values: &[String]| {
            values.iter().map(|v| t.with("hint-answer", "answer", &label_of(v))).collect::<Vec<_>>().join(&t.msg("hint-or"))
        };
        match &condition.test {
            ConditionTest::Equals(v) | ConditionTest::Includes(v) => {
                parts.push(t.args("hint-only-if", &[("question", question), ("answer", quoted(std::slice::from_ref(v)))]));
            }
            ConditionTest::OneOf(vs) => parts.push(t.args("hint-only-if", &[("question", question), ("answer", quoted(vs))])),
            ConditionTest::NotEquals(v) => {
                parts.push(t.args("hint-only-if-not", &[("question", question), ("answer", quoted(std::slice::from_ref(v)))]));
            }
        }
    }
    if let Some(help) = &field.help {
        parts.push(help.get(t.lang).to_string());
    }
    match &field.kind {
        FieldKind::Date { not_before, not_after } => {
            parts.push(t.with("hint-date", "example", &typed_date(form::date_example(*not_before, *not_after, today))));
        }
        FieldKind::Textarea { max_length, .. } => parts.push(t.count("hint-max-chars", "n", i64::from(*max_length))),
        FieldKind::File { accept, max_files, max_file_mb } => {
            parts.push(files_hint(t, accept, *max_files, *max_file_mb));
        }
        _ => {}
    }
    // "Optional", unless the label or the help already says so.
    let optional = t.msg("hint-optional");
    let says_so = |text: &str| text.to_lowercase().contains(optional.trim_end_matches('.').to_lowercase().as_str());
    if !field.required
        && !matches!(field.kind, FieldKind::Declaration)
        && !says_so(field.label.get(t.lang))
        && !field.help.as_ref().is_some_and(|h| says_so(h.get(t.lang)))
    {
        parts.push(optional);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The `autocomplete` attribute for a declared input purpose (a `'static` token from the closed list).
fn autocomplete_token(purpose: &str) -> &'static str {
    hromada_domain::definition::AUTOCOMPLETE.iter().find(|t| **t == purpose).copied().unwrap_or("off")
}

/// "PDF, JPG files, each up to 10 MB, at most 3 files."
fn files_hint(t: &Tr<'_>, accept: &[FileType], max_files: u32, max_file_mb: u32) -> String {
    let kinds: Vec<&str> = accept.iter().map(|k| upload::extension(*k)).collect();
    t.args_count(
        "hint-files",
        &[("kinds", kinds.join(", ").to_uppercase()), ("size", max_file_mb.to_string())],
        "count",
        i64::from(max_files),
    )
}

/// Where a question is asked: its service, its page, and the day (for the
/// examples of dates it takes).
#[derive(Clone, Copy)]
pub(crate) struct Asked<'a> {
    pub definition: &'a ServiceDefinition,
    pub page: &'a Page,
    pub today: time::Date,
}

pub(crate) fn widget(
    t: &Tr<'_>,
    asked: &Asked<'_>,
    field: &Field,
    values: &[String],
    files: &[&CaseFile],
    error: Option<String>,
) -> Widget {
    let first = values.first().cloned().unwrap_or_default();
    let mut w = text_widget(&field.id, field.label.get(t.lang).to_string(), hint_of(t, asked, field), &first, error);
    // Only the applicant's own data is offered for filling in (WCAG 1.3.5);
    // a child's or an owner's never is.
    w.autocomplete = field.autocomplete.as_deref().map(autocomplete_token).unwrap_or("off");
    w.find = where_to_find(t, &field.kind);
    let choices = |options: &[hromada_domain::definition::ChoiceOption]| -> Vec<Choice> {
        options
            .iter()
            .enumerate()
            .map(|(i, o)| Choice {
                id: choice_id(&field.id, i),
                value: o.value.clone(),
                label: o.label.get(t.lang).to_string(),
                checked: values.contains(&o.value),
            })
            .collect()
    };
    match &field.kind {
        FieldKind::Text { .. } => {}
        FieldKind::Address => {}
        FieldKind::Textarea { max_length, .. } => {
            w.control = "textarea";
            w.rows = if *max_length > 2000 { 8 } else { 5 };
        }
        FieldKind::Number { integer, .. } => {
            w.inputmode = if *integer { "numeric" } else { "decimal" };
            w.width = "w10";
            w.spellcheck = false;
        }
        FieldKind::Date { .. } => {
            // As Ukrainians write dates: 27.11.2026, shown as stored (ISO) turned back.
            w.value = hromada_domain::values::UaDate::parse(&first).map(|d| d.to_string()).unwrap_or(first);
            w.width = "w10";
            w.spellcheck = false;
        }
        FieldKind::Choice { options } => {
            w.control = "radios";
            w.choices = choices(options);
        }
        FieldKind::MultiChoice { options } => {
            w.control = "checkboxes";
            w.choices = choices(options);
        }
        FieldKind::Phone => {
            w.input_type = "tel";
            w.spellcheck = false;
            w.width = "w20";
            // As people write it back: +380 67 123 45 67.
            if let Ok(phone) = hromada_domain::values::Phone::parse(&first) {
                w.value = phone.formatted();
            }
        }
        FieldKind::Email => {
            w.input_type = "email";
            w.spellcheck = false;
        }
        FieldKind::Rnokpp | FieldKind::Edrpou => {
            w.spellcheck = false;
            w.width = "w10";
        }
        FieldKind::Iban | FieldKind::IdDocument => {
            w.spellcheck = false;
            w.width = "w20";
        }
        FieldKind::VehiclePlate => {
            w.spellcheck = false;
            w.width = "w10";
            // As it is printed on the plate: АА 1234 ВВ.
            if let Ok(plate) = hromada_domain::values::VehiclePlate::parse(&first) {
                w.value = plate.formatted();
            }
        }
        FieldKind::File { accept, max_files, .. } => {
            w.control = "file";
            w.accept = accept.iter().map(|k| k.code()).collect::<Vec<_>>().join(",");
            w.multiple = *max_files > 1;
            w.files = files.iter().map(|f| ShownFile { id: f.id, name: f.name.clone(), size: t.size(f.size) }).collect();
        }
        FieldKind::Declaration => {
            w.control = "declaration";
            w.choices = vec![Choice {
                id: field.id.clone(),
                value: form::DECLARATION_TICKED.to_string(),
                label: field.label.get(t.lang).to_string(),
                checked: first == form::DECLARATION_TICKED,
            }];
        }
    }
    w
}

pub(crate) struct AnswerRow {
    pub question: String,
    /// Lines of the answer, each in the pieces a narrow screen may break it
    /// into (`<wbr>` between them; see [`break_points`]).
    pub answer: Vec<Vec<String>>,
    pub change_href: String,
}

/// A line of an answer in pieces, so that a long e-mail address, link or
/// file name wraps where a reader expects it — before `@` and `.`, after `-`,
/// `_` and `/` — rather than mid-word on a phone. Only words too long for a
/// narrow line are cut; the pieces join back to the line.
pub(crate) fn break_points(line: &str) -> Vec<String> {
    const LONG_WORD: usize = 16;
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in line.split_inclusive(char::is_whitespace) {
        if word.trim_end().chars().count() <= LONG_WORD {
            current.push_str(word);
            continue;
        }
        for c in word.chars() {
            if matches!(c, '@' | '.') && !current.is_empty() && !current.ends_with(char::is_whitespace) {
                pieces.push(std::mem::take(&mut current));
            }
            current.push(c);
            if matches!(c, '-' | '_' | '/') {
                pieces.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(current);
    }
    pieces
}

pub(crate) struct AnswerSection {
    pub title: String,
    pub rows: Vec<AnswerRow>,
}

/// Every answer of the visible pages, with names of files; `change` adds Change links.
pub(crate) fn answer_sections(
    t: &Tr<'_>,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    files: &[CaseFile],
    change: bool,
) -> Vec<AnswerSection> {
    let answers = form::prune(definition, &case.answers);
    let mut sections = Vec::new();
    for index in form::visible_pages(definition, &answers) {
        let page = &definition.pages[index];
        let mut rows = Vec::new();
        for field in page.fields.iter().filter(|f| form::field_applies(f, &answers)) {
            let values = answers.get(&field.id).cloned().unwrap_or_default();
            let answer = match &field.kind {
                FieldKind::File { .. } => {
                    let names: Vec<String> = files
                        .iter()
                        .filter(|f| f.field.as_deref() == Some(&field.id))
                        .map(|f| format!("{} ({})", f.name, t.size(f.size)))
                        .collect();
                    if names.is_empty() { vec![t.msg("answer-none")] } else { names }
                }
                _ if values.is_empty() => vec![t.msg("answer-none")],
                FieldKind::Declaration => vec![t.msg("answer-confirmed")],
                FieldKind::Textarea { .. } => values.iter().flat_map(|v| v.lines().map(str::to_string)).collect(),
                _ => vec![form::display_value(field, &values, t.lang)],
            };
            let question = field.label.get(t.lang).to_string();
            let answer = answer.iter().map(|line| break_points(line)).collect();
            rows.push(AnswerRow {
                change_href: if change {
                    format!("/applications/{}/page/{}?return=check#{}", case.id, page.id, field.id)
                } else {
                    String::new()
                },
                question,
                answer,
            });
        }
        if !rows.is_empty() {
            sections.push(AnswerSection { title: page.title.get(t.lang).to_string(), rows });
        }
    }
    sections
}

pub(crate) fn blank_widget(id: &str, label: String) -> Widget {
    Widget {
        id: id.to_string(),
        control: "input",
        input_type: "text",
        inputmode: "",
        autocomplete: "off",
        spellcheck: true,
        label,
        hint: None,
        hint_glossed: Vec::new(),
        error: None,
        value: String::new(),
        choices: Vec::new(),
        files: Vec::new(),
        accept: String::new(),
        multiple: false,
        rows: 5,
        width: "",
        find: None,
    }
}

pub(crate) fn radios(
    id: &str,
    label: String,
    hint: Option<String>,
    options: Vec<(&str, String)>,
    chosen: &str,
    error: Option<String>,
) -> Widget {
    let mut w = blank_widget(id, label);
    w.control = "radios";
    w.hint = hint;
    w.error = error;
    w.choices = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| Choice { id: choice_id(id, i), value: value.to_string(), label, checked: value == chosen })
        .collect();
    w
}

pub(crate) fn text_widget(id: &str, label: String, hint: Option<String>, value: &str, error: Option<String>) -> Widget {
    let mut w = blank_widget(id, label);
    w.hint = hint;
    w.error = error;
    w.value = value.to_string();
    w
}

pub(crate) fn textarea_widget(id: &str, label: String, hint: Option<String>, value: &str, error: Option<String>) -> Widget {
    let mut w = text_widget(id, label, hint, value, error);
    w.control = "textarea";
    w
}

#[cfg(test)]
mod tests {
    use hromada_domain::Lang;
    use hromada_domain::text::Text;

    use super::*;
    use crate::http::i18n::I18n;
    use crate::http::i18n::tests::check_plural;

    /// The numbers of a refused value reach the messages as numbers, so each
    /// language picks its plural form ("4 символи", not "4 символів").
    #[test]
    fn problems_and_hints_with_a_count_agree_with_it() {
        let i18n = I18n::load().expect("catalogues load");
        let field = Field {
            id: "about".into(),
            label: Text { uk: "Про себе".into(), en: Some("About you".into()) },
            help: None,
            required: true,
            show_if: None,
            kind: FieldKind::Textarea { min_length: None, max_length: 100 },
            autocomplete: None,
        };
        let (i18n, field) = (&i18n, &field);
        let message =
            |problem: fn(u32) -> Problem| move |lang: Lang, n: i64| problem_message(&Tr { i18n, lang }, field, &problem(n as u32));
        let characters_of = [["символ", "символи", "символів"]];
        let characters_up_to = [["символу", "символів", "символів"]];
        let characters = [["character", "characters"]];
        check_plural(message(|min| Problem::TooShort { min }), "problem-too-short", &characters_of, &characters);
        check_plural(message(|max| Problem::TooLong { max }), "problem-too-long", &characters_up_to, &characters);
        let files = [["file", "files"]];
        check_plural(message(|max| Problem::TooManyFiles { max }), "problem-too-many-files", &[["файлу", "файлів", "файлів"]], &files);
        let hint = |lang: Lang, n: i64| files_hint(&Tr { i18n, lang }, &[FileType::Pdf], n as u32, 10);
        check_plural(hint, "hint-files", &[["файлу", "файлів", "файлів"]], &files);
    }

    /// A date question's hint and message give an example it takes: a date of
    /// birth is not asked with "ten days ago" as its example.
    #[test]
    fn a_date_of_birth_is_asked_with_a_plausible_example() {
        use hromada_domain::definition::DateBound;
        use time::macros::date;
        let i18n = I18n::load().expect("catalogues load");
        let birth = Field {
            id: "date_of_birth".into(),
            label: Text { uk: "Дата народження".into(), en: Some("Date of birth".into()) },
            help: None,
            required: true,
            show_if: None,
            kind: FieldKind::Date { not_before: Some(DateBound::Fixed(date!(1900 - 01 - 01))), not_after: Some(DateBound::Today) },
            autocomplete: None,
        };
        let source = include_str!("../../../../services/odnorazova-materialna-dopomoha.toml");
        let definition = hromada_domain::definition::parse_definition(source, None).definition.expect("the demo service parses");
        let page = &definition.pages[0];
        let t = Tr { i18n: &i18n, lang: Lang::Uk };
        let today = date!(2026 - 11 - 27);
        let shown = widget(&t, &Asked { definition: &definition, page, today }, &birth, &[], &[], None);
        assert_eq!(shown.hint.as_deref(), Some("Наприклад, 15.06.1963."));
        let example = hromada_domain::form::date_example(Some(DateBound::Fixed(date!(1900 - 01 - 01))), Some(DateBound::Today), today);
        assert_eq!(
            problem_message(&t, &birth, &Problem::NotADate { example }),
            "«Дата народження»: введіть дату як день.місяць.рік, наприклад 15.06.1963"
        );
    }

    /// A long e-mail address wraps at its dots and before its "@", never
    /// mid-word; short words and ordinary text stay whole.
    #[test]
    fn long_words_of_an_answer_break_where_a_reader_expects() {
        assert_eq!(break_points("oleksandra.shevchenko-hryhorenko@ukr.net"), ["oleksandra", ".shevchenko-", "hryhorenko", "@ukr", ".net"]);
        assert_eq!(break_points("вул. Енергетиків, 12"), ["вул. Енергетиків, 12"]);
        assert_eq!(break_points("Пишу: olena.koval.2026@example.org."), ["Пишу: olena", ".koval", ".2026", "@example", ".org", "."]);
        assert_eq!(break_points(""), [""]);
        for line in ["a.b@c", "olena.koval.2026@example.org", "https://example.org/a/b_c-d", "  ", "слово слово"] {
            assert_eq!(break_points(line).concat(), line, "the pieces join back to the line");
        }
    }
}
