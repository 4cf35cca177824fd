//! Request parameters, read leniently as the real APIs do: a raw query string into pairs, numbers that
//! name the bad parameter when they do not parse, and the `after:`/`before:` search mini-language that
//! Google News and Discourse share.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use super::text::words;

/// The decoded pairs of a query string; a repeated key keeps its last value.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Decodes a raw query string (`None` when the URL had none); never fails.
    pub fn parse(raw: Option<&str>) -> Params {
        Params(url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect())
    }

    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// `key` parsed as a number; `Err` names the parameter when the value is not one.
    pub fn num<T: FromStr>(&self, key: &str) -> Result<Option<T>, String> {
        match self.get(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| key.to_string()),
        }
    }
}

/// A search query with its date operators taken out.
#[derive(Debug, Default, PartialEq)]
pub struct SearchQuery {
    /// Lower-cased words every result must contain (quotes, `OR` and `-x` are read as plain words).
    pub words: Vec<String>,
    /// `after:YYYY-MM-DD`: created at or after that midnight UTC.
    pub after: Option<DateTime<Utc>>,
    /// `before:YYYY-MM-DD`: created before that midnight UTC.
    pub before: Option<DateTime<Utc>>,
    /// `order:…` if given (results are newest first whatever it says).
    pub order: Option<String>,
    /// Discourse's `topic:<id>`: search within one topic.
    pub topic: Option<u64>,
}

impl SearchQuery {
    /// Parses `q`; `Err` names an `after:`/`before:` date that is not `YYYY-MM-DD`. Other `name:value`
    /// operators (`in:title`, `status:open`, `site:`, `when:`) are accepted and ignored.
    pub fn parse(q: &str) -> Result<SearchQuery, String> {
        let mut out = SearchQuery::default();
        let mut plain = Vec::new();
        for token in q.split_whitespace() {
            let Some((op, value)) = token.split_once(':').filter(|(op, _)| is_operator(op)) else {
                plain.push(token);
                continue;
            };
            match op.to_ascii_lowercase().as_str() {
                "after" => out.after = Some(midnight(value).ok_or_else(|| token.to_string())?),
                "before" => out.before = Some(midnight(value).ok_or_else(|| token.to_string())?),
                "order" => out.order = Some(value.to_ascii_lowercase()),
                "topic" => out.topic = Some(value.parse().map_err(|_| token.to_string())?),
                _ => {}
            }
        }
        out.words = words(&plain.join(" "));
        Ok(out)
    }

    /// The half-open range of epoch seconds the date operators allow.
    pub fn seconds(&self) -> (i64, i64) {
        (self.after.map_or(i64::MIN, |t| t.timestamp()), self.before.map_or(i64::MAX, |t| t.timestamp()))
    }
}

/// `in`, `after`, `min_posts`…: a search operator name rather than a word with a colon in it.
fn is_operator(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
}

/// Midnight UTC of a `YYYY-MM-DD` date.
fn midnight(date: &str) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some(d.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_decode_and_name_bad_numbers() {
        let p = Params::parse(Some("q=lumora%20notes&page=2&page=3&size=x&empty="));
        assert_eq!(p.get("q"), Some("lumora notes"));
        assert_eq!(p.num::<u32>("page"), Ok(Some(3)));
        assert_eq!(p.num::<u32>("size"), Err("size".to_string()));
        assert_eq!(p.num::<u32>("empty"), Ok(None));
        assert_eq!(p.num::<u32>("missing"), Ok(None));
        assert_eq!(Params::parse(None).get("q"), None);
    }

    #[test]
    fn search_query_takes_dates_out() {
        let q =
            SearchQuery::parse("\"Lumora Notes\" after:2026-01-05 before:2026-01-12 order:latest in:title").unwrap();
        assert_eq!(q.words, ["lumora", "notes"]);
        assert_eq!(q.after.unwrap().to_rfc3339(), "2026-01-05T00:00:00+00:00");
        assert_eq!(q.before.unwrap().timestamp() - q.after.unwrap().timestamp(), 7 * 86_400);
        assert_eq!(q.order.as_deref(), Some("latest"));
        assert_eq!(SearchQuery::parse("x after:2026-13-01"), Err("after:2026-13-01".to_string()));
        assert_eq!(SearchQuery::parse("norvane").unwrap().seconds(), (i64::MIN, i64::MAX));
    }
}
