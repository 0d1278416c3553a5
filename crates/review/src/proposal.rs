//! What a finding's proposal costs: its effort (from the size of the proposed
//! code and its prerequisites) and whether it changes an API. Shared by the
//! Validator (complexity check) and the Coordinator (quick-win ranking), so
//! both judge effort the same way. This module reads only the finding's text;
//! it must NOT read files or look at the code under audit.

use memaudit_model::{Category, Finding, Level};

/// Words that say a proposal changes a signature or a type others use.
const API_WORDS: &[&str] = &[
    "api",
    "signature",
    "callers",
    "call sites",
    "breaking change",
    "public interface",
    "lifetime parameter",
];

/// Lines of real code in the proposal (blank lines, comments and fences skipped).
pub(crate) fn proposal_lines(finding: &Finding) -> usize {
    finding
        .proposal
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("```"))
        .count()
}

/// Why the proposal needs an API change, if it does: a word in the proposal,
/// prerequisites or trade-offs ("requires modifying Message API").
pub(crate) fn api_change(finding: &Finding) -> Option<String> {
    // Only the proposal's prose speaks of an API: in its code the words are
    // names (`signature`, `callers`), which a move or a borrow keeps.
    let prose: String = finding
        .proposal
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("//")
                .or_else(|| l.split_once(" //").map(|(_, c)| c))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let texts = std::iter::once(("proposal", prose.as_str()))
        .chain(
            finding
                .prerequisites
                .iter()
                .map(|p| ("prerequisite", p.as_str())),
        )
        .chain(
            finding
                .tradeoffs
                .cons
                .iter()
                .map(|c| ("trade-off", c.as_str())),
        );
    for (what, text) in texts {
        let lower = text.to_lowercase();
        for word in API_WORDS {
            let hit = lower
                .match_indices(word)
                .any(|(i, _)| word_boundary(&lower, i, word.len()));
            if hit {
                let said = if what == "proposal" {
                    finding.proposal.trim()
                } else {
                    text.trim()
                };
                return Some(format!("{what} says \"{said}\""));
            }
        }
    }
    None
}

fn word_boundary(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !is_word(before) && !is_word(after)
}

/// Effort to implement a finding's proposal.
///
/// Points: proposal size (≤ 3 lines 0, ≤ 12 lines 1, more 2) + one per
/// prerequisite (at most 2) + 2 when the proposal changes an API. 0–1 points
/// is Low, 2–3 Medium, 4 or more High.
pub fn effort(finding: &Finding) -> Level {
    let size = match proposal_lines(finding) {
        0..=3 => 0,
        4..=12 => 1,
        _ => 2,
    };
    let prereqs = finding.prerequisites.len().min(2);
    let api = if api_change(finding).is_some() { 2 } else { 0 };
    match size + prereqs + api {
        0..=1 => Level::Low,
        2..=3 => Level::Medium,
        _ => Level::High,
    }
}

/// One line saying how [`effort`] was reached.
pub(crate) fn effort_evidence(finding: &Finding) -> String {
    let mut parts = vec![format!("proposal of {} line(s)", proposal_lines(finding))];
    parts.push(format!("{} prerequisite(s)", finding.prerequisites.len()));
    if let Some(api) = api_change(finding) {
        parts.push(format!("an API change ({api})"));
    }
    format!("effort {} ({})", effort(finding), parts.join(", "))
}

/// Effort as a cost: Low 1, Medium 2, High 3 (the inverse of
/// [`Level::weight`], which ranks High first).
pub(crate) fn effort_cost(effort: Level) -> u32 {
    match effort {
        Level::Low => 1,
        Level::Medium => 2,
        Level::High => 3,
    }
}

/// What a proposal proposes, read from its text: the Validator checks each
/// shape against what the code does with the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One buffer made once above the loop and cleared per iteration.
    Reuse,
    /// A borrow (`&x`) in place of a copy.
    Borrow,
    /// Moving the original in place of a copy.
    Move,
    /// `with_capacity` for a buffer that grows.
    Presize,
    /// The collected `Vec` dropped: its iterator walked, counted or read
    /// where the `Vec` was (`let v = it;` / `it.count()` / `it.next()`, then
    /// a `// then …` note saying where).
    IterOnly,
    /// The data kept inline: an array, a `&str` literal, a value on the stack.
    Inline,
    /// An arena for values that live together.
    Arena,
    /// The finished value kept, its spare capacity given back
    /// (`v.shrink_to_fit()`): the premise is that the value is kept.
    Shrink,
    /// Other code.
    Other,
}

impl Shape {
    pub(crate) fn words(self) -> &'static str {
        match self {
            Shape::Reuse => "one reused buffer",
            Shape::Borrow => "a borrow",
            Shape::Move => "a move of the original",
            Shape::Presize => "pre-sizing",
            Shape::IterOnly => "the iterator in place of the collected `Vec`",
            Shape::Inline => "inline data",
            Shape::Arena => "an arena",
            Shape::Shrink => "giving back the spare capacity",
            Shape::Other => "the proposed change",
        }
    }
}

/// The proposal's lines of code: comments, fences and blank lines dropped,
/// a trailing `// comment` cut.
fn code_lines(proposal: &str) -> Vec<&str> {
    proposal
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("```"))
        .map(|l| match l.find(" //") {
            Some(i) if !l[..i].contains('"') => l[..i].trim_end(),
            _ => l,
        })
        .collect()
}

/// What the proposal proposes (see [`Shape`]).
pub(crate) fn shape(finding: &Finding) -> Shape {
    let p = finding.proposal.as_str();
    let code = code_lines(p);
    let first = code.first().copied().unwrap_or("");
    let lower = p.to_lowercase();
    if !code.is_empty()
        && code
            .iter()
            .all(|l| l.ends_with(".shrink_to_fit();") || l.ends_with(".shrink_to_fit()"))
    {
        Shape::Shrink
    } else if p.contains("with_capacity(") && first.starts_with("let mut ") && code.len() == 1 {
        Shape::Presize
    } else if lower.contains("once, before the loop") && p.contains(".clear()") {
        Shape::Reuse
    } else if first.starts_with("let ")
        && !p.contains(".clear()")
        && !first.contains(" = &")
        && p.lines().any(|l| l.trim_start().starts_with("// then "))
    {
        Shape::IterOnly
    } else if (lower.contains("bumpalo") || lower.contains("arena")) && !code.is_empty() {
        Shape::Arena
    } else if lower.starts_with("// move the value") {
        Shape::Move
    } else if lower.starts_with("// lend the original")
        || lower.starts_with("// borrow instead")
        || (first.starts_with("let ") && first.contains("= &"))
        || (code.len() == 1 && first.starts_with('&'))
    {
        Shape::Borrow
    } else if first.starts_with("let ") && (first.contains(": &str = \"") || first.contains("= ["))
    {
        Shape::Inline
    } else {
        Shape::Other
    }
}

/// Why the proposal is a sketch rather than code for its finding, if it is:
/// it has no line of code at all, only advice ("consider interning repeated
/// strings, a `Cow` or one arena per batch"). Such a finding is kept as a
/// LOW note: it is never approved, ranked or counted as a finding. (A
/// proposal with an [`Edit`](memaudit_model::Edit) is code. A
/// template with a placeholder for this code's own expression, such as
/// `buf.extend(/* the same iterator */)`, is a mechanical change a reader
/// completes, and is judged as code.)
pub fn sketch(finding: &Finding) -> Option<String> {
    // An edit is the proposal as code, whatever the text says.
    if finding.edit.is_some() || !code_lines(&finding.proposal).is_empty() {
        return None;
    }
    let first = finding
        .proposal
        .lines()
        .map(|l| l.trim().trim_start_matches('/').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    Some(if first.is_empty() {
        "the proposal is empty".to_owned()
    } else {
        format!("the proposal has no code, only advice: \"{first}\"")
    })
}

/// Why the proposal is advice rather than a change for this code, if it
/// is one that is code: it only gives back a finished list's spare
/// capacity (`v.shrink_to_fit()`). That pays only for lists kept long and
/// in numbers (a syntax tree held for a session), which the function that
/// builds the list cannot show; for a list its caller uses and drops it
/// costs a copy. Such a finding is a LOW note, like a sketch.
pub fn capacity_trim(finding: &Finding) -> Option<String> {
    (shape(finding) == Shape::Shrink).then(|| {
        "the proposal only gives back a finished list's spare capacity, which pays only for \
         lists kept long and in numbers"
            .to_owned()
    })
}

/// Why the proposal is a small layout change rather than a saving to rank,
/// if it is one: it only swaps a shared buffer for a shared slice
/// (`Arc<[T]>`, `Rc<str>`, `Arc<Path>`, `Rc<OsStr>` for `Arc<Vec<T>>`,
/// `Rc<String>`, …). That saves one small block per value shared and one
/// pointer hop per read, and building the slice from a finished buffer
/// copies it once; what it is worth depends on how many values are built
/// and read, which a type cannot show. Such a finding is a LOW note, like a
/// sketch: kept with its verdict, never ranked or counted.
pub fn shared_slice(finding: &Finding) -> Option<String> {
    if finding.category != Category::HeapAvoidable {
        return None;
    }
    let code = code_lines(&finding.proposal);
    let [line] = code.as_slice() else {
        return None;
    };
    let line = line.trim_end_matches(',');
    let (handle, rest) = line.split_once('<')?;
    let inner = rest.strip_suffix('>')?;
    let slice = (inner.starts_with('[') && inner.ends_with(']'))
        || matches!(inner, "str" | "Path" | "OsStr");
    (matches!(handle.rsplit("::").next(), Some("Arc" | "Rc")) && slice).then(|| {
        format!(
            "the proposal only shares a slice (`{line}`) in place of a shared buffer: one block \
             and one pointer hop fewer per value, worth what the number of values and reads makes it"
        )
    })
}

/// Why the proposal is a small saving whose worth a function or a type
/// cannot show, if it is one: it only borrows the string literals a choice
/// copies into a `String` (`Cow::Borrowed("..")` for `"..".to_string()`:
/// one small allocation per call), or lends an argument a path gives back
/// unchanged (`Cow::Borrowed(s)` for `s.to_owned()`), or it only swaps a newtype's `Vec` for a
/// boxed slice (`struct X(Box<[T]>)`: a capacity word and the slack per
/// value). What either is worth depends on how often the code runs or how
/// many values are kept. Such a finding is a LOW note, like a sketch: kept
/// with its verdict, never ranked or counted.
pub fn small_saving(finding: &Finding) -> Option<String> {
    if finding.category == Category::UnnecessaryClone
        && finding.proposal.contains("Cow::Borrowed(")
        && finding.issue.contains("unchanged")
    {
        return Some(
            "the proposal only lends an argument that a path gives back unchanged: one \
             allocation per pass on that path, worth what the number of passes makes it"
                .to_owned(),
        );
    }
    if finding.category != Category::HeapAvoidable {
        return None;
    }
    let code = code_lines(&finding.proposal);
    if finding.proposal.contains("Cow::Borrowed(") && finding.issue.contains("string literal") {
        return Some(
            "the proposal only borrows string literals that each pass copies: one small \
             allocation per pass, worth what the number of passes makes it"
                .to_owned(),
        );
    }
    let boxed_newtype = code.first().is_some_and(|l| {
        let l = l.trim_start();
        (l.starts_with("struct ") || l.starts_with("pub struct ")) && l.contains("(Box<[")
    });
    boxed_newtype.then(|| {
        "the proposal only swaps a newtype's `Vec` for a boxed slice: a capacity word and the \
         slack fewer per value, worth what the number of values kept makes it"
            .to_owned()
    })
}

/// Why the proposal is a redesign of a type rather than a change to its
/// code, if it is one: it moves a recursive or linked type's nodes into an
/// arena (`bumpalo`, a `Vec` of nodes linked by index). That changes the
/// type's API and every place that builds, links or frees a node; what it
/// saves depends on how many nodes are built and dropped together, which
/// the declaration cannot show. Such a finding is a LOW note, like a
/// sketch: kept with its question, never ranked or counted.
pub fn type_redesign(finding: &Finding) -> Option<String> {
    if finding.category == Category::CacheHostile && struct_of_arrays(&finding.proposal) {
        return Some(
            "the proposal redesigns the type's storage (a struct of arrays, one `Vec` per field): \
             a change to every place that builds, reads or moves an element, worth what the \
             number of elements and the loops over one field make it"
                .to_owned(),
        );
    }
    if finding.category != Category::ArenaCandidate || shape(finding) != Shape::Arena {
        return None;
    }
    let declares_type = finding.code.lines().any(|l| {
        let l = l.trim_start();
        let l = match l.strip_prefix("pub") {
            // `pub(crate) struct`, `pub struct`; not `publish(..)`.
            Some(rest) if rest.starts_with(' ') || rest.starts_with('(') => rest
                .split_once(')')
                .filter(|_| rest.starts_with('('))
                .map_or(rest, |(_, after)| after)
                .trim_start(),
            _ => l,
        };
        l.starts_with("struct ") || l.starts_with("enum ")
    });
    declares_type.then(|| {
        "the proposal redesigns the type's storage (an arena for its nodes): a change to its API \
         and every place that builds a node, worth what the number of nodes built together makes it"
            .to_owned()
    })
}

/// The proposal declares a struct of arrays: a new `struct` whose fields
/// are `Vec`s of a type left to fill in (`index: Vec<_>`).
fn struct_of_arrays(proposal: &str) -> bool {
    let lines = code_lines(proposal);
    lines
        .iter()
        .any(|l| l.starts_with("struct ") || l.starts_with("pub struct "))
        && lines.iter().any(|l| l.contains(": Vec<_>"))
}

/// Why the proposal's code cannot compile as written, if it cannot: an
/// expression elided with `...` or `…` (a proposal cut off mid-text), or a
/// `write!` whose positional arguments do not match its format string.
pub(crate) fn not_code(finding: &Finding) -> Option<String> {
    for line in code_lines(&finding.proposal) {
        if line.contains("...") || line.contains('…') {
            return Some(format!(
                "`{line}` is cut off: an expression is elided with `...`"
            ));
        }
        if let Some(why) = format_args_mismatch(line) {
            return Some(why);
        }
    }
    None
}

/// `write!(buf, "{a}-{}", x, y)`: the format string takes one positional
/// argument, two are given ("argument never used").
fn format_args_mismatch(line: &str) -> Option<String> {
    let start = line.find("write!(")? + "write!(".len();
    let rest = &line[start..];
    let q = rest.find('"')?;
    // The format string, with `\"` escapes skipped.
    let bytes = rest.as_bytes();
    let mut i = q + 1;
    while i < bytes.len() && bytes[i] != b'"' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    if i >= bytes.len() {
        return None;
    }
    let fmt = &rest[q + 1..i];
    let args_text = rest[i + 1..].trim_start().strip_prefix(',')?;
    // The arguments up to the macro's closing parenthesis, split at
    // top-level commas.
    let mut depth = 0i32;
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    for c in args_text.chars() {
        match c {
            '"' => in_str = !in_str,
            '(' | '[' | '{' if !in_str => depth += 1,
            ')' | ']' | '}' if !in_str => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            ',' if !in_str && depth == 0 => {
                args.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    args.push(cur);
    let args: Vec<&str> = args
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let positional = args
        .iter()
        .filter(|a| {
            // `name = expr` is a named argument (`==` is not).
            !a.split_once('=').is_some_and(|(n, r)| {
                !r.starts_with('=') && n.trim().chars().all(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .count();
    // Count the placeholders that take the next positional argument:
    // `{}` and `{:..}`; `{0}` names one explicitly, `{name}` captures.
    let (mut implicit, mut max_index) = (0usize, None::<usize>);
    let chars: Vec<char> = fmt.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        match chars[k] {
            '{' if chars.get(k + 1) == Some(&'{') => k += 2,
            '}' if chars.get(k + 1) == Some(&'}') => k += 2,
            '{' => {
                let close = chars[k..].iter().position(|&c| c == '}')? + k;
                let inner: String = chars[k + 1..close].iter().collect();
                let (name, spec) = inner.split_once(':').unwrap_or((inner.as_str(), ""));
                let name = name.trim();
                // `{:.*}` takes the precision from the arguments too.
                if spec.contains(".*") {
                    implicit += 1;
                }
                if name.is_empty() {
                    implicit += 1;
                } else if let Ok(n) = name.parse::<usize>() {
                    max_index = Some(max_index.map_or(n, |m| m.max(n)));
                }
                k = close + 1;
            }
            _ => k += 1,
        }
    }
    let needed = implicit.max(max_index.map_or(0, |m| m + 1));
    (positional != needed).then(|| {
        format!(
            "`{}` passes {positional} positional argument(s) to a format string that takes {needed}: it does not compile",
            line.trim()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_proposal(p: &str) -> Finding {
        let mut f = crate::example_finding();
        f.proposal = p.to_owned();
        f
    }

    #[test]
    fn shapes_are_read_from_the_proposal() {
        let cases = [
            ("use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}\", x).unwrap();", Shape::Reuse),
            ("let mut line_buf = String::new(); // once, before the loop\n// in the loop body:\nline_buf.clear(); // keeps the capacity", Shape::Reuse),
            ("// Lend the original instead of a fresh copy:\n&stdin_buffer", Shape::Borrow),
            ("// Borrow instead of allocating an owned copy:\nlet value = &x;", Shape::Borrow),
            ("let line = &self.line;", Shape::Borrow),
            ("// Move the value instead of copying it:\ndata", Shape::Move),
            ("let mut v = Vec::with_capacity(rows.len());", Shape::Presize),
            ("let expected: &str = \"s\";", Shape::Inline),
            ("let markers = [\"a\", \"b\"];", Shape::Inline),
            ("let mut arena = bumpalo::Bump::new(); // once, before the loop\narena.reset();", Shape::Arena),
            ("let m = n;", Shape::Other),
            (
                "// Once `items` is complete, before line 9:\nitems.shrink_to_fit();",
                Shape::Shrink,
            ),
            ("let pre = lines.iter().skip(1);\n// then iterate `pre` where the code iterated the `Vec` (`for x in pre`)", Shape::IterOnly),
            ("let typed_len = entries.iter().filter(|e| e.typed()).count();\n// then `typed_len` for `typed.len()`", Shape::IterOnly),
            ("let first = names.iter().next();\n// then `first` (an `Option`) for `names[0]`", Shape::IterOnly),
        ];
        for (p, want) in cases {
            assert_eq!(shape(&with_proposal(p)), want, "shape of {p:?}");
        }
    }

    #[test]
    fn borrowed_literals_and_boxed_newtypes_are_notes() {
        let finding = |c: Category, p: &str| {
            let mut f = with_proposal(p);
            f.category = c;
            f
        };
        let mut f = finding(
            Category::HeapAvoidable,
            "fn label(..) -> Cow<'static, str> {\n    // literal arms: Cow::Borrowed(\"a\")\n}",
        );
        f.issue = "`label` returns a `String`, and 2 of its arms copy a string literal".into();
        assert!(small_saving(&f).is_some());
        let boxed = finding(
            Category::HeapAvoidable,
            "struct Specs(Box<[Spec]>);\n// where it is built: Specs(v.into_boxed_slice())",
        );
        assert!(small_saving(&boxed).is_some());
        let other = finding(Category::HeapAvoidable, "let name: &str = \"x\";");
        assert!(small_saving(&other).is_none());
    }

    #[test]
    fn a_capacity_trim_is_a_note_and_other_code_is_not() {
        let trim =
            with_proposal("// Once `items` is complete, before line 9:\nitems.shrink_to_fit();");
        assert!(capacity_trim(&trim).is_some());
        assert!(crate::coordinator::is_note(&trim), "a trim is a LOW note");
        let presize = with_proposal("let mut v = Vec::with_capacity(rows.len());");
        assert!(capacity_trim(&presize).is_none());
        assert!(
            !crate::coordinator::is_note(&presize),
            "pre-sizing is a change"
        );
    }

    #[test]
    fn api_words_count_in_the_proposals_prose_not_in_its_names() {
        let moved = with_proposal("// Move the value instead of copying it:\nsignature");
        assert_eq!(api_change(&moved), None, "a local named `signature`");
        let said = with_proposal("// Changes the signature of `parse`:\nfn parse(s: &str)");
        assert!(api_change(&said).is_some());
        let trailing = with_proposal("fn parse(s: &str) // callers pass a borrow");
        assert!(api_change(&trailing).is_some());
    }

    #[test]
    fn an_arena_for_a_types_nodes_is_a_note_and_an_arena_per_loop_is_not() {
        let tree = "// Allocate nodes from an arena that lives as long as the tree:\nlet arena = bumpalo::Bump::new();\n// Node<'a> { children: &'a [&'a Node<'a>], .. }";
        let mut f = with_proposal(tree);
        f.category = Category::ArenaCandidate;
        for code in [
            "pub enum Node {",
            "pub(crate) struct Node {",
            "struct Node {",
            "#[derive(Debug)]\npub struct Node {",
        ] {
            f.code = code.to_owned();
            assert!(type_redesign(&f).is_some(), "{code}");
            assert!(crate::coordinator::is_note(&f), "{code}");
        }
        f.code = "let node = Box::new(Node::new());".to_owned();
        assert!(
            type_redesign(&f).is_none(),
            "an arena at a loop's allocations is code"
        );
        f.code = "publish(struct_name);".to_owned();
        assert!(type_redesign(&f).is_none());
        f.code = "pub struct Node {".to_owned();
        f.category = Category::CacheHostile;
        assert!(type_redesign(&f).is_none(), "only the arena finding");
    }

    #[test]
    fn a_struct_of_arrays_is_a_note_and_a_reordered_struct_is_not() {
        let mut f = with_proposal("// Struct of arrays: keep the hot field contiguous\nstruct WalkRoots {\n    index: Vec<_>,\n    // ... one Vec per other field\n}\n// or split `WalkRoot` into hot and cold parts");
        f.category = Category::CacheHostile;
        f.code = ".map(|root| root.index)".to_owned();
        assert!(type_redesign(&f).is_some());
        assert!(crate::coordinator::is_note(&f));
        f.proposal = "// Largest fields first: 24 bytes instead of 32\npub struct Entry {\n    len: u64,\n    id: u32,\n    kind: u8,\n}".to_owned();
        assert!(type_redesign(&f).is_none(), "a field order is code");
    }

    #[test]
    fn sketches_are_advice_without_code() {
        let advice = "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.";
        assert!(
            sketch(&with_proposal(advice)).is_some_and(|w| w.contains("consider interning")),
            "a proposal of comments only is advice, not code"
        );
        let template = "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);";
        assert_eq!(
            sketch(&with_proposal(template)),
            None,
            "a template a reader completes is judged as code"
        );
        for code in [
            "let m = n;",
            "// Lend the original instead of a fresh copy:\n&stdin_buffer",
            "let mut v = Vec::with_capacity(rows.len());",
        ] {
            assert_eq!(sketch(&with_proposal(code)), None, "{code:?} is code");
        }
    }

    #[test]
    fn cut_off_and_miscounted_proposals_are_not_code() {
        let cut = "buf.clear();\nwrite!(buf, \"{} \", self.decorations.iter().map(| d | d.generate(...).unwrap();";
        assert!(
            not_code(&with_proposal(cut)).is_some_and(|w| w.contains("cut off")),
            "an elided expression does not compile"
        );
        let named_lost =
            "buf.clear();\nwrite!(buf, \"{{{{{variable_name}}}}}\", variable_name).unwrap();";
        assert!(
            not_code(&with_proposal(named_lost)).is_some_and(|w| w.contains("1 positional")),
            "an inline `{{name}}` takes no positional argument: the extra one is an error"
        );
        for fine in [
            "write!(buf, \"{}{}\", self.ansi_style, line_buf).unwrap();",
            "write!(buf, \"{:.*}{}/s\", 1, a.0, a.1).unwrap();",
            "write!(buf, \"{git_config_key}.{child_feature}\").unwrap();",
            "write!(buf, \"{0}-{0}\", x).unwrap();",
            "write!(buf, \"{x:>5}\", x = y).unwrap();",
            "let r = 0..n;",
        ] {
            assert_eq!(not_code(&with_proposal(fine)), None, "{fine:?} compiles");
        }
    }
}
