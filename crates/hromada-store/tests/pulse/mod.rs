//! The pulse's roll-ups on every backend: submissions by channel and Kyiv
//! month, decisions with their days and timeliness, withdrawals apart, survey
//! answers, cases open and overdue now — each counted once, in the
//! transaction of the change — and a rebuild from the cases that gives the
//! same counts.

use super::*;
use hromada_domain::definition::Answers;
use hromada_domain::pulse::{Channel, Outcome, YearMonth};
use hromada_store::{
    AnswersRollup, ApplicationsRollup, CaseSchedule, DecisionsRollup, GeneratedCase, GeneratedEvent, NewDocument, OpenRollup, PulseRollups,
    WithdrawalsRollup,
};
use time::Date;

conformance! {
    submissions_are_counted_by_channel_and_kyiv_month =>
        submissions_are_counted_by_channel_and_kyiv_month_sqlite, submissions_are_counted_by_channel_and_kyiv_month_postgres;
    decisions_are_counted_with_their_days_and_timeliness =>
        decisions_are_counted_with_their_days_and_timeliness_sqlite, decisions_are_counted_with_their_days_and_timeliness_postgres;
    survey_answers_are_counted_once =>
        survey_answers_are_counted_once_sqlite, survey_answers_are_counted_once_postgres;
    generated_cases_are_counted_as_real_ones =>
        generated_cases_are_counted_as_real_ones_sqlite, generated_cases_are_counted_as_real_ones_postgres;
}

conformance! {
    with database:
    concurrent_changes_of_one_bucket_all_count =>
        concurrent_changes_of_one_bucket_all_count_sqlite, concurrent_changes_of_one_bucket_all_count_postgres;
    migrate_rebuilds_the_rollups_when_asked =>
        migrate_rebuilds_the_rollups_when_asked_sqlite, migrate_rebuilds_the_rollups_when_asked_postgres;
}

fn month(text: &str) -> YearMonth {
    YearMonth::parse(text).expect("a month")
}

async fn rollups(store: &dyn Store, today: Date) -> PulseRollups {
    store.pulse_rollups(month("2025-01"), month("2027-12"), today).await.expect("roll-ups")
}

/// The running counts equal what a rebuild from the cases gives.
async fn assert_rebuild_agrees(store: &dyn Store, today: Date) {
    let running = rollups(store, today).await;
    store.rebuild_pulse().await.expect("rebuild");
    assert_eq!(rollups(store, today).await, running, "a rebuild from the cases counts the same");
}

/// A submitted case of `dovidka` in Bucha: through the `channel` with or without an account, at `at`, due on `due`.
async fn submitted_at(
    store: &dyn Store,
    channel: CaseChannel,
    applicant: Option<AccountId>,
    at: OffsetDateTime,
    due: Option<Date>,
) -> CaseRecord {
    let draft = store.create_case(&NewCase { channel, applicant, ..draft_of(None, None) }).await.expect("draft");
    let s = Submission { at, due_on: due, ..submission(draft.id, 2026) };
    store.submit_case(&s).await.expect("submit");
    store.case(draft.id).await.expect("read").expect("exists")
}

/// Record an event on `case` that leaves its clock as `schedule`.
async fn schedule(store: &dyn Store, case: &CaseRecord, at: OffsetDateTime, to: Option<&str>, schedule: CaseSchedule) {
    let current = store.case(case.id).await.expect("read").expect("exists").state;
    let event = NewCaseEvent {
        case_id: case.id,
        at,
        kind: CaseEventKind::Action,
        action: Some("act".into()),
        transition: to.map(|to| (current, to.to_string())),
        by_applicant: false,
        actor: None,
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: Some(schedule),
        inputs: None,
        document: None,
    };
    store.record_case_event(&event).await.expect("event");
}

async fn decide(store: &dyn Store, case: &CaseRecord, at: OffsetDateTime, outcome: Outcome) {
    let state = outcome.code();
    let due_on = store.case(case.id).await.expect("read").expect("exists").due_on;
    schedule(store, case, at, Some(state), CaseSchedule { due_on, paused_at: None, decided_at: Some(at), outcome: Some(outcome) }).await;
}

fn applications(month_: &str, channel: Channel, count: u64) -> ApplicationsRollup {
    ApplicationsRollup { community_slug: "buchanska".into(), service_slug: "dovidka".into(), month: month(month_), channel, count }
}

fn open(open: u64, overdue: u64) -> Vec<OpenRollup> {
    vec![OpenRollup { community_slug: "buchanska".into(), service_slug: "dovidka".into(), open, overdue }]
}

async fn submissions_are_counted_by_channel_and_kyiv_month(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let olena = resident(store, "olena@ukr.net").await;
    let march = datetime!(2026-03-02 08:00 UTC);
    let due = Some(date!(2026 - 03 - 12));
    submitted_at(store, CaseChannel::Online, None, march, due).await;
    submitted_at(store, CaseChannel::Online, Some(olena.id), march, due).await;
    submitted_at(store, CaseChannel::Assisted, Some(olena.id), march, due).await;
    let on_behalf = submitted_at(store, CaseChannel::Assisted, None, march, due).await;
    // 22:30 UTC on 31 March is 01:30 on 1 April in Kyiv (summer time since the 29th).
    submitted_at(store, CaseChannel::Online, None, datetime!(2026-03-31 22:30 UTC), None).await;
    // A draft is no application; a second submission is not a second one.
    store.create_case(&draft_of(None, None)).await.expect("a draft");
    store.submit_case(&submission(on_behalf.id, 2026)).await.expect("submitted again");
    // The resident later claims the case made for them: it stays where it was counted.
    store.set_claim_code(on_behalf.id, &h("code")).await.expect("code");
    store.claim_case(&h("code"), olena.id, at(10)).await.expect("claim");

    let r = rollups(store, date!(2026 - 03 - 20)).await;
    assert_eq!(
        r.applications,
        vec![
            applications("2026-03", Channel::Assisted, 1),
            applications("2026-03", Channel::OnBehalf, 1),
            applications("2026-03", Channel::SelfService, 2),
            applications("2026-04", Channel::SelfService, 1),
        ],
        "ordered by month, community, service and channel code"
    );
    assert_eq!(r.open, open(5, 4), "four due on the 12th are overdue on the 20th; one has no due date");
    assert!(r.decisions.is_empty() && r.withdrawals.is_empty() && r.answers.is_empty());
    assert_eq!(rollups(store, date!(2026 - 03 - 12)).await.open, open(5, 0), "due today is not overdue yet");
    let april = store.pulse_rollups(month("2026-04"), month("2026-04"), date!(2026 - 03 - 20)).await.expect("one month");
    assert_eq!(april.applications, vec![applications("2026-04", Channel::SelfService, 1)], "only the months asked for");
    assert_eq!(april.open, open(5, 4), "cases open now belong to no month");
    assert_rebuild_agrees(store, date!(2026 - 03 - 20)).await;
}

async fn decisions_are_counted_with_their_days_and_timeliness(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let submitted = datetime!(2026-03-02 08:00 UTC);
    let due = Some(date!(2026 - 03 - 12));
    let mut cases = Vec::new();
    for _ in 0..9 {
        cases.push(submitted_at(store, CaseChannel::Online, None, submitted, due).await);
    }
    let today = date!(2026 - 03 - 20);
    assert_eq!(rollups(store, today).await.open, open(9, 9));

    decide(store, &cases[0], datetime!(2026-03-02 12:00 UTC), Outcome::Approved).await; // 0 days, on time
    decide(store, &cases[1], datetime!(2026-03-05 08:00 UTC), Outcome::Approved).await; // 3 days, on time
    decide(store, &cases[2], datetime!(2026-03-12 21:00 UTC), Outcome::Rejected).await; // 23:00 on the 12th in Kyiv: 10 days, on time
    decide(store, &cases[3], datetime!(2026-03-12 22:30 UTC), Outcome::Approved).await; // 00:30 on the 13th in Kyiv: 11 days, late
    decide(store, &cases[4], datetime!(2026-03-04 08:00 UTC), Outcome::Withdrawn).await; // no processing time

    // The office waits for the resident: the clock stops; it resumes with a later due date, then a decision in April.
    let paused_at = datetime!(2026-03-03 08:00 UTC);
    schedule(store, &cases[5], paused_at, Some("waiting"), CaseSchedule { due_on: due, paused_at: Some(paused_at), ..Default::default() })
        .await;
    assert_eq!(rollups(store, today).await.open, open(4, 3), "a case whose clock stands still is not overdue");
    let resumed = datetime!(2026-03-08 08:00 UTC);
    schedule(store, &cases[5], resumed, Some("in_review"), CaseSchedule { due_on: Some(date!(2026 - 03 - 17)), ..Default::default() })
        .await;
    assert_eq!(rollups(store, today).await.open, open(4, 4));
    decide(store, &cases[5], datetime!(2026-04-01 08:00 UTC), Outcome::Approved).await; // 30 days, late (due the 17th)

    // A case still open, clock stopped; one due later.
    schedule(store, &cases[6], paused_at, Some("waiting"), CaseSchedule { due_on: due, paused_at: Some(paused_at), ..Default::default() })
        .await;
    schedule(store, &cases[7], resumed, None, CaseSchedule { due_on: Some(date!(2026 - 03 - 25)), ..Default::default() }).await;
    // An event on a decided case that keeps its decision counts nothing again.
    let decided = store.case(cases[0].id).await.expect("read").expect("exists");
    schedule(
        store,
        &cases[0],
        datetime!(2026-03-06 08:00 UTC),
        None,
        CaseSchedule { due_on: decided.due_on, decided_at: decided.decided_at, ..Default::default() },
    )
    .await;
    // An outcome not given is counted as a decision all the same.
    let unspecified = datetime!(2026-03-06 08:00 UTC);
    schedule(store, &cases[8], unspecified, None, CaseSchedule { due_on: due, decided_at: Some(unspecified), ..Default::default() }).await;

    let r = rollups(store, today).await;
    let d = |m: &str, days: u32, count: u64, on_time: u64| DecisionsRollup {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        month: month(m),
        days,
        count,
        on_time,
    };
    assert_eq!(
        r.decisions,
        vec![
            d("2026-03", 0, 1, 1),
            d("2026-03", 3, 1, 1),
            d("2026-03", 4, 1, 1),
            d("2026-03", 10, 1, 1),
            d("2026-03", 11, 1, 0),
            d("2026-04", 30, 1, 0)
        ]
    );
    assert_eq!(
        r.withdrawals,
        vec![WithdrawalsRollup { community_slug: "buchanska".into(), service_slug: "dovidka".into(), month: month("2026-03"), count: 1 }]
    );
    assert_eq!(r.open, open(2, 0), "one paused, one due on the 25th");
    assert_eq!(rollups(store, date!(2026 - 03 - 26)).await.open, open(2, 1));
    assert!(r.applications.iter().all(|a| a.month == month("2026-03")) && r.applications.iter().map(|a| a.count).sum::<u64>() == 9);
    assert_rebuild_agrees(store, today).await;
}

async fn survey_answers_are_counted_once(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let a = submitted_at(store, CaseChannel::Online, None, datetime!(2026-03-02 08:00 UTC), None).await;
    let b = submitted_at(store, CaseChannel::Online, None, datetime!(2026-03-02 08:00 UTC), None).await;
    decide(store, &a, datetime!(2026-03-03 08:00 UTC), Outcome::Approved).await;
    decide(store, &b, datetime!(2026-03-03 08:00 UTC), Outcome::Rejected).await;
    assert!(store.put_satisfaction(a.id, 5, Some("Дякую"), datetime!(2026-03-03 09:00 UTC)).await.expect("answer"));
    assert!(!store.put_satisfaction(a.id, 1, None, datetime!(2026-03-03 10:00 UTC)).await.expect("again"), "one answer per case");
    // 22:30 UTC on 31 March is April in Kyiv.
    assert!(store.put_satisfaction(b.id, 4, None, datetime!(2026-03-31 22:30 UTC)).await.expect("answer"));
    let answer = |m: &str, score: u8| AnswersRollup {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        month: month(m),
        score,
        count: 1,
    };
    assert_eq!(rollups(store, date!(2026 - 04 - 01)).await.answers, vec![answer("2026-03", 5), answer("2026-04", 4)]);
    assert_rebuild_agrees(store, date!(2026 - 04 - 01)).await;
}

async fn generated_cases_are_counted_as_real_ones(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    // One real case first: the generated ones take the next reference numbers.
    let real = submitted_at(store, CaseChannel::Online, None, datetime!(2026-03-02 08:00 UTC), Some(date!(2026 - 03 - 12))).await;
    assert_eq!(real.reference.as_deref(), Some("BUC-2026-000001"));
    let generated = |i: i64| GeneratedCase {
        community_slug: "buchanska".into(),
        service_slug: "dovidka".into(),
        service_version: 1,
        state: "approved".into(),
        channel: if i % 2 == 0 { CaseChannel::Online } else { CaseChannel::Assisted },
        applicant: None,
        assisted_by: None,
        lang: Lang::Uk,
        submitted_at: datetime!(2026-03-02 08:00 UTC),
        due_on: Some(date!(2026 - 03 - 12)),
        paused_at: None,
        decided_at: Some(datetime!(2026-03-02 08:00 UTC) + TimeDuration::days(i)),
        outcome: Some(Outcome::Approved),
        answer: (i < 5).then_some((5, datetime!(2026-03-20 08:00 UTC))),
        assignee: None,
        events: Vec::new(),
    };
    let mut batch: Vec<GeneratedCase> = (0..20).map(generated).collect();
    batch.push(GeneratedCase { state: "submitted".into(), decided_at: None, outcome: None, answer: None, ..generated(0) });
    batch.push(GeneratedCase { state: "withdrawn".into(), outcome: Some(Outcome::Withdrawn), answer: None, ..generated(2) });
    // One with its timeline: taken on by the officer, approved with an input, and its document.
    let officer = resident(store, "officer@buchanska.example.org").await;
    store.add_signing_key("buchanska", "AAAA", datetime!(2026-01-01 08:00 UTC)).await.expect("key");
    let step = |action: &str, from: &str, to: &str, at: OffsetDateTime| GeneratedEvent {
        at,
        action: action.into(),
        from_state: from.into(),
        to_state: to.into(),
        by_applicant: false,
        actor: Some(officer.id),
        body: None,
        inputs: None,
    };
    let decided = datetime!(2026-03-05 10:00 UTC);
    batch.push(GeneratedCase {
        state: "answered".into(),
        decided_at: Some(decided),
        assignee: Some(officer.id),
        events: vec![
            step("claim", "submitted", "in_review", datetime!(2026-03-02 09:00 UTC)),
            GeneratedEvent {
                body: Some("Відповідь".into()),
                inputs: Some(Answers::from([("reply_text".to_string(), vec!["Відповідь".to_string()])])),
                ..step("answer", "in_review", "answered", decided)
            },
        ],
        answer: None,
        ..generated(0)
    });
    let asked = std::sync::Mutex::new(Vec::new());
    let documents = |case: &GeneratedCase, reference: &str| -> Result<Option<NewDocument>, StoreError> {
        asked.lock().expect("lock").push(reference.to_string());
        Ok((case.state == "answered").then(|| NewDocument {
            number: reference.into(),
            code: "AAAAA-BBBBB".into(),
            kind: "reply".into(),
            title: Text::new("Відповідь", "Reply"),
            issuer: Text::new("Бучанська громада", "Bucha community"),
            holder: "—".into(),
            fields: Vec::new(),
            key_id: "BUC-1".into(),
            payload: "cGF5bG9hZA".into(),
            issued_on: date!(2026 - 03 - 05),
            expires_on: None,
        }))
    };
    assert_eq!(store.generated_cases().await.expect("count"), 0);
    assert_eq!(store.insert_generated_cases(&batch, &documents).await.expect("generate"), 23);
    assert_eq!(store.generated_cases().await.expect("count"), 23, "counted, so that a generator tops up");
    assert_eq!(*asked.lock().expect("lock"), ["BUC-2026-000024"], "asked for the document of the case with a timeline, by its number");
    let timed = store.case_by_reference("BUC-2026-000024").await.expect("read").expect("numbered in the batch's order");
    assert_eq!((timed.state.as_str(), timed.assignee, timed.updated_at), ("answered", Some(officer.id), decided));
    let events = store.case_events(timed.id).await.expect("events");
    let steps: Vec<_> = events.iter().map(|e| (e.kind, e.action.as_deref(), e.to_state.as_deref(), e.actor)).collect();
    assert_eq!(
        steps,
        [
            (CaseEventKind::Submitted, None, Some("answered"), None),
            (CaseEventKind::Action, Some("claim"), Some("in_review"), Some(officer.id)),
            (CaseEventKind::Action, Some("answer"), Some("answered"), Some(officer.id)),
        ]
    );
    assert_eq!(events[2].at, decided);
    assert_eq!(store.action_inputs(timed.id).await.expect("inputs").get("reply_text"), Some(&vec!["Відповідь".to_string()]));
    let document = store.document_by_number("BUC-2026-000024").await.expect("read").expect("issued with the batch");
    assert_eq!((document.case_id, document.issued_at), (timed.id, decided));
    assert_eq!(store.documents_of_case(timed.id).await.expect("documents").len(), 1);
    // A timeline out of order is refused, and nothing of its batch is written.
    let late = GeneratedCase {
        state: "in_review".into(),
        decided_at: None,
        outcome: None,
        answer: None,
        events: vec![step("claim", "submitted", "in_review", datetime!(2026-03-01 08:00 UTC))],
        ..generated(0)
    };
    assert!(matches!(store.insert_generated_cases(&[generated(1), late], &documents).await, Err(StoreError::Invalid(_))));
    assert_eq!(store.generated_cases().await.expect("count"), 23);
    assert!(store.case_by_reference("BUC-2026-000025").await.expect("read").is_none(), "nothing written");

    let today = date!(2026 - 03 - 20);
    let r = rollups(store, today).await;
    let count = |channel| r.applications.iter().filter(|a| a.channel == channel).map(|a| a.count).sum::<u64>();
    assert_eq!((count(Channel::SelfService), count(Channel::OnBehalf)), (14, 10), "1 real + 13 online; 10 assisted without an account");
    assert_eq!(r.decisions.iter().map(|d| d.count).sum::<u64>(), 21);
    assert_eq!(r.decisions.iter().map(|d| d.on_time).sum::<u64>(), 12, "decided within 0 to 10 days of the 2nd: by the 12th");
    assert_eq!(r.decisions.iter().find(|d| d.days == 19).map(|d| (d.month, d.count)), Some((month("2026-03"), 1)));
    assert_eq!(r.withdrawals.iter().map(|w| w.count).sum::<u64>(), 1);
    assert_eq!(r.answers.iter().map(|a| (a.score, a.count)).collect::<Vec<_>>(), vec![(5, 5)]);
    assert_eq!(r.open, open(2, 2), "the real case and the generated open one, both due on the 12th");
    let withdrawn = store.case_by_reference("BUC-2026-000023").await.expect("read").expect("the generated cases are numbered on");
    assert_eq!((withdrawn.state.as_str(), withdrawn.decided_at.is_some()), ("withdrawn", true));
    assert_eq!(store.case_events(withdrawn.id).await.expect("events").len(), 1, "its submission is on its timeline");
    assert_rebuild_agrees(store, today).await;
}

async fn concurrent_changes_of_one_bucket_all_count(store: Arc<dyn Store>, _url: String) {
    seed_places(store.as_ref()).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let mut drafts = Vec::new();
    for _ in 0..24 {
        drafts.push(store.create_case(&draft_of(None, None)).await.expect("draft").id);
    }
    let drafts = Arc::new(drafts);
    let ids = Arc::clone(&drafts);
    all_at_once(&store, 24, move |store, i| {
        let id = ids[i];
        async move {
            store.submit_case(&Submission { at: datetime!(2026-03-02 08:00 UTC), ..submission(id, 2026) }).await.expect("submit");
        }
    })
    .await;
    // Decided at once, two by two into the same buckets, while others pause.
    let ids = Arc::clone(&drafts);
    all_at_once(&store, 24, move |store, i| {
        let id = ids[i];
        async move {
            let case = store.case(id).await.expect("read").expect("exists");
            let at = datetime!(2026-03-03 08:00 UTC) + TimeDuration::days((i / 2) as i64);
            let s = if i % 3 == 0 {
                CaseSchedule { due_on: case.due_on, paused_at: Some(at), ..Default::default() }
            } else {
                CaseSchedule { due_on: case.due_on, decided_at: Some(at), outcome: Some(Outcome::Approved), ..Default::default() }
            };
            schedule(store.as_ref(), &case, at, None, s).await;
        }
    })
    .await;
    let today = date!(2026 - 03 - 20);
    let r = rollups(store.as_ref(), today).await;
    assert_eq!(r.applications.iter().map(|a| a.count).sum::<u64>(), 24);
    assert_eq!(r.decisions.iter().map(|d| d.count).sum::<u64>(), 16);
    assert_eq!(r.open, open(8, 0), "the paused ones");
    assert_rebuild_agrees(store.as_ref(), today).await;
}

async fn migrate_rebuilds_the_rollups_when_asked(store: Arc<dyn Store>, url: String) {
    let store = store.as_ref();
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let case = submitted_at(store, CaseChannel::Assisted, None, datetime!(2026-03-02 08:00 UTC), Some(date!(2026 - 03 - 12))).await;
    decide(store, &case, datetime!(2026-03-04 08:00 UTC), Outcome::Rejected).await;
    submitted_at(store, CaseChannel::Online, None, datetime!(2026-03-05 08:00 UTC), Some(date!(2026 - 03 - 12))).await;
    let today = date!(2026 - 03 - 20);
    let counted = rollups(store, today).await;
    assert_eq!(counted.applications.len(), 2);

    // Roll-ups lost (as before the migration that made them), and the flag the migration sets.
    raw(&url, "DELETE FROM pulse_applications; DELETE FROM pulse_decisions; DELETE FROM pulse_open;").await;
    store.migrate().await.expect("migrate");
    assert!(rollups(store, today).await.applications.is_empty(), "without the flag, migrate leaves them alone");
    raw(&url, "UPDATE meta SET value = 1 WHERE key = 'pulse_rebuild'").await;
    store.migrate().await.expect("migrate");
    assert_eq!(rollups(store, today).await, counted, "counted again from the cases");
}
