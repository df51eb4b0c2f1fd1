//! Service definitions: the model of PRODUCT.md capability 2, and the parser
//! that turns a TOML file into it, reporting every mistake with its line and
//! column (see `docs/service-definitions.md` for the format).

mod check;
mod read;

use std::collections::BTreeMap;

use time::Date;

use crate::Text;

pub use read::{ParsedGlossary, parse_definition, parse_glossary};

/// A service as a community publishes it. Built only by [`parse_definition`],
/// so every value in it has passed the checks of `services validate`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDefinition {
    pub id: String,
    pub category: Category,
    pub life_situations: Vec<LifeSituation>,
    pub account: AccountRule,
    pub title: Text,
    pub summary: Text,
    pub who_can_apply: Text,
    pub legal_basis: Text,
    pub fee: Fee,
    pub deadline: DeadlineRule,
    pub required_documents: Vec<Text>,
    pub pages: Vec<Page>,
    pub workflow: Workflow,
    pub documents: Vec<DocumentTemplate>,
    /// The service's own terms (`[[glossary]]`), besides the installation's.
    pub glossary: Vec<crate::glossary::Term>,
}

impl ServiceDefinition {
    /// Every field of the form, page by page.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.pages.iter().flat_map(|p| p.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    /// Whether a resident can complete the service online from start to end
    /// (true for every service defined here: the definition is the online form).
    /// Services that need a visit say so in their texts; the pulse counts them.
    pub fn needs_account(&self) -> bool {
        self.account == AccountRule::Required
    }
}

macro_rules! closed_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

closed_list!(
    /// The catalogue's categories. Their names live in the message catalogue (`category-<code>`).
    Category {
        Residence = "residence",
        Certificates = "certificates",
        Social = "social",
        Housing = "housing",
        Transparency = "transparency",
        Appeals = "appeals",
        Environment = "environment",
        Transport = "transport",
        Business = "business",
    }
);

closed_list!(
    /// Life situations ("I moved"); names in the message catalogue (`situation-<code>`).
    LifeSituation {
        Moved = "moved",
        HomeDamaged = "home-damaged",
        Displaced = "displaced",
        NeedInformation = "need-information",
        LowIncome = "low-income",
        Disability = "disability",
        HaveAComplaint = "have-a-complaint",
        RunABusiness = "run-a-business",
        NewChild = "new-child",
        GreenSpaces = "green-spaces",
    }
);

closed_list!(
    /// Where a case stands, as the platform understands it. Each workflow state has one.
    Phase {
        Submitted = "submitted",
        InReview = "in_review",
        WaitingForResident = "waiting_for_resident",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
);

impl Phase {
    pub fn is_final(self) -> bool {
        matches!(self, Phase::Approved | Phase::Rejected | Phase::Withdrawn)
    }

    /// The deadline clock stops while the office waits for the resident.
    pub fn pauses_deadline(self) -> bool {
        self == Phase::WaitingForResident
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRule {
    /// Only a signed-in resident (or an operator on their behalf) may apply.
    Required,
    /// Anyone may apply with only an e-mail address.
    Optional,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fee {
    Free {
        note: Option<Text>,
    },
    /// Amount in kopiykas, to keep money exact.
    Fixed {
        amount_kopiykas: u64,
        note: Option<Text>,
    },
    /// Each community that offers the service sets its own fee (an
    /// `Offer`'s `fee_kopiykas`), at most `max_kopiykas` when the definition
    /// gives a ceiling.
    SetByCommunity {
        max_kopiykas: Option<u64>,
        note: Option<Text>,
    },
}

impl Fee {
    /// Whether a community sets the fee of its own offer.
    pub fn is_set_by_community(&self) -> bool {
        matches!(self, Fee::SetByCommunity { .. })
    }

    /// The note the definition gives with its fee, if any.
    pub fn note(&self) -> Option<&Text> {
        match self {
            Fee::Free { note } | Fee::Fixed { note, .. } | Fee::SetByCommunity { note, .. } => note.as_ref(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// Decided on the day of application.
    SameDay,
    Calendar,
    Working,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRule {
    pub kind: DeadlineKind,
    /// Days to decide (0 for same-day services).
    pub days: u32,
    /// The furthest an officer may extend it, in the same kind of days.
    pub extendable_to: Option<u32>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: String,
    pub title: Text,
    pub show_if: Option<Condition>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub id: String,
    pub label: Text,
    pub help: Option<Text>,
    pub required: bool,
    pub show_if: Option<Condition>,
    pub kind: FieldKind,
    /// The input purpose (WCAG 1.3.5) when the field asks for the applicant's
    /// own data: `name`, `bday`, `tel`, `email`, `street-address`, … Browsers
    /// then offer to fill it in. `None` (the default): nothing is suggested,
    /// right for data about someone else (a child, an owner).
    pub autocomplete: Option<String>,
}

/// The input purposes a field may declare (the HTML autofill tokens for a person's own data).
pub const AUTOCOMPLETE: &[&str] = &[
    "name",
    "given-name",
    "additional-name",
    "family-name",
    "bday",
    "tel",
    "email",
    "street-address",
    "address-level1",
    "address-level2",
    "postal-code",
    "country-name",
    "organization",
    "organization-title",
];

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text {
        min_length: Option<u32>,
        max_length: u32,
    },
    Textarea {
        min_length: Option<u32>,
        max_length: u32,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
    },
    Date {
        not_before: Option<DateBound>,
        not_after: Option<DateBound>,
    },
    Choice {
        options: Vec<ChoiceOption>,
    },
    MultiChoice {
        options: Vec<ChoiceOption>,
    },
    Address,
    Phone,
    Email,
    /// Taxpayer number, with the lawful alternative of passport series and number.
    Rnokpp,
    Edrpou,
    Iban,
    IdDocument,
    /// A vehicle's number plate (`АА1234ВВ`).
    VehiclePlate,
    File {
        accept: Vec<FileType>,
        max_files: u32,
        max_file_mb: u32,
    },
    Declaration,
}

impl FieldKind {
    /// The `type` code used in definition files.
    pub fn code(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::Textarea { .. } => "textarea",
            FieldKind::Number { .. } => "number",
            FieldKind::Date { .. } => "date",
            FieldKind::Choice { .. } => "choice",
            FieldKind::MultiChoice { .. } => "multi_choice",
            FieldKind::Address => "address",
            FieldKind::Phone => "phone",
            FieldKind::Email => "email",
            FieldKind::Rnokpp => "rnokpp",
            FieldKind::Edrpou => "edrpou",
            FieldKind::Iban => "iban",
            FieldKind::IdDocument => "id_document",
            FieldKind::VehiclePlate => "vehicle_plate",
            FieldKind::File { .. } => "file",
            FieldKind::Declaration => "declaration",
        }
    }

    pub fn options(&self) -> Option<&[ChoiceOption]> {
        match self {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options } => Some(options),
            _ => None,
        }
    }
}

/// Every `type` a field may have.
pub const FIELD_TYPES: &[&str] = &[
    "text",
    "textarea",
    "number",
    "date",
    "choice",
    "multi_choice",
    "address",
    "phone",
    "email",
    "rnokpp",
    "edrpou",
    "iban",
    "id_document",
    "vehicle_plate",
    "file",
    "declaration",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    Today,
    Fixed(Date),
}

impl DateBound {
    pub fn resolve(self, today: Date) -> Date {
        match self {
            DateBound::Today => today,
            DateBound::Fixed(date) => date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Text,
}

closed_list!(
    /// File types an upload field may accept; the type is decided from the content.
    FileType {
        Pdf = "application/pdf",
        Jpeg = "image/jpeg",
        Png = "image/png",
    }
);

/// A condition on an earlier answer that shows a page or a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: String,
    pub test: ConditionTest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionTest {
    Equals(String),
    NotEquals(String),
    OneOf(Vec<String>),
    /// A multiple-choice answer contains the value.
    Includes(String),
}

/// Answers as the form holds them: each field's values (one for most types,
/// any number for multiple choice and files).
pub type Answers = BTreeMap<String, Vec<String>>;

impl Condition {
    pub fn holds(&self, answers: &Answers) -> bool {
        let values = answers.get(&self.field).map(Vec::as_slice).unwrap_or(&[]);
        match &self.test {
            ConditionTest::Equals(v) => values.len() == 1 && values[0] == *v,
            ConditionTest::NotEquals(v) => !(values.len() == 1 && values[0] == *v),
            ConditionTest::OneOf(vs) => values.len() == 1 && vs.contains(&values[0]),
            ConditionTest::Includes(v) => values.contains(v),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workflow {
    pub start: String,
    pub groups: Vec<Group>,
    pub states: Vec<State>,
    pub transitions: Vec<Transition>,
}

impl Workflow {
    pub fn state(&self, id: &str) -> Option<&State> {
        self.states.iter().find(|s| s.id == id)
    }

    pub fn transition(&self, action: &str) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.action == action)
    }

    /// The transitions that leave `state`.
    pub fn transitions_from<'a>(&'a self, state: &'a str) -> impl Iterator<Item = &'a Transition> + 'a {
        self.transitions.iter().filter(move |t| t.from.iter().any(|f| f == state))
    }
}

/// A group a community defines for its workflows (its inspection commission).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub title: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub id: String,
    pub phase: Phase,
    pub title: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub action: String,
    pub label: Text,
    pub from: Vec<String>,
    pub to: String,
    pub roles: Vec<Actor>,
    pub inputs: Vec<Field>,
    pub issues: Option<String>,
    pub requires: Vec<String>,
}

/// Who may take a workflow action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The resident who applied (or the operator who applied for them).
    Applicant,
    Operator,
    Officer,
    Supervisor,
    CommunityAdmin,
    /// A group the definition declares (e.g. a commission).
    Group(String),
}

impl Actor {
    pub const BUILT_IN: &'static [&'static str] = &["applicant", "operator", "officer", "supervisor", "community_admin"];

    pub fn code(&self) -> &str {
        match self {
            Actor::Applicant => "applicant",
            Actor::Operator => "operator",
            Actor::Officer => "officer",
            Actor::Supervisor => "supervisor",
            Actor::CommunityAdmin => "community_admin",
            Actor::Group(id) => id,
        }
    }
}

/// An outcome document that a decision issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTemplate {
    pub id: String,
    pub title: Text,
    pub valid_for_days: Option<u32>,
    /// Ids of form fields or transition inputs printed on the document.
    pub shows: Vec<String>,
}

/// A mistake (or a warning) in a definition file, located by line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}: {word}: {}", self.line, self.column, self.message)
    }
}

/// The outcome of reading a definition: the definition when it has no errors,
/// and every diagnostic (errors and warnings) in file order.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub definition: Option<ServiceDefinition>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }
}

#[cfg(test)]
mod tests;
