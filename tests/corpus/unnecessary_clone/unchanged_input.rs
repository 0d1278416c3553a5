// A function that gives back its `&str` argument unchanged on one path but
// copies it into a `String` because another path computes a new text.

pub fn normcase(s: &str) -> String {
    if cfg!(windows) {
        s.replace('/', "\\").to_lowercase()
    } else {
        s.to_owned() // expect: UNNECESSARY_CLONE
    }
}

pub fn quote(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        return String::from(word); // expect: UNNECESSARY_CLONE
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

pub fn upper(word: &str) -> String {
    word.to_uppercase() // expect-none: every path computes a new text
}

pub fn always(word: &str) -> String {
    word.to_string() // expect-none: a conversion the callers asked for, on the only path
}

pub trait Escape {
    fn escape(&self, s: &str) -> String;
}

pub struct Shell;

impl Escape for Shell {
    fn escape(&self, s: &str) -> String {
        if s.is_empty() {
            s.to_owned() // expect-none: the trait fixes the signature
        } else {
            format!("'{s}'")
        }
    }
}
