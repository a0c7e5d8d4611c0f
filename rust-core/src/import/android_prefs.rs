//! Android's SharedPreferences XML (`shared_prefs/*.xml`), the file
//! several apps keep their tokens in: `<map>` holding `<string
//! name="key">value</string>` (and `<int>`, `<boolean>`, ... elements,
//! ignored here). Only what those files contain is read: the five XML
//! entities and numeric character references, no DTD, no nesting.

/// The `<string>` entries of a preferences file, in file order, with
/// names and values unescaped. At most `max` entries; `Err` when the file
/// is not such XML or has more.
pub(crate) fn strings(text: &str, max: usize) -> Result<Vec<(String, String)>, String> {
    let body = text.trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map(|(_, rest)| rest)
            .ok_or("its XML declaration is not closed")?,
        None => body,
    };
    if !body.trim_start().starts_with("<map") {
        return Err("it has no <map> element".into());
    }
    let mut entries = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<string") {
        let after = &rest[start + "<string".len()..];
        let (tag, after_tag) = after
            .split_once('>')
            .ok_or("a <string> element is not closed")?;
        if tag.ends_with('/') {
            rest = after_tag;
            continue;
        }
        let name = attribute(tag, "name").ok_or("a <string> element has no name")?;
        let (value, after_value) = after_tag
            .split_once("</string>")
            .ok_or("a <string> element has no end tag")?;
        if entries.len() == max {
            return Err(format!("it holds more than {max} entries"));
        }
        entries.push((unescape(name)?, unescape(value)?));
        rest = after_value;
    }
    Ok(entries)
}

/// The value of attribute `name` in an element's tag text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let quote = tag[at..].chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &tag[at + 1..];
    value.find(quote).map(|end| &value[..end])
}

/// Replaces XML entities and character references.
fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (entity, after) = rest[at + 1..]
            .split_once(';')
            .ok_or("an XML entity is not closed")?;
        let c = match entity {
            "quot" => '"',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(decimal) = entity.strip_prefix('#') {
                    decimal.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .ok_or("an XML entity is not one Ward knows")?
            }
        };
        out.push(c);
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_entities() {
        let xml = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n  <int name=\"n\" value=\"1\" />\n  <string name=\"a&amp;b\">{&quot;x&quot;:&#49;}</string>\n  <string name='e' />\n</map>";
        assert_eq!(
            strings(xml, 10).unwrap(),
            vec![("a&b".to_string(), "{\"x\":1}".to_string())]
        );
        assert!(strings("<map><string name=\"a\">x", 10).is_err());
        assert!(strings("<map><string name=\"a\">&bogus;</string>", 10).is_err());
        assert!(strings("hello", 10).is_err());
        let many = format!("<map>{}</map>", "<string name=\"a\">x</string>".repeat(3));
        assert!(strings(&many, 2).is_err());
    }
}
