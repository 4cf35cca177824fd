//! Algolia's filter syntax as the HN search API reads it: `numericFilters` conditions and `tags` groups,
//! and the `_tags` each story or comment carries for them to match.

use crate::demo::model::{DemoPost, PostKind};

/// One `numericFilters` condition, e.g. `created_at_i>=1700000000`.
#[derive(Debug, PartialEq)]
pub struct Numeric {
    field: String,
    op: String,
    value: f64,
}

impl Numeric {
    /// Parses one condition; `Err` is Algolia's message for it.
    pub fn parse(cond: &str) -> Result<Numeric, String> {
        let bad = || format!("Invalid syntax for numeric condition:{cond}");
        let at = cond.find(['<', '>', '=', '!']).ok_or_else(bad)?;
        let (field, rest) = (cond[..at].trim(), &cond[at..]);
        let op_len = rest.find(|c: char| !matches!(c, '<' | '>' | '=' | '!')).unwrap_or(rest.len());
        let op = &rest[..op_len];
        let value: f64 = rest[op_len..].trim().parse().map_err(|_| bad())?;
        let known = matches!(field, "created_at_i" | "points" | "num_comments");
        if !known || !matches!(op, "<" | "<=" | "=" | "!=" | ">" | ">=") {
            return Err(bad());
        }
        Ok(Numeric { field: field.into(), op: op.into(), value })
    }

    /// Whether `p` satisfies the condition (comments have no `points` or `num_comments`).
    pub fn accepts(&self, p: &DemoPost) -> bool {
        let story = p.kind == PostKind::Story;
        let v = match self.field.as_str() {
            "created_at_i" => p.created_at.timestamp() as f64,
            "points" if story => p.score as f64,
            "num_comments" if story => p.replies as f64,
            _ => return false,
        };
        match self.op.as_str() {
            "<" => v < self.value,
            "<=" => v <= self.value,
            "=" => v == self.value,
            "!=" => v != self.value,
            ">" => v > self.value,
            _ => v >= self.value,
        }
    }

    /// The half-open epoch-second range a `created_at_i` condition allows.
    pub fn seconds(&self) -> (i64, i64) {
        let v = self.value;
        match (self.field.as_str(), self.op.as_str()) {
            ("created_at_i", ">") => ((v.floor() as i64).saturating_add(1), i64::MAX),
            ("created_at_i", ">=") => (v.ceil() as i64, i64::MAX),
            ("created_at_i", "<") => (i64::MIN, v.ceil() as i64),
            ("created_at_i", "<=") => (i64::MIN, (v.floor() as i64).saturating_add(1)),
            ("created_at_i", "=") => (v as i64, (v as i64).saturating_add(1)),
            _ => (i64::MIN, i64::MAX),
        }
    }
}

/// Splits `tags` at top-level commas (AND); a parenthesised group is an OR of its tags.
pub fn parse_tags(tags: &str) -> Vec<Vec<String>> {
    let (mut groups, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in tags.char_indices().chain([(tags.len(), ',')]) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                let group: Vec<String> = tags[start..i.min(tags.len())]
                    .split([',', '(', ')'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect();
                if !group.is_empty() {
                    groups.push(group);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    groups
}

/// The `_tags` of a post: its kind, `author_…`, `story_…` and `show_hn`/`ask_hn` from the title.
pub fn tags_of(p: &DemoPost) -> Vec<String> {
    let story = p.kind == PostKind::Story;
    let mut out = vec![if story { "story" } else { "comment" }.to_string(), format!("author_{}", p.author)];
    out.push(format!("story_{}", if story { p.id } else { p.thread_id.unwrap_or(p.id) }));
    let title = p.title.as_deref().unwrap_or_default();
    for (prefix, tag) in [("Show HN", "show_hn"), ("Ask HN", "ask_hn")] {
        if story && title.starts_with(prefix) {
            out.push(tag.into());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_filters_and_tags() {
        let n = Numeric::parse("created_at_i>=100").unwrap();
        assert_eq!((n.seconds(), n.op.as_str()), ((100, i64::MAX), ">="));
        assert_eq!(Numeric::parse("created_at_i<200").unwrap().seconds(), (i64::MIN, 200));
        assert_eq!(Numeric::parse("created_at_i>99").unwrap().seconds(), (100, i64::MAX));
        assert_eq!(Numeric::parse("created_at_i>inf").unwrap().seconds(), (i64::MAX, i64::MAX));
        assert!(Numeric::parse("created_at_i>>x").is_err() && Numeric::parse("karma>1").is_err());
        assert_eq!(parse_tags("(story,comment)"), [["story", "comment"]]);
        assert_eq!(parse_tags("author_pg,(story,poll)"), vec![vec!["author_pg"], vec!["story", "poll"]]);
        assert!(parse_tags("").is_empty());
    }
}
