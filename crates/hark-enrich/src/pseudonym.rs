//! Author pseudonymisation: handles and author ids are stored as a keyed hash, so one author is recognisable
//! across mentions and runs while the store never holds who they are.
//!
//! A pseudonym is `a_` and 20 hex characters: the first 80 bits of HMAC-SHA256(key, normalised handle). With
//! n authors the chance that any two share a pseudonym is about n²/2⁸¹: 4·10⁻¹¹ at 10 million authors,
//! 4·10⁻⁹ at 100 million (64 bits would give 3·10⁻⁶ at 10 million; 16 more bits cost 4 characters).
//!
//! Handles are normalised first (`normalize`): trimmed, one leading `@` dropped, lower-cased, since the
//! platforms hark reads treat handles case-insensitively.
//!
//! The key: `HARK_PSEUDONYM_KEY` (hex or base64, at least 32 bytes) wins; otherwise the caller's key file is
//! read, or created (mode 0600, 32 random bytes as hex) on first use. The same key gives the same pseudonyms
//! in every run; a new key gives new, unlinkable ones (see the README on rotation).

mod key;

pub use key::{KeyError, KeyOrigin, KEY_ENV, MIN_KEY_BYTES};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::ffi::OsString;
use std::fmt;
use std::path::Path;

/// Maps handles and author ids to stable pseudonyms under one secret key. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Pseudonymizer {
    /// The keyed MAC, with the key schedule done once; cloned per call.
    mac: Hmac<Sha256>,
}

impl fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonymizer { key: <redacted> }")
    }
}

impl Pseudonymizer {
    /// A pseudonymiser for raw key bytes (at least [`MIN_KEY_BYTES`]).
    pub fn from_key(key: &[u8]) -> Result<Self, KeyError> {
        if key.len() < MIN_KEY_BYTES {
            return Err(KeyError::TooShort { origin: KeyOrigin::Bytes, len: key.len() });
        }
        let mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
        Ok(Pseudonymizer { mac })
    }

    /// The pseudonymiser for this deployment: the key in `HARK_PSEUDONYM_KEY` if set (even if `key_file`
    /// exists), else the key in `key_file`, else a new random key written to `key_file` with mode 0600.
    pub fn load(key_file: &Path) -> Result<Self, KeyError> {
        Self::load_with(std::env::var_os(KEY_ENV), key_file)
    }

    /// [`Pseudonymizer::load`] with the variable's value passed in: read once by the caller (`hark`'s governance
    /// reads it for the key check too), and tests need not race on the environment.
    pub fn load_with(env: Option<OsString>, key_file: &Path) -> Result<Self, KeyError> {
        let key = match env {
            Some(value) => match value.to_str() {
                Some(text) => key::decode(text, KeyOrigin::Env)?,
                None => return Err(KeyError::Encoding { origin: KeyOrigin::Env }),
            },
            None => key::from_file(key_file)?,
        };
        Self::from_key(&key)
    }

    /// A fingerprint of the key (`k_` and 16 hex characters, from the HMAC of a fixed text under the key): a store
    /// keeps it to tell when it is opened with another key, and it says nothing of the key itself.
    pub fn fingerprint(&self) -> String {
        self.digest("k_", 8, &[b"hark pseudonym key fingerprint"])
    }

    /// The pseudonym of a handle or author id within a scope (e.g. the platform), so `alice` on two sites maps
    /// to two pseudonyms: `a_` and 20 lower-case hex characters.
    pub fn pseudonymize_in(&self, scope: &str, handle: &str) -> String {
        self.digest("a_", 10, &[scope.as_bytes(), b"\0", normalize(handle).as_bytes()])
    }

    /// The keyed hash of an id within a scope, as written (ids are case-sensitive, unlike handles): `i_` and 20
    /// lower-case hex characters, in a domain of its own (an id never hashes to an author's pseudonym).
    pub fn hash_id_in(&self, scope: &str, id: &str) -> String {
        self.digest("i_", 10, &[b"id\0", scope.as_bytes(), b"\0", id.as_bytes()])
    }

    /// `prefix` and the first `bytes` bytes of the HMAC of `parts`, in lower-case hex.
    fn digest(&self, prefix: &str, bytes: usize, parts: &[&[u8]]) -> String {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        let tag = mac.finalize().into_bytes();
        let mut out = String::with_capacity(prefix.len() + 2 * bytes);
        out.push_str(prefix);
        for b in &tag[..bytes] {
            out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        out
    }
}

/// A handle as hashed: surrounding whitespace trimmed, one leading `@` dropped, lower-cased (`" @Alice "`
/// → `alice`; a fediverse `@Bob@Example.Social` → `bob@example.social`). Public so that whatever looks for an
/// author's handle elsewhere (in links) spells it as its pseudonym was made.
pub fn normalize(handle: &str) -> String {
    let handle = handle.trim();
    handle.strip_prefix('@').unwrap_or(handle).trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: [u8; 32] = [7; 32];
    const KEY_B: [u8; 32] = [8; 32];

    #[test]
    fn stable_across_instances_and_normalised() {
        let (one, two) = (Pseudonymizer::from_key(&KEY_A).unwrap(), Pseudonymizer::from_key(&KEY_A).unwrap());
        let p = one.pseudonymize_in("hn", "alice");
        assert_eq!(p, two.pseudonymize_in("hn", "alice"));
        assert_eq!(p, one.pseudonymize_in("hn", "  @Alice\t"));
        assert!(p.starts_with("a_") && p.len() == 22 && p[2..].bytes().all(|b| b.is_ascii_hexdigit()), "{p}");
        assert_ne!(p, one.pseudonymize_in("hn", "bob"));
        assert_ne!(one.pseudonymize_in("mastodon", "alice"), one.pseudonymize_in("hackernews", "alice"));
        assert_eq!(format!("{one:?}"), "Pseudonymizer { key: <redacted> }");
    }

    #[test]
    fn differs_across_keys() {
        let (a, b) = (Pseudonymizer::from_key(&KEY_A).unwrap(), Pseudonymizer::from_key(&KEY_B).unwrap());
        assert_ne!(a.pseudonymize_in("hn", "alice"), b.pseudonymize_in("hn", "alice"));
    }

    #[test]
    fn key_file_is_created_private_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store").join("pseudonym.key");
        let first = Pseudonymizer::load_with(None, &path).unwrap().pseudonymize_in("hn", "alice");
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written.trim().len(), 64, "32 bytes as hex");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let again = Pseudonymizer::load_with(None, &path).unwrap().pseudonymize_in("hn", "alice");
        assert_eq!(first, again);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written, "an existing key file is never rewritten");
    }

    #[test]
    fn env_key_wins_and_hex_equals_base64() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pseudonym.key");
        let hex = "07".repeat(32);
        let base64 = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";
        let from_hex = Pseudonymizer::load_with(Some(hex.into()), &path).unwrap();
        let from_b64 = Pseudonymizer::load_with(Some(base64.into()), &path).unwrap();
        let expected = Pseudonymizer::from_key(&KEY_A).unwrap().pseudonymize_in("hn", "alice");
        assert_eq!(from_hex.pseudonymize_in("hn", "alice"), expected);
        assert_eq!(from_b64.pseudonymize_in("hn", "alice"), expected);
        assert!(!path.exists(), "an env key never creates the key file");
    }

    #[test]
    fn bad_keys_are_clear_errors() {
        let path = Path::new("/nonexistent/never-created.key");
        let err = |value: &str| Pseudonymizer::load_with(Some(value.into()), path).unwrap_err();
        assert!(matches!(err("not a key!"), KeyError::Encoding { origin: KeyOrigin::Env }));
        assert!(matches!(err(""), KeyError::Encoding { origin: KeyOrigin::Env }));
        assert!(matches!(err(&"ab".repeat(31)), KeyError::TooShort { len: 31, .. }));
        assert!(matches!(err(&"a".repeat(63)), KeyError::Encoding { .. }), "odd-length hex is not base64");
        let short = err(&"ab".repeat(16));
        assert!(matches!(short, KeyError::TooShort { origin: KeyOrigin::Env, len: 16 }));
        assert!(short.to_string().starts_with("HARK_PSEUDONYM_KEY: the key is 16 bytes"), "{short}");
        assert!(matches!(Pseudonymizer::from_key(&[1; 31]), Err(KeyError::TooShort { len: 31, .. })));
    }
}
