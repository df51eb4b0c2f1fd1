//! The tamper-evident audit trail: what happened, and the hash chain that shows
//! whether anyone changed, removed or inserted a row afterwards.
//!
//! Every row carries the hash of the row before it (`prev_hash`; 64 zeros for
//! the first) and the SHA-256 of its own canonical encoding, which covers its
//! sequence number, `prev_hash` and the event. Changing a row breaks its own
//! hash; removing or inserting one breaks the sequence or the links. Whoever
//! can write the database could rewrite the whole chain from some row onwards,
//! so the store also keeps a *head* (the last sequence number and hash) and
//! [`ChainVerifier::finish`] compares the walk with it; publishing the head
//! elsewhere from time to time would anchor it outside the database.
//!
//! # Canonical encoding, version 1
//!
//! A byte string made only of these items, in this order:
//!
//! 1. the tag `hromada-audit-v1`, as a string;
//! 2. `seq` as 8 bytes, big-endian two's complement;
//! 3. `prev_hash` as a string (64 lower-case hex digits when well-formed);
//! 4. `at` as 8 bytes, big-endian, seconds since 1970-01-01 UTC (so the
//!    encoding is to the whole second and does not depend on the offset);
//! 5. `actor`, `actor_role`, `community` as optional strings;
//! 6. `action` as a string;
//! 7. `subject` as an optional string;
//! 8. `details`: the number of entries as 8 bytes big-endian, then each key and
//!    its value as strings, keys in ascending byte order.
//!
//! A *string* is its UTF-8 length as 8 bytes big-endian followed by its bytes;
//! an *optional string* is the byte `0` for none, or the byte `1` and a string.
//! Every field is length-prefixed, so no two different rows encode alike.
//! `row_hash` is the SHA-256 of this byte string, in lower-case hex.

use std::collections::BTreeMap;
use std::fmt;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The version tag that starts every canonical encoding.
pub const CANONICAL_TAG: &str = "hromada-audit-v1";

/// The `prev_hash` of the first row: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened: who did what, where, to what.
///
/// `details` must never hold secrets — passwords, tokens, one-time or recovery
/// codes, session ids, keys — nor more personal data than the action needs:
/// the trail is kept for good and read by auditors. Keeping them out is the
/// caller's job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// When; stored and hashed to the whole second, in UTC.
    pub at: OffsetDateTime,
    /// An account id or e-mail; `None` for the system itself.
    pub actor: Option<String>,
    /// The role the actor acted in (`officer`, `auditor`, …), if any.
    pub actor_role: Option<String>,
    /// The community (slug) the action concerns, if any.
    pub community: Option<String>,
    /// A dotted code: `sign_in.failed`, `case.view`, `case.transition`,
    /// `file.download`, `export`, `role.grant`, …
    pub action: String,
    /// What the action was done to, as `kind:id` (`case:BUC-2026-000123`).
    pub subject: Option<String>,
    /// Anything else worth keeping (no secrets: see the type's documentation).
    pub details: BTreeMap<String, String>,
}

impl AuditEvent {
    /// An event with only a time and an action; fill in the rest as needed.
    pub fn new(at: OffsetDateTime, action: impl Into<String>) -> AuditEvent {
        AuditEvent { at, actor: None, actor_role: None, community: None, action: action.into(), subject: None, details: BTreeMap::new() }
    }
}

/// One row of the trail as stored: the event, its place in the chain and its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// 1, 2, 3, … without gaps.
    pub seq: i64,
    pub event: AuditEvent,
    /// The `hash` of the row before (lower-case hex), [`GENESIS_HASH`] for row 1.
    pub prev_hash: String,
    /// [`row_hash`] of this row, lower-case hex.
    pub hash: String,
}

impl AuditRow {
    /// The row that follows a row whose number and hash are `prev_seq` and
    /// `prev_hash` (0 and [`GENESIS_HASH`] for the first), with its hash computed.
    pub fn seal(prev_seq: i64, prev_hash: &str, event: AuditEvent) -> AuditRow {
        let seq = prev_seq.saturating_add(1);
        let hash = row_hash(seq, prev_hash, &event);
        AuditRow { seq, event, prev_hash: prev_hash.to_string(), hash }
    }

    /// Whether `hash` is the hash of the row's own content.
    pub fn is_intact(&self) -> bool {
        row_hash(self.seq, &self.prev_hash, &self.event) == self.hash
    }
}

/// Where the chain ends, as the store last wrote it: the number and hash of
/// the last row (0 and [`GENESIS_HASH`] while the trail is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

impl AuditHead {
    /// The head of an empty trail.
    pub fn genesis() -> AuditHead {
        AuditHead { seq: 0, hash: GENESIS_HASH.to_string() }
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&u64::try_from(bytes.len()).unwrap_or(u64::MAX).to_be_bytes());
    out.extend_from_slice(bytes);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

/// The canonical encoding (version 1, see the module documentation) of a row.
pub fn canonical_bytes(seq: i64, prev_hash: &str, event: &AuditEvent) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    put_str(&mut out, CANONICAL_TAG);
    out.extend_from_slice(&seq.to_be_bytes());
    put_str(&mut out, prev_hash);
    out.extend_from_slice(&event.at.unix_timestamp().to_be_bytes());
    put_opt(&mut out, event.actor.as_deref());
    put_opt(&mut out, event.actor_role.as_deref());
    put_opt(&mut out, event.community.as_deref());
    put_str(&mut out, &event.action);
    put_opt(&mut out, event.subject.as_deref());
    out.extend_from_slice(&u64::try_from(event.details.len()).unwrap_or(u64::MAX).to_be_bytes());
    // A BTreeMap iterates in ascending key order (byte order for `String`).
    for (key, value) in &event.details {
        put_str(&mut out, key);
        put_str(&mut out, value);
    }
    out
}

/// SHA-256 of the canonical encoding, lower-case hex.
pub fn row_hash(seq: i64, prev_hash: &str, event: &AuditEvent) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(canonical_bytes(seq, prev_hash, event));
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// The first place where the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The row's hash does not match its content: it was changed after it was written.
    Edited { seq: i64 },
    /// Row `expected_seq` is missing: the trail jumps from `after_seq` (0: the
    /// start) to a later row.
    Removed { after_seq: i64, expected_seq: i64 },
    /// The row does not belong where it is: it does not follow the row before
    /// it, or it lies beyond the last row the store recorded writing.
    Inserted { seq: i64 },
    /// The row comes after a row with the same or a higher number.
    Reordered { seq: i64, after_seq: i64 },
    /// The trail ends at `last_seq`, but the store recorded writing up to `head_seq`.
    Truncated { last_seq: i64, head_seq: i64 },
}

impl ChainBreak {
    /// The number of the first row that is not as it was written (for
    /// `Removed` and `Truncated`, the first missing row).
    pub fn seq(&self) -> i64 {
        match *self {
            ChainBreak::Edited { seq } | ChainBreak::Inserted { seq } | ChainBreak::Reordered { seq, .. } => seq,
            ChainBreak::Removed { expected_seq, .. } => expected_seq,
            ChainBreak::Truncated { last_seq, .. } => last_seq.saturating_add(1),
        }
    }
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ChainBreak::Edited { seq } => write!(f, "row {seq} was changed after it was written"),
            ChainBreak::Removed { after_seq: 0, expected_seq } => {
                write!(f, "row {expected_seq} was removed: the trail does not start with it")
            }
            ChainBreak::Removed { after_seq, expected_seq } => {
                write!(f, "row {expected_seq} was removed: the trail goes from row {after_seq} straight to a later row")
            }
            ChainBreak::Inserted { seq } => {
                write!(f, "row {seq} was inserted: it is not the row that was written in that place")
            }
            ChainBreak::Reordered { seq, after_seq } => {
                write!(f, "the rows were reordered or repeated: row {seq} comes after row {after_seq}")
            }
            ChainBreak::Truncated { last_seq, head_seq } if head_seq == last_seq.saturating_add(1) => {
                write!(f, "row {head_seq} was removed: the trail ends at row {last_seq}, but {head_seq} rows were written")
            }
            ChainBreak::Truncated { last_seq, head_seq } => write!(
                f,
                "rows {} to {head_seq} were removed: the trail ends at row {last_seq}, but {head_seq} rows were written",
                last_seq.saturating_add(1)
            ),
        }
    }
}

impl std::error::Error for ChainBreak {}

/// Checks a trail row by row, in the order the rows are stored, so that a
/// long trail can be walked in pages. Stops being useful after the first break.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainVerifier {
    pub fn new() -> ChainVerifier {
        ChainVerifier { last_seq: 0, last_hash: GENESIS_HASH.to_string(), checked: 0 }
    }

    /// Rows checked so far.
    pub fn checked(&self) -> u64 {
        self.checked
    }

    /// Check the next row.
    pub fn check(&mut self, row: &AuditRow) -> Result<(), ChainBreak> {
        let expected_seq = self.last_seq.saturating_add(1);
        if row.seq <= self.last_seq {
            return Err(ChainBreak::Reordered { seq: row.seq, after_seq: self.last_seq });
        }
        if row.seq > expected_seq {
            return Err(ChainBreak::Removed { after_seq: self.last_seq, expected_seq });
        }
        if row_hash(row.seq, &row.prev_hash, &row.event) != row.hash {
            // A row that hashes as the one before it was written in that place
            // and moved up when a forged row took it: the previous row is the
            // inserted one.
            if self.last_seq >= 1 && row_hash(self.last_seq, &row.prev_hash, &row.event) == row.hash {
                return Err(ChainBreak::Inserted { seq: self.last_seq });
            }
            return Err(ChainBreak::Edited { seq: row.seq });
        }
        if row.prev_hash != self.last_hash {
            return Err(ChainBreak::Inserted { seq: row.seq });
        }
        self.last_seq = row.seq;
        self.last_hash.clone_from(&row.hash);
        self.checked = self.checked.saturating_add(1);
        Ok(())
    }

    /// End the walk: compare where it ended with the head the store recorded
    /// (if it has one), and give the number of rows checked.
    pub fn finish(self, head: Option<&AuditHead>) -> Result<u64, ChainBreak> {
        if let Some(head) = head {
            if self.last_seq < head.seq {
                return Err(ChainBreak::Truncated { last_seq: self.last_seq, head_seq: head.seq });
            }
            if self.last_seq > head.seq {
                return Err(ChainBreak::Inserted { seq: head.seq.saturating_add(1) });
            }
            if self.last_hash != head.hash {
                // The last row is consistent with the rows before it, but is not
                // the row that was written: it was rewritten with a new hash.
                return Err(ChainBreak::Edited { seq: self.last_seq });
            }
        }
        Ok(self.checked)
    }
}

/// Check a whole trail, in stored order; the number of rows checked, or the
/// first break. Removing rows from the end is only seen with the head: see
/// [`verify_chain_to_head`].
pub fn verify_chain(rows: impl Iterator<Item = AuditRow>) -> Result<u64, ChainBreak> {
    let mut verifier = ChainVerifier::new();
    for row in rows {
        verifier.check(&row)?;
    }
    verifier.finish(None)
}

/// [`verify_chain`], then compare the end of the walk with the store's head.
pub fn verify_chain_to_head(rows: impl Iterator<Item = AuditRow>, head: &AuditHead) -> Result<u64, ChainBreak> {
    let mut verifier = ChainVerifier::new();
    for row in rows {
        verifier.check(&row)?;
    }
    verifier.finish(Some(head))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    fn event(i: i64) -> AuditEvent {
        let mut e = AuditEvent::new(datetime!(2026-03-01 09:30:00 UTC) + time::Duration::seconds(i), "case.view");
        e.actor = Some(format!("officer{i}@bucha.example"));
        e.actor_role = Some("officer".into());
        e.community = Some("buchanska".into());
        e.subject = Some(format!("case:BUC-2026-{i:06}"));
        e.details.insert("reason".into(), "розгляд".into());
        e
    }

    fn chain_of(events: Vec<AuditEvent>) -> Vec<AuditRow> {
        let mut rows: Vec<AuditRow> = Vec::new();
        for e in events {
            let (seq, prev) = rows.last().map_or((0, GENESIS_HASH.to_string()), |r| (r.seq, r.hash.clone()));
            rows.push(AuditRow::seal(seq, &prev, e));
        }
        rows
    }

    fn chain(n: i64) -> Vec<AuditRow> {
        chain_of((1..=n).map(event).collect())
    }

    fn head(rows: &[AuditRow]) -> AuditHead {
        rows.last().map_or_else(AuditHead::genesis, |r| AuditHead { seq: r.seq, hash: r.hash.clone() })
    }

    #[test]
    fn audit_hash_is_sha256_of_the_documented_encoding() {
        let e = AuditEvent::new(datetime!(1970-01-01 00:00:01 UTC), "x");
        let bytes = canonical_bytes(1, GENESIS_HASH, &e);
        let mut expected = Vec::new();
        expected.extend_from_slice(&16u64.to_be_bytes());
        expected.extend_from_slice(b"hromada-audit-v1");
        expected.extend_from_slice(&1i64.to_be_bytes());
        expected.extend_from_slice(&64u64.to_be_bytes());
        expected.extend_from_slice(GENESIS_HASH.as_bytes());
        expected.extend_from_slice(&1i64.to_be_bytes());
        expected.extend_from_slice(&[0, 0, 0]);
        expected.extend_from_slice(&1u64.to_be_bytes());
        expected.push(b'x');
        expected.push(0);
        expected.extend_from_slice(&0u64.to_be_bytes());
        assert_eq!(bytes, expected);
        let hash = row_hash(1, GENESIS_HASH, &e);
        assert_eq!(hash.len(), 64);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn audit_encoding_is_unambiguous() {
        // Moving a boundary between fields, or between none and empty, changes the hash.
        let mut a = AuditEvent::new(datetime!(2026-03-01 09:30:00 UTC), "case.view");
        a.actor = Some("ab".into());
        a.actor_role = Some("c".into());
        let mut b = a.clone();
        b.actor = Some("a".into());
        b.actor_role = Some("bc".into());
        assert_ne!(row_hash(1, GENESIS_HASH, &a), row_hash(1, GENESIS_HASH, &b));
        let mut c = a.clone();
        c.subject = Some(String::new());
        assert_ne!(row_hash(1, GENESIS_HASH, &a), row_hash(1, GENESIS_HASH, &c));
        let mut d = a.clone();
        d.details.insert("k".into(), "v=w".into());
        let mut e = a.clone();
        e.details.insert("k=v".into(), "w".into());
        assert_ne!(row_hash(1, GENESIS_HASH, &d), row_hash(1, GENESIS_HASH, &e));
    }

    #[test]
    fn audit_time_is_hashed_to_the_second_whatever_the_offset() {
        let a = AuditEvent::new(datetime!(2026-03-01 11:30:05.9 +02:00), "x");
        let b = AuditEvent::new(datetime!(2026-03-01 09:30:05 UTC), "x");
        assert_eq!(row_hash(1, GENESIS_HASH, &a), row_hash(1, GENESIS_HASH, &b));
    }

    #[test]
    fn audit_intact_chain_verifies() {
        assert_eq!(verify_chain(std::iter::empty()), Ok(0));
        assert_eq!(verify_chain_to_head(std::iter::empty(), &AuditHead::genesis()), Ok(0));
        let rows = chain(5);
        assert_eq!(rows[0].prev_hash, GENESIS_HASH);
        assert_eq!(rows.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
        for pair in rows.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
        }
        assert!(rows.iter().all(AuditRow::is_intact));
        assert_eq!(verify_chain(rows.clone().into_iter()), Ok(5));
        assert_eq!(verify_chain_to_head(rows.clone().into_iter(), &head(&rows)), Ok(5));
    }

    #[test]
    fn audit_breaks_are_named_for_an_auditor() {
        let mut rows = chain(20);
        rows[16].event.action = "case.transition".into();
        let err = verify_chain(rows.into_iter()).unwrap_err();
        assert_eq!(err, ChainBreak::Edited { seq: 17 });
        assert_eq!(err.to_string(), "row 17 was changed after it was written");

        let mut rows = chain(5);
        rows.remove(2);
        let err = verify_chain(rows.into_iter()).unwrap_err();
        assert_eq!(err, ChainBreak::Removed { after_seq: 2, expected_seq: 3 });
        assert_eq!(err.to_string(), "row 3 was removed: the trail goes from row 2 straight to a later row");

        let mut rows = chain(5);
        rows.remove(0);
        let err = verify_chain(rows.into_iter()).unwrap_err();
        assert_eq!(err, ChainBreak::Removed { after_seq: 0, expected_seq: 1 });

        let rows = chain(5);
        let err = verify_chain_to_head(rows[..3].iter().cloned(), &head(&rows)).unwrap_err();
        assert_eq!(err, ChainBreak::Truncated { last_seq: 3, head_seq: 5 });
        assert_eq!(err.to_string(), "rows 4 to 5 were removed: the trail ends at row 3, but 5 rows were written");
        let err = verify_chain_to_head(rows[..4].iter().cloned(), &head(&rows)).unwrap_err();
        assert_eq!(err.to_string(), "row 5 was removed: the trail ends at row 4, but 5 rows were written");

        let mut rows = chain(5);
        rows.swap(1, 3);
        let err = verify_chain(rows.into_iter()).unwrap_err();
        assert_eq!(err, ChainBreak::Removed { after_seq: 1, expected_seq: 2 });

        // Row 2 again after row 3.
        let mut rows = chain(5);
        let again = rows[1].clone();
        rows.insert(3, again);
        let err = verify_chain(rows.into_iter()).unwrap_err();
        assert_eq!(err, ChainBreak::Reordered { seq: 2, after_seq: 3 });
        assert_eq!(err.to_string(), "the rows were reordered or repeated: row 2 comes after row 3");
    }

    #[test]
    fn audit_forged_rows_are_inserted() {
        // A forger who knows the algorithm renumbers rows 3.. and writes a row 3
        // of their own that links to row 2.
        let rows = chain(5);
        let forged = AuditRow::seal(2, &rows[1].hash, event(99));
        let mut tampered = rows[..2].to_vec();
        tampered.push(forged);
        for row in &rows[2..] {
            tampered.push(AuditRow { seq: row.seq + 1, ..row.clone() });
        }
        let err = verify_chain(tampered.into_iter()).unwrap_err();
        assert_eq!(err, ChainBreak::Inserted { seq: 3 });
        assert_eq!(err.to_string(), "row 3 was inserted: it is not the row that was written in that place");

        // A self-consistent row that does not link to its predecessor.
        let mut tampered = rows.clone();
        tampered[2] = AuditRow::seal(2, GENESIS_HASH, event(99));
        assert_eq!(verify_chain(tampered.into_iter()), Err(ChainBreak::Inserted { seq: 3 }));

        // A row appended past the head.
        let mut tampered = rows.clone();
        tampered.push(AuditRow::seal(5, &rows[4].hash, event(6)));
        assert_eq!(verify_chain(tampered.clone().into_iter()), Ok(6), "the chain alone cannot tell");
        assert_eq!(verify_chain_to_head(tampered.into_iter(), &head(&rows)), Err(ChainBreak::Inserted { seq: 6 }));

        // The last row rewritten with a fresh hash.
        let mut tampered = rows.clone();
        tampered[4] = AuditRow::seal(4, &rows[3].hash, event(77));
        assert_eq!(verify_chain_to_head(tampered.into_iter(), &head(&rows)), Err(ChainBreak::Edited { seq: 5 }));
    }

    fn arb_opt() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(".{0,12}")
    }

    prop_compose! {
        fn arb_event()(
            secs in 0i64..4_000_000_000,
            actor in arb_opt(),
            actor_role in arb_opt(),
            community in arb_opt(),
            action in "[a-z_]{1,10}(\\.[a-z_]{1,10})?",
            subject in arb_opt(),
            details in proptest::collection::btree_map(".{0,6}", ".{0,12}", 0..4),
        ) -> AuditEvent {
            AuditEvent {
                at: OffsetDateTime::from_unix_timestamp(secs).unwrap(),
                actor, actor_role, community, action, subject, details,
            }
        }
    }

    fn arb_chain() -> impl Strategy<Value = Vec<AuditRow>> {
        proptest::collection::vec(arb_event(), 2..12).prop_map(chain_of)
    }

    /// Change one field of `row`; `choice` picks which, `text` is the new text.
    fn change_one_field(row: &mut AuditRow, choice: u8, text: &str) {
        fn other(old: &Option<String>, text: &str) -> Option<String> {
            match old {
                None => Some(text.to_string()),
                Some(old) if old == text => None,
                Some(_) => Some(text.to_string()),
            }
        }
        let e = &mut row.event;
        match choice % 11 {
            0 => row.seq += 1 + i64::from(choice),
            1 => row.seq -= 1 + i64::from(choice) % row.seq.max(1),
            2 => row.prev_hash = row_hash(0, text, e),
            3 => row.hash = row_hash(0, text, e),
            4 => e.at += time::Duration::seconds(1 + i64::from(choice)),
            5 => e.actor = other(&e.actor, text),
            6 => e.actor_role = other(&e.actor_role, text),
            7 => e.community = other(&e.community, text),
            8 => e.action = if e.action == text { format!("{text}.x") } else { text.to_string() },
            9 => e.subject = other(&e.subject, text),
            _ => match e.details.keys().next().cloned() {
                Some(key) if choice.is_multiple_of(2) => {
                    e.details.remove(&key);
                }
                Some(key) => {
                    let value = e.details.entry(key).or_default();
                    value.push('!');
                }
                None => {
                    e.details.insert(text.to_string(), String::new());
                }
            },
        }
    }

    proptest! {
        #[test]
        fn audit_any_single_field_change_is_found_at_that_row(
            rows in arb_chain(), index in any::<prop::sample::Index>(), choice in any::<u8>(), text in ".{0,8}",
        ) {
            let k = index.index(rows.len());
            let mut tampered = rows.clone();
            change_one_field(&mut tampered[k], choice, &text);
            prop_assume!(tampered[k] != rows[k]);
            // Everything before the row still verifies; with the row, the chain breaks.
            prop_assert_eq!(verify_chain(tampered[..k].iter().cloned()), Ok(k as u64));
            let err = verify_chain(tampered[..=k].iter().cloned());
            prop_assert!(err.is_err(), "change {} of row {} not found", choice % 11, k + 1);
            let err = verify_chain(tampered.into_iter()).unwrap_err();
            if !matches!(err, ChainBreak::Reordered { .. }) {
                prop_assert_eq!(err.seq(), rows[k].seq, "{}", err);
            }
        }

        #[test]
        fn audit_deleting_any_row_is_found(rows in arb_chain(), index in any::<prop::sample::Index>()) {
            let k = index.index(rows.len());
            let mut tampered = rows.clone();
            tampered.remove(k);
            let err = verify_chain_to_head(tampered.iter().cloned(), &head(&rows)).unwrap_err();
            prop_assert_eq!(err.seq(), rows[k].seq, "{}", err);
            if k + 1 < rows.len() {
                // Inside the trail the chain alone shows it.
                prop_assert_eq!(verify_chain(tampered.into_iter()), Err(ChainBreak::Removed {
                    after_seq: rows[k].seq - 1, expected_seq: rows[k].seq,
                }));
            }
        }

        #[test]
        fn audit_swapping_two_rows_is_found(
            rows in arb_chain(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(),
        ) {
            let (i, j) = (a.index(rows.len()), b.index(rows.len()));
            prop_assume!(i != j);
            let first = i.min(j);
            // The rows change places, numbers and all.
            let mut moved = rows.clone();
            moved.swap(i, j);
            let err = verify_chain(moved.into_iter()).unwrap_err();
            prop_assert_eq!(err.seq(), rows[first].seq, "{}", err);
            // The contents change places and the numbers stay (an UPDATE of both rows).
            let mut swapped = rows.clone();
            let (ei, ej) = (swapped[i].event.clone(), swapped[j].event.clone());
            prop_assume!(ei != ej);
            swapped[i].event = ej;
            swapped[j].event = ei;
            prop_assert_eq!(verify_chain(swapped.into_iter()), Err(ChainBreak::Edited { seq: rows[first].seq }));
        }
    }
}
