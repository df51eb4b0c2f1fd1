//! The one-question survey: once a case is decided (approved or rejected, not
//! withdrawn), its status page asks the resident how satisfied they are, 1 to
//! 5, with an optional comment. One answer per case, kept for the public
//! dashboard; a second changes nothing.

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use hromada_domain::definition::{Phase, ServiceDefinition};
use hromada_domain::form::clean_text;
use hromada_store::{CaseRecord, StoreError};

use crate::AppState;
use crate::access::owner::Owned;
use crate::http::csrf::CsrfToken;
use crate::http::forms::{Fields, field};
use crate::http::i18n::Tr;
use crate::http::layout::Ui;
use crate::http::render::{Reject, see_other};
use crate::http::widgets::{Widget, radios, textarea_widget};
use crate::resident::casefile::{ReplyState, case_page};

/// The longest comment kept.
const MAX_COMMENT_CHARS: usize = 1000;

/// The survey as typed, with what was wrong with it.
#[derive(Debug, Clone, Default)]
pub(crate) struct SurveyInput {
    pub score: String,
    pub comment: String,
    pub score_error: Option<String>,
    pub comment_error: Option<String>,
}

/// The survey part of the status page.
pub(crate) struct SurveyView {
    pub action: String,
    pub widgets: Vec<Widget>,
    /// The answer given: the score as words, and the comment.
    pub answered: Option<(String, Option<String>)>,
    /// The answer was given just now.
    pub thanked: bool,
}

/// Whether the case was decided: approved or rejected (a withdrawn case was not decided).
pub(crate) fn decided(definition: &ServiceDefinition, case: &CaseRecord) -> bool {
    !case.is_draft() && definition.workflow.state(&case.state).is_some_and(|s| matches!(s.phase, Phase::Approved | Phase::Rejected))
}

fn score_labels(t: &Tr<'_>) -> [(&'static str, String); 5] {
    [
        ("1", t.msg("survey-score-1")),
        ("2", t.msg("survey-score-2")),
        ("3", t.msg("survey-score-3")),
        ("4", t.msg("survey-score-4")),
        ("5", t.msg("survey-score-5")),
    ]
}

/// The survey of the case's status page: `None` before a decision (or for
/// someone who is not the resident); the form, or the answer given.
pub(crate) async fn view(
    state: &AppState,
    t: &Tr<'_>,
    case: &CaseRecord,
    definition: &ServiceDefinition,
    input: Option<&SurveyInput>,
    thanked: bool,
) -> Result<Option<SurveyView>, StoreError> {
    if !decided(definition, case) {
        return Ok(None);
    }
    let answered = state.store.satisfaction(case.id).await?.map(|(score, comment, _)| {
        let words = score_labels(t).into_iter().find(|(n, _)| *n == score.to_string()).map(|(_, l)| l).unwrap_or_else(|| score.to_string());
        (words, comment)
    });
    let input = input.cloned().unwrap_or_default();
    let widgets = if answered.is_some() {
        Vec::new()
    } else {
        vec![
            radios(
                "score",
                t.msg("survey-question"),
                Some(t.msg("survey-question-hint")),
                score_labels(t).into_iter().collect(),
                &input.score,
                input.score_error.clone(),
            ),
            textarea_widget(
                "comment",
                t.msg("survey-comment"),
                Some(t.count("hint-max-chars", "n", MAX_COMMENT_CHARS as i64)),
                &input.comment,
                input.comment_error.clone(),
            ),
        ]
    };
    Ok(Some(SurveyView { action: format!("/applications/{}/survey", case.id), widgets, answered, thanked }))
}

/// `POST /applications/{id}/survey`.
pub async fn answer(
    State(state): State<AppState>,
    ui: Ui,
    Extension(csrf): Extension<CsrfToken>,
    owned: Owned,
    form: Fields,
) -> Result<Response, Reject> {
    let status_href = format!("/applications/{}/status", owned.case.id);
    if !decided(&owned.definition, &owned.case) {
        return Ok(see_other(&status_href));
    }
    match state.store.satisfaction(owned.case.id).await {
        // Answered before: the first answer stays.
        Ok(Some(_)) => return Ok(see_other(&status_href)),
        Ok(None) => {}
        Err(e) => return Err(Reject::unavailable(e)),
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let raw_score = field(&form, "score").trim();
    let raw_comment = field(&form, "comment");
    let mut input = SurveyInput {
        score: raw_score.chars().take(10).collect(),
        comment: raw_comment.chars().take(MAX_COMMENT_CHARS + 100).collect(),
        ..SurveyInput::default()
    };
    let score = match raw_score {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        "5" => Some(5),
        _ => None,
    };
    if score.is_none() {
        input.score_error = Some(t.msg("survey-error-score"));
    }
    let comment = match form.text("comment").and_then(|raw| clean_text(raw, true)) {
        Ok(c) if c.chars().count() > MAX_COMMENT_CHARS => {
            input.comment_error = Some(t.count("survey-error-comment-long", "max", MAX_COMMENT_CHARS as i64));
            None
        }
        Ok(c) => Some(c).filter(|c| !c.is_empty()),
        Err(_) => {
            input.comment_error = Some(t.msg("survey-error-comment-characters"));
            None
        }
    };
    let Some(score) = score.filter(|_| input.comment_error.is_none()) else {
        let errors = [("score", &input.score_error), ("comment", &input.comment_error)]
            .into_iter()
            .filter_map(|(id, e)| e.clone().map(|e| (id.to_string(), e)))
            .collect();
        let reply = ReplyState { errors, survey: Some(input), ..ReplyState::default() };
        return case_page(&state, &ui, &csrf, &owned, reply, false).await;
    };
    match state.store.put_satisfaction(owned.case.id, score, comment.as_deref(), state.clock.now()).await {
        Ok(_) => Ok(see_other(&format!("{status_href}?survey=1"))),
        Err(e) => Err(Reject::unavailable(e)),
    }
}
