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

/// Why a history span did not parse.
#[derive(Debug, thiserror::Error)]
#[error("expected a number and a unit (days, weeks, months, years)")]
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
        match s[split..].trim().to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => Ok(History::Days(n)),
            "w" | "week" | "weeks" => Ok(History::Days(n.checked_mul(7).ok_or(HistoryParseError)?)),
            "m" | "mo" | "month" | "months" => Ok(History::Months(n)),
            "y" | "year" | "years" => Ok(History::Months(n.checked_mul(12).ok_or(HistoryParseError)?)),
            _ => Err(HistoryParseError),
        }
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
    }

    #[test]
    fn months_are_calendar_months() {
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap();
        assert_eq!(History::Months(13).since(now), Utc.with_ymd_and_hms(2025, 2, 28, 12, 0, 0).unwrap());
    }
}
