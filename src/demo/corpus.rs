//! Generates the deterministic synthetic demo corpus: thirteen months of brand mentions over five
//! platforms, with realistic volume, authorship and engagement, plus four planted events that the
//! weekly report should surface.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{Corpus, DemoPost, DemoSource, PlantedEvent, PostKind, BRANDS};
use super::phrases::{self, Spec, Tone, Written, LAUNCH, OUTAGE, PUBLISHERS, TOPICS};
use crate::pipeline::History;

/// Expected number of posts at scale 1.0; the count scales linearly with `scale`.
pub const POSTS_PER_SCALE: f64 = 110_000.0;
/// Most RSS items naming one brand on one UTC day, at any scale (a Google News feed returns at most 100).
pub const RSS_DAILY_CAP: u32 = 60;
/// Full ISO weeks covered before the (partial) week of `end`.
pub const WEEKS: i64 = 56;

/// Share of posts per source, in `DemoSource::ALL` order (RSS is small to respect [`RSS_DAILY_CAP`]).
const SOURCE_SHARE: [f64; 5] = [0.31, 0.16, 0.04, 0.21, 0.28];
/// Weekend volume relative to a weekday, per source.
const WEEKEND: [f64; 5] = [0.55, 0.5, 0.45, 0.6, 0.62];
/// Base share of posts per brand, in `BRANDS` order, before events.
const BRAND_SHARE: [f64; 4] = [0.32, 0.30, 0.15, 0.23];
/// Fraction of posts that name a second brand.
const COMPARISONS: f64 = 0.08;
/// Relative posting activity per UTC hour.
const HOURS: [f64; 24] = [
    2.0, 1.6, 1.3, 1.1, 1.0, 1.1, 1.5, 2.2, 3.0, 3.6, 4.0, 4.2, 4.4, 4.8, 5.2, 5.4, 5.3, 5.0, 4.6, 4.2, 3.8, 3.3, 2.8,
    2.4,
];
/// Topic weights per source, in `phrases::TOPICS` order.
const TOPIC_WEIGHTS: [[f64; 10]; 5] = [
    [12.0, 10.0, 5.0, 12.0, 12.0, 16.0, 12.0, 5.0, 4.0, 12.0],
    [1.0, 8.0, 3.0, 3.0, 14.0, 20.0, 35.0, 10.0, 4.0, 2.0],
    [18.0, 12.0, 5.0, 22.0, 14.0, 5.0, 10.0, 6.0, 4.0, 4.0],
    [8.0, 8.0, 16.0, 8.0, 6.0, 10.0, 12.0, 10.0, 8.0, 14.0],
    [12.0, 12.0, 12.0, 10.0, 6.0, 12.0, 8.0, 10.0, 8.0, 10.0],
];
/// Tone weights (positive, negative, neutral, mixed) per topic.
const TONE_WEIGHTS: [[f64; 4]; 10] = [
    [15.0, 45.0, 28.0, 12.0],
    [6.0, 68.0, 20.0, 6.0],
    [30.0, 40.0, 18.0, 12.0],
    [52.0, 12.0, 24.0, 12.0],
    [18.0, 30.0, 45.0, 7.0],
    [30.0, 35.0, 20.0, 15.0],
    [38.0, 22.0, 30.0, 10.0],
    [28.0, 38.0, 22.0, 12.0],
    [10.0, 50.0, 35.0, 5.0],
    [14.0, 22.0, 56.0, 8.0],
];
const TONES: [Tone; 4] = [Tone::Positive, Tone::Negative, Tone::Neutral, Tone::Mixed];

// Planted events, in ISO weeks before the week of `end` (0 = that week).
const OUTAGE_WEEK: i64 = 10;
/// Brightdesk volume multiplier per weekday in the outage week (about 4x the week).
const OUTAGE_DAYS: [f64; 7] = [3.0, 6.5, 5.0, 4.0, 3.0, 2.5, 2.0];
const LAUNCH_WEEK: i64 = 5;
/// Lumora volume multiplier per weekday in the first launch week; the second week runs at 2.8x.
const LAUNCH_DAYS: [f64; 7] = [2.0, 5.0, 4.0, 3.0, 2.5, 2.5, 2.5];
const CLIMB_FIRST: i64 = 21;
const CLIMB_LAST: i64 = 2;
const CLIMB_GAIN: f64 = 1.5;
const GAP_FIRST: i64 = 20;

/// Generates the demo corpus covering the [`WEEKS`] ISO weeks before `end`'s week plus that partial week, cut at
/// the start of the span `history` reaches back from `end` (the default 13 calendar months are 393 to 397 days, the
/// weeks up to 398), so that a crawl with that history stores every post.
/// Deterministic in (`end`, `history`, `scale`, `seed`); about `scale` × [`POSTS_PER_SCALE`] posts, sorted by time.
pub fn generate(end: DateTime<Utc>, history: History, scale: f64, seed: u64) -> Corpus {
    let plan = Plan::new(end, history, scale);
    // Each source draws from its own random stream, so generating them in parallel stays deterministic.
    let sources: Vec<Vec<DemoPost>> = std::thread::scope(|scope| {
        let plan = &plan;
        let workers: Vec<_> =
            DemoSource::ALL.iter().map(|&s| scope.spawn(move || generate_source(plan, s, seed))).collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    let mut posts = Vec::with_capacity(sources.iter().map(Vec::len).sum());
    for batch in sources {
        posts.extend(batch);
    }
    // Sorting keys and then permuting moves each (large) post once instead of O(log n) times.
    posts.sort_by_cached_key(|p| (p.created_at, source_index(p.source), p.id));
    Corpus { posts, events: plan.events(), start: plan.start, end }
}

fn source_index(source: DemoSource) -> usize {
    DemoSource::ALL.iter().position(|&s| s == source).unwrap_or(0)
}

/// The calendar and volume model shared by all sources.
struct Plan {
    start: DateTime<Utc>,
    /// The first instant the corpus's history reaches back to from `end`: no post is older.
    earliest: DateTime<Utc>,
    end: DateTime<Utc>,
    /// Monday of `end`'s ISO week.
    report_monday: NaiveDate,
    days: i64,
    /// The day `earliest` falls on (0 when it is before `start`): days before it have no activity.
    first_day: i64,
    /// The share of a day's activity inside [`earliest`, `end`) on the first day and on the last ([`Plan::hours_inside`]).
    cut_share: (f64, f64),
    /// Expected posts per unit of [`Plan::weight`].
    per_weight: f64,
    scale: f64,
}

impl Plan {
    fn new(end: DateTime<Utc>, history: History, scale: f64) -> Plan {
        let date = end.date_naive();
        let report_monday = date - TimeDelta::days(i64::from(date.weekday().num_days_from_monday()));
        let start = (report_monday - TimeDelta::weeks(WEEKS)).and_time(NaiveTime::MIN).and_utc();
        let span = (end - start).num_seconds().max(1);
        let days = (span + 86_399) / 86_400;
        let earliest = history.since(end).max(start);
        let first_day = (earliest - start).num_seconds() / 86_400;
        let scale = scale.max(0.0);
        let mut plan = Plan {
            start,
            earliest,
            end,
            report_monday,
            days,
            first_day,
            cut_share: (1.0, 1.0),
            per_weight: 0.0,
            scale,
        };
        let share = |day: i64| plan.hours_inside(day).iter().sum::<f64>() / HOURS.iter().sum::<f64>();
        plan.cut_share = (share(first_day), share(days - 1));
        let total: f64 = (0..days)
            .flat_map(|d| DemoSource::ALL.into_iter().flat_map(move |s| (0..BRANDS.len()).map(move |b| (d, s, b))))
            .map(|(d, s, b)| plan.weight(s, b, d))
            .sum();
        plan.per_weight = if total > 0.0 { POSTS_PER_SCALE * scale / total } else { 0.0 };
        plan
    }

    fn weeks_back(&self, day: i64) -> i64 {
        WEEKS - day / 7
    }

    /// The release (major, minor) `brand` is on at `day`: Lumora is 3.x from its planted launch on.
    fn version(&self, brand: usize, day: i64) -> (u32, u32) {
        let wb = self.weeks_back(day);
        if brand == 0 && wb <= LAUNCH_WEEK {
            return (3, ((LAUNCH_WEEK - wb) / 3) as u32);
        }
        ([2, 4, 1, 5][brand], ((day / 42) % 10) as u32)
    }

    fn monday(&self, weeks_back: i64) -> NaiveDate {
        self.report_monday - TimeDelta::weeks(weeks_back)
    }

    /// Relative expected volume of `brand` on `source` on `day`: shares, slow growth, weekends and events.
    fn weight(&self, source: DemoSource, brand: usize, day: i64) -> f64 {
        let (wb, weekday) = (self.weeks_back(day), (day % 7) as usize);
        if source == DemoSource::Discourse && (GAP_FIRST - 1..=GAP_FIRST).contains(&wb) {
            return 0.0;
        }
        let si = source_index(source);
        let mut w = SOURCE_SHARE[si] * BRAND_SHARE[brand] * (0.85 + 0.3 * day as f64 / self.days as f64);
        if weekday >= 5 {
            w *= WEEKEND[si];
        }
        w *= match brand {
            1 if wb == OUTAGE_WEEK => OUTAGE_DAYS[weekday],
            0 if wb == LAUNCH_WEEK => LAUNCH_DAYS[weekday],
            0 if wb == LAUNCH_WEEK - 1 => 2.8,
            2 => 1.0 + CLIMB_GAIN * (CLIMB_FIRST + 1 - wb.max(CLIMB_LAST)).clamp(0, 20) as f64 / 20.0,
            _ => 1.0,
        };
        if day < self.first_day {
            return 0.0;
        }
        if day == self.first_day {
            w *= self.cut_share.0;
        } else if day == self.days - 1 {
            w *= self.cut_share.1;
        }
        w
    }

    /// The seconds of hour `h` of `day` that lie inside [`earliest`, `end`), counted from the day's start (an empty
    /// range when none do).
    fn seconds_inside(&self, day: i64, h: usize) -> (i64, i64) {
        let day_start = self.start + TimeDelta::days(day);
        let second = |t: DateTime<Utc>| (t - day_start).num_seconds().clamp(0, 86_400);
        let h = h as i64 * 3600;
        (second(self.earliest).max(h), second(self.end).min(h + 3600))
    }

    /// Each hour's weight on `day`: its share of a day's activity ([`HOURS`]) times the part of it inside
    /// [`earliest`, `end`). Only the first and the last day are cut.
    fn hours_inside(&self, day: i64) -> [f64; 24] {
        std::array::from_fn(|h| {
            let (a, b) = self.seconds_inside(day, h);
            HOURS[h] * (b - a).max(0) as f64 / 3600.0
        })
    }

    fn events(&self) -> Vec<PlantedEvent> {
        let event =
            |kind, brand: Option<usize>, source: Option<&str>, (first, last): (i64, i64), text: &str| PlantedEvent {
                kind,
                brand: brand.map(|b| BRANDS[b].name.to_string()),
                source: source.map(str::to_string),
                start_week: self.monday(first),
                end_week: self.monday(last),
                description: text.to_string(),
            };
        let outage =
            "Brightdesk outage: ~4x its weekly volume, nearly all negative (down again, status page, lost work).";
        let launch = "Lumora 3.0 launch with new AI search: ~3x volume for two weeks, mostly positive.";
        let climb = "Quillio volume climbs linearly by about +150% over 20 weeks, then holds.";
        let gap = "No Discourse posts were collected for two weeks: a crawler gap, not a real drop.";
        vec![
            event("outage_spike", Some(1), None, (OUTAGE_WEEK, OUTAGE_WEEK), outage),
            event("launch_surge", Some(0), None, (LAUNCH_WEEK, LAUNCH_WEEK - 1), launch),
            event("slow_climb", Some(2), None, (CLIMB_FIRST, CLIMB_LAST), climb),
            event("collection_gap", None, Some("discourse"), (GAP_FIRST, GAP_FIRST - 1), gap),
        ]
    }
}

/// A thread root: an HN story or a Discourse topic.
struct Thread {
    opened: DateTime<Utc>,
    other: Option<usize>,
    topic: usize,
    title: String,
}

/// How a draft relates to other posts; resolved to ids once the source is sorted by time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Alone,
    Opens(usize),
    Joins(usize),
    /// A Mastodon reply to an earlier status.
    Reply,
}

struct Draft {
    post: DemoPost,
    link: Link,
}

/// Generates one source's posts from its own random stream, so sources are independent of each other.
fn generate_source(plan: &Plan, source: DemoSource, seed: u64) -> Vec<DemoPost> {
    let si = source_index(source);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(si as u64 + 1);
    let expected =
        (0..plan.days).map(|d| (0..BRANDS.len()).map(|b| plan.weight(source, b, d)).sum::<f64>()).sum::<f64>()
            * plan.per_weight;
    let pool = if source == DemoSource::Rss {
        60.0 * plan.scale.powf(0.3)
    } else {
        [4_000.0, 6_000.0, 0.0, 2_500.0, 6_000.0][si] * plan.scale.powf(0.8)
    };
    let mut gen = SourceGen {
        plan,
        source,
        si,
        rng,
        drafts: Vec::with_capacity((expected * 1.1) as usize + 64),
        threads: Vec::new(),
        recent: Default::default(),
        authors: pool.max(10.0),
        names: vec![None; pool.max(10.0).ceil() as usize + 1],
        rss_today: [0; 4],
    };
    for day in 0..plan.days {
        gen.rss_today = [0; 4];
        for brand in 0..BRANDS.len() {
            let mean = plan.per_weight * plan.weight(source, brand, day) * gen.noise();
            let count = mean.floor() as u64 + u64::from(gen.rng.random::<f64>() < mean.fract());
            for _ in 0..count {
                gen.post(day, brand);
            }
        }
    }
    gen.finish()
}

struct SourceGen<'p> {
    plan: &'p Plan,
    source: DemoSource,
    si: usize,
    rng: ChaCha8Rng,
    drafts: Vec<Draft>,
    threads: Vec<Thread>,
    /// Thread indices per main brand, in creation order.
    recent: [Vec<usize>; 4],
    /// Size of the author pool.
    authors: f64,
    /// Handle and author id per author rank, filled on first use.
    names: Vec<Option<(String, u64)>>,
    rss_today: [u32; 4],
}

impl SourceGen<'_> {
    fn roll(&mut self, p: f64) -> bool {
        self.rng.random::<f64>() < p
    }

    /// Mean-one log-normal day-to-day noise.
    fn noise(&mut self) -> f64 {
        let (u1, u2) = (1.0 - self.rng.random::<f64>(), self.rng.random::<f64>());
        let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        (0.15 * normal - 0.011).exp()
    }

    /// Pareto-distributed value with minimum `min` and tail index `alpha`.
    fn pareto(&mut self, min: f64, alpha: f64) -> f64 {
        min / (1.0 - self.rng.random::<f64>()).powf(1.0 / alpha)
    }

    /// A time on `day` by [`HOURS`], within `[earliest, end)`: on the first and last day, only the hours (and the part
    /// of an hour) inside it are drawn, so posts keep the day's hourly profile instead of piling up where it is cut.
    fn sample_time(&mut self, day: i64) -> Option<DateTime<Utc>> {
        let weights = self.plan.hours_inside(day);
        if weights.iter().all(|w| *w <= 0.0) {
            return None;
        }
        let (a, b) = self.plan.seconds_inside(day, weighted(&mut self.rng, &weights));
        Some(self.plan.start + TimeDelta::days(day) + TimeDelta::seconds(self.rng.random_range(a..b)))
    }

    fn topic_tone(&mut self, brand: usize, wb: i64) -> (usize, Tone, bool) {
        let launch_weeks = brand == 0 && (wb == LAUNCH_WEEK || wb == LAUNCH_WEEK - 1);
        if brand == 1 && wb == OUTAGE_WEEK && self.roll(0.85) {
            return (OUTAGE, TONES[weighted(&mut self.rng, &[2.0, 90.0, 8.0, 0.0])], false);
        }
        if launch_weeks && self.roll(0.75) {
            return (LAUNCH, TONES[weighted(&mut self.rng, &[72.0, 5.0, 13.0, 10.0])], true);
        }
        let topic = weighted(&mut self.rng, &TOPIC_WEIGHTS[self.si]);
        let mut tones = TONE_WEIGHTS[topic];
        match (self.source, brand) {
            (DemoSource::StackExchange, _) => tones = [0.0, 30.0, 70.0, 0.0],
            (_, 0) => tones[0] *= 1.25,
            (_, 1) => tones[1] *= 1.2,
            _ => {}
        }
        (topic, TONES[weighted(&mut self.rng, &tones)], launch_weeks && topic == LAUNCH)
    }

    /// A recent thread of `brand` opened before `at` (and about `topic`, if given).
    fn find_thread(
        &mut self,
        brand: usize,
        at: DateTime<Utc>,
        window_days: i64,
        topic: Option<usize>,
    ) -> Option<usize> {
        let fits = |t: &Thread| {
            t.opened < at && at - t.opened < TimeDelta::days(window_days) && topic.is_none_or(|k| k == t.topic)
        };
        let candidates = self.recent[brand].iter().rev().take(12).filter(|&&k| fits(&self.threads[k])).count();
        if candidates == 0 {
            return None;
        }
        let nth = self.rng.random_range(0..candidates);
        self.recent[brand].iter().rev().take(12).filter(|&&k| fits(&self.threads[k])).nth(nth).copied()
    }

    fn post(&mut self, day: i64, brand: usize) {
        let Some(at) = self.sample_time(day) else { return };
        let wb = self.plan.weeks_back(day);
        let (topic, tone, surge) = self.topic_tone(brand, wb);
        let mut other = self.roll(COMPARISONS).then(|| {
            let mut shares = BRAND_SHARE;
            shares[brand] = 0.0;
            weighted(&mut self.rng, &shares)
        });
        let version = self.plan.version(brand, day);
        let mut spec =
            Spec { source: self.source, topic, tone, brand, other, surge, version, titled: true, reply: false };
        let (kind, link, title) = match self.source {
            DemoSource::HackerNews => {
                let thread = if self.roll(0.7) { self.find_thread(brand, at, 4, None) } else { None };
                spec.titled = thread.is_none();
                match thread {
                    Some(k) => (PostKind::Comment, Link::Joins(k), None),
                    None => (PostKind::Story, Link::Opens(self.threads.len()), None),
                }
            }
            DemoSource::StackExchange => (PostKind::Question, Link::Alone, None),
            DemoSource::Rss => {
                if self.rss_today[brand] >= RSS_DAILY_CAP {
                    return;
                }
                self.rss_today[brand] += 1;
                other = other.filter(|&o| self.rss_today[o] < RSS_DAILY_CAP);
                if let Some(o) = other {
                    self.rss_today[o] += 1;
                }
                spec.other = other;
                (PostKind::Article, Link::Alone, None)
            }
            DemoSource::Discourse => {
                let thread = if self.roll(0.65) { self.find_thread(brand, at, 14, Some(topic)) } else { None };
                match thread {
                    Some(k) => {
                        let t = &self.threads[k];
                        (spec.titled, spec.reply, spec.other) = (false, true, t.other);
                        other = t.other;
                        (PostKind::ForumPost, Link::Joins(k), Some(t.title.clone()))
                    }
                    None => (PostKind::ForumPost, Link::Opens(self.threads.len()), None),
                }
            }
            DemoSource::Mastodon => {
                spec.reply = self.roll(0.12);
                (PostKind::Status, if spec.reply { Link::Reply } else { Link::Alone }, None)
            }
        };
        let mut written = phrases::write(&mut self.rng, &spec);
        let title = title.or_else(|| written.title.take());
        if let Link::Opens(k) = link {
            let title =
                if self.source == DemoSource::Discourse { title.clone().unwrap_or_default() } else { String::new() };
            self.threads.push(Thread { opened: at, other, topic, title });
            self.recent[brand].push(k);
        }
        let post = self.assemble(at, kind, written, title, brand, other);
        self.drafts.push(Draft { post, link });
    }

    /// Builds the post with author and engagement; ids and thread links are filled in by `finish`.
    fn assemble(
        &mut self,
        at: DateTime<Utc>,
        kind: PostKind,
        w: Written,
        title: Option<String>,
        brand: usize,
        other: Option<usize>,
    ) -> DemoPost {
        // Zipf-like author activity, P(rank) ~ 1 / (rank + q): a smaller q gives more dominant power users.
        let q = [8.0, 30.0, 3.0, 6.0, 10.0][self.si];
        let rank =
            ((q * ((self.authors + q) / q).powf(self.rng.random::<f64>()) - q) as usize).min(self.names.len() - 1);
        let source = self.source;
        let (author, author_id) = self.names[rank].get_or_insert_with(|| author(source, rank as u64)).clone();
        let (mut likes, mut replies, mut reposts, mut score) = (0, 0, 0, 0);
        match kind {
            PostKind::Story => score = self.pareto(1.0, 1.15).min(2_500.0) as i64,
            PostKind::Comment => replies = self.pareto(1.0, 2.0) as i64 - 1,
            PostKind::Question => {
                score = self.pareto(1.0, 1.6).min(500.0) as i64 - 1 - i64::from(self.roll(0.08));
                replies = weighted(&mut self.rng, &[30.0, 45.0, 17.0, 8.0]) as i64;
                likes = (25.0 * self.pareto(1.0, 1.1)).min(250_000.0) as i64;
            }
            PostKind::ForumPost => {
                likes = self.pareto(1.0, 1.5).min(400.0) as i64 - 1;
                replies = self.pareto(1.0, 2.5) as i64 - 1;
            }
            PostKind::Status => {
                likes = self.pareto(1.0, 1.2).min(5_000.0) as i64 - 1;
                reposts = (likes as f64 * self.rng.random_range(0.0..0.5)) as i64;
                replies = self.pareto(1.0, 1.8).min(300.0) as i64 - 1;
            }
            PostKind::Article => {}
        }
        let link = match kind {
            PostKind::Story => Some(self.story_link(title.as_deref().unwrap_or_default(), brand)),
            PostKind::Article => w.publisher.map(|p| {
                format!(
                    "https://{}/{}/{}",
                    PUBLISHERS[p].1,
                    at.format("%Y/%m/%d"),
                    slug(title.as_deref().unwrap_or_default())
                )
            }),
            _ => None,
        };
        DemoPost {
            source: self.source,
            id: 0,
            kind,
            created_at: at,
            author,
            author_id,
            title,
            text: w.text,
            thread_id: None,
            parent_id: None,
            post_number: None,
            likes,
            replies,
            reposts,
            score,
            publisher: w.publisher.map(|p| PUBLISHERS[p].0.to_string()),
            link,
            lang: w.lang.map(str::to_string),
            brands: std::iter::once(brand).chain(other).collect(),
            topic: TOPICS[w.topic],
            sentiment: w.sentiment,
        }
    }

    fn story_link(&mut self, title: &str, brand: usize) -> String {
        let term = BRANDS[brand].terms[0];
        match self.rng.random_range(0..20) {
            0..8 => format!("https://{term}.com/blog/{}", slug(title)),
            8..15 => format!("https://{}/{}", PUBLISHERS[self.rng.random_range(0..PUBLISHERS.len())].1, slug(title)),
            _ => format!(
                "https://github.com/{}/{term}-{}",
                phrases::handle(DemoSource::HackerNews, self.rng.random_range(0..3_000)),
                ["cli", "sync", "export", "mcp"][self.rng.random_range(0..4)]
            ),
        }
    }

    /// Sorts the drafts by time and assigns ids, thread ids, parents and post numbers.
    fn finish(mut self) -> Vec<DemoPost> {
        self.drafts.sort_by_cached_key(|d| (d.post.created_at, !matches!(d.link, Link::Opens(_))));
        let n = self.threads.len();
        let mut children = vec![0i64; n];
        for d in &self.drafts {
            if let Link::Joins(k) = d.link {
                children[k] += 1;
            }
        }
        let (mut root_ids, mut last_ids, mut numbers) = (vec![0u64; n], vec![0u64; n], vec![0u32; n]);
        let (mut prev, mut topic_id, mut seq, mut prev_second) = (0u64, 1_200u64, 0u64, i64::MIN);
        for i in 0..self.drafts.len() {
            let at = self.drafts[i].post.created_at;
            let secs = (at - self.plan.start).num_seconds().max(0) as u64;
            let gap = self.rng.random_range(1..4);
            let id = match self.source {
                DemoSource::HackerNews => (38_000_000 + secs / 5).max(prev + gap),
                DemoSource::StackExchange => (77_000_000 + secs / 9).max(prev + gap),
                DemoSource::Rss => prev.max(4_100_000) + gap,
                DemoSource::Discourse => prev.max(52_000) + gap,
                DemoSource::Mastodon => {
                    seq = if at.timestamp() == prev_second { seq + 1 } else { 0 };
                    prev_second = at.timestamp();
                    ((at.timestamp_millis() as u64) << 16) | (seq & 0xffff)
                }
            };
            prev = id;
            let parent = match self.drafts[i].link {
                Link::Reply if i > 0 => Some(self.drafts[i - 1 - self.rng.random_range(0..i.min(300))].post.id),
                _ => None,
            };
            let link = self.drafts[i].link;
            let post = &mut self.drafts[i].post;
            post.id = id;
            post.parent_id = parent;
            match (link, self.source) {
                (Link::Opens(k), DemoSource::HackerNews) => {
                    (root_ids[k], last_ids[k]) = (id, id);
                    if post.title.as_deref().is_some_and(|t| t.starts_with("Ask HN")) {
                        post.link = Some(format!("https://news.ycombinator.com/item?id={id}"));
                    }
                    post.replies = children[k] + (post.score as f64 * self.rng.random_range(0.1..0.9)) as i64;
                }
                (Link::Joins(k), DemoSource::HackerNews) => {
                    post.thread_id = Some(root_ids[k]);
                    post.parent_id = Some(if self.rng.random::<f64>() < 0.45 { last_ids[k] } else { root_ids[k] });
                    last_ids[k] = id;
                }
                (Link::Opens(k), _) => {
                    topic_id += self.rng.random_range(1..4);
                    (root_ids[k], numbers[k]) = (topic_id, 1);
                    (post.thread_id, post.post_number, post.replies) = (Some(topic_id), Some(1), children[k]);
                }
                (Link::Joins(k), _) => {
                    numbers[k] += 1 + u32::from(self.rng.random::<f64>() < 0.3);
                    (post.thread_id, post.post_number) = (Some(root_ids[k]), Some(numbers[k]));
                }
                _ => {}
            }
        }
        self.drafts.into_iter().map(|d| d.post).collect()
    }
}

/// Handle and stable numeric id of the author of popularity `rank` (the id derives from the handle).
fn author(source: DemoSource, rank: u64) -> (String, u64) {
    let handle = phrases::handle(source, rank);
    let hash = fnv1a(&handle);
    let id = match source {
        DemoSource::HackerNews | DemoSource::Rss => hash % 1_000_000_000,
        DemoSource::StackExchange => 1 + hash % 25_000_000,
        DemoSource::Discourse => 1 + hash % 200_000,
        DemoSource::Mastodon => 109_000_000_000_000_000 + hash % 1_000_000_000_000_000,
    };
    (handle, id)
}

/// Index drawn with probability proportional to `weights`.
fn weighted(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// URL slug of a headline (the part before " - Publisher").
fn slug(title: &str) -> String {
    let headline = title.split(" - ").next().unwrap_or(title);
    let mut out = String::with_capacity(headline.len());
    for c in headline.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 70 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};
    use std::collections::{BTreeMap, HashMap, HashSet};
    use std::sync::OnceLock;

    /// A Wednesday afternoon, so the report week is partial.
    fn end() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 18, 15, 30, 7).unwrap()
    }

    fn corpus() -> &'static Corpus {
        static CORPUS: OnceLock<Corpus> = OnceLock::new();
        CORPUS.get_or_init(|| generate(end(), History::default(), 1.0, 42))
    }

    /// ISO weeks between `at`'s week and the week of `end()` (0 = the report week).
    fn weeks_back(c: &Corpus, at: DateTime<Utc>) -> i64 {
        WEEKS - (at - c.start).num_days() / 7
    }

    /// Posts per weeks-back for the posts that pass `keep`.
    fn weekly(c: &Corpus, keep: impl Fn(&DemoPost) -> bool) -> BTreeMap<i64, usize> {
        let mut weeks = BTreeMap::new();
        for p in c.posts.iter().filter(|p| keep(p)) {
            *weeks.entry(weeks_back(c, p.created_at)).or_insert(0) += 1;
        }
        weeks
    }

    fn mean(weeks: &BTreeMap<i64, usize>, range: std::ops::RangeInclusive<i64>) -> f64 {
        let n = range.clone().count() as f64;
        range.map(|w| weeks.get(&w).copied().unwrap_or(0) as f64).sum::<f64>() / n
    }

    fn is_word_char(c: Option<char>) -> bool {
        c.is_some_and(char::is_alphanumeric)
    }

    /// Occurrences of `term` in lower-case `text`: (as a whole word, glued to another word).
    fn occurrences(text: &str, term: &str) -> (usize, usize) {
        let (mut whole, mut glued) = (0, 0);
        for (at, _) in text.match_indices(term) {
            let before = text[..at].chars().next_back();
            let after = text[at + term.len()..].chars().next();
            if is_word_char(before) || is_word_char(after) {
                glued += 1;
            } else {
                whole += 1;
            }
        }
        (whole, glued)
    }

    #[test]
    fn same_inputs_give_the_same_corpus() {
        let a = generate(end(), History::default(), 0.05, 7);
        let b = generate(end(), History::default(), 0.05, 7);
        assert_eq!(format!("{:?}", a.posts), format!("{:?}", b.posts));
        assert_eq!(format!("{:?}", a.events), format!("{:?}", b.events));
        let c = generate(end(), History::default(), 0.05, 8);
        assert_ne!(format!("{:?}", a.posts), format!("{:?}", c.posts));
    }

    #[test]
    fn sources_are_generated_independently() {
        let plan = Plan::new(end(), History::default(), 0.05);
        let alone = generate_source(&plan, DemoSource::Rss, 7);
        let all: Vec<DemoPost> = generate(end(), History::default(), 0.05, 7)
            .posts
            .into_iter()
            .filter(|p| p.source == DemoSource::Rss)
            .collect();
        assert!(!all.is_empty());
        assert_eq!(format!("{alone:?}"), format!("{all:?}"));
    }

    #[test]
    fn size_scales_linearly() {
        let full = corpus().posts.len();
        assert!((100_000..125_000).contains(&full), "{full} posts at scale 1");
        let tenth = generate(end(), History::default(), 0.1, 42).posts.len() as f64;
        assert!((tenth / (full as f64 / 10.0) - 1.0).abs() < 0.1, "{tenth} posts at scale 0.1");
        let small = generate(end(), History::default(), 0.02, 42).posts.len() as f64;
        assert!((small / 2_200.0 - 1.0).abs() < 0.2, "{small} posts at scale 0.02");
        assert!(generate(end(), History::default(), 0.0, 42).posts.is_empty());
    }

    #[test]
    fn covers_thirteen_months_in_order() {
        let c = corpus();
        assert_eq!(c.start.weekday(), chrono::Weekday::Mon);
        assert_eq!(c.start.time(), NaiveTime::MIN);
        assert!((c.end - c.start).num_weeks() >= WEEKS);
        assert_eq!(c.end, end());
        let weeks: HashSet<i64> = c.posts.iter().map(|p| weeks_back(c, p.created_at)).collect();
        assert_eq!(weeks.len() as i64, WEEKS + 1);
        assert!(c
            .posts
            .iter()
            .all(|p| p.created_at >= c.start && p.created_at < c.end && p.created_at.nanosecond() == 0));
        let key = |p: &DemoPost| (p.created_at, source_index(p.source), p.id);
        assert!(c.posts.windows(2).all(|w| key(&w[0]) < key(&w[1])));
    }

    #[test]
    fn no_post_is_older_than_the_history_reaches() {
        // 13 calendar months back are 393 to 397 days, the 56 weeks before the end's Monday plus the days since 392
        // to 398: on about half the days of a year, the corpus's first Monday lies before what a crawl reaches.
        for (day, history) in (0..14).map(|d| (d, History::default())).chain([(3, History::Days(100))]) {
            let end = Utc.with_ymd_and_hms(2027, 2, 24, 23, 10, 0).unwrap() + TimeDelta::days(day);
            let earliest = history.since(end);
            let c = generate(end, history, 0.05, 7);
            assert!(!c.posts.is_empty());
            assert!(c.posts.iter().all(|p| p.created_at >= earliest), "a post before {earliest}, corpus ending {end}");
            // And the corpus reaches back that far, where its weeks do.
            let first = c.posts[0].created_at;
            let from = earliest.max(c.start);
            assert!(first - from < TimeDelta::days(1), "{history}: first post {first}, history from {earliest}");
        }
    }

    /// Where the corpus is cut (at `earliest` and at `end`), the hours left keep their usual volume: posts neither pile
    /// up in them nor thin out. Compared with the same clock hours a week inside.
    #[test]
    fn cut_days_keep_their_hourly_volume() {
        let end = Utc.with_ymd_and_hms(2027, 3, 7, 14, 40, 0).unwrap();
        let c = generate(end, History::default(), 1.0, 5);
        let earliest = History::default().since(end);
        let count = |from: DateTime<Utc>, to: DateTime<Utc>| {
            c.posts.iter().filter(|p| from <= p.created_at && p.created_at < to).count() as f64
        };
        let week = TimeDelta::weeks(1);
        let first_end = earliest.date_naive().and_time(NaiveTime::MIN).and_utc() + TimeDelta::days(1);
        let last_start = end.date_naive().and_time(NaiveTime::MIN).and_utc();
        for (from, to, other) in [(earliest, first_end, week), (last_start, end, -week)] {
            let (cut, usual) = (count(from, to), count(from + other, to + other));
            assert!(usual >= 20.0, "{usual} posts in the usual window");
            assert!((cut / usual - 1.0).abs() < 0.5, "{cut} posts from {from} to {to}, {usual} a week apart");
        }
    }

    #[test]
    fn every_post_names_exactly_its_brands() {
        for p in &corpus().posts {
            let text = format!("{} {}", p.title.as_deref().unwrap_or_default(), p.text).to_lowercase();
            assert!(!p.brands.is_empty() && p.brands.len() <= 2 && p.brands.first() != p.brands.get(1), "{p:?}");
            for (b, brand) in BRANDS.iter().enumerate() {
                let named = p.brands.contains(&b);
                let (whole, glued) = occurrences(&text, brand.terms[0]);
                let lumoranotes = if b == 0 { occurrences(&text, "lumoranotes").0 } else { 0 };
                assert_eq!(whole > 0, named, "brand {} in {text:?} / {:?}", brand.name, p.brands);
                assert_eq!(glued, lumoranotes, "{} glued to a word in {text:?}", brand.name);
                if !named {
                    assert!(brand.terms.iter().all(|t| !text.contains(t)), "{text:?}");
                }
            }
            assert!(
                !p.text.contains(['{', '}']) && !p.text.contains("  ") && !p.text.trim().is_empty(),
                "{:?}",
                p.text
            );
        }
    }

    #[test]
    fn mastodon_statuses_carry_the_hashtags_and_languages() {
        let c = corpus();
        let mut langs: HashMap<&str, usize> = HashMap::new();
        for p in &c.posts {
            if p.source != DemoSource::Mastodon {
                assert!(p.lang.is_none());
                continue;
            }
            let text = p.text.to_lowercase();
            for &b in &p.brands {
                assert!(occurrences(&text, &format!("#{}", BRANDS[b].hashtag)).0 > 0, "{text:?}");
            }
            *langs.entry(p.lang.as_deref().unwrap_or("none")).or_insert(0) += 1;
            assert_eq!(p.id >> 16, p.created_at.timestamp_millis() as u64);
        }
        let total: usize = langs.values().sum();
        assert!(langs["en"] as f64 / total as f64 > 0.93);
        assert!(["de", "fr", "es"].iter().all(|l| langs.get(l).is_some_and(|&n| n > 50)), "{langs:?}");
    }

    #[test]
    fn ids_threads_and_authors_are_consistent() {
        let c = corpus();
        let mut seen: HashSet<(usize, u64)> = HashSet::new();
        let mut items: HashMap<u64, &DemoPost> = HashMap::new();
        let mut topics: HashMap<u64, (&str, u32)> = HashMap::new();
        let mut author_ids: HashMap<(usize, &str), u64> = HashMap::new();
        for p in &c.posts {
            assert!(seen.insert((source_index(p.source), p.id)), "duplicate id {p:?}");
            assert_eq!(*author_ids.entry((source_index(p.source), &p.author)).or_insert(p.author_id), p.author_id);
            match p.kind {
                PostKind::Story => assert!(p.title.is_some() && p.link.is_some() && p.score >= 1),
                PostKind::Comment => {
                    let story = items[&p.thread_id.unwrap()];
                    assert!(story.kind == PostKind::Story && story.created_at < p.created_at && p.title.is_none());
                    let parent = items[&p.parent_id.unwrap()];
                    assert!(parent.id == story.id || parent.thread_id == Some(story.id));
                }
                PostKind::Article => {
                    let (title, publisher) = (p.title.as_deref().unwrap(), p.publisher.as_deref().unwrap());
                    assert!(
                        title.ends_with(&format!(" - {publisher}"))
                            && p.link.as_deref().unwrap().starts_with("https://")
                    );
                }
                PostKind::ForumPost => {
                    let (topic, number) = (p.thread_id.unwrap(), p.post_number.unwrap());
                    let title = p.title.as_deref().unwrap();
                    match topics.get(&topic) {
                        None => assert_eq!(number, 1, "{p:?}"),
                        Some(&(t, last)) => assert!(t == title && number > last, "{p:?}"),
                    }
                    topics.insert(topic, (title, number));
                }
                PostKind::Question => assert!(p.title.is_some() && p.replies >= 0 && p.likes > 0),
                PostKind::Status => assert!(p.title.is_none()),
            }
            if p.source == DemoSource::HackerNews {
                items.insert(p.id, p);
            }
        }
        // Power users on every platform but news, whose bylines come from a small newsroom.
        for source in DemoSource::ALL.into_iter().filter(|&s| s != DemoSource::Rss) {
            let mut per_author: HashMap<&str, usize> = HashMap::new();
            for p in c.posts.iter().filter(|p| p.source == source) {
                *per_author.entry(&p.author).or_insert(0) += 1;
            }
            let top = per_author.values().max().copied().unwrap_or(0);
            let median = {
                let mut v: Vec<_> = per_author.values().copied().collect();
                v.sort_unstable();
                v[v.len() / 2]
            };
            assert!(top >= 20 * median.max(1), "{source:?}: top author {top} posts, median {median}");
        }
    }

    #[test]
    fn engagement_is_heavy_tailed_and_texts_vary() {
        let c = corpus();
        let likes: Vec<i64> = c.posts.iter().filter(|p| p.source == DemoSource::Mastodon).map(|p| p.likes).collect();
        assert!(likes.iter().all(|&l| l >= 0) && *likes.iter().max().unwrap() > 200);
        let points = c.posts.iter().filter(|p| p.kind == PostKind::Story).map(|p| p.score).max().unwrap();
        assert!(points > 300, "max HN points {points}");
        let distinct: HashSet<&str> = c.posts.iter().map(|p| p.text.as_str()).collect();
        assert!(distinct.len() * 2 > c.posts.len(), "{} distinct texts", distinct.len());
        let weekday = c.posts.iter().filter(|p| p.created_at.weekday().num_days_from_monday() < 5).count() as f64 / 5.0;
        let weekend =
            c.posts.iter().filter(|p| p.created_at.weekday().num_days_from_monday() >= 5).count() as f64 / 2.0;
        assert!((1.4..2.2).contains(&(weekday / weekend)), "weekday/weekend {}", weekday / weekend);
    }

    #[test]
    fn rss_stays_under_the_feed_limit_at_scale_10() {
        let plan = Plan::new(end(), History::default(), 10.0);
        let mut per_day: HashMap<(NaiveDate, &str), u32> = HashMap::new();
        for p in generate_source(&plan, DemoSource::Rss, 42) {
            let text = format!("{} {}", p.title.as_deref().unwrap_or_default(), p.text).to_lowercase();
            for term in BRANDS.iter().flat_map(|b| b.terms.iter()) {
                if occurrences(&text, term).0 > 0 {
                    *per_day.entry((p.created_at.date_naive(), term)).or_insert(0) += 1;
                }
            }
        }
        let max = per_day.values().max().copied().unwrap_or(0);
        assert!(max <= RSS_DAILY_CAP && max > 20, "max {max} items per term per day");
    }

    #[test]
    fn planted_events_show_in_the_data() {
        let c = corpus();
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, ["outage_spike", "launch_surge", "slow_climb", "collection_gap"]);
        let report_monday = (c.start + TimeDelta::weeks(WEEKS)).date_naive();
        for e in &c.events {
            assert!(e.start_week.weekday() == chrono::Weekday::Mon && e.start_week <= e.end_week);
            assert!(e.end_week < report_monday - TimeDelta::weeks(1));
        }
        let week = |wb: i64| report_monday - TimeDelta::weeks(wb);
        assert_eq!((c.events[0].start_week, c.events[0].end_week), (week(OUTAGE_WEEK), week(OUTAGE_WEEK)));
        assert_eq!((c.events[1].start_week, c.events[1].end_week), (week(LAUNCH_WEEK), week(LAUNCH_WEEK - 1)));
        assert_eq!((c.events[3].start_week, c.events[3].end_week), (week(GAP_FIRST), week(GAP_FIRST - 1)));

        let brand = |b: usize| weekly(c, move |p| p.brands[0] == b);
        let bright = brand(1);
        let ratio = bright[&OUTAGE_WEEK] as f64 / mean(&bright, OUTAGE_WEEK + 1..=OUTAGE_WEEK + 4);
        assert!((3.3..5.0).contains(&ratio), "outage ratio {ratio}");
        let outage_posts: Vec<&DemoPost> =
            c.posts.iter().filter(|p| p.brands[0] == 1 && weeks_back(c, p.created_at) == OUTAGE_WEEK).collect();
        let negative_outage = outage_posts.iter().filter(|p| p.topic == "outage" && p.sentiment < 0.0).count();
        assert!(negative_outage as f64 > 0.7 * outage_posts.len() as f64);

        let lumora = brand(0);
        let before = mean(&lumora, LAUNCH_WEEK + 1..=LAUNCH_WEEK + 4);
        let surge = mean(&lumora, LAUNCH_WEEK - 1..=LAUNCH_WEEK) / before;
        assert!((2.5..3.6).contains(&surge), "launch ratio {surge}");
        assert!(c.posts.iter().any(|p| p.text.contains("Lumora 3.0") && p.text.contains("AI search")));

        let quillio = brand(2);
        let climb = mean(&quillio, 1..=2) / mean(&quillio, 23..=26);
        assert!((2.2..3.0).contains(&climb), "climb ratio {climb}");
        assert!((quillio[&1] as f64 / quillio[&2] as f64 - 1.0).abs() < 0.15, "report week must be quiet");

        let discourse = weekly(c, |p| p.source == DemoSource::Discourse);
        assert!(!discourse.contains_key(&GAP_FIRST) && !discourse.contains_key(&(GAP_FIRST - 1)));
        assert!(discourse[&(GAP_FIRST + 1)] > 200 && discourse[&(GAP_FIRST - 2)] > 200);
        let total = weekly(c, |_| true);
        assert!((total[&1] as f64 / total[&2] as f64 - 1.0).abs() < 0.15, "report week must be quiet");
    }

    #[test]
    fn phrase_banks_name_the_brand() {
        for bank in phrases::CLAUSES.iter().flatten() {
            assert!(bank.iter().all(|t| t.contains("{b}") && !t.contains("{c}")), "{bank:?}");
        }
        for bank in phrases::VERSUS {
            assert!(bank.iter().all(|t| t.contains("{b}") && t.contains("{c}")), "{bank:?}");
        }
    }
}
