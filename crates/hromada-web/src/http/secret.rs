//! Random bytes for secrets, from the system's generator: the one place the
//! web takes them (tokens, salts, keys, file names). Secrets are compared with
//! `hromada_domain::auth::constant_time_eq` and written as `SecretToken`s.

fn fill_random(bytes: &mut [u8]) {
    if getrandom::fill(bytes).is_err() {
        // The operating system's generator is not available: refuse to make
        // predictable tokens. Every check against an all-zero token fails.
        tracing::error!("the system random number generator failed");
        bytes.fill(0);
    }
}

/// `N` random bytes (all zero, and logged, if the system cannot give them).
pub(crate) fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes);
    bytes
}

/// `N` random bytes, or the system's reason why not: for what must not be made
/// at all without them (a signing key, its salt).
pub(crate) fn try_random<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}
