//! Cross-reference checks of a definition: ids, conditions, the workflow graph
//! and document templates. Each mistake becomes a located diagnostic.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::read::{RawDocument, RawField, RawPage, RawWorkflow, Reader};
use super::*;

/// Checks the form and returns its pages.
pub(super) fn form(r: &mut Reader<'_>, pages: Option<Vec<RawPage>>) -> Option<Vec<Page>> {
    let pages = pages?;
    let mut page_ids = BTreeSet::new();
    // Fields seen so far, in form order: conditions may only look back.
    let mut earlier: BTreeMap<String, FieldKind> = BTreeMap::new();
    let mut out = Vec::new();
    for page in pages {
        if !page_ids.insert(page.id.value.clone()) {
            r.error(&page.id.span, format!("page id \"{}\" is used twice; page ids must be unique", page.id.value));
        }
        if let Some((cond, span)) = &page.show_if {
            condition(r, cond, span, &earlier, "this page");
        }
        let mut fields = Vec::new();
        for raw in page.fields {
            if let Some((cond, span)) = raw.field.show_if.as_ref().zip(raw.show_if_span.as_ref()) {
                condition(r, cond, span, &earlier, "this field");
            }
            if earlier.contains_key(&raw.id.value) {
                r.error(&raw.id.span, format!("field id \"{}\" is used twice; every field of the form needs its own id", raw.id.value));
            }
            earlier.insert(raw.id.value.clone(), raw.field.kind.clone());
            fields.push(raw.field);
        }
        out.push(Page { id: page.id.value, title: page.title, show_if: page.show_if.map(|(c, _)| c), fields });
    }
    Some(out)
}

fn condition(r: &mut Reader<'_>, cond: &Condition, span: &super::read::Span, earlier: &BTreeMap<String, FieldKind>, whom: &str) {
    let Some(kind) = earlier.get(&cond.field) else {
        r.error(
            span,
            format!(
                "the condition of {whom} names field \"{}\", which is not a field that comes before it; name an earlier field",
                cond.field
            ),
        );
        return;
    };
    let values: Vec<&String> = match &cond.test {
        ConditionTest::Equals(v) | ConditionTest::NotEquals(v) | ConditionTest::Includes(v) => vec![v],
        ConditionTest::OneOf(vs) => vs.iter().collect(),
    };
    match (kind, &cond.test) {
        (FieldKind::MultiChoice { .. }, ConditionTest::Includes(_)) => {}
        (FieldKind::MultiChoice { .. }, _) => {
            r.error(span, format!("\"{}\" is a multiple choice; test it with `includes = \"…\"`", cond.field));
            return;
        }
        (_, ConditionTest::Includes(_)) => {
            r.error(span, format!("`includes` works only on a multiple choice, and \"{}\" is a {}", cond.field, kind.code()));
            return;
        }
        _ => {}
    }
    if let Some(options) = kind.options() {
        for v in values {
            if !options.iter().any(|o| &o.value == v) {
                let known: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
                r.error(span, format!("\"{}\" has no option \"{v}\"; its options are: {}", cond.field, known.join(", ")));
            }
        }
    } else if matches!(kind, FieldKind::Declaration) {
        r.error(span, format!("\"{}\" is a declaration, which is always ticked; a condition on it would never change", cond.field));
    }
}

/// Checks the workflow; returns it if it has no mistake.
pub(super) fn workflow(r: &mut Reader<'_>, w: RawWorkflow, pages: &[Page], documents: &[RawDocument]) -> Option<Workflow> {
    let mut ok = true;
    let form_ids: BTreeSet<&str> = pages.iter().flat_map(|p| &p.fields).map(|f| f.id.as_str()).collect();

    let mut group_ids = BTreeSet::new();
    for (id, _) in &w.groups {
        if Actor::BUILT_IN.contains(&id.value.as_str()) {
            r.error(&id.span, format!("group id \"{}\" is a built-in role; choose another id", id.value));
            ok = false;
        } else if !super::read::is_identifier(&id.value) {
            r.error(&id.span, "a group id must be lower-case Latin letters, digits and _");
            ok = false;
        } else if !group_ids.insert(id.value.clone()) {
            r.error(&id.span, format!("group \"{}\" is declared twice", id.value));
            ok = false;
        }
    }

    let mut phases: BTreeMap<String, Phase> = BTreeMap::new();
    for s in &w.states {
        if phases.insert(s.id.value.clone(), s.phase).is_some() {
            r.error(&s.id.span, format!("state \"{}\" is defined twice", s.id.value));
            ok = false;
        }
    }
    if !w.states.iter().any(|s| s.phase.is_final()) && !w.states.is_empty() {
        r.error(&w.span, "the workflow has no final state: add a state whose phase is approved, rejected or withdrawn");
        ok = false;
    }
    match &w.start {
        Some(start) => match phases.get(&start.value) {
            None if w.states.is_empty() => ok = false,
            None => {
                r.error(&start.span, format!("the start state \"{}\" is not defined in `[[workflow.states]]`", start.value));
                ok = false;
            }
            Some(phase) if *phase != Phase::Submitted => {
                r.error(
                    &start.span,
                    format!("the start state \"{}\" must have phase \"submitted\", not \"{}\"", start.value, phase.code()),
                );
                ok = false;
            }
            Some(_) => {}
        },
        None => ok = false,
    }

    let mut actions = BTreeSet::new();
    for t in &w.transitions {
        if !actions.insert(t.action.value.clone()) {
            r.error(
                &t.action.span,
                format!("action \"{}\" is defined twice; list all its `from` states in one transition", t.action.value),
            );
            ok = false;
        }
        for from in &t.from {
            match phases.get(&from.value) {
                None => {
                    r.error(
                        &from.span,
                        format!("transition \"{}\" leaves from \"{}\", which is not a defined state", t.action.value, from.value),
                    );
                    ok = false;
                }
                Some(p) if p.is_final() => {
                    r.error(
                        &from.span,
                        format!(
                            "transition \"{}\" leaves from the final state \"{}\"; a final state ends the case",
                            t.action.value, from.value
                        ),
                    );
                    ok = false;
                }
                Some(_) => {}
            }
        }
        if !phases.contains_key(&t.to.value) {
            r.error(&t.to.span, format!("transition \"{}\" goes to \"{}\", which is not a defined state", t.action.value, t.to.value));
            ok = false;
        }
        for role in &t.roles {
            if !Actor::BUILT_IN.contains(&role.value.as_str()) && !group_ids.contains(&role.value) {
                r.error(
                    &role.span,
                    format!(
                        "unknown role \"{}\"; use one of {} or declare a group in `workflow.groups`",
                        role.value,
                        Actor::BUILT_IN.join(", ")
                    ),
                );
                ok = false;
            }
        }
        let mut own = BTreeSet::new();
        for input in &t.inputs {
            check_input(r, input, &form_ids, &mut own, &t.action.value, &mut ok);
        }
        if let Some(issues) = &t.issues
            && !documents.iter().any(|d| d.id.value == issues.value)
        {
            r.error(
                &issues.span,
                format!("transition \"{}\" issues \"{}\", but no `[documents.{}]` is defined", t.action.value, issues.value, issues.value),
            );
            ok = false;
        }
    }
    for t in &w.transitions {
        for req in &t.requires {
            if !actions.contains(&req.value) {
                r.error(&req.span, format!("transition \"{}\" requires action \"{}\", which is not defined", t.action.value, req.value));
                ok = false;
            }
        }
    }

    // Reachability from the start, and a way out of every non-final state.
    if let Some(start) = w.start.as_ref().filter(|s| phases.contains_key(&s.value)) {
        let mut reached = BTreeSet::from([start.value.clone()]);
        let mut queue = VecDeque::from([start.value.clone()]);
        while let Some(state) = queue.pop_front() {
            for t in w.transitions.iter().filter(|t| t.from.iter().any(|f| f.value == state)) {
                if phases.contains_key(&t.to.value) && reached.insert(t.to.value.clone()) {
                    queue.push_back(t.to.value.clone());
                }
            }
        }
        for s in &w.states {
            if !reached.contains(&s.id.value) {
                r.error(
                    &s.id.span,
                    format!(
                        "state \"{}\" cannot be reached from the start state \"{}\"; add a transition to it or remove it",
                        s.id.value, start.value
                    ),
                );
                ok = false;
            }
            let leaves = w.transitions.iter().any(|t| t.from.iter().any(|f| f.value == s.id.value) && t.to.value != s.id.value);
            if !s.phase.is_final() && !leaves {
                r.error(
                    &s.id.span,
                    format!("state \"{}\" is not final but no transition leaves it; a case there would be stuck", s.id.value),
                );
                ok = false;
            }
        }
    }
    // A case holds one document (numbered as the case): no issuing step may follow another.
    for first in w.transitions.iter().filter(|t| t.issues.is_some()) {
        let mut reached = BTreeSet::from([first.to.value.clone()]);
        let mut queue = VecDeque::from([first.to.value.clone()]);
        while let Some(state) = queue.pop_front() {
            for t in w.transitions.iter().filter(|t| t.from.iter().any(|f| f.value == state)) {
                if let Some(issues) = &t.issues {
                    r.error(
                        &issues.span,
                        format!(
                            "transition \"{}\" issues a document after \"{}\" already issued one, but a case holds one document; \
                         let only one of them issue it (to correct a document, revoke it and apply again)",
                            t.action.value, first.action.value
                        ),
                    );
                    ok = false;
                }
                if reached.insert(t.to.value.clone()) {
                    queue.push_back(t.to.value.clone());
                }
            }
        }
    }
    for (id, _) in &w.groups {
        if !w.transitions.iter().any(|t| t.roles.iter().any(|r| r.value == id.value)) {
            r.warn(&id.span, format!("group \"{}\" takes no action in the workflow", id.value));
        }
    }

    if !ok || w.start.is_none() {
        return None;
    }
    let workflow = Workflow {
        start: w.start.map(|s| s.value).unwrap_or_default(),
        groups: w.groups.into_iter().map(|(id, title)| Group { id: id.value, title }).collect(),
        states: w.states.into_iter().map(|s| State { id: s.id.value, phase: s.phase, title: s.title }).collect(),
        transitions: w
            .transitions
            .into_iter()
            .map(|t| Transition {
                action: t.action.value,
                label: t.label,
                from: t.from.into_iter().map(|f| f.value).collect(),
                to: t.to.value,
                roles: t
                    .roles
                    .into_iter()
                    .map(|r| match r.value.as_str() {
                        "applicant" => Actor::Applicant,
                        "operator" => Actor::Operator,
                        "officer" => Actor::Officer,
                        "supervisor" => Actor::Supervisor,
                        "community_admin" => Actor::CommunityAdmin,
                        _ => Actor::Group(r.value),
                    })
                    .collect(),
                inputs: t.inputs.into_iter().map(|i| i.field).collect(),
                issues: t.issues.map(|i| i.value),
                requires: t.requires.into_iter().map(|r| r.value).collect(),
            })
            .collect(),
    };
    Some(workflow)
}

fn check_input(r: &mut Reader<'_>, input: &RawField, form_ids: &BTreeSet<&str>, own: &mut BTreeSet<String>, action: &str, ok: &mut bool) {
    if form_ids.contains(input.id.value.as_str()) {
        r.error(&input.id.span, format!("input \"{}\" of \"{action}\" has the id of a form field; give it its own id", input.id.value));
        *ok = false;
    }
    if !own.insert(input.id.value.clone()) {
        r.error(&input.id.span, format!("input \"{}\" appears twice in \"{action}\"", input.id.value));
        *ok = false;
    }
    if let Some(span) = &input.show_if_span {
        r.error(span, "inputs of a workflow action cannot have `show_if`");
        *ok = false;
    }
}

pub(super) fn documents(r: &mut Reader<'_>, docs: Vec<RawDocument>, pages: &[Page], input_ids: &[String]) -> Vec<DocumentTemplate> {
    let mut out = Vec::new();
    for d in docs {
        if !super::read::is_identifier(&d.id.value) {
            r.error(&d.id.span, "a document id must be lower-case Latin letters, digits and _");
        }
        for s in &d.shows {
            let known = pages.iter().flat_map(|p| &p.fields).any(|f| f.id == s.value) || input_ids.contains(&s.value);
            if !known {
                r.error(
                    &s.span,
                    format!("document `{}` shows \"{}\", which is neither a form field nor an action's input", d.id.value, s.value),
                );
            }
        }
        out.push(DocumentTemplate {
            id: d.id.value,
            title: d.title,
            valid_for_days: d.valid_for_days,
            shows: d.shows.into_iter().map(|s| s.value).collect(),
        });
    }
    out
}
