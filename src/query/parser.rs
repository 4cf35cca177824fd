//! Recursive-descent parser: lexemes into an `Expr`, with caret-precise errors.
//!
//! Hand-written rather than a parser crate: the grammar is a dozen rules, and every error needs its own column
//! and fix-it hint, which generated parsers make hard. Grammar, loosest first:
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*          adjacency is AND
//! unary   := "NOT" unary | near
//! near    := primary ("NEAR/n" primary)*    left-associative; operands positional
//! primary := word | "phrase"[~n] | {word} | {"phrase"[~n]} | "(" or ")" | field:value
//! ```

use super::ast::Expr;
use super::error::{Lint, ParseError};
use super::lexer::{lex, Lexeme, Tok};

/// A parsed expression and the warnings the parser noticed on the way.
pub(crate) struct Parsed {
    /// The expression.
    pub expr: Expr,
    /// Lexemes, for lints that look at the written form.
    pub lexemes: Vec<Lexeme>,
    /// Short wildcard stems and duplicate terms.
    pub lints: Vec<Lint>,
}

/// Parser state; the leaves (words, phrases, fields) are built in `terms.rs`.
pub(super) struct Parser {
    lexemes: Vec<Lexeme>,
    pos: usize,
    len: usize,
    /// Terms met so far (canonical text, column), for the duplicate-term lint.
    pub(super) seen: Vec<(String, usize)>,
    /// Lints met so far.
    pub(super) lints: Vec<Lint>,
    /// Inside `title:`, where a term is not a duplicate of the same term outside.
    pub(super) title_depth: usize,
    /// Open parentheses, NOTs and NEARs around the current point, bounded by [`MAX_NESTING`].
    depth: usize,
}

/// The deepest nesting accepted: deeper ASTs would risk the stack of every recursive walk over them.
pub(crate) const MAX_NESTING: usize = 100;

/// Parses query text.
pub(crate) fn parse(text: &str) -> Result<Parsed, ParseError> {
    let lexemes = lex(text)?;
    let len = text.chars().count();
    if lexemes.is_empty() {
        return Err(ParseError::new(0, "empty query", "write at least one word, e.g. acme OR \"acme corp\""));
    }
    let mut p = Parser { lexemes, pos: 0, len, seen: Vec::new(), lints: Vec::new(), title_depth: 0, depth: 0 };
    let expr = p.or()?;
    if let Some(l) = p.peek() {
        return Err(ParseError::new(l.offset, "unbalanced ')'", "remove it, or add a matching '(' before it"));
    }
    let Parser { lexemes, lints, .. } = p;
    Ok(Parsed { expr, lexemes, lints })
}

impl Parser {
    pub(super) fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.pos)
    }

    fn peek_tok(&self) -> Option<&Tok> {
        self.peek().map(|l| &l.tok)
    }

    pub(super) fn next(&mut self) -> Option<Lexeme> {
        let l = self.lexemes.get(self.pos).cloned();
        self.pos += 1;
        l
    }

    /// Consumes a binary operator and checks a term follows it.
    fn operator(&mut self, name: &str) -> Result<(), ParseError> {
        let offset = self.next().map_or(self.len, |l| l.offset);
        if Tok::starts_operand(self.peek_tok()) {
            return Ok(());
        }
        Err(ParseError::new(
            offset,
            format!("{name} must be followed by a term"),
            format!("remove {name}, or add a term after it"),
        ))
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut items = vec![self.and()?];
        while self.peek_tok() == Some(&Tok::Or) {
            self.operator("OR")?;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Expr::Or(items) })
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut items = vec![self.unary()?];
        loop {
            if self.peek_tok() == Some(&Tok::And) {
                self.operator("AND")?;
            } else if !Tok::starts_operand(self.peek_tok()) {
                break;
            }
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Expr::And(items) })
    }

    /// Counts one more level of nesting at `offset`.
    fn deeper(&mut self, offset: usize) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            let message = format!("the query nests more than {MAX_NESTING} levels deep");
            return Err(ParseError::new(offset, message, "split it into simpler queries"));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if let Some(l) = self.peek().filter(|l| l.tok == Tok::Not) {
            let offset = l.offset;
            self.operator("NOT")?;
            self.deeper(offset)?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.near()
    }

    fn near(&mut self) -> Result<Expr, ParseError> {
        let left_offset = self.peek().map_or(self.len, |l| l.offset);
        let depth = self.depth;
        let (seen, lints) = (self.seen.len(), self.lints.len());
        let mut left = self.primary()?;
        while let Some(&Tok::Near { distance, ordered }) = self.peek_tok() {
            let offset = self.peek().map_or(self.len, |l| l.offset);
            self.pos += 1;
            positional(&left, left_offset)?;
            let right_offset = match self.peek() {
                Some(l) if matches!(l.tok, Tok::Word(_) | Tok::Quoted { .. } | Tok::Case(_) | Tok::LParen) => l.offset,
                _ => {
                    let hint = "write a NEAR b, where a and b are words, \"phrases\" or (OR-groups) of them";
                    return Err(ParseError::new(offset, "NEAR must be followed by a word, phrase or group", hint));
                }
            };
            let right = self.primary()?;
            positional(&right, right_offset)?;
            left = Expr::Near { left: Box::new(left), right: Box::new(right), distance, ordered };
            self.deeper(offset)?;
        }
        if matches!(left, Expr::Near { .. }) {
            // NEAR operands name terms on purpose (`acme OR (acme NEAR/4 rocket)`: the NEAR branch can bring back what
            // a NOT took from the first): their terms are neither duplicates nor duplicated.
            self.seen.truncate(seen);
            let tail = self.lints.split_off(lints);
            self.lints.extend(tail.into_iter().filter(|l| !l.message.starts_with("duplicate term")));
        }
        self.depth = depth;
        Ok(left)
    }

    pub(super) fn primary(&mut self) -> Result<Expr, ParseError> {
        let Some(l) = self.next() else {
            return Err(ParseError::new(self.len, "the query ends where a term was expected", "add a term"));
        };
        match l.tok {
            Tok::Word(w) => self.words(&w, l.offset, false, None),
            Tok::Quoted { text, slop } => self.words(&text, l.offset + 1, false, Some(slop)),
            Tok::Case(inner) => match inner.tok {
                Tok::Word(w) => self.words(&w, inner.offset, true, None),
                Tok::Quoted { text, slop } => self.words(&text, inner.offset + 1, true, Some(slop)),
                _ => Err(ParseError::new(l.offset, "'{…}' holds one word or phrase", "write {Acme}")),
            },
            Tok::LParen => {
                if self.peek_tok() == Some(&Tok::RParen) {
                    return Err(ParseError::new(l.offset, "empty parentheses", "put terms inside or remove them"));
                }
                self.deeper(l.offset)?;
                let e = self.or()?;
                if self.next().map(|c| c.tok) != Some(Tok::RParen) {
                    return Err(ParseError::new(l.offset, "unclosed '('", "add a matching ')'"));
                }
                self.depth -= 1;
                Ok(e)
            }
            Tok::Field(field) => self.field(field, l.offset, l.end),
            Tok::RParen => {
                Err(ParseError::new(l.offset, "unbalanced ')'", "remove it, or add a matching '(' before it"))
            }
            Tok::And | Tok::Or => {
                let name = if l.tok == Tok::And { "AND" } else { "OR" };
                Err(ParseError::new(l.offset, format!("{name} needs a term before it"), format!("remove {name}")))
            }
            Tok::Near { .. } => Err(ParseError::new(l.offset, "NEAR needs a term before it", "write a NEAR/3 b")),
            Tok::Not | Tok::Value(_) => Err(ParseError::new(l.offset, "a term was expected here", "add a term")),
        }
    }
}

/// Checks a NEAR operand has word positions.
fn positional(e: &Expr, offset: usize) -> Result<(), ParseError> {
    if e.is_positional() {
        return Ok(());
    }
    let hint = "NEAR works on words, \"phrases\" and (OR-groups) of them; move AND, NOT and fields outside it";
    Err(ParseError::new(offset, "this cannot be an operand of NEAR", hint))
}
