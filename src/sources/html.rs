//! Turning the HTML snippets APIs send (comments, bodies, feed descriptions) into plain text.
//!
//! Written by hand: the inputs are short API snippets, not documents, and a full HTML5 parser
//! (html5ever and friends) would add minutes of build for no better result here.

/// Strips tags, turns block breaks into newlines and decodes entities.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let starts_tag = rest[lt + 1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let gt = rest[lt..].find('>').filter(|_| starts_tag);
        let Some(gt) = gt else {
            // A '<' that opens no tag is text.
            out.push('<');
            rest = &rest[lt + 1..];
            continue;
        };
        let tag = rest[lt + 1..lt + gt].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if matches!(name.as_str(), "p" | "br" | "div" | "li" | "pre" | "blockquote" | "h1" | "h2" | "h3")
            && !out.ends_with('\n')
            && !out.is_empty()
        {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(&decode_entities(rest));
    out.trim().to_string()
}

/// Decodes named and numeric character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(&after[..i]).map(|c| (c, i)));
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_and_decodes() {
        assert_eq!(to_text("<p>Hello &amp; <b>welcome</b></p><p>can&#39;t &#x1F680;</p>"), "Hello & welcome\ncan't 🚀");
        assert_eq!(to_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(decode_entities("AT&T &bogus; &amp"), "AT&T &bogus; &amp");
        assert_eq!(to_text("x<br>y"), "x\ny");
    }
}
