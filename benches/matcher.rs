//! Matcher throughput: 10 realistic brand queries over 1M generated mentions on one core, checked against the
//! reference evaluator on a sample. `cargo bench --bench matcher`; `HARK_BENCH_MENTIONS=N` changes the count.

use std::time::Instant;

use hark::query::{reference_matches, Doc, Expr, MatchOptions, Matcher, Query};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: f64) -> bool {
        (self.next() % 10_000) as f64 / 100.0 < percent
    }
    /// Skewed towards the front of a list, as word frequencies are.
    fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((x * x * x) * n as f64) as usize
    }
}

const COMMON: &str = "the a to and of i you it is in that for this my on with just so but be me not have at are was \
    like what your all we can do if get love one out up about how new good now day people time more know will \
    today really think great back see need want got from going make some thanks best by much still first last \
    week year work home free life never right only world always feel happy night year morning coffee phone \
    team game watch video post read thread update price deal sale store shop order delivery service support \
    app account issue problem broken fixed fast slow cheap expensive quality review launch release product \
    stock market news report city rain weather umbrella stark wayne apple orange road runner skate rocket \
    anvil delivery customer again finally literally honestly amazing terrible awesome worst better worse \
    ticket refund wait hours minutes someone anyone everyone friend family kids school music movie show \
    episode season series book paper car bike train flight hotel trip beach summer winter holiday gift";

const EMOJI: [&str; 6] = ["😂", "🔥", "❤️", "👍🏽", "🚀", "😡"];

/// Brand: surface forms in mentions, products, words that signal a false positive.
struct Brand {
    name: &'static str,
    aliases: &'static [&'static str],
    products: &'static [&'static str],
    negatives: &'static [&'static str],
}

const BRANDS: [Brand; 10] = [
    Brand {
        name: "acme",
        aliases: &["acme corp", "acmecorp", "acme inc"],
        products: &["rocket skates", "anvil", "roadrunner trap", "jet pack", "giant magnet", "earthquake pills"],
        negatives: &["looney", "cartoon", "wile", "coyote", "meme*", "gif"],
    },
    Brand {
        name: "globex",
        aliases: &["globex corporation", "globexcorp"],
        products: &["hammock", "doomsday device", "cypress creek", "sales portal"],
        negatives: &["simpsons", "scorpio", "hank", "episode"],
    },
    Brand {
        name: "initech",
        aliases: &["initech software", "initrode"],
        products: &["tps report*", "red stapler", "y2k patch", "printer"],
        negatives: &["office space", "lumbergh", "movie", "quote*"],
    },
    Brand {
        name: "umbrella",
        aliases: &["umbrella corp", "umbrella corporation", "umbrellacorp"],
        products: &["t-virus", "raccoon labs", "vaccine", "hive"],
        negatives: &["rain", "weather", "beach", "resident evil", "game", "zombie*"],
    },
    Brand {
        name: "hooli",
        aliases: &["hooli xyz", "hoolicon", "hooli chat"],
        products: &["nucleus", "hooli phone", "box 3", "signature edition"],
        negatives: &["silicon valley", "gavin", "pied piper", "season"],
    },
    Brand {
        name: "starkindustries",
        aliases: &["stark industries", "stark tech", "starktech"],
        products: &["arc reactor", "repulsor", "jarvis", "stark phone", "starkpad"],
        negatives: &["iron man", "marvel", "avengers", "tony", "movie", "winter"],
    },
    Brand {
        name: "wayneenterprises",
        aliases: &["wayne enterprises", "wayne tech", "waynetech"],
        products: &["tumbler", "grapple", "wayne foundation", "applied sciences"],
        negatives: &["batman", "gotham", "bruce", "dc comics", "john wayne", "lil wayne"],
    },
    Brand {
        name: "wonka",
        aliases: &["wonka industries", "wonka bar", "wonkabar"],
        products: &["everlasting gobstopper", "golden ticket", "fizzy lifting", "chocolate"],
        negatives: &["charlie", "oompa", "timothee", "chalamet", "movie"],
    },
    Brand {
        name: "cyberdyne",
        aliases: &["cyberdyne systems", "cyberdyne labs"],
        products: &["skynet", "t-800", "neural net*", "robot*"],
        negatives: &["terminator", "arnold", "sarah connor", "judgment day", "movie"],
    },
    Brand {
        name: "soylent",
        aliases: &["soylent green", "soylent drink", "soylentco"],
        products: &["powder", "cafe latte", "bridge bar", "meal replacement", "complete protein"],
        negatives: &["is people", "heston", "charlton", "1973", "film"],
    },
];

fn or_list(items: &[&str], quote: bool) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| if quote && i.contains([' ', '-']) { format!("\"{i}\"") } else { (*i).to_owned() })
        .collect();
    format!("({})", quoted.join(" OR "))
}

/// A brand query of about 30 terms with NOT and NEAR, written as a social-listening analyst would.
fn query_text(b: &Brand) -> String {
    let mut names: Vec<String> =
        vec![b.name.into(), format!("#{}", b.name), format!("@{}", b.name), format!("{}'s", b.name)];
    names.extend(b.aliases.iter().map(|a| if a.contains(' ') { format!("\"{a}\"") } else { (*a).to_owned() }));
    names.extend(b.products.iter().map(|p| format!("\"{} {p}\"", b.name)));
    format!(
        "(({names}) NOT {neg}) OR ({name} NEAR/4 {products}) OR ({name} NEAR/5f (review* OR launch* OR price* OR \
         outage OR recall*)) OR (#{name}* NOT (giveaway OR spam*))",
        names = names.join(" OR "),
        neg = or_list(b.negatives, true),
        name = b.name,
        products = or_list(b.products, true),
    )
}

struct Mention {
    title: Option<String>,
    text: String,
    url: Option<String>,
}

fn brand_snippet(rng: &mut Rng, b: &Brand) -> String {
    let forms = [b.name.to_owned(), format!("#{}", b.name), format!("@{}", b.name), format!("{}'s", b.name)];
    let mut s = forms[rng.below(4)].clone();
    if rng.chance(50.0) {
        s = format!("{s} {}", b.products[rng.below(b.products.len())]);
    }
    if rng.chance(10.0) {
        s = format!("{s} {}", b.negatives[rng.below(b.negatives.len())].trim_end_matches('*'));
    }
    if rng.chance(30.0) {
        s = s.to_uppercase();
    }
    s
}

fn mention(rng: &mut Rng, words: &[&str]) -> Mention {
    let n = 8 + rng.below(38);
    let mut text = String::with_capacity(n * 7);
    let brand_at = if rng.chance(4.0) { Some(rng.below(n)) } else { None };
    for i in 0..n {
        if i > 0 {
            text.push(' ');
        }
        if Some(i) == brand_at {
            let brand = &BRANDS[rng.below(BRANDS.len())];
            text.push_str(&brand_snippet(rng, brand));
        } else if rng.chance(1.5) {
            text.push('#');
            text.push_str(words[rng.skewed(words.len())]);
        } else if rng.chance(1.0) {
            text.push_str(EMOJI[rng.below(EMOJI.len())]);
        } else if rng.chance(0.7) {
            text.push_str(&format!("https://t.co/{:x}", rng.next() % 0xff_ffff));
        } else if rng.chance(1.0) {
            text.push_str(&format!("@user{}", rng.below(5000)));
        } else {
            let w = words[rng.skewed(words.len())];
            if i == 0 || rng.chance(3.0) {
                let mut c = w.chars();
                text.extend(c.next().map(|f| f.to_ascii_uppercase()));
                text.push_str(c.as_str());
            } else {
                text.push_str(w);
            }
        }
        if rng.chance(8.0) {
            text.push(['.', ',', '!', '?'][rng.below(4)]);
        }
    }
    let title =
        rng.chance(10.0).then(|| words[rng.below(words.len())..].iter().take(6).copied().collect::<Vec<_>>().join(" "));
    let url = rng
        .chance(50.0)
        .then(|| format!("https://social.example/{}/status/{}", rng.below(1000), rng.next() % 1_000_000));
    Mention { title, text, url }
}

fn doc(m: &Mention) -> Doc<'_> {
    Doc {
        title: m.title.as_deref(),
        url: m.url.as_deref(),
        source: Some("bench"),
        lang: Some("en"),
        ..Doc::new(&m.text)
    }
}

/// User+system CPU time of this process (Linux `/proc`, 100 ticks a second), to discount a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The words and phrases of a query: its `Term` and `Phrase` leaves, NEAR operands and NOT-ed ones included.
fn term_count(e: &Expr) -> usize {
    match e {
        Expr::Term(_) | Expr::Phrase { .. } => 1,
        Expr::And(cs) | Expr::Or(cs) => cs.iter().map(term_count).sum(),
        Expr::Not(inner) | Expr::Title(inner) => term_count(inner),
        Expr::Near { left, right, .. } => term_count(left) + term_count(right),
        Expr::Meta(..) => 0,
    }
}

fn main() {
    let count: usize = std::env::var("HARK_BENCH_MENTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let words: Vec<&str> = COMMON.split_whitespace().collect();
    let texts: Vec<String> = BRANDS.iter().map(query_text).collect();
    let queries: Vec<Query> =
        texts.iter().map(|t| Query::parse(t).unwrap_or_else(|e| panic!("{}", e.render(t)))).collect();
    let terms: Vec<usize> = queries.iter().map(|q| term_count(q.expr())).collect();
    let (fewest, most) = (terms.iter().min().unwrap_or(&0), terms.iter().max().unwrap_or(&0));
    println!("queries: {} of {fewest}-{most} terms each {terms:?}", queries.len());

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Instant::now();
    let mentions: Vec<Mention> = (0..count).map(|_| mention(&mut rng, &words)).collect();
    let bytes: usize = mentions.iter().map(|m| m.text.len() + m.title.as_ref().map_or(0, String::len)).sum();
    println!(
        "generated {count} mentions, {:.0} bytes average, in {:.2?}",
        bytes as f64 / count as f64,
        start.elapsed()
    );

    let refs: Vec<&Query> = queries.iter().collect();
    let options = MatchOptions::default();
    let start = Instant::now();
    let matcher = Matcher::new(&refs, options);
    println!("compiled {} prefilter literals in {:.2?}", matcher.literal_count(), start.elapsed());

    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut per_query = vec![0u64; queries.len()];
    let mut any = 0u64;
    for round in 0..3 {
        per_query.iter_mut().for_each(|c| *c = 0);
        any = 0;
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        for m in &mentions {
            let hits = matcher.matches(&doc(m));
            any += u64::from(!hits.is_empty());
            for h in hits {
                per_query[h] += 1;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
        best = best.min(secs);
        best_cpu = best_cpu.min(cpu.unwrap_or(f64::MAX));
        println!(
            "round {round}: {:.2} M mentions/s wall ({:.0} MB/s){}",
            count as f64 / secs / 1e6,
            bytes as f64 / secs / 1e6,
            cpu.map_or(String::new(), |c| format!(", {:.2} M/s per CPU-second", count as f64 / c / 1e6))
        );
    }
    println!("best: {:.2} M mentions/s wall-clock on one thread", count as f64 / best / 1e6);
    if best_cpu < f64::MAX {
        println!(
            "best: {:.2} M mentions/s per CPU-second (discounts time the thread waited on a busy machine)",
            count as f64 / best_cpu / 1e6
        );
    }
    println!("matched: {any} mentions ({:.2}%); per query {per_query:?}", any as f64 * 100.0 / count as f64);

    let start = Instant::now();
    let mut checked = 0;
    for (i, m) in mentions.iter().enumerate() {
        let hits = matcher.matches(&doc(m));
        if i % 997 != 0 && (hits.is_empty() || i % 7 != 0) {
            continue;
        }
        let slow: Vec<usize> =
            (0..queries.len()).filter(|q| reference_matches(&queries[*q], &doc(m), options)).collect();
        assert_eq!(hits, slow, "matcher and reference disagree on {:?}", m.text);
        checked += 1;
    }
    println!("reference check: {checked} sampled mentions agree ({:.2?})", start.elapsed());
}
