//! Governance on the write path: every mention is redacted and its author pseudonymised before it reaches the
//! store, whether it came from a crawl or an import, so nothing downstream (matching, analytics, SQL) ever sees
//! the personal data the analysis does not need: not in the text, and not in the link or the ids either
//! ([`identity`]).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::enrich::pseudonym::Pseudonymizer;
use crate::enrich::redact::Redactor;
use crate::mention::Mention;
use crate::sources::api::KEYED;
use crate::store::Store;

mod identity;

/// The file name of the pseudonymisation key, kept beside the store.
const KEY_FILE: &str = "pseudonym.key";

/// Redaction and pseudonymisation, built once per run and shared by every writer.
pub struct Governance {
    redactor: Redactor,
    pseudonyms: Pseudonymizer,
}

impl Governance {
    /// Builds the rules for a store: the key comes from `HARK_PSEUDONYM_KEY`, else from `pseudonym.key` beside
    /// the store (created with mode 0600 on first use), so the same author maps to the same pseudonym every run.
    /// The store keeps the key's fingerprint from its first use; another key is refused, and so is making a new key
    /// file for a store that already holds authors (one moved without its key).
    pub fn for_store(store: &Store) -> Result<Governance> {
        Governance::for_store_with(store, std::env::var_os(hark_enrich::pseudonym::KEY_ENV))
    }

    /// [`Governance::for_store`] with `HARK_PSEUDONYM_KEY`'s value passed in, read once (tests set none).
    fn for_store_with(store: &Store, env: Option<std::ffi::OsString>) -> Result<Governance> {
        let key_file = key_path(store.path());
        let (recorded, authors) = key_state(store)?;
        if env.is_none() && !key_file.exists() && (recorded.is_some() || authors) {
            anyhow::bail!(
                "{} is missing, but {} already holds pseudonymised authors: a new key would give each of them a second \
                 pseudonym. Put the store's key file back, or set HARK_PSEUDONYM_KEY to its key; to start over with a \
                 new key on purpose, write one yourself (openssl rand -hex 32 > {0}; chmod 600 {0}) and delete the \
                 store's pseudonym_key rows (duckdb CLI, not read-only)",
                key_file.display(),
                store.path().display()
            );
        }
        let pseudonyms = Pseudonymizer::load_with(env, &key_file)
            .with_context(|| format!("loading the pseudonymisation key ({})", key_file.display()))?;
        check_key(store, recorded, &pseudonyms.fingerprint(), &key_file)?;
        Ok(Governance { redactor: Redactor::new(), pseudonyms })
    }

    /// The rules with the key [`Governance::for_store`] would load for the store at `store_path`, without opening
    /// the store or checking its fingerprint: for tests that compute what a write stored, never for writing.
    pub fn with_key_of(store_path: &Path) -> Result<Governance> {
        let key_file = key_path(store_path);
        let pseudonyms = Pseudonymizer::load(&key_file)
            .with_context(|| format!("loading the pseudonymisation key ({})", key_file.display()))?;
        Ok(Governance { redactor: Redactor::new(), pseudonyms })
    }

    /// Builds the rules from an explicit key, for tests that must not touch a key file.
    #[cfg(test)]
    pub fn with_key(key: &[u8]) -> Result<Governance> {
        Ok(Governance { redactor: Redactor::new(), pseudonyms: Pseudonymizer::from_key(key)? })
    }

    /// Redacts title, text and link, and replaces the author's handle and id by their pseudonyms, scoped to the
    /// source (the same handle on two platforms is not assumed to be the same person), wherever they stand: a link
    /// that names the author is dropped, DIDs in ids become pseudonyms, and an id a source marked as naming its
    /// author ([`keyed_id`](crate::sources::api::keyed_id): a Mastodon status's URI) becomes its keyed hash.
    pub fn apply(&self, m: &mut Mention) {
        if let Cow::Owned(text) = self.redactor.redact(&m.text) {
            m.text = text;
        }
        if let Some(Cow::Owned(title)) = m.title.as_deref().map(|t| self.redactor.redact(t)) {
            m.title = Some(title);
        }
        if let Some(Cow::Owned(url)) = m.url.as_deref().map(|u| self.redactor.redact_as_written(u)) {
            m.url = Some(url);
        }
        // A blank handle or id ("", "@", spaces, as exports have them) is no author: hashed, every such record
        // would share one pseudonym, a made-up prolific author.
        for field in [&mut m.author, &mut m.author_id] {
            if field.as_deref().is_some_and(|a| hark_enrich::pseudonym::normalize(a).is_empty()) {
                *field = None;
            }
        }
        // The author's spellings are gathered only for a mention with a link or an id that may spell them (the
        // writer thread does this per mention).
        let ids = [Some(&m.source_id), m.thread_id.as_ref(), m.parent_id.as_ref()];
        let names = match m.url.is_some() || ids.into_iter().flatten().any(|id| identity::may_name(id)) {
            true => identity::names(m),
            false => Vec::new(),
        };
        // An X post's link is stored without the handle in it, whoever's it is (an imported export may give the
        // author as a display name, or none); any other link that names its author is dropped.
        if let Some(url) = m.url.as_deref() {
            if let Some(clean) = identity::without_author(url) {
                m.url = Some(clean);
            } else if identity::names_author(url, &names) {
                m.url = None;
            }
        }
        let Mention { source, source_id, thread_id, parent_id, .. } = &mut *m;
        let pseudonym = |did: &str| self.pseudonyms.pseudonymize_in(source, did);
        // Ids that name their author: DIDs become pseudonyms, ids a source marked (`api::keyed_id`) keyed hashes, and
        // so do links and addresses that spell the author or hold personal data (an RSS guid is often the item's
        // URL: `https://blog.example/alice/review`, `…?ref=jane.doe@example.com`; an Atom id may be a `tag:` URI
        // with its author's e-mail address), which the link beside them loses too.
        rewrite_ids([Some(source_id), thread_id.as_mut(), parent_id.as_mut()], |id| match id.strip_prefix(KEYED) {
            Some(named) => Some(self.pseudonyms.hash_id_in(source, named)),
            None => identity::pseudonymise_dids(id, pseudonym).or_else(|| {
                let personal =
                    identity::may_name(id) && (identity::names_author(id, &names) || self.redactor.has_personal(id));
                personal.then(|| self.pseudonyms.hash_id_in(source, id))
            }),
        });
        if let Some(a) = &m.author {
            m.author = Some(self.pseudonyms.pseudonymize_in(&m.source, a));
        }
        if let Some(a) = &m.author_id {
            m.author_id = Some(self.pseudonyms.pseudonymize_in(&m.source, a));
        }
    }

    /// [`Governance::apply`] for a record from an export, which anyone can write: an id that is a link (exports key
    /// posts by URL, which often names the author: `https://host/users/alice/statuses/1`) or holds personal data
    /// (`jane.doe@example.com` as an id) is replaced by its keyed hash (`i_…`). The rule reads the id alone, so a
    /// reply's parent id is hashed as its parent's own id is, whoever wrote the reply. AT Protocol URIs
    /// (`at://did:plc:…/app.bsky.feed.post/…`) are the one link kept as the crawl keeps it, their DIDs
    /// pseudonymised, so a Bluesky post both crawled and imported is stored once. Other crawled ids are the
    /// platforms' own and keep their form.
    pub fn apply_imported(&self, m: &mut Mention) {
        let Mention { source, source_id, thread_id, parent_id, .. } = &mut *m;
        rewrite_ids([Some(source_id), thread_id.as_mut(), parent_id.as_mut()], |id| {
            let personal = (id.contains("://") && !identity::is_at_uri(id)) || self.redactor.has_personal(id);
            personal.then(|| self.pseudonyms.hash_id_in(source, id))
        });
        self.apply(m);
    }

    /// The pseudonym a source's author handle is stored under, for tests that check what was stored.
    #[cfg(test)]
    pub fn pseudonym(&self, source: &str, handle: &str) -> String {
        self.pseudonyms.pseudonymize_in(source, handle)
    }
}

/// Replaces a mention's ids (its own, its thread's, its parent's) by what `rewrite` gives for each, where it gives
/// something.
fn rewrite_ids(ids: [Option<&mut String>; 3], rewrite: impl Fn(&str) -> Option<String>) {
    for id in ids.into_iter().flatten() {
        if let Some(new) = rewrite(id) {
            *id = new;
        }
    }
}

/// Records the key's fingerprint on the store's first use, with its audit entry in the same transaction, or checks
/// it against the one `recorded`: authors written with two keys would each have two pseudonyms, silently.
fn check_key(store: &Store, recorded: Option<String>, fingerprint: &str, key_file: &Path) -> Result<()> {
    match recorded {
        Some(stored) if stored == fingerprint => Ok(()),
        Some(stored) => anyhow::bail!(
            "the pseudonym key (HARK_PSEUDONYM_KEY if set, else {}) is not the one {} was written with (fingerprint \
             {fingerprint}, the store's is {stored}): every author would get a second pseudonym. Use the store's key; \
             to start over with this one on purpose, delete the store's pseudonym_key rows first (duckdb CLI, not \
             read-only)",
            key_file.display(),
            store.path().display()
        ),
        None => store.in_transaction(|conn| {
            conn.execute("INSERT INTO pseudonym_key VALUES (?, current_timestamp::TIMESTAMP)", [fingerprint])?;
            store.audit("hark", "pseudonym_key", None, &serde_json::json!({ "fingerprint": fingerprint }))
        }),
    }
}

/// The key fingerprint the store recorded, if any, and whether it holds a mention with an author: what tells a
/// store that has seen a key from a new one.
fn key_state(store: &Store) -> Result<(Option<String>, bool)> {
    let sql = "SELECT (SELECT min(fingerprint) FROM pseudonym_key), EXISTS (SELECT 1 FROM mentions WHERE author IS \
               NOT NULL OR author_id IS NOT NULL)";
    Ok(store.conn().query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Where the key of the store at `store_path` lives.
fn key_path(store_path: &Path) -> PathBuf {
    store_path.parent().map_or_else(|| PathBuf::from(KEY_FILE), |d| d.join(KEY_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::api::keyed_id;
    use chrono::Utc;

    /// How many times the audit log recorded a pseudonym key's fingerprint.
    fn key_audits(store: &Store) -> i64 {
        let sql = "SELECT count(*) FROM audit_log WHERE action = 'pseudonym_key'";
        store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A store remembers its key: opened with another one (here a new key file, as when a store is moved without
    /// its `pseudonym.key`), writing is refused rather than giving every author a second pseudonym.
    #[test]
    fn another_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let first = Governance::for_store_with(&store, None).unwrap();
        let again = Governance::for_store_with(&store, None).unwrap();
        assert_eq!(first.pseudonym("x", "alice"), again.pseudonym("x", "alice"));
        // Moved without its key: refused before a new key file is made.
        std::fs::remove_file(dir.path().join(KEY_FILE)).unwrap();
        let err = Governance::for_store_with(&store, None).map(|_| ()).unwrap_err();
        assert!(format!("{err:#}").contains("is missing"), "{err:#}");
        assert!(!dir.path().join(KEY_FILE).exists(), "no stray key file");
        // Another key put in its place: refused by its fingerprint.
        std::fs::write(dir.path().join(KEY_FILE), "ab".repeat(32)).unwrap();
        #[cfg(unix)]
        std::fs::set_permissions(dir.path().join(KEY_FILE), std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        let err = Governance::for_store_with(&store, None).map(|_| ()).unwrap_err();
        assert!(format!("{err:#}").contains("is not the one"), "{err:#}");
        assert_eq!(key_audits(&store), 1);
    }

    /// The fingerprint is recorded only with its audit entry: when the audit log cannot be written, neither is.
    #[test]
    fn first_key_is_recorded_with_its_audit_entry() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        store.conn().execute_batch("ALTER TABLE audit_log RENAME TO audit_log_away").unwrap();
        assert!(Governance::for_store_with(&store, None).is_err());
        let recorded: i64 = store.conn().query_row("SELECT count(*) FROM pseudonym_key", [], |r| r.get(0)).unwrap();
        assert_eq!(recorded, 0, "no fingerprint without its audit entry");
        store.conn().execute_batch("ALTER TABLE audit_log_away RENAME TO audit_log").unwrap();
        Governance::for_store_with(&store, None).unwrap();
        assert_eq!(key_audits(&store), 1);
    }

    #[test]
    fn redacts_and_pseudonymises_before_storage() {
        let g = Governance::with_key(&[7u8; 32]).unwrap();
        let mut m = Mention::new("hackernews", "1", Utc::now(), "mail me at jane.doe@example.com about Lumora");
        m.author = Some("JaneDoe".into());
        m.title = Some("call +44 20 7946 0958".into());
        g.apply(&mut m);
        assert!(!m.text.contains("jane.doe@example.com"), "{}", m.text);
        assert!(m.text.contains("[EMAIL]") && m.text.contains("Lumora"), "{}", m.text);
        assert!(m.title.as_deref().unwrap().contains("[PHONE]"), "{:?}", m.title);
        let pseud = m.author.clone().unwrap();
        assert_ne!(pseud, "JaneDoe");
        assert_eq!(pseud, g.pseudonym("hackernews", "janedoe"), "handles are case-insensitive");
        assert_ne!(pseud, g.pseudonym("mastodon", "janedoe"), "pseudonyms are scoped to the source");
    }

    /// No handle or author id survives in the link or the ids: a Bluesky reply's link names its author and its ids
    /// carry its own and its parent's DIDs; a link with an e-mail address in it is redacted.
    #[test]
    fn links_and_ids_keep_no_author() {
        let g = Governance::with_key(&[7u8; 32]).unwrap();
        let (me, parent) = ("did:plc:4ypydtsxlmkfyoyoxb26o4wd", "did:plc:vwzwgnygau7ed7b7wt5ux7y2");
        let mut m = Mention::new("bluesky", format!("at://{me}/app.bsky.feed.post/3kghpqjiodr2t"), Utc::now(), "hi");
        m.url = Some("https://bsky.app/profile/alice.bsky.social/post/3kghpqjiodr2t".into());
        m.author = Some("alice.bsky.social".into());
        m.author_id = Some(me.into());
        m.parent_id = Some(format!("at://{parent}/app.bsky.feed.post/3kghpycppiw2n"));
        m.thread_id = m.parent_id.clone();
        g.apply(&mut m);
        let row = format!("{m:?}");
        for raw in ["alice", "did:"] {
            assert!(!row.contains(raw), "{raw} stored: {row}");
        }
        assert_eq!(m.url, None);
        let author = g.pseudonym("bluesky", me);
        assert_eq!(
            (m.author_id.as_deref(), m.source_id.as_str()),
            (Some(author.as_str()), &*format!("at://{author}/app.bsky.feed.post/3kghpqjiodr2t"))
        );
        // An X post imported with its author's link keeps the link X gives without the handle.
        let mut tweet = Mention::new("x", "1768000000000000001", Utc::now(), "hi");
        tweet.url = Some("https://x.com/Alice/status/1768000000000000001".into());
        tweet.author = Some("alice".into());
        g.apply(&mut tweet);
        assert_eq!(tweet.url.as_deref(), Some("https://x.com/i/web/status/1768000000000000001"));
        // Also when the export names the author otherwise, or not at all.
        let mut shown = Mention::new("x", "1768000000000000002", Utc::now(), "hi");
        shown.url = Some("https://twitter.com/alice_s/status/1768000000000000002".into());
        shown.author = Some("Alice Smith".into());
        g.apply(&mut shown);
        assert_eq!(shown.url.as_deref(), Some("https://x.com/i/web/status/1768000000000000002"));
        // The parent's id is what the parent's own row gets, so the thread stays linked.
        let mut p = Mention::new("bluesky", format!("at://{parent}/app.bsky.feed.post/3kghpycppiw2n"), Utc::now(), "x");
        g.apply(&mut p);
        assert_eq!((m.parent_id.as_ref(), m.thread_id.as_ref()), (Some(&p.source_id), Some(&p.source_id)));

        // A Mastodon status's id is its URI, which names its author: stored as a keyed hash, the same for the
        // status from any instance.
        let uri = "https://example.social/users/alice/statuses/1170";
        let mut toot = Mention::new("mastodon", keyed_id(uri), Utc::now(), "x");
        g.apply(&mut toot);
        assert!(toot.source_id.starts_with("i_") && !toot.source_id.contains("alice"), "{}", toot.source_id);
        let other_key = Governance::with_key(&[8u8; 32]).unwrap();
        let mut again = Mention::new("mastodon", keyed_id(uri), Utc::now(), "x");
        other_key.apply(&mut again);
        assert_ne!(again.source_id, toot.source_id, "keyed: no one without the key can recompute it");

        let mut shop = Mention::new("rss", "1", Utc::now(), "x");
        shop.url = Some("https://shop.example/a?email=jane.doe@example.com".into());
        shop.author = Some("Jane".into());
        g.apply(&mut shop);
        assert_eq!(shop.url.as_deref(), Some("https://shop.example/a?email=[EMAIL]"));
    }

    /// A feed's guid or Atom id that spells its author or holds personal data is stored as its keyed hash, the same
    /// whether the item was crawled or imported; other ids keep their form, and a Bluesky post imported from an
    /// export lands on the row its crawl stored.
    #[test]
    fn ids_that_spell_someone_are_hashed_on_crawl_and_import_alike() {
        let g = Governance::with_key(&[7u8; 32]).unwrap();
        let stored = |source: &str, id: &str, author: Option<&str>, imported: bool| {
            let mut m = Mention::new(source, id, Utc::now(), "x");
            m.author = author.map(Into::into);
            m.url = Some(id.into());
            match imported {
                true => g.apply_imported(&mut m),
                false => g.apply(&mut m),
            }
            m.source_id
        };
        for (id, author) in [
            ("https://blog.example/alice/acme-review", Some("alice")),
            ("https://news.example/p/1?ref=jane.doe@example.com", None),
            ("tag:jane.doe@example.com,2026:post-1", None),
        ] {
            let crawled = stored("rss", id, author, false);
            assert!(crawled.starts_with("i_") && !crawled.contains("alice") && !crawled.contains("jane"), "{crawled}");
            assert_eq!(stored("rss", id, author, true), crawled, "imported {id}");
        }
        for (source, id) in [
            ("rss", "https://news.example/?p=1"),
            ("rss", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"),
            ("x", "1850012345678901234"),
            ("stackexchange", "stackoverflow/79123456"),
        ] {
            assert_eq!(stored(source, id, Some("alice"), false), id);
        }
        let uri = "at://did:plc:4ypydtsxlmkfyoyoxb26o4wd/app.bsky.feed.post/3kghpqjiodr2t";
        let crawled = stored("bluesky", uri, None, false);
        assert!(crawled.starts_with("at://a_") && !crawled.contains("did:"), "{crawled}");
        assert_eq!(stored("bluesky", uri, None, true), crawled);
    }
}
