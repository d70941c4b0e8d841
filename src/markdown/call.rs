//! The syntax of a shortcode call's inside, `name(key=value, key="text", …)`.

use super::shortcode::{ArgValue, Shortcode};

/// Parses the inside of `{{ … }}`.
pub fn parse_shortcode(inner: &str) -> Result<Shortcode, String> {
    let s = inner.trim();
    let open = s.find('(').ok_or("expected `(` after the name")?;
    let name = s[..open].trim().to_string();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a shortcode name"));
    }
    let rest = s[open + 1..].trim_end();
    let body = rest.strip_suffix(')').ok_or("expected `)` at the end")?;
    let mut p = Args {
        chars: body.chars().collect(),
        i: 0,
    };
    let mut args: Vec<(String, ArgValue)> = Vec::new();
    loop {
        p.skip_ws();
        if p.i >= p.chars.len() {
            break;
        }
        let (key, value) = p.arg()?;
        if args.iter().any(|(k, _)| *k == key) {
            return Err(format!("`{key}` is given twice"));
        }
        args.push((key, value));
        if !p.separator()? {
            break;
        }
    }
    Ok(Shortcode { name, args })
}

/// A reader over a shortcode's arguments, `key=value, …`.
struct Args {
    chars: Vec<char>,
    i: usize,
}

impl Args {
    fn skip_ws(&mut self) {
        while self.chars.get(self.i).is_some_and(|c| c.is_whitespace()) {
            self.i += 1;
        }
    }

    /// The rest of the arguments, for messages.
    fn rest(&self) -> String {
        self.chars[self.i..].iter().collect()
    }

    /// Reads one `key=value`.
    fn arg(&mut self) -> Result<(String, ArgValue), String> {
        let key: String = self.chars[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
            .collect();
        if key.is_empty() {
            return Err(format!("expected an argument name at `{}`", self.rest()));
        }
        self.i += key.chars().count();
        self.skip_ws();
        if self.chars.get(self.i) != Some(&'=') {
            return Err(format!("expected `=` after `{key}`"));
        }
        self.i += 1;
        self.skip_ws();
        let value = match self.chars.get(self.i) {
            Some(&q @ ('"' | '\'')) => ArgValue::Str(self.quoted(q, &key)?),
            _ => ArgValue::Bare(self.bare(&key)?),
        };
        Ok((key, value))
    }

    /// Reads a text in `q` quotes (a backslash takes the next character as it is).
    fn quoted(&mut self, q: char, key: &str) -> Result<String, String> {
        self.i += 1;
        let mut v = String::new();
        loop {
            match self.chars.get(self.i) {
                None => return Err(format!("the text of `{key}` has no closing {q}")),
                Some('\\') if self.chars.get(self.i + 1).is_some() => {
                    v.push(self.chars[self.i + 1]);
                    self.i += 2;
                }
                Some(c) if *c == q => {
                    self.i += 1;
                    return Ok(v);
                }
                Some(c) => {
                    v.push(*c);
                    self.i += 1;
                }
            }
        }
    }

    /// Reads a bare value, up to a space or a comma.
    fn bare(&mut self, key: &str) -> Result<String, String> {
        let v: String = self.chars[self.i..]
            .iter()
            .take_while(|c| !c.is_whitespace() && **c != ',')
            .collect();
        if v.is_empty() {
            return Err(format!("`{key}` has no value"));
        }
        self.i += v.chars().count();
        Ok(v)
    }

    /// Reads what follows an argument: `true` after a comma, `false` at the end.
    fn separator(&mut self) -> Result<bool, String> {
        self.skip_ws();
        match self.chars.get(self.i) {
            Some(',') => {
                self.i += 1;
                Ok(true)
            }
            None => Ok(false),
            Some(c) => Err(format!("expected `,` or `)`, found `{c}`")),
        }
    }
}
