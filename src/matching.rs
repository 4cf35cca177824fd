//! Brand matching: which brands a mention names.
//!
//! Interim keyword matcher: a brand query is read as a list of terms and "phrases" (optionally `#hashtags`),
//! joined by `OR`/`AND`/whitespace, with `NOT term` excluding; a mention matches a brand when it contains any
//! positive term as whole words and no excluded one. The Boolean query language (NEAR, wildcards, fields)
//! replaces this module's parser while keeping `BrandQuery`'s role: positive terms for the crawlers, and a
//! compiled `Matcher` for the store.

use aho_corasick::{AhoCorasick, MatchKind};

/// Why a brand query did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A quote opened and never closed.
    #[error("unclosed quote at column {0}")]
    UnclosedQuote(usize),
    /// Nothing to search for.
    #[error("the query has no positive term")]
    NoTerms,
    /// `NOT` at the end with nothing to exclude.
    #[error("NOT at column {0} has no term after it")]
    DanglingNot(usize),
}

/// A parsed brand query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandQuery {
    /// Lower-cased terms and phrases any of which makes a match.
    pub terms: Vec<String>,
    /// Lower-cased terms and phrases that veto a match.
    pub excluded: Vec<String>,
}

impl BrandQuery {
    /// Parses query text.
    pub fn parse(text: &str) -> Result<BrandQuery, QueryError> {
        let mut terms = Vec::new();
        let mut excluded = Vec::new();
        let mut negate_next: Option<usize> = None;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c.is_whitespace() || c == '(' || c == ')' {
                i += 1;
                continue;
            }
            let (token, quoted) = if c == '"' {
                let close =
                    chars[i + 1..].iter().position(|&(_, ch)| ch == '"').ok_or(QueryError::UnclosedQuote(pos + 1))?;
                let phrase: String = chars[i + 1..i + 1 + close].iter().map(|&(_, ch)| ch).collect();
                i += close + 2;
                (phrase, true)
            } else {
                let end =
                    chars[i..].iter().position(|&(_, ch)| ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"');
                let end = end.map_or(chars.len(), |e| i + e);
                let word: String = chars[i..end].iter().map(|&(_, ch)| ch).collect();
                i = end;
                (word, false)
            };
            if !quoted && (token == "OR" || token == "AND") {
                continue;
            }
            if !quoted && token == "NOT" {
                negate_next = Some(pos + 1);
                continue;
            }
            let norm = token.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            if norm.is_empty() {
                continue;
            }
            if negate_next.take().is_some() {
                excluded.push(norm);
            } else {
                terms.push(norm);
            }
        }
        if let Some(col) = negate_next {
            return Err(QueryError::DanglingNot(col));
        }
        if terms.is_empty() {
            return Err(QueryError::NoTerms);
        }
        terms.dedup();
        Ok(BrandQuery { terms, excluded })
    }

    /// Words and phrases a search API is asked for (hashtags without their `#`), deduplicated.
    pub fn search_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = self.terms.iter().map(|t| t.trim_start_matches('#').to_string()).collect();
        out.sort();
        out.dedup();
        out
    }

    /// Hashtags (without `#`) for platforms that can only follow tags: explicit `#tags`, else one-word terms.
    pub fn hashtags(&self) -> Vec<String> {
        let explicit: Vec<String> = self.terms.iter().filter_map(|t| t.strip_prefix('#')).map(str::to_string).collect();
        let mut out = if explicit.is_empty() {
            self.terms.iter().filter(|t| !t.contains(' ')).cloned().collect()
        } else {
            explicit
        };
        out.sort();
        out.dedup();
        out
    }
}

/// All brand queries of a pipeline compiled into one Aho-Corasick automaton.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern: (brand index, excluded?).
    owners: Vec<(usize, bool)>,
    brands: usize,
}

impl Matcher {
    /// Compiles queries; brand `i` of the result is `queries[i]`.
    pub fn new(queries: &[&BrandQuery]) -> anyhow::Result<Matcher> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, q) in queries.iter().enumerate() {
            for t in &q.terms {
                patterns.push(t.clone());
                owners.push((i, false));
            }
            for t in &q.excluded {
                patterns.push(t.clone());
                owners.push((i, true));
            }
        }
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns)?;
        Ok(Matcher { automaton, owners, brands: queries.len() })
    }

    /// Indices of the brands whose query matches `text` (title and body joined).
    pub fn matches(&self, text: &str) -> Vec<usize> {
        let lower = text.to_lowercase();
        let bytes = lower.as_bytes();
        let mut hit = vec![false; self.brands];
        let mut veto = vec![false; self.brands];
        for m in self.automaton.find_overlapping_iter(&lower) {
            let before_ok = m.start() == 0 || !is_word_byte(&lower, m.start(), true);
            let after_ok = m.end() == bytes.len() || !is_word_byte(&lower, m.end(), false);
            if before_ok && after_ok {
                let (brand, excluded) = self.owners[m.pattern().as_usize()];
                if excluded {
                    veto[brand] = true;
                } else {
                    hit[brand] = true;
                }
            }
        }
        (0..self.brands).filter(|&b| hit[b] && !veto[b]).collect()
    }
}

/// Whether the character just before (`before`) or at byte `at` is part of a word.
fn is_word_byte(s: &str, at: usize, before: bool) -> bool {
    let c = if before { s[..at].chars().next_back() } else { s[at..].chars().next() };
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_terms_phrases_and_not() {
        let q = BrandQuery::parse(r#"("acme cloud" OR acmecloud OR #acme) AND NOT "acme anvil""#).unwrap();
        assert_eq!(q.terms, vec!["acme cloud", "acmecloud", "#acme"]);
        assert_eq!(q.excluded, vec!["acme anvil"]);
        assert_eq!(q.hashtags(), vec!["acme"]);
        assert_eq!(q.search_terms(), vec!["acme", "acme cloud", "acmecloud"]);
        assert_eq!(BrandQuery::parse("\"open").unwrap_err(), QueryError::UnclosedQuote(1));
        assert_eq!(BrandQuery::parse("a NOT").unwrap_err(), QueryError::DanglingNot(3));
        assert_eq!(BrandQuery::parse("OR AND").unwrap_err(), QueryError::NoTerms);
    }

    #[test]
    fn matches_whole_words_only() {
        let apple = BrandQuery::parse("apple NOT \"apple pie\"").unwrap();
        let acme = BrandQuery::parse("\"acme cloud\" OR #acme").unwrap();
        let m = Matcher::new(&[&apple, &acme]).unwrap();
        assert_eq!(m.matches("I love Apple!"), vec![0]);
        assert!(m.matches("pineapple juice").is_empty());
        assert!(m.matches("Apple pie recipes").is_empty());
        assert_eq!(m.matches("acme cloud and apple"), vec![0, 1]);
        assert_eq!(m.matches("news #acme"), vec![1]);
        assert!(m.matches("news #acmecorp").is_empty());
    }
}
