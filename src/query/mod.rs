//! The Boolean brand-query language (issue #4): parse, lint, compile many queries into one matcher, match.
//!
//! Map: [`lexer`], [`parser`] and [`terms`] turn text into an [`Expr`] ([`ast`], whose `Display` prints it back);
//! [`lint`] and the parser warn; [`text`] tokenizes queries and mentions alike; [`compile`] builds the
//! Aho-Corasick prefilter and the term patterns; [`matcher`], [`eval`] and [`index`] run them; [`reference`] is the slow
//! evaluator the tests and the bench compare against; [`explain`] says what matched; [`stdin`] is `hark match`.
//! The language reference is the "Brand queries" section of the repository's `README.md`.

pub mod ast;
mod compile;
pub mod error;
mod eval;
mod explain;
mod index;
mod lexer;
mod lint;
mod matcher;
mod meta;
mod parser;
#[cfg(test)]
mod proptests;
mod reference;
mod slop;
pub mod stdin;
mod terms;
mod text;

use ast::run_together;
pub use ast::{Expr, MetaField, Term, TermKind};
pub use error::{Lint, ParseError};
pub use explain::{Explanation, Hit};
pub(crate) use lexer::MAX_DISTANCE;
pub use matcher::Matcher;
pub use reference::reference_matches;
pub use stdin::run_match;

/// How matching treats text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MatchOptions {
    /// Match `cafe` and `café` alike (NFD, combining marks dropped, on both sides); strict when false.
    pub fold_accents: bool,
}

/// One mention as the matcher sees it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Doc<'a> {
    /// Headline or thread title.
    pub title: Option<&'a str>,
    /// Body text.
    pub text: &'a str,
    /// Author handle or name.
    pub author: Option<&'a str>,
    /// Source name (`hackernews`, `rss`, ...).
    pub source: Option<&'a str>,
    /// Link to the mention.
    pub url: Option<&'a str>,
    /// Language code (`en`, `en-US`).
    pub lang: Option<&'a str>,
}

impl<'a> Doc<'a> {
    /// A document with only body text.
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc { text, ..Doc::default() }
    }
}

/// A parsed, validated brand query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    text: String,
    expr: Expr,
    lints: Vec<Lint>,
}

impl Query {
    /// Parses query text; errors point at a column with a hint (see [`ParseError::render`]).
    pub fn parse(text: &str) -> Result<Query, ParseError> {
        let parsed = parser::parse(text)?;
        let mut lints = parsed.lints;
        lints.extend(lint::operator_lints(&parsed.lexemes));
        lints.extend(lint::not_only_lint(&parsed.expr));
        lints.sort();
        Ok(Query { text: text.to_owned(), expr: parsed.expr, lints })
    }

    /// The text the query was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The AST; its `Display` is the canonical query text.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Positive words and phrases for search APIs: lower-cased, wildcards cut to their literal prefix (dropped
    /// under 3 chars), `#`/`@` dropped, metadata fields left out (`title:` terms kept); sorted, deduplicated.
    /// Every key is text that each mention the query matches contains, as platforms match it (whole words, exact
    /// phrases), or for a phrase its words run together as a hashtag or handle ([`Query::hashtags`] crawls
    /// those): a phrase is cut before its first wildcard word (`"acme skate*"` → `acme`, since an exact
    /// `"acme skate"` misses *acme skates*), and a phrase with `~n` gives its words one by one, as NEAR does.
    pub fn search_terms(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk_positive(&self.expr, false, &mut |e| match e {
            Expr::Term(t) => out.extend(search_word(t)),
            // Words of three chars or more: `"at&t fiber"~2` crawls "fiber", never "t", a crawl of all history.
            // Without any such word (`"索尼 相机"~3`, a char a word), the phrase as written.
            Expr::Phrase { words, slop: Some(_) } => {
                let long: Vec<String> = words
                    .iter()
                    .filter_map(search_word)
                    .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
                    .collect();
                if long.is_empty() {
                    out.extend(literal_phrase(words));
                } else {
                    out.extend(long);
                }
            }
            Expr::Phrase { words, slop: None } => out.extend(literal_phrase(words)),
            _ => {}
        });
        out.sort();
        out.dedup();
        out
    }

    /// Hashtags (without `#`) for platforms that search by tag only: the positive `#tags`, the positive words (a
    /// brand's word is its tag too), wildcards cut to their literal prefix (3 chars or more), and phrases of plain
    /// words run together (`"acme corp"` → `acmecorp`, as multi-word tags are written; [`run_together`], which the
    /// matcher also takes them to be). Sorted, deduplicated.
    pub fn hashtags(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk_positive(&self.expr, false, &mut |e| match e {
            Expr::Term(t) if t.kind != TermKind::Handle => out.extend(search_word(t)),
            // The tag the matcher takes the phrase to be ([`run_together`]).
            Expr::Phrase { words, .. } => out.extend(run_together(words).map(|[tag, ..]| tag.text.to_lowercase())),
            _ => {}
        });
        out.sort();
        out.dedup();
        out
    }

    /// Warnings: lower-case operators, NOT-only queries, very short wildcard stems, duplicate terms.
    pub fn lint(&self) -> Vec<Lint> {
        self.lints.clone()
    }
}

/// A phrase as platforms search it: its words up to the first wildcard word, joined by spaces, but not between two
/// chars of a script without spaces (`索尼`, split into 索 尼 for matching, is searched as written); a phrase
/// starting with a wildcard word gives that word's prefix.
fn literal_phrase(words: &[Term]) -> Option<String> {
    let literal: Vec<String> = words.iter().take_while(|w| !w.has_wildcard()).map(|w| w.text.to_lowercase()).collect();
    if literal.is_empty() {
        return words.first().and_then(search_word);
    }
    let unspaced = |w: &str| w.chars().count() == 1 && w.chars().all(text::is_unspaced);
    let mut out = String::new();
    for (i, w) in literal.iter().enumerate() {
        if i > 0 && !(unspaced(&literal[i - 1]) && unspaced(w)) {
            out.push(' ');
        }
        out.push_str(w);
    }
    Some(out)
}

/// The literal part of a term for search APIs, if long enough to be useful.
fn search_word(t: &Term) -> Option<String> {
    let prefix = t.literal_prefix().to_lowercase();
    (!t.has_wildcard() || prefix.chars().count() >= 3).then_some(prefix)
}

/// Calls `f` on every term and phrase not under an odd number of NOTs.
fn walk_positive(e: &Expr, neg: bool, f: &mut dyn FnMut(&Expr)) {
    match e {
        Expr::Term(_) | Expr::Phrase { .. } if !neg => f(e),
        Expr::And(cs) | Expr::Or(cs) => cs.iter().for_each(|c| walk_positive(c, neg, f)),
        Expr::Near { left, right, .. } => {
            walk_positive(left, neg, f);
            walk_positive(right, neg, f);
        }
        Expr::Not(inner) => walk_positive(inner, !neg, f),
        Expr::Title(inner) => walk_positive(inner, neg, f),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
