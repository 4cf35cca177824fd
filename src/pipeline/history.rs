//! The `history` span of a pipeline ("13 months"): how far back crawls and analyses reach.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, Months, Utc};

/// A calendar span: months stay calendar months, so "13 months" back from 31 March is 28 February a year earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// Whole calendar months.
    Months(u32),
    /// Whole days.
    Days(u32),
}

impl Default for History {
    fn default() -> Self {
        History::Months(13)
    }
}

impl History {
    /// The first instant inside the span that ends at `now`.
    pub fn since(self, now: DateTime<Utc>) -> DateTime<Utc> {
        let earliest = DateTime::<Utc>::MIN_UTC;
        match self {
            History::Months(m) => now.checked_sub_months(Months::new(m)).unwrap_or(earliest),
            History::Days(d) => now.checked_sub_days(Days::new(u64::from(d))).unwrap_or(earliest),
        }
    }
}

impl fmt::Display for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            History::Months(m) => write!(f, "{m} months"),
            History::Days(d) => write!(f, "{d} days"),
        }
    }
}

/// The longest history accepted, 50 years (600 months, or 18,300 days), reaches back before any platform hark
/// reads; a longer one would plan millions of windows per key before the first request.
const MAX_MONTHS: u32 = 600;
/// [`MAX_MONTHS`] in days.
const MAX_DAYS: u32 = 18_300;

/// Why a history span did not parse.
#[derive(Debug, thiserror::Error)]
#[error("expected a number and a unit (days, weeks, months, years), at most 50 years")]
pub struct HistoryParseError;

impl FromStr for History {
    type Err = HistoryParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit()).ok_or(HistoryParseError)?;
        let n: u32 = s[..split].parse().map_err(|_| HistoryParseError)?;
        if n == 0 {
            return Err(HistoryParseError);
        }
        let history = match s[split..].trim().to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => History::Days(n),
            "w" | "week" | "weeks" => History::Days(n.checked_mul(7).ok_or(HistoryParseError)?),
            "m" | "mo" | "month" | "months" => History::Months(n),
            "y" | "year" | "years" => History::Months(n.checked_mul(12).ok_or(HistoryParseError)?),
            _ => return Err(HistoryParseError),
        };
        let too_long = match history {
            History::Days(d) => d > MAX_DAYS,
            History::Months(m) => m > MAX_MONTHS,
        };
        if too_long {
            return Err(HistoryParseError);
        }
        Ok(history)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn parses_units() {
        assert_eq!("13 months".parse::<History>().unwrap(), History::Months(13));
        assert_eq!("90 days".parse::<History>().unwrap(), History::Days(90));
        assert_eq!("2 weeks".parse::<History>().unwrap(), History::Days(14));
        assert_eq!("1 year".parse::<History>().unwrap(), History::Months(12));
        assert!("months".parse::<History>().is_err());
        assert!("0 days".parse::<History>().is_err());
        assert!("13 fortnights".parse::<History>().is_err());
        assert_eq!("50 years".parse::<History>().unwrap(), History::Months(600));
        for long in ["51 years", "601 months", "100000 years", "4294967295 days", "2700 weeks"] {
            assert!(long.parse::<History>().is_err(), "{long}");
        }
    }

    #[test]
    fn months_are_calendar_months() {
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap();
        assert_eq!(History::Months(13).since(now), Utc.with_ymd_and_hms(2025, 2, 28, 12, 0, 0).unwrap());
    }
}
