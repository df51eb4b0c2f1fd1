//! Random bytes for secrets, from the system's generator: the one place the
//! web takes them (tokens, salts, keys, file names). Secrets are compared with
//! `hromada_domain::auth::constant_time_eq` and written as `SecretToken`s.
//!
//! Randomness fails closed: when the system cannot give random bytes, nothing
//! is made of predictable ones; the caller refuses the request (the 503 page).

/// The system's generator gave no random bytes, so no secret can be made.
#[derive(Debug, thiserror::Error)]
#[error("the system random number generator failed: {0}")]
pub struct NoRandomness(getrandom::Error);

#[cfg(test)]
thread_local! {
    /// Tests only: whether the system's generator fails in this thread.
    static FAILING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Tests only: make the system's generator fail (or work again) for what runs in this thread.
#[cfg(test)]
pub(crate) fn fail_in_this_thread(fail: bool) {
    FAILING.set(fail);
}

/// The system's generator (which a test can make fail).
fn system_fill(bytes: &mut [u8]) -> Result<(), getrandom::Error> {
    #[cfg(test)]
    if FAILING.get() {
        return Err(getrandom::Error::UNSUPPORTED);
    }
    getrandom::fill(bytes)
}

/// `N` random bytes, or why there are none (logged here, once); never zeros in their place.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], NoRandomness> {
    let mut bytes = [0u8; N];
    match system_fill(&mut bytes) {
        Ok(()) => Ok(bytes),
        Err(error) => {
            tracing::error!(%error, "the system random number generator failed; refusing to make a secret");
            Err(NoRandomness(error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_refuses_rather_than_give_predictable_bytes() {
        assert!(random::<32>().is_ok());
        fail_in_this_thread(true);
        let refused = random::<32>();
        fail_in_this_thread(false);
        assert!(refused.is_err(), "no bytes when the generator fails: {refused:?}");
        assert_ne!(random::<32>().ok(), Some([0; 32]));
    }
}
