//! toml's and serde's messages about a pipeline file made to name the key, what was expected and what was found,
//! as every other check of the file does: serde says "invalid type: string \"thirty\", expected f64" and toml
//! points at a line, where the reader wants `http.timeout_secs: expected a number, found string "thirty"`.

/// What serde's `message` says was expected and, when it says, what was found: "invalid type: X, expected Y",
/// "missing field `k`", "unknown field `k`, expected one of `a`, `b`"; the message itself otherwise. `key` (its last
/// part) words a URL's error.
pub(crate) fn expected_found(message: &str, key: &str) -> (String, Option<String>) {
    let message = message.trim();
    let invalid = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "));
    if let Some((found, expected)) = invalid.and_then(|rest| rest.split_once(", expected ")) {
        let found = match found {
            "sequence" => "an array",
            "map" => "a table",
            other => other,
        };
        return (plain(expected), Some(found.to_string()));
    }
    if message.starts_with("missing field ") {
        return ("a value (the key is required)".into(), Some("nothing".into()));
    }
    if message.starts_with("unknown field ") {
        let known = message.split_once(", expected ").map_or("", |(_, keys)| keys).replace('`', "");
        let known = known.trim_start_matches("one of ");
        let expected = if known.is_empty() { "no such key".into() } else { format!("one of the keys {known}") };
        return (expected, Some("an unknown key".into()));
    }
    // The url crate's errors ("relative URL without a base", "empty host", "invalid port number").
    if key.rsplit('.').next().is_some_and(|k| k.ends_with("url")) {
        let why = message.split(':').next().unwrap_or(message);
        return (format!("an absolute URL such as \"https://forum.example.org\" ({why})"), None);
    }
    (message.to_string(), None)
}

/// serde's names of Rust types as a pipeline file's reader knows them.
fn plain(expected: &str) -> String {
    match expected {
        "f64" | "f32" => "a number".into(),
        "u64" | "u32" | "u16" | "u8" | "usize" => "a whole number, 0 or more".into(),
        "i64" | "i32" => "a whole number".into(),
        "a boolean" | "bool" => "true or false".into(),
        other => other.replace("struct ", "a table ").replace("a sequence", "an array"),
    }
}

/// The dotted key at byte `at` of a pipeline file (`http.timeout_secs`, `brand[2].query`): the key on that line,
/// under the table header before it, an array of tables (`[[brand]]`) counted from 0; or `field` (named by serde, for
/// a missing one) in the table around `at`. `None` when the line holds no key.
pub(crate) fn key_at(text: &str, at: usize, field: Option<&str>) -> Option<String> {
    let mut table: Option<String> = None;
    let mut arrays: Vec<(String, usize)> = Vec::new();
    let (mut offset, mut line_at) = (0, "");
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let name = trimmed.trim_start_matches('[').split(']').next().unwrap_or_default().trim().to_string();
            table = Some(if trimmed.starts_with("[[") {
                let n = match arrays.iter_mut().find(|(a, _)| *a == name) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        arrays.push((name.clone(), 0));
                        0
                    }
                };
                format!("{name}[{n}]")
            } else {
                name
            });
        }
        line_at = trimmed;
        offset += line.len();
        if at < offset {
            break;
        }
    }
    let key = match field {
        Some(f) => f.to_string(),
        None if line_at.starts_with('[') => return None,
        None => {
            let (key, value) = line_at.split_once('=')?;
            // An inline table or array (`http = { timeout_secs = "x" }`): the key inside it is not on record here.
            if value.trim_start().starts_with(['{', '[']) {
                return None;
            }
            key.trim().trim_matches(['"', '\'']).to_string()
        }
    };
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_under_their_table() {
        let text = "name = \"x\"\n[[brand]]\nname = \"a\"\n[[brand]]\nname = \"b\"\nquery = 3\n[http]\ntimeout_secs = \"thirty\"\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(key_at(text, at("\"x\""), None).as_deref(), Some("name"));
        assert_eq!(key_at(text, at("3"), None).as_deref(), Some("brand[1].query"));
        assert_eq!(key_at(text, at("\"a\""), None).as_deref(), Some("brand[0].name"));
        assert_eq!(key_at(text, at("\"thirty\""), None).as_deref(), Some("http.timeout_secs"));
        assert_eq!(key_at(text, at("[http]"), Some("retries")).as_deref(), Some("http.retries"));
        // An inline table's keys are not on record; a single-quoted key is the key.
        assert_eq!(key_at("http = { timeout_secs = \"x\" }\n", 10, None), None);
        assert_eq!(key_at("[http]\n'timeout_secs' = \"x\"\n", 20, None).as_deref(), Some("http.timeout_secs"));
    }

    #[test]
    fn serde_messages_say_what_was_expected() {
        let (expected, found) = expected_found("invalid type: string \"thirty\", expected f64", "http.timeout_secs");
        assert_eq!((expected.as_str(), found.as_deref()), ("a number", Some("string \"thirty\"")));
        let (expected, found) = expected_found("missing field `base_url`", "source[0].base_url");
        assert_eq!((expected.as_str(), found.as_deref()), ("a value (the key is required)", Some("nothing")));
        let (expected, _) =
            expected_found("unknown field `bogus`, expected one of `base_url`, `tags`", "source[0].bogus");
        assert_eq!(expected, "one of the keys base_url, tags");
        let (expected, _) = expected_found("relative URL without a base: \"not a url\"", "source[0].base_url");
        assert!(expected.starts_with("an absolute URL") && expected.ends_with("(relative URL without a base)"));
    }
}
