//! Parse errors and lint warnings, both pointing at a character column of the query.

use std::fmt;

/// Why a query did not parse: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {}: {message}", offset + 1)]
pub struct ParseError {
    /// Character column (0-based) the error points at.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is an obvious way.
    pub hint: Option<String>,
}

impl ParseError {
    /// An error at `offset` with a hint.
    pub(crate) fn new(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> ParseError {
        ParseError { offset, message: message.into(), hint: Some(hint.into()) }
    }

    /// The query, a caret under the offending column, the error and the hint, one per line.
    pub fn render(&self, query: &str) -> String {
        let shown: String = query.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        // The caret goes under the column's display position: CJK takes two columns, combining marks none.
        let before: String = shown.chars().take(self.offset).collect();
        let caret = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
        let mut out = format!("{shown}\n{caret}^\nerror: {}", self.message);
        if let Some(hint) = &self.hint {
            out.push_str("\nhint: ");
            out.push_str(hint);
        }
        out
    }
}

/// A warning about a query that parses but probably does not mean what its author meant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Lint {
    /// Character column (0-based) the warning points at.
    pub offset: usize,
    /// What looks wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.offset + 1, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_puts_caret_under_column() {
        let e = ParseError::new(5, "unclosed quote", "add a closing \"");
        assert_eq!(e.render("acme \"big"), "acme \"big\n     ^\nerror: unclosed quote\nhint: add a closing \"");
        // Wide and combining characters: the caret stands under the column as a terminal shows it.
        let e = ParseError::new(3, "x", "y");
        assert!(e.render("索尼 NEAR x").starts_with("索尼 NEAR x\n     ^"), "{}", e.render("索尼 NEAR x"));
        let e = ParseError::new(6, "x", "y");
        assert!(e.render("cafe\u{301} NEAR x").starts_with("cafe\u{301} NEAR x\n     ^"));
    }

    #[test]
    fn render_without_hint_and_past_end() {
        let e = ParseError { offset: 99, message: "x".into(), hint: None };
        assert_eq!(e.render("ab\tc"), "ab c\n    ^\nerror: x");
        assert_eq!(e.to_string(), "column 100: x");
    }

    #[test]
    fn lint_display() {
        let l = Lint { offset: 0, message: "m".into() };
        assert_eq!(l.to_string(), "column 1: m");
    }
}
