//! The offline default: a synthetic 13-month corpus served by local replay servers in the real API formats,
//! crawled, matched, analyzed and reported by the real pipeline.

pub mod corpus;
pub mod model;
mod phrases;
pub mod servers;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::Utc;

use crate::crawl::CrawlOptions;
use crate::pipeline::{History, Pipeline};
use crate::run::{self, RunOptions, RunOutcome};
use model::{Corpus, DemoSource};
use servers::{ServerPlan, Servers};

/// The demo pipeline file, built in so the demo runs from any directory.
pub const DEMO_PIPELINE: &str = include_str!("../../pipelines/demo.toml");

/// How to run the demo.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Where the store, reports, ground truth and effective pipeline go.
    pub dir: PathBuf,
    /// Corpus size (1 ≈ 110,000 mentions).
    pub scale: f64,
    /// Generator seed.
    pub seed: u64,
    /// Keep serving after the run until Ctrl-C.
    pub serve: bool,
    /// Use the ports of pipelines/demo.toml rather than free ones.
    pub fixed_ports: bool,
    /// Draw progress bars.
    pub progress: bool,
}

/// How far back the demo pipeline crawls: where its corpus is cut, so that a crawl stores every post.
pub fn history() -> Result<History> {
    Ok(Pipeline::parse(DEMO_PIPELINE, Path::new("pipelines/demo.toml"))?.history)
}

/// Generates the corpus, serves it, runs the pipeline against it and writes the ground truth.
pub async fn run_demo(opts: &DemoOptions) -> Result<RunOutcome> {
    anyhow::ensure!(opts.scale > 0.0 && opts.scale.is_finite(), "--scale must be a positive number");
    std::fs::create_dir_all(&opts.dir).with_context(|| format!("creating {}", opts.dir.display()))?;
    let now = Utc::now();
    let started = std::time::Instant::now();
    let corpus = Arc::new(corpus::generate(now, history()?, opts.scale, opts.seed));
    tracing::info!(
        posts = corpus.posts.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "demo corpus generated"
    );
    let plan = if opts.fixed_ports {
        fixed_plan()?
    } else {
        ServerPlan { hackernews: 0, stackexchange: 0, rss: 0, discourse: 0, mastodon: 0 }
    };
    let servers = Servers::start(corpus.clone(), plan)
        .await
        .context("starting the replay servers (another `hark demo --serve` running? try --ports auto)")?;
    let pipeline_file = opts.dir.join("demo.toml");
    let pipeline = effective_pipeline(&opts.dir, &servers)?;
    std::fs::write(&pipeline_file, &pipeline).with_context(|| format!("writing {}", pipeline_file.display()))?;
    let pipeline = Pipeline::parse(&pipeline, &pipeline_file)?;
    write_ground_truth(&opts.dir, &corpus)?;
    let mut crawl = CrawlOptions::new();
    crawl.now = now;
    crawl.progress = opts.progress;
    let outcome = run::run(&pipeline, &RunOptions { crawl, ..RunOptions::default() }).await;
    if opts.serve {
        // Through the log, so that --log-format json keeps stderr JSON lines.
        tracing::info!(
            pipeline = %pipeline_file.display(),
            "replay servers are up; crawl them again with `hark run` on this pipeline; Ctrl-C stops them"
        );
        if let Ok(o) = &outcome {
            let mut out = std::io::stdout().lock();
            for p in &o.reports {
                writeln!(out, "{}", p.display())?;
            }
        }
        tokio::signal::ctrl_c().await?;
        servers.shutdown().await;
        // Printed above, while the servers were up; the caller prints an outcome's reports.
        return outcome.map(|o| RunOutcome { reports: Vec::new(), ..o });
    }
    servers.shutdown().await;
    outcome
}

/// The ports pipelines/demo.toml names, by source.
fn fixed_plan() -> Result<ServerPlan> {
    let table: toml::Table = toml::from_str(DEMO_PIPELINE)?;
    let port = |kind: &str| -> Result<u16> {
        let sources = table.get("source").and_then(|s| s.as_array()).context("demo.toml has no sources")?;
        let t = sources
            .iter()
            .find(|s| s.get("type").and_then(|t| t.as_str()) == Some(kind))
            .with_context(|| format!("demo.toml has no {kind} source"))?;
        let url = url::Url::parse(t.get("base_url").and_then(|u| u.as_str()).context("base_url")?)?;
        url.port().context("demo base_url has no port")
    };
    Ok(ServerPlan {
        hackernews: port("hackernews")?,
        stackexchange: port("stackexchange")?,
        rss: port("rss")?,
        discourse: port("discourse")?,
        mastodon: port("mastodon")?,
    })
}

/// pipelines/demo.toml with the store and reports under `dir` and the sources pointed at the running servers.
pub fn effective_pipeline(dir: &Path, servers: &Servers) -> Result<String> {
    let mut table: toml::Table = toml::from_str(DEMO_PIPELINE)?;
    let abs = std::path::absolute(dir)?;
    table.insert("store".into(), abs.join("demo.duckdb").display().to_string().into());
    if let Some(toml::Value::Table(report)) = table.get_mut("report") {
        report.insert("out".into(), abs.join("reports").display().to_string().into());
    }
    if let Some(toml::Value::Array(sources)) = table.get_mut("source") {
        for s in sources.iter_mut().filter_map(|s| s.as_table_mut()) {
            let kind = s.get("type").and_then(|t| t.as_str()).unwrap_or_default().to_string();
            if let Some(src) = DemoSource::ALL.into_iter().find(|d| d.source_name() == kind) {
                s.insert("base_url".into(), servers.base_url(src).into());
            }
        }
    }
    Ok(format!(
        "# Written by `hark demo`: pipelines/demo.toml pointed at this run's replay servers.\n{}",
        toml::to_string(&table)?
    ))
}

/// Writes the planted events and the corpus's own counts beside the store.
pub fn write_ground_truth(dir: &Path, corpus: &Corpus) -> Result<()> {
    let mut per_source = std::collections::BTreeMap::<&str, u64>::new();
    let mut per_brand = std::collections::BTreeMap::<&str, u64>::new();
    for p in &corpus.posts {
        *per_source.entry(p.source.source_name()).or_default() += 1;
        for &b in &p.brands {
            *per_brand.entry(model::BRANDS[b].name).or_default() += 1;
        }
    }
    let truth = serde_json::json!({
        "generated_for": corpus.end,
        "start": corpus.start,
        "posts": corpus.posts.len(),
        "posts_per_source": per_source,
        "mentions_per_brand": per_brand,
        "events": corpus.events,
    });
    let path = dir.join("ground_truth.json");
    std::fs::write(&path, serde_json::to_string_pretty(&truth)?).with_context(|| format!("writing {}", path.display()))
}
