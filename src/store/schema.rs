//! The store's schema, created and migrated by version, and the brand teams' SQL views.

use anyhow::{Context, Result};
use duckdb::Connection;

/// Migrations in order; migration `i` brings the schema to version `i + 1`. Never edit one that shipped:
/// add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    "CREATE TABLE mentions (
        source VARCHAR NOT NULL,
        source_id VARCHAR NOT NULL,
        url VARCHAR,
        author VARCHAR,
        author_id VARCHAR,
        created_at TIMESTAMP NOT NULL,      -- UTC
        title VARCHAR,
        text VARCHAR NOT NULL,
        language VARCHAR,
        likes BIGINT,
        replies BIGINT,
        reposts BIGINT,
        score BIGINT,
        thread_id VARCHAR,
        parent_id VARCHAR,
        fetched_at TIMESTAMP NOT NULL,      -- UTC
        run_id VARCHAR NOT NULL,
        PRIMARY KEY (source, source_id)
    );
    CREATE TABLE brands (
        name VARCHAR PRIMARY KEY,
        competitor BOOLEAN NOT NULL,
        query VARCHAR NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE TABLE mention_brands (
        source VARCHAR NOT NULL,
        source_id VARCHAR NOT NULL,
        brand VARCHAR NOT NULL,
        PRIMARY KEY (source, source_id, brand)
    );
    CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY,
        pipeline VARCHAR NOT NULL,
        command VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL,            -- running | ok | partial | failed
        detail VARCHAR
    );
    CREATE TABLE crawl_runs (
        run_id VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        instance VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL,            -- ok | failed
        requests BIGINT NOT NULL,
        retries BIGINT NOT NULL,
        rate_limit_waits BIGINT NOT NULL,
        pages BIGINT NOT NULL,
        fetched BIGINT NOT NULL,
        new BIGINT NOT NULL,
        duplicates BIGINT NOT NULL,
        errors BIGINT NOT NULL,
        window_start TIMESTAMP,
        window_end TIMESTAMP,
        history_limit VARCHAR,              -- why this source cannot reach the full history, if it cannot
        error VARCHAR,
        PRIMARY KEY (run_id, instance)
    );
    CREATE TABLE cursors (
        instance VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        done_until TIMESTAMP NOT NULL,      -- everything before this instant is stored
        run_id VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (instance, key)
    );
    CREATE SEQUENCE audit_seq;
    CREATE TABLE audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
        logged_at TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        run_id VARCHAR,
        details VARCHAR                     -- JSON text
    );
    CREATE TABLE sov_weekly (
        week DATE NOT NULL,
        brand VARCHAR NOT NULL,
        mentions BIGINT NOT NULL,
        share DOUBLE NOT NULL,
        run_id VARCHAR NOT NULL,
        PRIMARY KEY (week, brand)
    );",
    // 2: enrichment. Scores live beside the mentions, not in them: re-scoring with a better model rewrites this
    // table only, and analysts' overrides (roadmap) get a table of their own that views prefer.
    "CREATE TABLE mention_scores (
        source VARCHAR NOT NULL,
        source_id VARCHAR NOT NULL,
        lang VARCHAR,                       -- detected ISO 639-1 code; NULL when undetermined
        sentiment DOUBLE,                   -- compound score in [-1, 1]; NULL when the language is not scored
        sentiment_label VARCHAR,            -- negative | neutral | positive; NULL when unscored
        emotion VARCHAR,                    -- top emotion, or 'none'; NULL when unscored
        anger DOUBLE,
        disgust DOUBLE,
        fear DOUBLE,
        joy DOUBLE,
        sadness DOUBLE,
        surprise DOUBLE,
        confusion DOUBLE,
        scorer VARCHAR NOT NULL,            -- scorer version that produced the row
        scored_at TIMESTAMP NOT NULL,
        PRIMARY KEY (source, source_id)
    );",
    // 3: a week without any brand mention has no share (NULL), not 0. The table is rebuilt by every run, so it
    // is recreated rather than altered.
    "DROP TABLE sov_weekly;
    CREATE TABLE sov_weekly (
        week DATE NOT NULL,
        brand VARCHAR NOT NULL,
        mentions BIGINT NOT NULL,
        share DOUBLE,                       -- NULL in a week without any brand mention
        run_id VARCHAR NOT NULL,
        PRIMARY KEY (week, brand)
    );",
    // 4: the fingerprint of the pseudonym key the store's authors were written with, so that another key (a new
    // HARK_PSEUDONYM_KEY, a store moved without its pseudonym.key) is refused instead of silently giving every
    // author a second pseudonym.
    "CREATE TABLE pseudonym_key (
        fingerprint VARCHAR NOT NULL,       -- Pseudonymizer::fingerprint, not the key
        first_used TIMESTAMP NOT NULL
    );",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The SQL views for brand teams, one per file in `queries/`, installed into every store.
pub const VIEWS: &[(&str, &str)] = &[("share_of_voice", include_str!("../../queries/share_of_voice.sql"))];

/// Applies the migrations the store has not seen, each in its own transaction, then (re)installs the views.
pub fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)",
    )?;
    let current: i64 = conn.query_row("SELECT coalesce(max(version), 0) FROM schema_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        anyhow::bail!("the store has schema version {current}, newer than this hark ({SCHEMA_VERSION}); upgrade hark");
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let version = i as i64 + 1;
        conn.execute_batch("BEGIN TRANSACTION")?;
        let applied = conn.execute_batch(sql).and_then(|_| {
            conn.execute("INSERT INTO schema_version VALUES (?, current_timestamp::TIMESTAMP)", [version])
        });
        match applied {
            Ok(_) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                conn.execute_batch("ROLLBACK")?;
                return Err(e).with_context(|| format!("applying migration {version}"));
            }
        }
    }
    for (name, sql) in VIEWS {
        conn.execute_batch(sql).with_context(|| format!("installing view {name} (queries/{name}.sql)"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store written by an older hark (schema 2, where a share was never NULL) takes the new migrations: its
    /// `sov_weekly` then holds a gap week's NULL share, and the view gives NULL there too.
    #[test]
    fn an_older_store_migrates_and_gap_weeks_have_no_share() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
            .unwrap();
        for (i, sql) in MIGRATIONS[..2].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.execute("INSERT INTO schema_version VALUES (?, current_timestamp::TIMESTAMP)", [i + 1]).unwrap();
        }
        let null_share = "INSERT INTO sov_weekly VALUES (DATE '2026-11-16', 'Acme', 0, NULL, 'r')";
        assert!(conn.execute(null_share, []).is_err(), "schema 2 refuses a NULL share");
        migrate(&conn).unwrap();
        let version: i64 = conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        conn.execute(null_share, []).unwrap();

        // Mentions of Acme in the weeks of 2026-11-02 and 2026-11-16, none in between.
        conn.execute_batch(
            "INSERT INTO brands VALUES ('Acme', false, 'acme', 0), ('Zed', true, 'zed', 1);
             INSERT INTO mentions (source, source_id, created_at, text, fetched_at, run_id)
                 VALUES ('hn', '1', TIMESTAMP '2026-11-03 10:00', 'acme', now()::TIMESTAMP, 'r'),
                        ('hn', '2', TIMESTAMP '2026-11-17 10:00', 'acme', now()::TIMESTAMP, 'r');
             INSERT INTO mention_brands VALUES ('hn', '1', 'Acme'), ('hn', '2', 'Acme');",
        )
        .unwrap();
        let shares: Vec<(String, String, Option<f64>)> = conn
            .prepare("SELECT CAST(week AS VARCHAR), brand, share FROM share_of_voice ORDER BY week, brand")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let gap: Vec<_> = shares.iter().filter(|(w, _, _)| w == "2026-11-09").map(|(_, _, s)| *s).collect();
        assert_eq!(gap, [None, None], "{shares:?}");
        assert_eq!(shares[0], ("2026-11-02".into(), "Acme".into(), Some(1.0)));
        assert_eq!(shares.len(), 6, "every brand in every week: {shares:?}");
    }
}
