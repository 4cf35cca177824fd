//! Query text into lexemes (operators, words, quoted phrases, `{case}` groups, fields), each with its char column.

use hark_enrich::tokenize::fullwidth_ascii;

use super::ast::MetaField;
use super::error::ParseError;

/// The largest `NEAR/n` or `~n` distance accepted.
pub const MAX_DISTANCE: u32 = 1000;

/// What a lexeme is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// `AND`.
    And,
    /// `OR`.
    Or,
    /// `NOT`.
    Not,
    /// `NEAR/n` or `NEAR/nf`.
    Near { distance: u32, ordered: bool },
    /// A bare word as written (may still split into several words).
    Word(String),
    /// `"..."` with an optional `~n`; `text` starts one column after the lexeme.
    Quoted { text: String, slop: Option<u32> },
    /// `{word}` or `{"phrase"}`: the inner lexeme, case-sensitive.
    Case(Box<Lexeme>),
    /// `name:`, aliases resolved; its value is the next lexeme, which must start at `end`.
    Field(FieldName),
    /// The raw value glued to a metadata field (`site:acme.com`).
    Value(String),
}

impl Tok {
    /// Whether an operand (term, phrase, group, field, `NOT`) can begin with this token.
    pub(crate) fn starts_operand(tok: Option<&Tok>) -> bool {
        matches!(tok, Some(Tok::Word(_) | Tok::Quoted { .. } | Tok::Case(_) | Tok::LParen | Tok::Field(_) | Tok::Not))
    }

    /// Whether an operand can end with this token.
    pub(crate) fn ends_operand(tok: Option<&Tok>) -> bool {
        matches!(tok, Some(Tok::Word(_) | Tok::Quoted { .. } | Tok::Case(_) | Tok::RParen | Tok::Value(_)))
    }
}

/// A lexeme and the char columns it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lexeme {
    /// What it is.
    pub tok: Tok,
    /// First column.
    pub offset: usize,
    /// Column just past it.
    pub end: usize,
}

/// Field names as written, aliases included, and what they read.
const FIELDS: [(&str, FieldName); 8] = [
    ("site", FieldName::Meta(MetaField::Site)),
    ("url", FieldName::Meta(MetaField::Url)),
    ("author", FieldName::Meta(MetaField::Author)),
    ("source", FieldName::Meta(MetaField::Source)),
    ("language", FieldName::Meta(MetaField::Language)),
    ("lang", FieldName::Meta(MetaField::Language)),
    ("title", FieldName::Title),
    ("domain", FieldName::Meta(MetaField::Site)),
];

/// What a `name:` before a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldName {
    /// `title:`: its value is a sub-query, matched on the title alone.
    Title,
    /// A metadata field: its value is one literal.
    Meta(MetaField),
}

impl FieldName {
    /// The canonical name, as messages write it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            FieldName::Title => "title",
            FieldName::Meta(m) => m.name(),
        }
    }
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '{' | '}')
}

/// Splits query text into lexemes.
pub(crate) fn lex(text: &str) -> Result<Vec<Lexeme>, ParseError> {
    // Curly and guillemet quotes, as word processors and mail clients type them, are quotes: “acme corp” pasted
    // from a brief is a phrase, not `acme AND corp`. One char for one, so offsets stay the user's.
    let chars: Vec<char> =
        text.chars().map(|c| if matches!(c, '“' | '”' | '„' | '‟' | '«' | '»') { '"' } else { c }).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let tok = match c {
            _ if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            '}' => return Err(ParseError::new(i, "unexpected '}'", "remove it, or open the group with '{'")),
            '"' => quoted(&chars, &mut i)?,
            '{' => {
                i += 1;
                while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
                let inner_start = i;
                let inner = match chars.get(i) {
                    Some('"') => quoted(&chars, &mut i)?,
                    _ => {
                        let word: String = chars[i..].iter().take_while(|c| !is_break(**c)).collect();
                        i += word.chars().count();
                        if word.is_empty() {
                            return Err(ParseError::new(
                                start,
                                "empty '{}'",
                                "write one word or phrase inside: {Acme}",
                            ));
                        }
                        Tok::Word(word)
                    }
                };
                let inner = Lexeme { tok: inner, offset: inner_start, end: i };
                while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
                if chars.get(i) != Some(&'}') {
                    return Err(ParseError::new(
                        start,
                        "unclosed '{'",
                        "'{…}' holds one word or one \"quoted phrase\": {Acme} or {\"Acme Corp\"}",
                    ));
                }
                i += 1;
                Tok::Case(Box::new(inner))
            }
            _ => {
                let word: String = chars[i..].iter().take_while(|c| !is_break(**c)).collect();
                i += word.chars().count();
                let mut sign = word.chars();
                let lone_sign = matches!((sign.next(), sign.next()), (Some(c), None) if is_minus(c) || c == '!');
                if lone_sign && chars.get(i) == Some(&'"') {
                    return Err(ParseError::new(
                        start,
                        format!("'{word}' does not exclude a phrase"),
                        "write NOT \"…\"",
                    ));
                }
                out.extend(bare(&word, start, i)?);
                continue;
            }
        };
        out.push(Lexeme { tok, offset: start, end: i });
    }
    Ok(out)
}

/// Lexes `"..."` and an optional `~n` starting at `chars[*i] == '"'`.
fn quoted(chars: &[char], i: &mut usize) -> Result<Tok, ParseError> {
    let start = *i;
    let close = chars[start + 1..]
        .iter()
        .position(|&c| c == '"')
        .ok_or_else(|| ParseError::new(start, "unclosed quote", "add a closing '\"' at the end of the phrase"))?;
    let text: String = chars[start + 1..start + 1 + close].iter().collect();
    *i = start + close + 2;
    let mut slop = None;
    if chars.get(*i) == Some(&'~') {
        let digits: String = chars[*i + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
        let n = digits.parse::<u32>().ok().filter(|n| *n <= MAX_DISTANCE).ok_or_else(|| {
            ParseError::new(*i, "'~' needs a number of words", format!("write \"a b\"~3 (0 to {MAX_DISTANCE})"))
        })?;
        *i += 1 + digits.len();
        slop = Some(n);
    }
    if chars.get(*i).is_some_and(|c| !is_break(*c)) {
        return Err(ParseError::new(
            *i,
            "missing space after the closing quote",
            "put a space between the phrase and the next term",
        ));
    }
    Ok(Tok::Quoted { text, slop })
}

/// Classifies a bare run of characters spanning `start..end`: operator, field (and its value), or word.
fn bare(word: &str, start: usize, end: usize) -> Result<Vec<Lexeme>, ParseError> {
    let one = |tok| Ok(vec![Lexeme { tok, offset: start, end }]);
    match word {
        "AND" => return one(Tok::And),
        "OR" => return one(Tok::Or),
        "NOT" => return one(Tok::Not),
        "&&" | "&" => return Err(ParseError::new(start, format!("'{word}' is not an operator"), "write AND")),
        "||" | "|" => return Err(ParseError::new(start, format!("'{word}' is not an operator"), "write OR")),
        "!" => return Err(ParseError::new(start, "'!' is not an operator", "write NOT")),
        _ => {}
    }
    if let Some(rest) = word.strip_prefix("NEAR") {
        let near_hint = "write NEAR/3 (within 3 words, any order) or NEAR/3f (first term before the second)";
        let spec = rest.strip_prefix('/');
        let (digits, ordered) = match spec {
            Some(s) => s.strip_suffix('f').map_or((s, false), |d| (d, true)),
            None if rest.is_empty() => return Err(ParseError::new(start, "NEAR needs a distance", near_hint)),
            None => ("", false),
        };
        if spec.is_some() {
            let distance = digits.parse::<u32>().ok().filter(|n| *n <= MAX_DISTANCE && !digits.starts_with('+'));
            return match distance {
                Some(distance) => one(Tok::Near { distance, ordered }),
                None => Err(ParseError::new(start, format!("bad NEAR distance in '{word}'"), near_hint)),
            };
        }
    }
    if let Some((name, value)) = word.split_once(':') {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) {
            let lower = name.to_ascii_lowercase();
            let Some(&(_, field)) = FIELDS.iter().find(|(n, _)| *n == lower) else {
                let hint = if lower.starts_with("http") {
                    "to match links write url:acme.com/path or site:acme.com".to_owned()
                } else {
                    format!(
                        "fields are site: url: author: source: language: title:; to search the text write \"{word}\""
                    )
                };
                return Err(ParseError {
                    offset: start,
                    message: format!("unknown field '{name}:'"),
                    hint: Some(hint),
                });
            };
            let value_start = start + name.chars().count() + 1;
            // Only title: words are tokenized (and lose a sign); other values are compared as written.
            if field == FieldName::Title {
                not_an_exclusion(value, value_start)?;
            }
            let mut out = vec![Lexeme { tok: Tok::Field(field), offset: start, end: value_start }];
            if !value.is_empty() {
                let tok = match field {
                    FieldName::Title => Tok::Word(value.to_owned()),
                    FieldName::Meta(_) => Tok::Value(value.to_owned()),
                };
                out.push(Lexeme { tok, offset: value_start, end });
            }
            return Ok(out);
        }
    }
    not_an_exclusion(word, start)?;
    one(Tok::Word(word.to_owned()))
}

/// Refuses the habits of other search boxes that would silently turn an exclusion into an inclusion (the
/// tokenizer drops the sign): `-cheap`, `-#cheap`, `-@troll`, `!cheap`, also as a field's value (`title:-cheap`),
/// and `~n` after anything but a quoted phrase. `word` starts at column `start`.
fn not_an_exclusion(word: &str, start: usize) -> Result<(), ParseError> {
    if let Some(pos) = word.find('~') {
        let col = start + word[..pos].chars().count();
        return Err(ParseError::new(col, "'~n' only follows a quoted phrase", "write \"acme corp\"~3"));
    }
    let mut chars = word.chars();
    let (sign, next) = (chars.next(), chars.next().map(ascii_form));
    let negates = next.is_some_and(|c| c.is_alphanumeric() || c == '#' || c == '@');
    let rest = || &word[sign.map_or(0, char::len_utf8)..];
    match sign {
        Some(c) if is_minus(c) && negates => {
            Err(ParseError::new(start, format!("'{c}' does not exclude words"), format!("write NOT {}", rest())))
        }
        Some(c) if ascii_form(c) == '!' && negates => {
            Err(ParseError::new(start, format!("'{c}' is not an operator"), format!("write NOT {}", rest())))
        }
        _ => not_a_list(word, start),
    }
}

/// `c` as ASCII when it is a full-width form (`－`, `！`, `，`, `｜`, as CJK keyboards type them), else itself.
fn ascii_form(c: char) -> char {
    fullwidth_ascii(c).unwrap_or(c)
}

/// Whether `c` is a minus as other search boxes use it: `-`, and the dashes and minus signs a word processor or a
/// CJK keyboard puts in its place (pasted from a brief, the same habit).
fn is_minus(c: char) -> bool {
    matches!(ascii_form(c), '-' | '\u{2010}'..='\u{2014}' | '\u{2212}' | '\u{fe63}')
}

/// Whether `c` is a sign other search boxes exclude with: a minus ([`is_minus`]) or `!` (full-width too).
pub(super) fn is_exclusion_sign(c: char) -> bool {
    is_minus(c) || ascii_form(c) == '!'
}

/// Whether `c` separates the entries of a keyword list: a comma or a bar (full-width too), or the ideographic
/// comma (`索尼、佳能`).
pub(super) fn is_list_separator(c: char) -> bool {
    matches!(ascii_form(c), ',' | '|' | '\u{3001}')
}

/// Refuses a keyword list's separators inside a bare word: `acme, globex` would search for both words and
/// `acme,globex` or `acme|globex` for the phrase "acme globex", where the list meant either. A comma between
/// digits (`1,000`) is a number's.
fn not_a_list(word: &str, start: usize) -> Result<(), ParseError> {
    let chars: Vec<char> = word.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let digits_around =
            i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        // Full-width and ideographic forms too, as CJK keyboards type them (`索尼，佳能`, `索尼、佳能`).
        let list = is_list_separator(*c) && !(ascii_form(*c) == ',' && digits_around);
        if list {
            return Err(ParseError::new(
                start + i,
                format!("'{c}' does not separate alternatives"),
                "write OR between alternatives (acme OR globex), or quote a name that has it (\"acme, inc\")",
            ));
        }
    }
    Ok(())
}
