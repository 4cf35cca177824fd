//! Throughput of full enrichment (redaction, language, tokens, stems, sentiment, emotion) on one core and on all
//! cores, and of the Python `vaderSentiment` package on the same texts when it can be imported (installing it with
//! pip if needed), in interleaved rounds; then enrichment alone on short posts in ten languages, and on long documents
//! (time per kilobyte as they grow).
//! `cargo bench --profile dev --bench enrich` (the test profile, where this crate is built as for release), or
//! `cargo bench -p hark-enrich` for a release build of this crate alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;

use hark_enrich::datasets::{goemotions, short_posts, tweeteval};
use hark_enrich::Enricher;

/// The allocator of the `hark` binary, so that the figures are those of `hark score` and `hark run`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MIN_TEXTS: usize = 100_000;
const PASSES: usize = 5;

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets");
    let (Ok(a), Ok(b), Ok(c)) =
        (tweeteval(&dir, "sentiment", "val"), tweeteval(&dir, "emotion", "train"), goemotions(&dir, "original"))
    else {
        println!("SKIPPED: datasets not found at {} (see shared/datasets/README.md)", dir.display());
        return Ok(());
    };
    let unique: Vec<String> = a.into_iter().chain(b).chain(c).map(|r| r.text).collect();
    let texts: Vec<&str> = unique.iter().map(String::as_str).cycle().take(MIN_TEXTS.max(unique.len())).collect();
    let enricher = Enricher::new();
    for t in texts.iter().take(2000) {
        std::hint::black_box(enricher.enrich(t, None));
    }
    let python = python_ready(&unique);
    // Five rounds, each a one-core pass, an all-cores pass (as `hark run` scores a chunk of the store, with rayon)
    // and a Python pass, so that all three see the same machine: on the shared 2-core VM, throughput drifts by 30%
    // and more within minutes. The medians are the figures.
    let (mut one, mut all, mut py) = (Vec::new(), Vec::new(), Vec::new());
    let mut scored = 0usize;
    for _ in 0..PASSES {
        let start = Instant::now();
        scored = texts.iter().filter(|t| std::hint::black_box(enricher.enrich(t, None)).sentiment.is_some()).count();
        one.push(texts.len() as f64 / start.elapsed().as_secs_f64());
        let start = Instant::now();
        texts.par_iter().for_each(|t| drop(std::hint::black_box(enricher.enrich(t, None))));
        all.push(texts.len() as f64 / start.elapsed().as_secs_f64());
        if let Some(rate) = python.as_ref().and_then(|file| python_vader(file)) {
            py.push(rate);
        }
    }
    let (one, all) = (Spread::of(&one), Spread::of(&all));
    println!(
        "hark enrich: {} texts ({} unique), median of {PASSES} passes: {:.0} mentions/s on one core \
         ({:.0} to {:.0}; {scored} scored), {:.0}/s on all {} cores ({:.0} to {:.0})",
        texts.len(),
        unique.len(),
        one.median,
        one.slowest,
        one.fastest,
        all.median,
        rayon::current_num_threads(),
        all.slowest,
        all.fastest
    );
    if py.is_empty() {
        println!("python vaderSentiment not available (pip install vaderSentiment): no comparison");
    } else {
        let passes = py.len();
        let py = Spread::of(&py);
        println!(
            "python vaderSentiment polarity_scores, same texts, {passes} passes: median {:.0} texts/s ({:.0} to \
             {:.0}); hark full enrichment is {:.1}x on one core, {:.1}x on all cores",
            py.median,
            py.slowest,
            py.fastest,
            one.median / py.median,
            all.median / py.median
        );
    }
    if let Some(file) = python {
        let _ = std::fs::remove_file(file);
    }
    multilingual(&enricher)?;
    long_documents(&enricher, &unique);
    Ok(())
}

/// Time per kilobyte of long documents (forum threads, articles, pasted tables) at 50 KB and 400 KB: the same when
/// enrichment is linear in the text's length, eight times more at 400 KB where a rule reads the whole text at each
/// of its tokens. Shapes where that happened before: a table of four-digit numbers, a list of ratings.
fn long_documents(enricher: &Enricher, posts: &[String]) {
    let prose: String = posts.iter().take(2000).map(String::as_str).collect::<Vec<_>>().join(" ");
    let shapes: [(&str, &str); 4] =
        [("posts joined", &prose), ("four-digit table", "1234 5678 "), ("ratings", "4/10 "), ("digits", "1 ")];
    for (name, unit) in shapes {
        let per_kb = |bytes: usize| {
            let text: String = unit.chars().cycle().take(bytes).collect();
            let start = Instant::now();
            std::hint::black_box(enricher.enrich(&text, None));
            start.elapsed().as_secs_f64() * 1e6 / (text.len() as f64 / 1024.0)
        };
        let (small, large) = (per_kb(50 << 10), per_kb(400 << 10));
        println!(
            "long document, {name}: {small:.1} us/KB at 50 KB, {large:.1} us/KB at 400 KB ({:.2}x)",
            large / small
        );
    }
}

/// One-core throughput on the hand-written short posts in ten languages of `tests/fixtures/lang` (no Python
/// comparison: VADER scores English only), where language detection does the most work.
fn multilingual(enricher: &Enricher) -> anyhow::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/lang/short_posts.tsv");
    let labelled = short_posts(&path)?;
    let posts: Vec<&str> = labelled.iter().map(|p| p.text.as_str()).collect();
    let texts: Vec<&str> = posts.iter().copied().cycle().take(MIN_TEXTS).collect();
    let mut rates = Vec::new();
    for _ in 0..PASSES {
        let start = Instant::now();
        texts.iter().for_each(|t| drop(std::hint::black_box(enricher.enrich(t, None))));
        rates.push(texts.len() as f64 / start.elapsed().as_secs_f64());
    }
    let rates = Spread::of(&rates);
    let detected = posts.iter().filter(|p| enricher.enrich(p, None).lang.is_some()).count();
    println!(
        "short posts in ten languages ({} posts, {detected} with a language; tests/fixtures/lang): median {:.0} \
         mentions/s on one core ({:.0} to {:.0})",
        posts.len(),
        rates.median,
        rates.slowest,
        rates.fastest
    );
    Ok(())
}

/// The slowest, median and fastest of some passes' rates (NaN for none).
struct Spread {
    slowest: f64,
    median: f64,
    fastest: f64,
}

impl Spread {
    fn of(rates: &[f64]) -> Spread {
        let mut sorted = rates.to_vec();
        sorted.sort_by(f64::total_cmp);
        let or_nan = |v: Option<&f64>| v.copied().unwrap_or(f64::NAN);
        Spread {
            slowest: or_nan(sorted.first()),
            median: or_nan(sorted.get(sorted.len() / 2)),
            fastest: or_nan(sorted.last()),
        }
    }
}

/// Makes sure Python can import vaderSentiment (installing it with pip once if needed) and writes `texts` to a file,
/// one per line, for [`python_vader`]; `None` when it cannot be imported.
fn python_ready(texts: &[String]) -> Option<PathBuf> {
    let import = || {
        let out = Command::new("python3").args(["-c", "import vaderSentiment"]).output();
        out.is_ok_and(|o| o.status.success())
    };
    if !import() {
        let _ = Command::new("python3").args(["-m", "pip", "install", "--quiet", "vaderSentiment"]).status();
    }
    if !import() {
        return None;
    }
    let file = std::env::temp_dir().join(format!("hark-bench-texts-{}.txt", std::process::id()));
    std::fs::write(&file, texts.iter().map(|t| t.replace('\n', " ")).collect::<Vec<_>>().join("\n")).ok()?;
    Some(file)
}

/// Times `SentimentIntensityAnalyzer().polarity_scores` over the texts in `file`, in texts per second.
fn python_vader(file: &Path) -> Option<f64> {
    let script = "import sys, time\nfrom vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n\
        a = SentimentIntensityAnalyzer()\ntexts = open(sys.argv[1], encoding='utf-8').read().split('\\n')\n\
        t = time.perf_counter()\nfor x in texts: a.polarity_scores(x)\nprint(len(texts) / (time.perf_counter() - t))\n";
    let out = Command::new("python3").args(["-c", script]).arg(file).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}
