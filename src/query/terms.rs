//! The parser's leaves: words and phrases (through the text tokenizer, so a query word splits exactly as
//! mention text does) and `field:value` filters.

use super::ast::{Expr, MetaField, Term, TermKind};
use super::error::{Lint, ParseError};
use super::lexer::{is_exclusion_sign, is_list_separator, FieldName, Tok};
use super::parser::Parser;
use super::text::{tokenize, TokenKind};

impl Parser {
    /// A bare word, phrase text or `{case}` content into a term (one word) or phrase (several); `slop` is
    /// `Some` for quoted text (holding its `~n`), `offset` the column of `text`'s first char.
    pub(super) fn words(
        &mut self,
        text: &str,
        offset: usize,
        cased: bool,
        slop: Option<Option<u32>>,
    ) -> Result<Expr, ParseError> {
        // `\*` and `\?` are the signs themselves, not wildcards: as in mention text, they separate words, so
        // `E\*Trade` is the phrase "e trade" and matches *E*Trade* (and *E-Trade*, *E Trade*). Two spaces for
        // the two chars, so that columns stay the user's.
        let escaped = text.replace("\\*", "  ").replace("\\?", "  ");
        let tokens = tokenize(&escaped, !cased, false, true);
        let quote = if slop.is_some() { offset.saturating_sub(1) } else { offset };
        // A quoted question ("is acme down?") reads its `?` as a one-letter wildcard: `down?` needs a fifth letter,
        // and the text "Is Acme down?" never matches. Said, since the query still parses.
        if slop.is_some() && text.trim_end().ends_with('?') && !text.trim_end().ends_with("\\?") {
            let message = "'?' at the end of a phrase stands for one more letter, not a question mark; leave it out";
            self.lints.push(Lint { offset: quote, message: message.into() });
        }
        if tokens.is_empty() {
            let what = if slop.is_some() { "the phrase".to_owned() } else { format!("'{text}'") };
            return Err(ParseError::new(quote, format!("{what} has no letters or digits to search for"), "remove it"));
        }
        let mut words = Vec::new();
        for t in &tokens {
            let col = offset + t.start;
            if t.kind == TokenKind::Url {
                return Err(ParseError::new(
                    col,
                    "URLs are not matched as words",
                    "write site:acme.com or url:acme.com/path",
                ));
            }
            let kind = term_kind(t.kind);
            let body = if kind == TermKind::Word { col } else { col + 1 };
            if t.text.starts_with(['*', '?']) {
                let hint = "start with at least one letter: acme* matches acme, acmes, acmecorp";
                return Err(ParseError::new(body, "a word cannot start with a wildcard", hint));
            }
            let term = Term { kind, text: t.text.to_string(), case_sensitive: cased };
            if !stable(&term) {
                return Err(ParseError::new(col, format!("'{}' cannot be searched for", t.raw), "remove it"));
            }
            let stem = term.literal_prefix().chars().count();
            if term.text.contains('*') && stem < 3 {
                let prefix = match term.kind {
                    TermKind::Word => "",
                    TermKind::Hashtag => "#",
                    TermKind::Handle => "@",
                };
                // The escaped form of what was written: the word, or inside a phrase the whole phrase.
                let literal = match slop {
                    Some(_) => format!("\"{}\"", text.trim().replace('*', "\\*")),
                    None => format!("{prefix}{}", t.raw.replace('*', "\\*")),
                };
                let literal = if cased { format!("{{{literal}}}") } else { literal };
                let message = format!(
                    "the wildcard stem '{}' is very short and matches many words (for a '*' in a name, write {literal})",
                    term.literal_prefix()
                );
                self.lints.push(Lint { offset: body, message });
            }
            words.push(term);
        }
        let expr =
            if words.len() == 1 { Expr::Term(words.remove(0)) } else { Expr::Phrase { words, slop: slop.flatten() } };
        let key = format!("{}{expr}", if self.title_depth > 0 { "title:" } else { "" });
        if let Some((_, first)) = self.seen.iter().find(|(k, _)| *k == key) {
            let message = format!("duplicate term {expr} (already at column {})", first + 1);
            self.lints.push(Lint { offset: quote, message });
        } else {
            self.seen.push((key, quote));
        }
        Ok(expr)
    }

    /// `name:` (already consumed, spanning `offset..end`) and the value glued to it.
    pub(super) fn field(&mut self, field: FieldName, offset: usize, end: usize) -> Result<Expr, ParseError> {
        let name = field.name();
        let value = self.peek().filter(|v| v.offset == end).cloned();
        let Some(value) = value else {
            let hint = format!("write {name}:value with no space after the colon");
            return Err(ParseError::new(offset, format!("{name}: needs a value"), hint));
        };
        let FieldName::Meta(field) = field else {
            self.title_depth += 1;
            let inner = self.primary();
            self.title_depth -= 1;
            return Ok(Expr::Title(Box::new(inner?)));
        };
        self.next();
        let raw = match value.tok {
            Tok::Value(v) => v,
            Tok::Quoted { text, slop: None } => text,
            _ => {
                let hint = format!("{name}: takes one value; for several write ({name}:a OR {name}:b)");
                return Err(ParseError::new(value.offset, format!("bad value for {name}:"), hint));
            }
        };
        let mut v = raw.trim().to_lowercase();
        if field == MetaField::Site {
            v = v.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_owned();
        }
        if field == MetaField::Author {
            v = v.trim_start_matches('@').to_owned();
        }
        if field == MetaField::Language {
            v = v.replace('_', "-");
        }
        if v.is_empty() || v.contains('"') {
            return Err(ParseError::new(
                value.offset,
                format!("empty value for {name}:"),
                format!("write {name}:value"),
            ));
        }
        // A host or a source's name never starts with a sign: the habit of other search boxes, meant to exclude
        // (`author:` and `url:` values are compared as written: `author:-edgar-` is a handle).
        if matches!(field, MetaField::Site | MetaField::Source) && v.starts_with(is_exclusion_sign) {
            return Err(ParseError::new(
                value.offset,
                format!("{name}:{v} can never match"),
                format!("a sign does not exclude: write NOT {name}:{}", v.trim_start_matches(is_exclusion_sign)),
            ));
        }
        if let Some(problem) = never_matches(field, &v) {
            return Err(ParseError::new(value.offset, format!("{name}:{v} can never match"), problem));
        }
        Ok(Expr::Meta(field, v))
    }
}

/// Why `field:value` (lower case) could match no mention, as a hint; `None` when it can. Values are compared whole
/// (site: by host, url: as a substring), so a search box's wildcards and paths only make a filter that is always
/// false.
fn never_matches(field: MetaField, v: &str) -> Option<&'static str> {
    match field {
        _ if v.contains('*') => Some(match field {
            MetaField::Site => "values take no wildcards: site:acme.com already matches its subdomains",
            MetaField::Url => "values take no wildcards: url:acme matches every link that contains it",
            _ => "values take no wildcards: write the whole value",
        }),
        MetaField::Site if v.contains(['/', ' ']) => Some("site: takes a host; for a path write url:acme.com/blog"),
        MetaField::Site if v.contains(is_list_separator) => {
            Some("site: takes one host; for several write (site:a OR site:b)")
        }
        MetaField::Language if !hark_enrich::lang::is_language_tag(v) => {
            Some("language: takes an ISO 639 code such as en, de or pt-br")
        }
        _ => None,
    }
}

/// Whether a term's canonical text tokenizes back to the same term (normalisation can change how a character
/// classifies, e.g. U+0387 GREEK ANO TELEIA becomes U+00B7 MIDDLE DOT, punctuation).
fn stable(term: &Term) -> bool {
    let printed = Expr::Term(term.clone()).to_string();
    let printed = printed.trim_start_matches('{').trim_end_matches('}');
    let again = tokenize(printed, !term.case_sensitive, false, true);
    again.len() == 1 && again[0].text == term.text && term_kind(again[0].kind) == term.kind
}

fn term_kind(kind: TokenKind) -> TermKind {
    match kind {
        TokenKind::Hashtag => TermKind::Hashtag,
        TokenKind::Handle => TermKind::Handle,
        _ => TermKind::Word,
    }
}
