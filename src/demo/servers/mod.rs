//! Local replay servers: each demo platform's slice of the corpus served on 127.0.0.1 in that platform's
//! real wire format (HN Algolia, Stack Exchange 2.3, Google News RSS, Discourse, Mastodon), so the demo
//! is crawled by hark's real source code, paging, throttling and parsing included.
//!
//! Every server indexes its posts once at start ([`index`]) and answers each request with binary
//! searches over a term's posting list, so a crawl of a million posts stays fast.

mod algolia;
mod discourse;
mod hackernews;
mod index;
mod mastodon;
mod query;
mod respond;
mod rss;
mod stackexchange;
mod text;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::model::{Corpus, DemoSource};
use index::SourceIndex;

/// The port each server binds on 127.0.0.1; 0 picks a free one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerPlan {
    /// HN Algolia search API.
    pub hackernews: u16,
    /// Stack Exchange API 2.3.
    pub stackexchange: u16,
    /// Google News RSS search.
    pub rss: u16,
    /// Discourse `/search.json`.
    pub discourse: u16,
    /// Mastodon hashtag timelines.
    pub mastodon: u16,
}

impl ServerPlan {
    /// The port planned for `source`.
    pub fn port(&self, source: DemoSource) -> u16 {
        match source {
            DemoSource::HackerNews => self.hackernews,
            DemoSource::StackExchange => self.stackexchange,
            DemoSource::Rss => self.rss,
            DemoSource::Discourse => self.discourse,
            DemoSource::Mastodon => self.mastodon,
        }
    }
}

/// The running servers, one per [`DemoSource`]. Dropping this stops them too, without waiting.
pub struct Servers {
    addrs: HashMap<DemoSource, SocketAddr>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

/// How long [`Servers::shutdown`] lets open connections finish before cutting them.
const GRACE: Duration = Duration::from_secs(5);

impl Servers {
    /// Indexes `corpus` and starts every server on the ports of `plan`. Fails when a port is taken;
    /// servers already started then stop.
    pub async fn start(corpus: Arc<Corpus>, plan: ServerPlan) -> anyhow::Result<Servers> {
        let indexes = tokio::task::spawn_blocking(move || {
            DemoSource::ALL.map(|s| Arc::new(SourceIndex::new(Arc::clone(&corpus), s)))
        })
        .await
        .context("indexing the demo corpus")?;
        let (stop, _) = watch::channel(false);
        let mut servers = Servers { addrs: HashMap::new(), stop, tasks: Vec::new() };
        for (source, index) in DemoSource::ALL.into_iter().zip(indexes) {
            let port = plan.port(source);
            let listener = TcpListener::bind(("127.0.0.1", port))
                .await
                .with_context(|| format!("binding the {} replay server to 127.0.0.1:{port}", source.source_name()))?;
            let addr = listener.local_addr()?;
            let base = format!("http://{addr}");
            let router = match source {
                DemoSource::HackerNews => hackernews::router(index),
                DemoSource::StackExchange => stackexchange::router(index),
                DemoSource::Rss => rss::router(index),
                DemoSource::Discourse => discourse::router(index),
                DemoSource::Mastodon => mastodon::router(index, base),
            }
            .fallback(respond::not_found);
            let mut stopped = servers.stop.subscribe();
            let shutdown = async move {
                // Resolves on `shutdown` and also when `Servers` is dropped (the sender goes away).
                let _ = stopped.wait_for(|&s| s).await;
            };
            servers.tasks.push(tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, router).with_graceful_shutdown(shutdown).await {
                    tracing::warn!(source = source.source_name(), error = %e, "replay server stopped");
                }
            }));
            tracing::debug!(source = source.source_name(), %addr, "replay server listening");
            servers.addrs.insert(source, addr);
        }
        Ok(servers)
    }

    /// The root URL of the server for `source`, e.g. `http://127.0.0.1:47801`.
    pub fn base_url(&self, source: DemoSource) -> String {
        self.addrs.get(&source).map(|a| format!("http://{a}")).unwrap_or_default()
    }

    /// Stops accepting, lets requests in flight finish (up to a few seconds), then returns.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let abort = task.abort_handle();
            if tokio::time::timeout(GRACE, task).await.is_err() {
                abort.abort();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn binds_every_source_and_shuts_down() {
        let corpus = index::tests::corpus(Vec::new());
        let servers = Servers::start(corpus.clone(), ServerPlan::default()).await.unwrap();
        let urls: Vec<String> = DemoSource::ALL.into_iter().map(|s| servers.base_url(s)).collect();
        assert!(urls.iter().all(|u| u.starts_with("http://127.0.0.1:")), "{urls:?}");
        let taken: u16 = urls[0].rsplit(':').next().unwrap().parse().unwrap();
        let plan = ServerPlan { hackernews: taken, ..ServerPlan::default() };
        assert!(Servers::start(corpus, plan).await.is_err(), "a taken port fails the start");
        servers.shutdown().await;
        assert!(tokio::net::TcpStream::connect(&urls[0][7..]).await.is_err(), "stopped");
    }
}
