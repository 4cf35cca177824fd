//! Time windows: how a crawl slices its span, aligned to what each API can express.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::sources::Window;

/// Widest window asked for at once.
pub const WINDOW: Duration = Duration::days(7);

/// Floors `t` to a multiple of `granularity` since the epoch (UTC midnight for days).
fn align_down(t: DateTime<Utc>, granularity: Duration) -> DateTime<Utc> {
    t.duration_trunc(granularity).unwrap_or(t)
}

/// Slices `[start, now)` into windows of at most [`WINDOW`], oldest first. The start is floored to the
/// source's granularity (re-reading a little is harmless, the store deduplicates); the last window ends at
/// `now` unless the API can only express whole units, in which case it ends at the next boundary.
pub fn plan_windows(start: DateTime<Utc>, now: DateTime<Utc>, granularity: Duration) -> Vec<Window> {
    let mut out = Vec::new();
    let mut since = align_down(start, granularity);
    while since < now {
        let mut until = since + WINDOW;
        if until > now {
            let aligned = align_down(now, granularity);
            until = if aligned == now { now } else { aligned + granularity };
        }
        out.push(Window { since, until });
        since = until;
    }
    out
}

/// Halves a window on a granularity boundary; `None` when it is one unit wide.
pub fn split(w: Window, granularity: Duration) -> Option<(Window, Window)> {
    let mid = align_down(w.since + (w.until - w.since) / 2, granularity);
    (mid > w.since && mid < w.until)
        .then_some((Window { since: w.since, until: mid }, Window { since: mid, until: w.until }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn windows_cover_the_span_without_gaps() {
        let start = Utc.with_ymd_and_hms(2025, 10, 20, 13, 5, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
        for g in [Duration::seconds(1), Duration::days(1)] {
            let w = plan_windows(start, now, g);
            assert!(w[0].since <= start);
            assert!(w.last().unwrap().until >= now);
            assert!(w.windows(2).all(|p| p[0].until == p[1].since));
            assert!(w.iter().all(|x| x.until - x.since <= WINDOW && x.since < x.until));
        }
        let days = plan_windows(start, now, Duration::days(1));
        assert_eq!(days[0].since, Utc.with_ymd_and_hms(2025, 10, 20, 0, 0, 0).unwrap());
        assert_eq!(days.last().unwrap().until, Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap());
    }

    #[test]
    fn splits_on_boundaries() {
        let since = Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap();
        let w = Window { since, until: since + Duration::days(7) };
        let (a, b) = split(w, Duration::days(1)).unwrap();
        assert_eq!((a.since, a.until, b.until), (since, since + Duration::days(3), w.until));
        let one = Window { since, until: since + Duration::days(1) };
        assert!(split(one, Duration::days(1)).is_none());
        assert!(split(one, Duration::seconds(1)).is_some());
    }
}
