//! Passwords: what a new one must be, and how it is kept (Argon2id).
//!
//! A new password has 12 to 1024 characters — any characters, spaces and
//! Cyrillic included — and is refused when zxcvbn scores it below 3 (common
//! passwords, words, keyboard rows, dates…) or when it contains a word of the
//! person's own e-mail address or name. It is kept only as an Argon2id PHC
//! string with OWASP's parameters (m = 19 MiB, t = 2, p = 1) and a 16-byte
//! salt from the caller. [`dummy_verify`] does the same work for an unknown
//! address, so that "no such account" and "wrong password" take the same time.
//!
//! A password is hashed and checked in Unicode NFC: the same word typed on
//! another keyboard or system (a precomposed `й` or `и` followed by a
//! combining breve) is the same password. A hash made before that, from a
//! password that was not in NFC, still verifies from the typed form as it
//! is; [`PasswordHash::check`] then says to rehash it.

use std::fmt;
use std::hint::black_box;
use std::str::FromStr;

use argon2::password_hash::phc::{Output, ParamsString, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use unicode_normalization::{UnicodeNormalization, is_nfc};
use zxcvbn::Score;
use zxcvbn::feedback::Warning;

/// The fewest characters (Unicode scalar values) a new password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The most characters a new password may have.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Context words shorter than this are not looked for in a password.
const MIN_CONTEXT_WORD_CHARS: usize = 4;

/// A password as typed into a form, for signing in; `Debug` prints `***`.
#[derive(Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct PasswordInput(String);

impl PasswordInput {
    /// Wraps what was typed.
    pub fn new(typed: impl Into<String>) -> PasswordInput {
        PasswordInput(typed.into())
    }

    /// The typed text, to pass to [`PasswordHash::verify`] or [`NewPassword::parse`].
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A password that meets the rules for a new one; `Debug` prints `***`.
#[derive(Clone)]
pub struct NewPassword(String);

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Why a new password was refused; each variant is one message of the web layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PasswordProblem {
    /// Fewer than `min` characters (`found` were typed).
    #[error("the password has {found} characters; at least {min} are needed")]
    TooShort { min: usize, found: usize },
    /// More than `max` characters.
    #[error("the password is longer than {max} characters")]
    TooLong { max: usize },
    /// Easy to guess (zxcvbn score below 3); `weakness` says why.
    #[error("the password is easy to guess: {weakness}")]
    Common { weakness: Weakness },
    /// Contains a word of the person's e-mail address or name.
    #[error("the password contains the e-mail address or the name")]
    ContainsPersonalInfo,
}

/// What makes a password easy to guess: zxcvbn's warning, in the domain's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weakness {
    /// One of the ten most common passwords.
    TopTen,
    /// One of the hundred most common passwords.
    TopHundred,
    /// A very common password.
    VeryCommon,
    /// A common password with small changes.
    SimilarToCommon,
    /// A straight row of keys (`qwertyuiop`).
    KeyboardRow,
    /// A short keyboard pattern.
    KeyboardPattern,
    /// One character repeated (`aaaaaaaa`).
    Repeats,
    /// A group of characters repeated (`abcabcabc`).
    RepeatedGroups,
    /// A sequence (`abcdef`, `654321`).
    Sequence,
    /// A recent year.
    RecentYear,
    /// A date.
    Date,
    /// A single word.
    SingleWord,
    /// A name or surname.
    Names,
    /// Easy to guess for no single reason zxcvbn names.
    Guessable,
}

impl Weakness {
    /// A stable kebab-case name, for message ids (`password-weak-{code}`).
    pub fn code(self) -> &'static str {
        match self {
            Weakness::TopTen => "top-ten",
            Weakness::TopHundred => "top-hundred",
            Weakness::VeryCommon => "very-common",
            Weakness::SimilarToCommon => "similar-to-common",
            Weakness::KeyboardRow => "keyboard-row",
            Weakness::KeyboardPattern => "keyboard-pattern",
            Weakness::Repeats => "repeats",
            Weakness::RepeatedGroups => "repeated-groups",
            Weakness::Sequence => "sequence",
            Weakness::RecentYear => "recent-year",
            Weakness::Date => "date",
            Weakness::SingleWord => "single-word",
            Weakness::Names => "names",
            Weakness::Guessable => "guessable",
        }
    }

    fn from_warning(warning: Option<Warning>) -> Weakness {
        match warning {
            Some(Warning::ThisIsATop10Password) => Weakness::TopTen,
            Some(Warning::ThisIsATop100Password) => Weakness::TopHundred,
            Some(Warning::ThisIsACommonPassword) => Weakness::VeryCommon,
            Some(Warning::ThisIsSimilarToACommonlyUsedPassword) => Weakness::SimilarToCommon,
            Some(Warning::StraightRowsOfKeysAreEasyToGuess) => Weakness::KeyboardRow,
            Some(Warning::ShortKeyboardPatternsAreEasyToGuess) => Weakness::KeyboardPattern,
            Some(Warning::RepeatsLikeAaaAreEasyToGuess) => Weakness::Repeats,
            Some(Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess) => Weakness::RepeatedGroups,
            Some(Warning::SequencesLikeAbcAreEasyToGuess) => Weakness::Sequence,
            Some(Warning::RecentYearsAreEasyToGuess) => Weakness::RecentYear,
            Some(Warning::DatesAreOftenEasyToGuess) => Weakness::Date,
            Some(Warning::AWordByItselfIsEasyToGuess) => Weakness::SingleWord,
            Some(Warning::NamesAndSurnamesByThemselvesAreEasyToGuess | Warning::CommonNamesAndSurnamesAreEasyToGuess) => Weakness::Names,
            None => Weakness::Guessable,
        }
    }
}

impl fmt::Display for Weakness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl NewPassword {
    /// Checks a new password: length, then `context` (e-mail, name), then zxcvbn.
    /// For a context item with `@`, only the part before it counts.
    /// The password is kept in NFC, the form it is hashed in.
    pub fn parse(candidate: &str, context: &[&str]) -> Result<NewPassword, PasswordProblem> {
        // A char has at most 4 bytes, so a longer text is too long without counting.
        if candidate.len() > 4 * MAX_PASSWORD_CHARS {
            return Err(PasswordProblem::TooLong { max: MAX_PASSWORD_CHARS });
        }
        let normal = nfc(candidate);
        let candidate = normal.as_str();
        let found = candidate.chars().count();
        if found < MIN_PASSWORD_CHARS {
            return Err(PasswordProblem::TooShort { min: MIN_PASSWORD_CHARS, found });
        }
        if found > MAX_PASSWORD_CHARS {
            return Err(PasswordProblem::TooLong { max: MAX_PASSWORD_CHARS });
        }
        let words = context_words(context);
        let lower = candidate.to_lowercase();
        if words.iter().any(|w| lower.contains(w.as_str())) {
            return Err(PasswordProblem::ContainsPersonalInfo);
        }
        let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
        let entropy = zxcvbn::zxcvbn(candidate, &inputs);
        if entropy.score() < Score::Three {
            let warning = entropy.feedback().and_then(|f| f.warning());
            return Err(PasswordProblem::Common { weakness: Weakness::from_warning(warning) });
        }
        Ok(NewPassword(candidate.to_owned()))
    }
}

/// The lower-cased words of the context that a password must not contain.
fn context_words(context: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for item in context {
        // The domain of an e-mail address is shared by many people: only the
        // local part is personal.
        let personal = item.split_once('@').map_or(*item, |(local, _)| local);
        let personal = personal.trim().to_lowercase();
        for word in personal.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= MIN_CONTEXT_WORD_CHARS {
                words.push(word.to_owned());
            }
        }
        if personal.chars().count() >= MIN_CONTEXT_WORD_CHARS && !words.contains(&personal) {
            words.push(personal);
        }
    }
    words
}

/// The NFC form of a typed password.
fn nfc(typed: &str) -> String {
    if is_nfc(typed) { typed.to_owned() } else { typed.nfc().collect() }
}

/// What checking a typed password against its hash found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCheck {
    /// Not the password.
    Wrong,
    /// The password, hashed as it should be.
    Right,
    /// The password, but its hash should be made again (from the NFC form, with
    /// the current parameters): it was made from a form that is not NFC, or
    /// with other parameters. See [`PasswordHash::rehash`].
    RightRehash,
}

impl PasswordCheck {
    /// Whether the typed password was the right one.
    pub fn is_right(self) -> bool {
        self != PasswordCheck::Wrong
    }
}

/// Argon2id cost parameters: memory in KiB, iterations, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

impl HashParams {
    /// OWASP's Argon2id choice: m = 19456 KiB, t = 2, p = 1.
    pub const OWASP: HashParams = HashParams { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 };

    /// OWASP's parameters: the ones to use in production.
    pub fn owasp() -> HashParams {
        HashParams::OWASP
    }

    /// Cheap parameters (m = 64 KiB, t = 1, p = 1) so tests of other crates stay fast; never in production.
    pub fn fast_for_tests() -> HashParams {
        HashParams { memory_kib: 64, iterations: 1, parallelism: 1 }
    }

    /// Other parameters, if Argon2 accepts them (m ≥ 8·p KiB, t ≥ 1, 1 ≤ p < 2^24).
    pub fn new(memory_kib: u32, iterations: u32, parallelism: u32) -> Option<HashParams> {
        Params::new(memory_kib, iterations, parallelism, None).ok()?;
        Some(HashParams { memory_kib, iterations, parallelism })
    }

    /// Memory cost in KiB.
    pub fn memory_kib(&self) -> u32 {
        self.memory_kib
    }

    /// Number of passes over the memory.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Number of lanes.
    pub fn parallelism(&self) -> u32 {
        self.parallelism
    }

    /// A new Argon2id (v=19) PHC hash of `password` with these parameters and `salt`.
    fn hash(&self, password: &[u8], salt: &[u8]) -> Result<argon2::PasswordHash, HashError> {
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, None).map_err(|_| HashError)?;
        phc_hash(Algorithm::Argon2id, Version::V0x13, params, password, salt)
    }
}

/// Blocks of working memory asked for at least, whatever Argon2's `m`: 33 MiB,
/// above the largest threshold (32 MiB on 64-bit systems) from which glibc's
/// malloc maps an allocation of its own and unmaps it when freed (mallopt(3),
/// M_MMAP_THRESHOLD). Only the first `m` blocks are written, so only they are
/// ever resident. Asked for `m` = 19 MiB alone, glibc would map it the first
/// time and then, its threshold raised by that block's release, serve the next
/// ones from its heaps and keep them there for the life of the process: 19 MiB
/// more for every thread that ever hashed (bench/footprint.sh, ARCHITECTURE.md).
const MAPPED_BLOCKS: usize = 33 * 1024;

/// The working memory of one hash, freed (and returned to the system) when dropped.
fn working_memory(params: &Params) -> Result<Vec<Block>, HashError> {
    let blocks = params.block_count();
    let mut memory = Vec::new();
    memory.try_reserve_exact(blocks.max(MAPPED_BLOCKS)).map_err(|_| HashError)?;
    memory.resize(blocks, Block::new());
    Ok(memory)
}

/// Argon2id with the `argon2` crate's default parameters (OWASP's) as a key
/// derivation function: `out` from `secret` and `salt`, as
/// `Argon2::default().hash_password_into` makes it, in memory of [`working_memory`].
pub fn derive_key(secret: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), HashError> {
    let argon2 = Argon2::default();
    let memory = working_memory(argon2.params())?;
    argon2.hash_password_into_with_memory(secret, salt, out, memory).map_err(|_| HashError)
}

/// What `argon2`'s `PasswordHasher::hash_password_with_salt` makes (a PHC hash
/// whose output has `params`' length, 32 bytes unless set), in memory of [`working_memory`].
fn phc_hash(
    algorithm: Algorithm,
    version: Version,
    params: Params,
    password: &[u8],
    salt: &[u8],
) -> Result<argon2::PasswordHash, HashError> {
    let salt = Salt::new(salt).map_err(|_| HashError)?;
    let mut buffer = [0u8; Output::MAX_LENGTH];
    let out = buffer.get_mut(..params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)).ok_or(HashError)?;
    let memory = working_memory(&params)?;
    Argon2::new(algorithm, version, params.clone()).hash_password_into_with_memory(password, &salt, out, memory).map_err(|_| HashError)?;
    Ok(argon2::PasswordHash {
        algorithm: algorithm.ident(),
        version: Some(version.into()),
        params: ParamsString::try_from(&params).map_err(|_| HashError)?,
        salt: Some(salt),
        hash: Some(Output::new(out).map_err(|_| HashError)?),
    })
}

impl Default for HashParams {
    fn default() -> HashParams {
        HashParams::OWASP
    }
}

/// Argon2 could not hash: in practice only when its memory cannot be allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the password could not be hashed")]
pub struct HashError;

/// The text is not an Argon2id (v=19) PHC string with a salt and a hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an Argon2id password hash")]
pub struct InvalidPasswordHash;

/// An Argon2id password hash; `Display` and `parse` use the PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`); `Debug` hides salt and hash.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(argon2::PasswordHash);

/// Largest costs a stored hash may ask for (4 GiB, 64 passes, 64 lanes), so a
/// corrupted row cannot make one sign-in take the server down.
const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
const MAX_ITERATIONS: u32 = 64;
const MAX_PARALLELISM: u32 = 64;

impl PasswordHash {
    /// Hashes a new password with OWASP's parameters and this random 16-byte salt.
    pub fn create(password: &NewPassword, salt: [u8; 16]) -> Result<PasswordHash, HashError> {
        PasswordHash::create_with(password, salt, &HashParams::OWASP)
    }

    /// Hashes a new password with these parameters and this random 16-byte salt.
    pub fn create_with(password: &NewPassword, salt: [u8; 16], params: &HashParams) -> Result<PasswordHash, HashError> {
        params.hash(password.0.as_bytes(), &salt).map(PasswordHash)
    }

    /// A new hash of a typed password that [`PasswordHash::check`] found right
    /// (it need not meet the rules of a new one), made from its NFC form.
    pub fn rehash(typed: &str, salt: [u8; 16], params: &HashParams) -> Result<PasswordHash, HashError> {
        params.hash(nfc(typed).as_bytes(), &salt).map(PasswordHash)
    }

    /// Reads a PHC string as the store keeps it.
    pub fn parse(phc: &str) -> Result<PasswordHash, InvalidPasswordHash> {
        let hash = argon2::PasswordHash::new(phc).map_err(|_| InvalidPasswordHash)?;
        let params = Params::try_from(&hash).map_err(|_| InvalidPasswordHash)?;
        let well_formed = hash.algorithm.as_str() == "argon2id"
            && hash.version == Some(0x13)
            && hash.salt.is_some()
            && hash.hash.is_some()
            && params.m_cost() <= MAX_MEMORY_KIB
            && params.t_cost() <= MAX_ITERATIONS
            && params.p_cost() <= MAX_PARALLELISM
            && params.keyid().is_empty()
            && params.data().is_empty();
        if well_formed { Ok(PasswordHash(hash)) } else { Err(InvalidPasswordHash) }
    }

    /// Whether `candidate` is the password (in NFC, or as typed for a hash
    /// made before passwords were normalised), compared in constant time by argon2.
    pub fn verify(&self, candidate: &str) -> bool {
        self.check(candidate, &self.own_params()).is_right()
    }

    /// Checks `candidate` in NFC and, when the typed form differs, as typed
    /// (an old hash of a password that was not NFC); both are always computed
    /// then, so the time says nothing about which matched. A match as typed, or
    /// a hash made with other parameters than `params`, asks for a rehash.
    pub fn check(&self, candidate: &str, params: &HashParams) -> PasswordCheck {
        let normal = nfc(candidate);
        let by_normal = self.matches(&normal);
        let by_typed = normal != candidate && self.matches(candidate);
        match (by_normal, by_typed) {
            (true, _) if self.needs_rehash(params) => PasswordCheck::RightRehash,
            (true, _) => PasswordCheck::Right,
            (false, true) => PasswordCheck::RightRehash,
            (false, false) => PasswordCheck::Wrong,
        }
    }

    /// As `argon2`'s `PasswordVerifier`: the candidate hashed with this hash's
    /// algorithm, version, parameters, output length and salt, the outputs
    /// compared in constant time (`Output`'s `PartialEq`).
    fn matches(&self, candidate: &str) -> bool {
        let hash = &self.0;
        let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
            return false;
        };
        let Ok(algorithm) = Algorithm::try_from(hash.algorithm.as_str()) else {
            return false;
        };
        let Ok(version) = hash.version.map_or(Ok(Version::default()), Version::try_from) else {
            return false;
        };
        let Ok(params) = Params::try_from(hash) else {
            return false;
        };
        phc_hash(algorithm, version, params, candidate.as_bytes(), salt).is_ok_and(|computed| computed.hash.as_ref() == Some(expected))
    }

    fn own_params(&self) -> HashParams {
        Params::try_from(&self.0)
            .map(|p| HashParams { memory_kib: p.m_cost(), iterations: p.t_cost(), parallelism: p.p_cost() })
            .unwrap_or(HashParams::OWASP)
    }

    /// Whether the hash was made with other parameters than `params`: rehash at the next sign-in.
    pub fn needs_rehash(&self, params: &HashParams) -> bool {
        let Ok(own) = Params::try_from(&self.0) else {
            return true;
        };
        self.0.algorithm.as_str() != "argon2id"
            || self.0.version != Some(0x13)
            || own.m_cost() != params.memory_kib
            || own.t_cost() != params.iterations
            || own.p_cost() != params.parallelism
            || own.output_len() != Some(Params::DEFAULT_OUTPUT_LEN)
    }
}

impl fmt::Display for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PasswordHash(${}$v=19${}$…)", self.0.algorithm.as_str(), self.0.params.as_str())
    }
}

impl FromStr for PasswordHash {
    type Err = InvalidPasswordHash;

    fn from_str(s: &str) -> Result<PasswordHash, InvalidPasswordHash> {
        PasswordHash::parse(s)
    }
}

/// Salt and expected output of the dummy hash: no password produces them.
const DUMMY_SALT_B64: &str = "AAAAAAAAAAAAAAAAAAAAAA";
const DUMMY_HASH_B64: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fn dummy_hash(params: &HashParams) -> Result<PasswordHash, InvalidPasswordHash> {
    PasswordHash::parse(&format!(
        "$argon2id$v=19$m={},t={},p={}${DUMMY_SALT_B64}${DUMMY_HASH_B64}",
        params.memory_kib, params.iterations, params.parallelism
    ))
}

/// Verifies `candidate` against a fixed dummy hash with `params` (those of real
/// hashes), taking the time a real check takes; always `false`. Use it for unknown addresses.
pub fn dummy_verify(candidate: &str, params: &HashParams) -> bool {
    if let Ok(hash) = dummy_hash(params) {
        // `check`, as for a real account: twice when the typed form is not NFC.
        black_box(hash.check(black_box(candidate), params));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOOD: &str = "ковила цвіте над Дніпром";
    const SALT: [u8; 16] = *b"0123456789abcdef";

    fn fast_hash(password: &str) -> PasswordHash {
        let new = NewPassword::parse(password, &[]).unwrap();
        PasswordHash::create_with(&new, SALT, &HashParams::fast_for_tests()).unwrap()
    }

    /// "Київ і Львів, й ще Суми" with precomposed letters (NFC) and with `ї й` as a base letter and a combining mark (NFD), as some keyboards and systems type them.
    const COMPOSED: &str = "Київ і Львів, й ще Суми";
    const DECOMPOSED: &str = "Киі\u{308}в і Львів, и\u{306} ще Суми";

    #[test]
    fn a_password_is_the_same_from_any_keyboard() {
        assert_ne!(COMPOSED, DECOMPOSED);
        for (made, typed) in [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED), (DECOMPOSED, DECOMPOSED)] {
            let hash = fast_hash(made);
            assert!(hash.verify(typed), "made from {made:?}, typed {typed:?}");
            assert_eq!(hash.check(typed, &HashParams::fast_for_tests()), PasswordCheck::Right);
        }
        assert_eq!(fast_hash(COMPOSED).check("Київ і Львів, й ще Суми!", &HashParams::fast_for_tests()), PasswordCheck::Wrong);
    }

    #[test]
    fn an_old_hash_of_a_password_not_in_nfc_still_signs_in_and_asks_for_a_rehash() {
        // Made as before passwords were normalised: from the bytes as typed.
        let params = HashParams::fast_for_tests();
        let old = PasswordHash(params.hash(DECOMPOSED.as_bytes(), &SALT).unwrap());
        assert_eq!(old.check(DECOMPOSED, &params), PasswordCheck::RightRehash);
        assert!(old.verify(DECOMPOSED));
        assert_eq!(old.check(COMPOSED, &params), PasswordCheck::Wrong, "the old hash knows only the form it was made from");
        let new = PasswordHash::rehash(DECOMPOSED, SALT, &params).unwrap();
        assert_eq!(new.check(COMPOSED, &params), PasswordCheck::Right);
        assert_eq!(new.check(DECOMPOSED, &params), PasswordCheck::Right);
        // Other parameters ask for a rehash too.
        assert_eq!(new.check(COMPOSED, &HashParams::new(128, 1, 1).unwrap()), PasswordCheck::RightRehash);
    }

    /// Hashes are made and checked in memory of our own (see `MAPPED_BLOCKS`), not
    /// by `argon2`'s `PasswordHasher` and `PasswordVerifier`: the stored hashes they
    /// made must still sign in, and theirs must check ours, byte for byte.
    #[test]
    fn hashes_are_those_of_the_argon2_crate_both_ways() {
        use argon2::{PasswordHasher, PasswordVerifier};
        for (m, t, p) in [(64, 1, 1), (256, 3, 2), (19 * 1024, 2, 1)] {
            let params = HashParams::new(m, t, p).unwrap();
            let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(m, t, p, None).unwrap())
                .hash_password_with_salt(GOOD.as_bytes(), &SALT)
                .unwrap();
            let ours = PasswordHash::create_with(&NewPassword::parse(GOOD, &[]).unwrap(), SALT, &params).unwrap();
            assert_eq!(ours.to_string(), theirs.to_string(), "m={m} t={t} p={p}");
            assert!(PasswordHash(theirs.clone()).verify(GOOD));
            assert!(!PasswordHash(theirs).verify("ковила цвіте над Дніпром!"));
            assert!(Argon2::default().verify_password(GOOD.as_bytes(), &ours.0).is_ok());
        }
        // Output lengths other than 32 bytes, and other versions and variants, as stored by another tool.
        for phc in [
            Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(64, 1, 1, Some(64)).unwrap()),
            Argon2::new(Algorithm::Argon2i, Version::V0x10, Params::new(64, 1, 1, None).unwrap()),
        ]
        .map(|argon2| argon2.hash_password_with_salt(GOOD.as_bytes(), &SALT).unwrap())
        {
            assert!(PasswordHash(phc.clone()).matches(GOOD), "{phc}");
            assert!(!PasswordHash(phc.clone()).matches("ковила"), "{phc}");
        }
    }

    #[test]
    fn a_derived_key_is_argon2s_own() {
        let (mut ours, mut theirs) = ([0u8; 32], [0u8; 32]);
        derive_key(b"the passphrase", b"a salt of 16 b..", &mut ours).unwrap();
        Argon2::default().hash_password_into(b"the passphrase", b"a salt of 16 b..", &mut theirs).unwrap();
        assert_eq!(ours, theirs);
        assert_ne!(ours, [0u8; 32]);
        assert_eq!(derive_key(b"the passphrase", b"short", &mut ours), Err(HashError), "a salt under 8 bytes");
    }

    #[test]
    fn working_memory_is_only_what_argon2_asks_for_in_a_mapping_of_its_own() {
        let params = Params::new(19 * 1024, 2, 1, None).unwrap();
        let memory = working_memory(&params).unwrap();
        assert_eq!(memory.len(), 19 * 1024);
        assert!(memory.capacity() * 1024 > 32 << 20, "more than glibc's largest mmap threshold");
        assert_eq!(working_memory(&Params::new(40 * 1024, 1, 1, None).unwrap()).unwrap().len(), 40 * 1024);
    }

    #[test]
    fn length_is_counted_in_characters() {
        // 11 Cyrillic letters are 22 bytes but still too short.
        assert_eq!(NewPassword::parse("щастязнайде", &[]).unwrap_err(), PasswordProblem::TooShort { min: 12, found: 11 });
        assert_eq!(NewPassword::parse("", &[]).unwrap_err(), PasswordProblem::TooShort { min: 12, found: 0 });
        assert!(NewPassword::parse("щастя знайде", &[]).is_ok());
        let long = "ґ".repeat(MAX_PASSWORD_CHARS + 1);
        assert_eq!(NewPassword::parse(&long, &[]).unwrap_err(), PasswordProblem::TooLong { max: 1024 });
        let huge = "x".repeat(10 * MAX_PASSWORD_CHARS);
        assert_eq!(NewPassword::parse(&huge, &[]).unwrap_err(), PasswordProblem::TooLong { max: 1024 });
        let longest: String = "Київ, вул. Хрещатик 22 ".chars().cycle().take(1024).collect();
        assert!(NewPassword::parse(&longest, &[]).is_ok());
    }

    #[test]
    fn any_characters_are_allowed() {
        for ok in [
            GOOD,
            "correct horse battery staple",
            "  leading and trailing spaces  ",
            "emoji 🦔🌻 and tabs\tinside",
            "Ні, я не буду казати пароль",
        ] {
            assert!(NewPassword::parse(ok, &[]).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn common_passwords_are_refused_with_zxcvbn_feedback() {
        let weak = |p: &str| match NewPassword::parse(p, &[]) {
            Err(PasswordProblem::Common { weakness }) => Some(weakness),
            _ => None,
        };
        assert_eq!(weak("password1234"), Some(Weakness::VeryCommon));
        assert_eq!(weak("1qaz2wsx3edc4rfv"), Some(Weakness::VeryCommon));
        assert_eq!(weak("qwertyuiopasdf"), Some(Weakness::SimilarToCommon));
        assert_eq!(weak("zxcvbnm,./asdf"), Some(Weakness::KeyboardRow));
        assert_eq!(weak("abcabcabcabcabc"), Some(Weakness::RepeatedGroups));
        assert_eq!(weak("aaaaaaaaaaaaaaa"), Some(Weakness::Repeats));
        assert_eq!(weak("abcdefghijklmn"), Some(Weakness::Sequence));
        assert!(weak("iloveyou12345").is_some());
        assert_eq!(weak("123456789012"), Some(Weakness::Sequence));
        assert_eq!(weak(GOOD), None);
        assert_eq!(Weakness::TopTen.code(), "top-ten");
    }

    #[test]
    fn personal_words_are_refused_in_any_case() {
        let context = ["olena.koval@example.com", "Олена Коваль"];
        for bad in ["Olena-likes-sunflowers", "my surname is KOVAL, hi!", "олена любить соняшники", "Коваль з Полтави 1987"]
        {
            assert_eq!(NewPassword::parse(bad, &context).unwrap_err(), PasswordProblem::ContainsPersonalInfo, "{bad:?}");
        }
        // The domain of the address and short words are not personal.
        assert!(NewPassword::parse("example of a long passphrase", &["ola@example.com"]).is_ok());
        assert!(NewPassword::parse(GOOD, &context).is_ok());
        assert!(NewPassword::parse(GOOD, &["", "  ", "@"]).is_ok());
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let new = NewPassword::parse(GOOD, &[]).unwrap();
        assert_eq!(format!("{new:?}"), "***");
        let input = PasswordInput::new(GOOD);
        assert_eq!(format!("{input:?}"), "***");
        assert_eq!(input.expose(), GOOD);
        let hash = fast_hash(GOOD);
        let debug = format!("{hash:?}");
        assert_eq!(debug, "PasswordHash($argon2id$v=19$m=64,t=1,p=1$…)");
        let salt_b64 = "MDEyMzQ1Njc4OWFiY2RlZg";
        assert!(hash.to_string().contains(salt_b64));
        assert!(!debug.contains(salt_b64));
    }

    #[test]
    fn password_input_deserialises_from_a_plain_string() {
        #[derive(serde::Deserialize, Debug)]
        struct Form {
            password: PasswordInput,
        }
        let form: Form = toml::from_str("password = \"тайна тайна\"").unwrap();
        assert_eq!(form.password.expose(), "тайна тайна");
        assert_eq!(format!("{form:?}"), "Form { password: *** }");
    }

    #[test]
    fn hash_verifies_the_password_only() {
        let hash = fast_hash(GOOD);
        assert!(hash.verify(GOOD));
        assert!(!hash.verify("ковила цвіте над дніпром"));
        assert!(!hash.verify(""));
        assert!(!hash.verify(&format!("{GOOD} ")));
        // Same password and salt, same hash; another salt, another hash.
        assert_eq!(fast_hash(GOOD), hash);
        let other = PasswordHash::create_with(&NewPassword::parse(GOOD, &[]).unwrap(), [7; 16], &HashParams::fast_for_tests()).unwrap();
        assert_ne!(other, hash);
        assert!(other.verify(GOOD));
    }

    #[test]
    fn phc_string_round_trips_and_is_checked() {
        let hash = fast_hash(GOOD);
        let text = hash.to_string();
        assert!(text.starts_with("$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"));
        let back = PasswordHash::parse(&text).unwrap();
        assert_eq!(back, hash);
        assert_eq!(back.to_string(), text);
        assert!(back.verify(GOOD));
        assert_eq!(text.parse::<PasswordHash>(), Ok(hash));

        let without_hash = text.rsplit_once('$').unwrap().0;
        for bad in [
            "",
            "argon2id",
            "$argon2id$v=19$m=64,t=1,p=1",
            without_hash,
            &text.replace("argon2id", "argon2i"),
            &text.replace("argon2id", "argon2d"),
            &text.replace("v=19", "v=16"),
            &text.replace("m=64", "m=4"),
            &text.replace("m=64", "m=99999999"),
            &text.replace("t=1", "t=1000"),
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        ] {
            assert_eq!(PasswordHash::parse(bad), Err(InvalidPasswordHash), "{bad:?}");
        }
    }

    #[test]
    fn a_known_hash_from_another_implementation_verifies() {
        // The reference implementation (Debian's `argon2` 0~20190702):
        // `echo -n "пароль для тесту" | argon2 "сіль-на-тест" -id -t 1 -k 64 -p 1 -e`.
        let reference =
            PasswordHash::parse("$argon2id$v=19$m=64,t=1,p=1$0YHRltC70Ywt0L3QsC3RgtC10YHRgg$WeqjaRDLU9q4Jc+WSjinurBDRpqrmnB9Qqu0hzWfo7k")
                .unwrap();
        assert!(reference.verify("пароль для тесту"));
        assert!(!reference.verify("Пароль для тесту"));
        assert!(!reference.needs_rehash(&HashParams::fast_for_tests()));
    }

    #[test]
    fn needs_rehash_when_the_parameters_change() {
        let hash = fast_hash(GOOD);
        assert!(!hash.needs_rehash(&HashParams::fast_for_tests()));
        assert!(hash.needs_rehash(&HashParams::owasp()));
        assert!(hash.needs_rehash(&HashParams::new(128, 1, 1).unwrap()));
        assert!(hash.needs_rehash(&HashParams::new(64, 2, 1).unwrap()));
    }

    #[test]
    fn params_are_checked() {
        assert_eq!(HashParams::default(), HashParams::OWASP);
        assert_eq!((HashParams::OWASP.memory_kib(), HashParams::OWASP.iterations(), HashParams::OWASP.parallelism()), (19456, 2, 1));
        assert_eq!(HashParams::new(7, 1, 1), None);
        assert_eq!(HashParams::new(64, 0, 1), None);
        assert_eq!(HashParams::new(64, 1, 0), None);
        assert_eq!(HashParams::new(64, 1, 1), Some(HashParams::fast_for_tests()));
    }

    #[test]
    fn dummy_hash_has_the_cost_of_real_hashes() {
        for params in [HashParams::fast_for_tests(), HashParams::OWASP] {
            let dummy = dummy_hash(&params).unwrap();
            assert!(!dummy.needs_rehash(&params));
        }
        assert!(!dummy_verify(GOOD, &HashParams::fast_for_tests()));
        assert!(!dummy_verify("", &HashParams::fast_for_tests()));
    }

    /// The one test with production parameters: hash, verify, refuse, rehash check, dummy.
    #[test]
    fn owasp_parameters_hash_and_verify() {
        let new = NewPassword::parse(GOOD, &["olena@example.com"]).unwrap();
        let hash = PasswordHash::create(&new, SALT).unwrap();
        assert!(hash.to_string().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hash.verify(GOOD));
        assert!(!hash.verify("wrong password"));
        assert!(!hash.needs_rehash(&HashParams::owasp()));
        assert!(hash.needs_rehash(&HashParams::fast_for_tests()));
        assert!(!dummy_verify(GOOD, &HashParams::owasp()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn parse_never_panics_and_keeps_its_promises(s in "\\PC{0,40}", name in "\\PC{0,12}") {
            if let Ok(p) = NewPassword::parse(&s, &[&name]) {
                // Counted in NFC, the form the password is kept in.
                let n = nfc(&s).chars().count();
                prop_assert!((MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n));
                prop_assert_eq!(format!("{p:?}"), "***");
            }
        }

        #[test]
        fn short_passwords_are_always_too_short(s in "\\PC{0,11}") {
            // Counted in NFC, the form the password is kept in (which may be longer or shorter).
            let found = nfc(&s).chars().count();
            prop_assume!(found < MIN_PASSWORD_CHARS);
            prop_assert_eq!(
                NewPassword::parse(&s, &[]).unwrap_err(),
                PasswordProblem::TooShort { min: 12, found }
            );
        }

        #[test]
        fn a_password_containing_the_local_part_is_refused(
            local in "[a-z]{4,10}", before in "[0-9 ]{0,6}", after in "[ !?]{8,10}",
        ) {
            let email = format!("{local}@example.com");
            let password = format!("{before}{}{after}", local.to_uppercase());
            prop_assert_eq!(
                NewPassword::parse(&password, &[&email]).unwrap_err(),
                PasswordProblem::ContainsPersonalInfo
            );
        }

        #[test]
        fn phc_parse_never_panics(s in "\\$?\\PC{0,80}", tail in "[A-Za-z0-9+/=$,]{0,60}") {
            let _ = PasswordHash::parse(&s);
            let _ = PasswordHash::parse(&format!("$argon2id$v=19$m=64,t=1,p=1${tail}"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        #[test]
        fn hash_verifies_its_password_and_no_other(
            password in "[a-zа-яєіїґ ]{16,24}", salt in any::<[u8; 16]>(), extra in "\\PC",
        ) {
            let Ok(new) = NewPassword::parse(&password, &[]) else {
                return Ok(());
            };
            let hash = PasswordHash::create_with(&new, salt, &HashParams::fast_for_tests()).unwrap();
            prop_assert!(hash.verify(&password));
            let wrong = format!("{password}{extra}");
            prop_assert!(!hash.verify(&wrong));
            let back = PasswordHash::parse(&hash.to_string()).unwrap();
            prop_assert_eq!(back, hash);
        }
    }
}
