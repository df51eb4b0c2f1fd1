//! Signing keys and documents on every backend: keys numbered per community
//! with one in use, a document written in the transaction of the event that
//! issues it (and nothing written when it cannot be), revocation once, and
//! the inputs of workflow actions kept for documents that print them.

use super::*;
use hromada_store::{DocumentChange, DocumentField, NewDocument};

conformance! {
    keys_are_numbered_per_community_and_one_is_in_use =>
        keys_are_numbered_per_community_and_one_is_in_use_sqlite, keys_are_numbered_per_community_and_one_is_in_use_postgres;
    a_document_is_issued_with_its_event_or_not_at_all =>
        a_document_is_issued_with_its_event_or_not_at_all_sqlite, a_document_is_issued_with_its_event_or_not_at_all_postgres;
    a_document_is_revoked_once =>
        a_document_is_revoked_once_sqlite, a_document_is_revoked_once_postgres;
    action_inputs_are_kept_and_the_later_wins =>
        action_inputs_are_kept_and_the_later_wins_sqlite, action_inputs_are_kept_and_the_later_wins_postgres;
}

async fn keys_are_numbered_per_community_and_one_is_in_use(store: &dyn Store) {
    seed_places(store).await;
    let first = store.add_signing_key("buchanska", "AAAA", at(1)).await.expect("first key");
    assert_eq!((first.id.as_str(), first.number, first.retired_at), ("BUC-1", 1, None));
    let second = store.add_signing_key("buchanska", "BBBB", at(2)).await.expect("second key");
    assert_eq!((second.id.as_str(), second.number), ("BUC-2", 2));
    let keys = store.signing_keys().await.expect("keys");
    assert_eq!(keys.len(), 2, "a retired key stays published");
    assert_eq!(keys[0].retired_at, Some(at(2)), "the first key retired when the second came");
    assert_eq!(keys[1].retired_at, None);
    assert_eq!(keys[0].public_key, "AAAA");
    assert!(matches!(store.add_signing_key("nowhere", "CCCC", at(3)).await, Err(StoreError::NotFound)));
    assert_eq!(store.signing_keys().await.expect("keys").len(), 2);
}

fn new_document(number: &str, code: &str) -> NewDocument {
    NewDocument {
        number: number.into(),
        code: code.into(),
        kind: "certificate".into(),
        title: Text::new("Довідка", "Certificate"),
        issuer: Text::new("Бучанська громада", "Bucha community"),
        holder: "Олена Коваль".into(),
        fields: vec![DocumentField {
            id: "full_name".into(),
            label_uk: "ПІБ".into(),
            label_en: Some("Full name".into()),
            value: "Олена Коваль".into(),
        }],
        key_id: "BUC-1".into(),
        payload: "cGF5bG9hZA".into(),
        issued_on: date!(2026 - 03 - 01),
        expires_on: Some(date!(2027 - 03 - 01)),
    }
}

fn approve(case: &CaseRecord, actor: AccountId, document: Option<DocumentChange>) -> NewCaseEvent {
    NewCaseEvent {
        case_id: case.id,
        at: at(30),
        kind: CaseEventKind::Action,
        action: Some("approve".into()),
        transition: Some(("submitted".into(), "approved".into())),
        by_applicant: false,
        actor: Some(actor),
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: None,
        inputs: None,
        document,
    }
}

async fn a_document_is_issued_with_its_event_or_not_at_all(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    store.add_signing_key("buchanska", "AAAA", at(1)).await.expect("key");
    let officer = resident(store, "officer@buchanska.example.org").await;
    let olena = resident(store, "olena@example.org").await;
    let draft = store.create_case(&draft_of(Some(olena.id), None)).await.expect("draft");
    store.submit_case(&submission(draft.id, 2026)).await.expect("submit");
    let case = store.case(draft.id).await.expect("read").expect("exists");
    let other = submitted_case(store, "dovidka", date!(2026 - 03 - 20), 7).await;

    let document = new_document("BUC-2026-000001", "AAAAA-BBBBB");
    store.record_case_event(&approve(&case, officer.id, Some(DocumentChange::Issue(Box::new(document.clone()))))).await.expect("approve");
    let stored = store.documents_of_case(case.id).await.expect("documents");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].document, document, "every part of the document reads back");
    assert_eq!((stored[0].community_slug.as_str(), stored[0].service_slug.as_str()), ("buchanska", "dovidka"));
    assert_eq!(stored[0].revoked_at, None);
    assert_eq!(store.document_by_number("BUC-2026-000001").await.expect("by number").map(|d| d.id), Some(stored[0].id));
    assert_eq!(store.document_by_code("AAAAA-BBBBB").await.expect("by code").map(|d| d.id), Some(stored[0].id));
    assert_eq!(store.document_by_code("ZZZZZ-ZZZZZ").await.expect("by code"), None);
    assert_eq!(store.documents_of_account(olena.id).await.expect("mine").len(), 1, "the applicant's documents");
    assert!(store.documents_of_account(officer.id).await.expect("theirs").is_empty());

    // A document whose number is taken: the whole event fails, the case stays where it was.
    let clash = approve(&other, officer.id, Some(DocumentChange::Issue(Box::new(new_document("BUC-2026-000001", "CCCCC-DDDDD")))));
    assert!(store.record_case_event(&clash).await.is_err());
    assert_eq!(store.case(other.id).await.expect("read").expect("exists").state, "submitted", "nothing of the event was written");
    assert!(store.case_events(other.id).await.expect("events").iter().all(|e| e.action.as_deref() != Some("approve")));
    // A document signed with a key that is not there cannot be written either.
    let unknown_key = approve(
        &other,
        officer.id,
        Some(DocumentChange::Issue(Box::new(NewDocument { key_id: "BUC-9".into(), ..new_document("BUC-2026-000002", "EEEEE-FFFFF") }))),
    );
    assert!(store.record_case_event(&unknown_key).await.is_err());
    assert!(store.documents_of_case(other.id).await.expect("documents").is_empty());
}

async fn a_document_is_revoked_once(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    store.add_signing_key("buchanska", "AAAA", at(1)).await.expect("key");
    let officer = resident(store, "officer@buchanska.example.org").await;
    let case = submitted_case(store, "dovidka", date!(2026 - 03 - 20), 7).await;
    let other = submitted_case(store, "dovidka", date!(2026 - 03 - 20), 8).await;
    store
        .record_case_event(&approve(
            &case,
            officer.id,
            Some(DocumentChange::Issue(Box::new(new_document("BUC-2026-000001", "AAAAA-BBBBB")))),
        ))
        .await
        .expect("approve");
    let revoke = |case: &CaseRecord| NewCaseEvent {
        action: Some("revoke-document".into()),
        transition: None,
        body: Some("Помилка в адресі".into()),
        at: at(40),
        document: Some(DocumentChange::Revoke { number: "BUC-2026-000001".into(), reason: "Помилка в адресі".into() }),
        ..approve(case, officer.id, None)
    };
    let refused = store.record_case_event(&revoke(&other)).await;
    assert!(matches!(refused, Err(StoreError::Conflict(_))), "only the case's own document: {refused:?}");
    store.record_case_event(&revoke(&case)).await.expect("revoke");
    let read = store.document_by_number("BUC-2026-000001").await.expect("read").expect("exists");
    assert_eq!(
        (read.revoked_at, read.revoked_by, read.revoked_reason.as_deref()),
        (Some(at(40)), Some(officer.id), Some("Помилка в адресі"))
    );
    assert_eq!(store.revocations().await.expect("revocations"), vec![("BUC-2026-000001".to_string(), at(40))]);
    let events = store.case_events(case.id).await.expect("events").len();
    assert!(matches!(store.record_case_event(&revoke(&case)).await, Err(StoreError::Conflict(_))), "a revoked document stays revoked once");
    assert_eq!(store.case_events(case.id).await.expect("events").len(), events, "the refused revocation recorded no event");
}

async fn action_inputs_are_kept_and_the_later_wins(store: &dyn Store) {
    seed_places(store).await;
    store.import_service("dovidka", SOURCE_V1, moment()).await.expect("import");
    let officer = resident(store, "officer@buchanska.example.org").await;
    let case = submitted_case(store, "dovidka", date!(2026 - 03 - 20), 7).await;
    assert!(store.action_inputs(case.id).await.expect("none yet").is_empty());
    let with_inputs = |pairs: &[(&str, &str)]| NewCaseEvent {
        transition: None,
        inputs: Some(pairs.iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect()),
        ..approve(&case, officer.id, None)
    };
    store.record_case_event(&with_inputs(&[("inspection_date", "2026-03-02"), ("count", "3")])).await.expect("first");
    store.record_case_event(&with_inputs(&[("count", "4")])).await.expect("second");
    let inputs = store.action_inputs(case.id).await.expect("inputs");
    assert_eq!(inputs.get("inspection_date"), Some(&vec!["2026-03-02".to_string()]));
    assert_eq!(inputs.get("count"), Some(&vec!["4".to_string()]), "the later action's value");
}
