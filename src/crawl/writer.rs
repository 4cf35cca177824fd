//! The single writer: one thread owns the DuckDB connection; source tasks send batches and wait for the commit.

use anyhow::{anyhow, Result};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

use crate::govern::Governance;
use crate::mention::Mention;
use crate::store::{BatchOutcome, Store};

struct Request {
    mentions: Vec<Mention>,
    instance: String,
    key: String,
    /// Where the key's cursor moves with this batch; `None` leaves it.
    done_until: Option<DateTime<Utc>>,
    reply: oneshot::Sender<Result<BatchOutcome>>,
}

/// Owns the store on a blocking thread for the length of a crawl.
pub struct Writer {
    tx: mpsc::Sender<Request>,
    thread: tokio::task::JoinHandle<Store>,
}

/// A cheap handle source tasks write through.
#[derive(Clone)]
pub struct Handle {
    tx: mpsc::Sender<Request>,
}

impl Writer {
    /// Moves the store onto the writer thread; every batch is redacted and pseudonymised there before it is stored.
    pub fn start(store: Store, run_id: String, governance: Governance) -> Writer {
        let (tx, mut rx) = mpsc::channel::<Request>(16);
        let thread = tokio::task::spawn_blocking(move || {
            while let Some(mut req) = rx.blocking_recv() {
                req.mentions.iter_mut().for_each(|m| governance.apply(m));
                let cursor = req.done_until.map(|until| (req.instance.as_str(), req.key.as_str(), until));
                let result = store.write_batch(&run_id, &req.mentions, cursor);
                let _ = req.reply.send(result);
            }
            store
        });
        Writer { tx, thread }
    }

    /// A handle for one source task.
    pub fn handle(&self) -> Handle {
        Handle { tx: self.tx.clone() }
    }

    /// Waits for every pending batch and gives the store back.
    pub async fn finish(self) -> Result<Store> {
        drop(self.tx);
        Ok(self.thread.await?)
    }
}

impl Handle {
    /// Commits a batch together with its cursor, moved to `done_until` unless that is `None`, and returns what it
    /// changed.
    pub async fn write(
        &self,
        mentions: Vec<Mention>,
        instance: String,
        key: String,
        done_until: Option<DateTime<Utc>>,
    ) -> Result<BatchOutcome> {
        let (reply, rx) = oneshot::channel();
        let done_until = done_until.map(|until| until.min(Utc::now()));
        self.tx
            .send(Request { mentions, instance, key, done_until, reply })
            .await
            .map_err(|_| anyhow!("the store writer has stopped"))?;
        rx.await.map_err(|_| anyhow!("the store writer dropped a batch"))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn batches_are_redacted_and_pseudonymised_before_storage() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("hark.duckdb")).unwrap();
        let governance = Governance::with_key(&[7u8; 32]).unwrap();
        let expected_author = governance.pseudonym("hackernews", "JaneDoe");
        let writer = Writer::start(store, "run-1".into(), governance);
        let mut m = Mention::new("hackernews", "1", Utc::now(), "mail me at jane.doe@example.com about Lumora");
        m.author = Some("JaneDoe".into());
        let out = writer.handle().write(vec![m], "hackernews".into(), "lumora".into(), Some(Utc::now())).await.unwrap();
        assert_eq!(out, BatchOutcome { new: 1, duplicates: 0 });
        let store = writer.finish().await.unwrap();
        let (text, author): (String, String) =
            store.conn().query_row("SELECT text, author FROM mentions", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(text, "mail me at [EMAIL] about Lumora");
        assert!(author.starts_with("a_") && author != "JaneDoe", "{author}");
        assert_eq!(author, expected_author);
    }
}
