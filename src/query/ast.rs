//! The query AST and its canonical printer: `Display` writes query text that parses back to the same `Expr`.

use std::fmt;

use super::text::TokenKind;

/// What kind of token a term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    /// A plain word: matches words, emoji, and the bodies of hashtags and handles.
    Word,
    /// `#tag`: matches only hashtag tokens.
    Hashtag,
    /// `@handle`: matches only handle tokens.
    Handle,
}

impl TermKind {
    /// Whether a term of this kind may match a token of kind `token`: a plain word any token but a URL (words,
    /// emoji, hashtag and handle bodies), `#tag` only hashtags, `@handle` only handles.
    pub(crate) fn accepts(self, token: TokenKind) -> bool {
        match self {
            TermKind::Word => token != TokenKind::Url,
            TermKind::Hashtag => token == TokenKind::Hashtag,
            TermKind::Handle => token == TokenKind::Handle,
        }
    }
}

/// One word pattern, possibly with `*`/`?` wildcards.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    /// Which tokens it may match.
    pub kind: TermKind,
    /// The pattern without `#`/`@`: NFC, lower-cased unless `case_sensitive`.
    pub text: String,
    /// Written in `{braces}`: compared with the token's original case.
    pub case_sensitive: bool,
}

impl Term {
    /// Whether the pattern has a `*` or `?`.
    pub fn has_wildcard(&self) -> bool {
        self.text.contains(['*', '?'])
    }

    /// The pattern up to its first wildcard.
    pub fn literal_prefix(&self) -> &str {
        self.text.find(['*', '?']).map_or(self.text.as_str(), |i| &self.text[..i])
    }

    fn write_bare(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TermKind::Word => {}
            TermKind::Hashtag => f.write_str("#")?,
            TermKind::Handle => f.write_str("@")?,
        }
        f.write_str(&self.text)
    }
}

/// The hashtags and handles a phrase of plain words stands for, its words run together as multi-word tags and
/// account names are written: `"acme corp"` (and `"acme corp"~2`, whose words the tag holds in order) also matches
/// *#AcmeCorp*, *@acmecorp*, *#acme_corp* and *@Acme_Corp*; the first is the tag a crawl asks tag-searching
/// platforms for ([`Query::hashtags`](super::Query::hashtags)). None for a phrase with a wildcard, or a `#tag` or
/// `@handle` in it.
pub(crate) fn run_together(words: &[Term]) -> Option<[Term; 4]> {
    let plain = words.iter().all(|w| w.kind == TermKind::Word && !w.has_wildcard());
    if words.len() < 2 || !plain {
        return None;
    }
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let (joined, underscored) = (texts.concat(), texts.join("_"));
    let case_sensitive = words.iter().any(|w| w.case_sensitive);
    let term = |kind, text: &String| Term { kind, text: text.clone(), case_sensitive };
    Some([
        term(TermKind::Hashtag, &joined),
        term(TermKind::Handle, &joined),
        term(TermKind::Hashtag, &underscored),
        term(TermKind::Handle, &underscored),
    ])
}

/// Metadata fields, matched against the mention's fields rather than its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    /// `site:` host equal to the value or a subdomain of it.
    Site,
    /// `url:` the URL contains the value (case-insensitive).
    Url,
    /// `author:` the author equals the value (case-insensitive, leading `@` ignored).
    Author,
    /// `source:` the source name equals the value (case-insensitive).
    Source,
    /// `language:` the language code equals the value or has it as primary subtag (`en` matches `en-US`).
    Language,
}

impl MetaField {
    /// The field name as written before the colon.
    pub fn name(self) -> &'static str {
        match self {
            MetaField::Site => "site",
            MetaField::Url => "url",
            MetaField::Author => "author",
            MetaField::Source => "source",
            MetaField::Language => "language",
        }
    }
}

/// A parsed query expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A single word pattern.
    Term(Term),
    /// `"w1 w2 ..."` consecutive words, or with `~n` all words within a window of `len + n` words, any order.
    Phrase {
        /// At least two words, all with the same `case_sensitive`.
        words: Vec<Term>,
        /// `~n`.
        slop: Option<u32>,
    },
    /// All must match (explicit `AND` or adjacency); at least two children.
    And(Vec<Expr>),
    /// Any must match; at least two children.
    Or(Vec<Expr>),
    /// Must not match.
    Not(Box<Expr>),
    /// `left NEAR/n right`: at most `distance` words between them; `ordered` (`NEAR/nf`) puts left first.
    Near {
        /// Left operand: a term, phrase, OR-group of those, or another NEAR.
        left: Box<Expr>,
        /// Right operand, same kinds.
        right: Box<Expr>,
        /// Most words allowed between the two.
        distance: u32,
        /// Left must come before right.
        ordered: bool,
    },
    /// `title:x`: the sub-expression evaluated on the title alone.
    Title(Box<Expr>),
    /// `site:`, `url:`, `author:`, `source:`, `language:` with a lower-cased value.
    Meta(MetaField, String),
}

impl Expr {
    /// Printing precedence: OR 1, AND 2, NOT 3, NEAR 4, atoms 5.
    fn precedence(&self) -> u8 {
        match self {
            Expr::Or(_) => 1,
            Expr::And(_) => 2,
            Expr::Not(_) => 3,
            Expr::Near { .. } => 4,
            _ => 5,
        }
    }

    /// Whether the expression has word positions, so it may be an operand of NEAR.
    pub fn is_positional(&self) -> bool {
        match self {
            Expr::Term(_) | Expr::Phrase { .. } | Expr::Near { .. } => true,
            Expr::Or(children) => children.iter().all(Expr::is_positional),
            _ => false,
        }
    }
}

/// Writes `e`, in parentheses when its precedence is below `min`.
fn child(f: &mut fmt::Formatter<'_>, e: &Expr, min: u8) -> fmt::Result {
    if e.precedence() < min {
        write!(f, "({e})")
    } else {
        write!(f, "{e}")
    }
}

/// Whether a metadata value can be written without quotes.
fn bare_value(v: &str) -> bool {
    !v.is_empty() && !v.contains(|c: char| c.is_whitespace() || "()\"{}~".contains(c))
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Term(t) if t.case_sensitive => {
                f.write_str("{")?;
                t.write_bare(f)?;
                f.write_str("}")
            }
            Expr::Term(t) => t.write_bare(f),
            Expr::Phrase { words, slop } => {
                let cased = words.first().is_some_and(|w| w.case_sensitive);
                f.write_str(if cased { "{\"" } else { "\"" })?;
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    w.write_bare(f)?;
                }
                f.write_str("\"")?;
                if let Some(n) = slop {
                    write!(f, "~{n}")?;
                }
                if cased {
                    f.write_str("}")?;
                }
                Ok(())
            }
            Expr::And(children) | Expr::Or(children) => {
                let (sep, min) = if matches!(self, Expr::And(_)) { (" AND ", 3) } else { (" OR ", 2) };
                for (i, c) in children.iter().enumerate() {
                    if i > 0 {
                        f.write_str(sep)?;
                    }
                    child(f, c, min)?;
                }
                Ok(())
            }
            Expr::Not(inner) => {
                f.write_str("NOT ")?;
                child(f, inner, 3)
            }
            Expr::Near { left, right, distance, ordered } => {
                child(f, left, 4)?;
                write!(f, " NEAR/{distance}{} ", if *ordered { "f" } else { "" })?;
                child(f, right, 5)
            }
            Expr::Title(inner) => {
                f.write_str("title:")?;
                match **inner {
                    Expr::Term(_) | Expr::Phrase { .. } => write!(f, "{inner}"),
                    _ => write!(f, "({inner})"),
                }
            }
            Expr::Meta(field, value) if bare_value(value) => write!(f, "{}:{value}", field.name()),
            Expr::Meta(field, value) => write!(f, "{}:\"{value}\"", field.name()),
        }
    }
}
