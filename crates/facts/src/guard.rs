//! A byte-level pre-check that refuses sources whose syntax tree would be
//! pathologically deep (thousands of nested brackets, or a single expression
//! with tens of thousands of binary operators). syn and the detectors recurse
//! over the tree; such inputs could exhaust even a large worker stack, and a
//! stack overflow aborts the whole process rather than unwinding.
//!
//! This module must NOT try to understand Rust: it skips comments and string
//! literals well enough to keep the counts honest and nothing more.

/// Bracket nesting beyond this is refused. Real code rarely exceeds 40.
pub const MAX_NESTING: u32 = 400;
/// Binary operators in one bracket level without a `,` `;` `{` `}` between
/// them; a longer chain nests the tree that deep.
pub const MAX_OPERATOR_CHAIN: u32 = 20_000;

/// `Some(reason)` when the source must be skipped.
pub fn too_complex(source: &str) -> Option<String> {
    let b = source.as_bytes();
    let mut depth: u32 = 0;
    let mut max_depth: u32 = 0;
    // Operator count per open bracket level; the vector's length is the depth.
    let mut chain: Vec<u32> = vec![0];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Most bytes (identifiers, spaces, digits) count for nothing: one
        // table look-up each instead of the match below.
        if !SPECIAL[usize::from(c)] {
            i += 1;
            continue;
        }
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1u32;
                i += 2;
                while i < b.len() && nest > 0 {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'"' => {
                i = skip_string(b, i + 1, 0);
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'#') | Some(b'"'))
                && (i == 0 || !is_ident_byte(b[i - 1])) =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) == Some(&b'"') {
                    i = skip_string(b, j + 1, hashes);
                    continue;
                }
            }
            b'\'' => {
                // A char literal ('a', '\n', '\u{..}') rather than a lifetime.
                if b.get(i + 1) == Some(&b'\\') {
                    let mut j = i + 2;
                    while j < b.len() && b[j] != b'\'' && j < i + 12 {
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
                if let Some(ch) = source.get(i + 1..).and_then(|s| s.chars().next()) {
                    let w = ch.len_utf8();
                    if b.get(i + 1 + w) == Some(&b'\'') {
                        i += 2 + w;
                        continue;
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                max_depth = max_depth.max(depth);
                if depth > MAX_NESTING {
                    return Some(format!(
                        "brackets nest more than {MAX_NESTING} levels deep; skipped to protect the run"
                    ));
                }
                chain.push(0);
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if chain.len() > 1 {
                    chain.pop();
                }
                if c == b'}' {
                    if let Some(last) = chain.last_mut() {
                        *last = 0;
                    }
                }
            }
            b',' | b';' => {
                if let Some(last) = chain.last_mut() {
                    *last = 0;
                }
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'^' | b'|' | b'&' | b'<' | b'>' => {
                if let Some(last) = chain.last_mut() {
                    *last += 1;
                    if *last > MAX_OPERATOR_CHAIN {
                        return Some(format!(
                            "one expression chains more than {MAX_OPERATOR_CHAIN} operators; skipped to protect the run"
                        ));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The bytes the loop of [`too_complex`] acts on; every other byte is
/// skipped.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"/\"r'([{)]},;+-*%^|&<>";
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Index just past the closing quote of a string starting at `i`.
fn skip_string(b: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < b.len() {
        // Only a quote (and, without hashes, a backslash) can end the loop's
        // steps below: jump to the next one.
        let next = if hashes == 0 {
            memchr::memchr2(b'\\', b'"', &b[i..])
        } else {
            memchr::memchr(b'"', &b[i..])
        };
        let Some(n) = next else {
            return b.len();
        };
        i += n;
        if hashes == 0 && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'"' {
            let end = i + 1 + hashes;
            if end <= b.len() && b[i + 1..end].iter().all(|&h| h == b'#') {
                return end;
            }
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, refused: bool) {
        assert_eq!(too_complex(src).is_some(), refused, "source: {:.60}", src);
    }

    #[test]
    fn ordinary_code_passes() {
        check("fn f() { let x = (1 + 2) * [3][0]; }", false);
        check(
            "fn f() { let s = \"(((((\"; let c = '('; let r = r#\"[[[\"#; }",
            false,
        );
        check("// ((((((\nfn f<'a>(x: &'a str) {}", false);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!(
            "fn f() {{ let x = {}1{}; }}",
            "(".repeat(5000),
            ")".repeat(5000)
        );
        check(&deep, true);
        let long = format!("fn f() {{ let x = {}a; }}", "a+".repeat(100_000));
        check(&long, true);
    }

    #[test]
    fn long_flat_lists_pass() {
        let table = format!("const T: &[u32] = &[{}];", "1, ".repeat(100_000));
        check(&table, false);
    }
}
