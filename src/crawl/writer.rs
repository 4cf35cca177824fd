//! The single writer: one thread owns the DuckDB connection; source tasks send batches and wait for the commit.

use anyhow::{anyhow, Result};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

use std::sync::Arc;

use crate::govern::Governance;
use crate::mention::Mention;
use crate::store::{BatchOutcome, Store};

struct Request {
    mentions: Vec<Mention>,
    instance: String,
    key: String,
    done_until: DateTime<Utc>,
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
    pub fn start(store: Store, run_id: String, governance: Arc<Governance>) -> Writer {
        let (tx, mut rx) = mpsc::channel::<Request>(16);
        let thread = tokio::task::spawn_blocking(move || {
            while let Some(mut req) = rx.blocking_recv() {
                req.mentions.iter_mut().for_each(|m| governance.apply(m));
                let cursor = Some((req.instance.as_str(), req.key.as_str(), req.done_until));
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
    /// Commits a batch together with its cursor and returns what it changed.
    pub async fn write(
        &self,
        mentions: Vec<Mention>,
        instance: String,
        key: String,
        done_until: DateTime<Utc>,
    ) -> Result<BatchOutcome> {
        let (reply, rx) = oneshot::channel();
        let done_until = done_until.min(Utc::now());
        self.tx
            .send(Request { mentions, instance, key, done_until, reply })
            .await
            .map_err(|_| anyhow!("the store writer has stopped"))?;
        rx.await.map_err(|_| anyhow!("the store writer dropped a batch"))?
    }
}
