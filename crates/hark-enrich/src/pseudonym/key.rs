//! Where the pseudonym key comes from and how it is written down: the `HARK_PSEUDONYM_KEY` variable or a key
//! file (hex or base64 text, at least 32 bytes), created 0600 with 32 random bytes when missing.

use rand::RngCore;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The environment variable that carries the key; it wins over the key file.
pub const KEY_ENV: &str = "HARK_PSEUDONYM_KEY";

/// The shortest key accepted, in bytes: HMAC-SHA256's output size.
pub const MIN_KEY_BYTES: usize = 32;

/// Where a key came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    /// The `HARK_PSEUDONYM_KEY` variable.
    Env,
    /// A key file.
    File(PathBuf),
    /// Bytes handed to [`super::Pseudonymizer::from_key`].
    Bytes,
}

impl fmt::Display for KeyOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyOrigin::Env => write!(f, "{KEY_ENV}"),
            KeyOrigin::File(path) => write!(f, "key file {}", path.display()),
            KeyOrigin::Bytes => f.write_str("the key"),
        }
    }
}

/// Why no pseudonym key could be had. Callers branch on it: a bad key is a configuration error to report,
/// an I/O error may be retried or the path fixed.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key decodes to fewer than [`MIN_KEY_BYTES`] bytes.
    #[error("{origin}: the key is {len} bytes, at least {MIN_KEY_BYTES} are needed (e.g. `openssl rand -hex 32`)")]
    TooShort {
        /// Where the key came from.
        origin: KeyOrigin,
        /// Its decoded length.
        len: usize,
    },
    /// The key text is empty, or neither hex nor base64.
    #[error("{origin}: the key is neither hex nor base64 (expected e.g. the output of `openssl rand -hex 32`)")]
    Encoding {
        /// Where the key came from.
        origin: KeyOrigin,
    },
    /// The key file exists but could not be read.
    #[error("cannot read the pseudonym key file {path}: {source}")]
    Read {
        /// The key file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The key file is open to group or others (read or write): with it, anyone can test which handle wrote a
    /// mention, or swap it.
    #[error("the pseudonym key file {path} is open to group or others (mode {mode:o}); run `chmod 600 {path}`")]
    Exposed {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The key file was missing and could not be created.
    #[error("cannot create the pseudonym key file {path}: {source}")]
    Create {
        /// The key file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

/// Decodes key text: trimmed; all-hex text is hex (an odd length is an error, not base64: a hex key missing
/// a character must not silently become another key), anything else is base64 (standard or URL-safe
/// alphabet, padding optional).
pub fn decode(text: &str, origin: KeyOrigin) -> Result<Vec<u8>, KeyError> {
    let text = text.trim();
    let bytes = if text.bytes().all(|b| b.is_ascii_hexdigit()) {
        // An odd length leaves a last pair out of range, so the whole decode is `None`.
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()
    } else {
        base64(text)
    };
    match bytes {
        Some(bytes) if !bytes.is_empty() && bytes.len() < MIN_KEY_BYTES => {
            Err(KeyError::TooShort { origin, len: bytes.len() })
        }
        Some(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(KeyError::Encoding { origin }),
    }
}

/// Base64 in either alphabet (`-` and `_` read as `+` and `/`), padding optional and trailing bits ignored.
fn base64(text: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{GeneralPurpose, NO_PAD};
    use base64::Engine as _;
    const LENIENT: GeneralPurpose =
        GeneralPurpose::new(&base64::alphabet::STANDARD, NO_PAD.with_decode_allow_trailing_bits(true));
    let text: String = text.trim_end_matches('=').replace('-', "+").replace('_', "/");
    LENIENT.decode(text).ok()
}

/// Reads the key file, or creates it with 32 random bytes (as hex) when it does not exist. A file that others can
/// read is refused. The key appears whole or not at all: it is written to a private temporary file first and then
/// linked into place, which fails if the file exists, so two processes racing on first use end up with one key, and
/// a crash never leaves an empty key file behind.
pub fn from_file(path: &Path) -> Result<Vec<u8>, KeyError> {
    match fs::File::open(path) {
        Ok(mut file) => {
            // The permissions and the text of one open file, not of whatever the path names a moment later.
            let read = |source| KeyError::Read { path: path.to_owned(), source };
            private(path, &file.metadata().map_err(read)?)?;
            let mut text = String::new();
            io::Read::read_to_string(&mut file, &mut text).map_err(read)?;
            decode(&text, KeyOrigin::File(path.to_owned()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => match create(path, |from, to| fs::hard_link(from, to)) {
            Ok(key) => Ok(key),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => from_file(path),
            Err(source) => Err(KeyError::Create { path: path.to_owned(), source }),
        },
        Err(source) => Err(KeyError::Read { path: path.to_owned(), source }),
    }
}

/// Refuses a key file (`meta`, of the open file at `path`) that group or others may read or write (Unix
/// permission bits).
fn private(path: &Path, meta: &fs::Metadata) -> Result<(), KeyError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::Exposed { path: path.to_owned(), mode });
        }
    }
    Ok(())
}

/// Creates the key file at `path` through a staged file that `link` (a hard link, but for tests) puts in place.
fn create(path: &Path, link: impl Fn(&Path, &Path) -> io::Result<()>) -> io::Result<Vec<u8>> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut key = vec![0u8; MIN_KEY_BYTES];
    rand::rng().fill_bytes(&mut key);
    let text: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}-{:016x}.tmp", std::process::id(), rand::rng().next_u64()));
    let staged = path.with_file_name(name);
    // Creates `at` only if no file is there; a write that fails partway (a full disk) removes what it created, so
    // that no short key is left for every later run to refuse. A file it did not create is never removed.
    let write_new = |at: &Path| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(at)?;
        file.write_all(format!("{text}\n").as_bytes()).and_then(|()| file.sync_all()).inspect_err(|_| {
            let _ = fs::remove_file(at);
        })
    };
    // A hard link fails when the key file exists: whoever links first wins, whole.
    let linked = write_new(&staged).and_then(|()| link(&staged, path));
    let _ = fs::remove_file(&staged);
    match linked {
        // A filesystem without hard links (some network and FUSE mounts, FAT) refuses the link itself: the key is
        // then written in place, still only if no file is there (else AlreadyExists, and the caller reads that
        // one). Not atomic: a run racing on first use may read it half-written and fail (never take another key),
        // and a crash mid-write leaves a short key, refused until the file is deleted.
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => write_new(path).map(|()| key),
        linked => linked.map(|()| key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Processes racing on first use all get the one key that landed, never a half-written file.
    #[test]
    fn racing_first_uses_share_one_whole_key() {
        for _ in 0..100 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("pseudonym.key");
            let keys: Vec<Vec<u8>> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..8).map(|_| s.spawn(|| from_file(&path).expect("a whole key"))).collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            assert!(keys.windows(2).all(|w| w[0] == w[1]));
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "a staged file was left behind");
        }
    }

    /// Where hard links are not supported, the key is still created, once, and read back.
    #[test]
    fn a_filesystem_without_hard_links_still_gets_a_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pseudonym.key");
        let unsupported = |_: &Path, _: &Path| Err(io::Error::from(io::ErrorKind::Unsupported));
        let key = create(&path, unsupported).unwrap();
        assert_eq!(from_file(&path).unwrap(), key);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "a staged file was left behind");
        let again = create(&path, unsupported).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists, "an existing key is never replaced");
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pseudonym.key");
        let key = from_file(&path).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let err = from_file(&path).unwrap_err();
        assert!(matches!(err, KeyError::Exposed { mode: 0o644, .. }), "{err}");
        assert!(err.to_string().contains("chmod 600"), "{err}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(from_file(&path).unwrap(), key);
    }

    #[test]
    fn base64_takes_either_alphabet_with_or_without_padding() {
        let key: Vec<u8> = (0..=255u8).step_by(7).collect();
        let standard = "AAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK+2vcTL0tng5+71/A==";
        assert_eq!(base64(standard), Some(key.clone()));
        assert_eq!(base64(standard.trim_end_matches('=')), Some(key.clone()));
        assert_eq!(base64(&standard.replace('+', "-").replace('/', "_")), Some(key));
        assert_eq!(base64("YQ"), Some(b"a".to_vec()));
        assert_eq!(base64("Y"), None, "a lone trailing character is not base64");
        assert_eq!(base64("Y Q"), None);
        assert!(matches!(decode(&"a".repeat(65), KeyOrigin::Bytes), Err(KeyError::Encoding { .. })));
    }
}
