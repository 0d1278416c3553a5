// Copies made for a callee of the same file that only reads them, and
// helpers that return a copy of their borrowed argument.

const MAX: usize = 64;

fn truncate(s: String) -> String {
    s.char_indices().take_while(|(i, _)| i + 4 < MAX).map(|(_, c)| c).collect()
}

pub fn keys(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| truncate(n.clone())) // expect: UNNECESSARY_CLONE
        .collect()
}

fn remember(s: String, into: &mut Vec<String>) {
    into.push(s);
}

pub fn keep_all(names: &[String], into: &mut Vec<String>) {
    for n in names {
        remember(n.clone(), into); // expect-none: the callee keeps its parameter
    }
}

fn shout(mut s: String) -> String {
    s.make_ascii_uppercase();
    s
}

pub fn shout_all(names: &[String]) -> Vec<String> {
    names.iter().map(|n| shout(n.clone())).collect() // expect-none: the callee mutates and returns its parameter
}

pub enum Comment {
    Line,
    Block,
}

fn last_line(comment: &Comment, raw: &str) -> String { // expect: UNNECESSARY_CLONE
    if matches!(comment, Comment::Line) {
        return String::from(raw);
    }
    String::from(raw.lines().last().unwrap_or(raw))
}

pub fn ignored(comment: Comment, raw: &str) -> bool {
    let line = last_line(&comment, raw);
    line.trim_start_matches('/').starts_with("@ignore")
}

fn labelled(prefix: &str, raw: &str) -> String {
    if raw.is_empty() {
        return prefix.to_string(); // expect-none: two borrowed inputs, the result could come from either
    }
    raw.trim().to_string()
}

fn owned(raw: &str) -> String {
    raw.to_owned() // expect-none: the whole argument as a `String`, a conversion the callers asked for
}

fn greeting(name: &str) -> String {
    if name.is_empty() {
        return String::from("hello"); // expect-none: a literal, not a copy of the argument
    }
    format!("hello {name}")
}

pub fn uses(raw: &str) -> usize {
    labelled("x", raw).len() + greeting(raw).len() + owned(raw).len()
}
