//! The job queue kept in the database: what a job does and where it is.

/// What a job of the queue does (`jobs.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JobKind {
    /// Work out who hears of a case's news, and queue their letters and notices.
    News,
    /// Send one e-mail.
    Mail,
    /// Add one in-app notice.
    Notice,
    /// Queue the day's reminders of cases due soon.
    Reminders,
}

impl JobKind {
    pub const ALL: [JobKind; 4] = [JobKind::News, JobKind::Mail, JobKind::Notice, JobKind::Reminders];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            JobKind::News => "news",
            JobKind::Mail => "mail",
            JobKind::Notice => "notice",
            JobKind::Reminders => "reminders",
        }
    }

    /// The kind of a code as [`JobKind::code`] writes it, exactly.
    pub fn parse(code: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The code, as in logs.
impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Where a job of the queue is (`jobs.state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JobState {
    /// Waiting for its `run_at`.
    Queued,
    /// Taken by a worker, under a lease.
    Running,
    Done,
    /// Failed for the last time.
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 4] = [JobState::Queued, JobState::Running, JobState::Done, JobState::Dead];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "dead",
        }
    }

    /// The state of a code as [`JobState::code`] writes it, exactly.
    pub fn parse(code: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_kinds_round_trip_as_stored() {
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(JobKind::ALL.map(JobKind::code), ["news", "mail", "notice", "reminders"], "the stored texts never change");
        for unknown in ["", "Mail", "sms", "mail ", "other"] {
            assert_eq!(JobKind::parse(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn job_states_round_trip_as_stored() {
        for state in JobState::ALL {
            assert_eq!(JobState::parse(state.code()), Some(state));
        }
        assert_eq!(JobState::ALL.map(JobState::code), ["queued", "running", "done", "dead"], "the stored texts never change");
        for unknown in ["", "Queued", "failed", "done\n"] {
            assert_eq!(JobState::parse(unknown), None, "{unknown:?}");
        }
    }
}
