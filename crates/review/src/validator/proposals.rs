//! The proposal as code: unsafe code without a justification and API changes.
//!
//! It must NOT read the code under audit beyond the facts of the finding's
//! file.

use super::*;

pub(super) const DANGEROUS: &[&str] = &[
    "unsafe",
    "transmute",
    "set_len",
    "from_raw_parts",
    "assume_init",
    "get_unchecked",
    "static mut",
];

pub(super) fn rule_unsafe_proposal(_: &Case, review: &Review) -> Option<Fired> {
    if review.no_ub.status != CheckStatus::Fail {
        return None;
    }
    Some(Fired {
        description: format!("The proposal is not safe Rust: {}.", review.no_ub.evidence),
        risk: "Undefined behaviour if any invariant of the unsafe code is broken.".into(),
        suggestion: "Propose a safe alternative, or justify every unsafe block with a `// SAFETY:` argument.".into(),
        counterexample: Some(format!(
            "{}: if the invariant it relies on is broken (an uninitialised element, a length \
             past the allocation, an aliasing `&mut`), the program has undefined behaviour. \
             The workflow never accepts an unsafe optimisation without an explicit justification.",
            review.no_ub.evidence
        )),
        ..Fired::default()
    })
}

pub(super) fn word_in(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let w = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !w(before) && !w(after)
    })
}

pub(super) fn no_ub(finding: &Finding) -> Check {
    let p = &finding.proposal;
    let found: Vec<&str> = DANGEROUS
        .iter()
        .copied()
        .filter(|w| word_in(p, w))
        .collect();
    if found.is_empty() {
        return check(
            CheckStatus::Pass,
            "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts",
        );
    }
    let list = found
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if p.contains("SAFETY:") {
        check(
            CheckStatus::Unclear,
            format!(
                "the proposal uses {list} with a `// SAFETY:` argument that needs a human review"
            ),
        )
    } else {
        check(
            CheckStatus::Fail,
            format!("the proposal uses {list} without a `// SAFETY:` argument"),
        )
    }
}

/// A change to a type in the signature of a public function is an API change,
/// whatever the finding's text says.
pub(super) fn signature_change(case: &Case) -> Option<String> {
    let site = case.main?;
    let sig = site.ctx.sig.as_deref()?;
    let func = case.func(site)?;
    (func.public || func.trait_impl).then(|| {
        format!(
            "{} is written in {sig}, and `{}` is {}: removing the box changes its signature",
            site.label(),
            func.name,
            if func.public {
                "public"
            } else {
                "a trait method"
            }
        )
    })
}

pub(super) fn rule_api_change(case: &Case, review: &Review) -> Option<Fired> {
    // "Callers" in a trade-off about a `let` that never leaves its function
    // are the binding's own uses, not an API.
    let local = case.main.is_some_and(|s| {
        (case.binding_of(s).is_some() || matches!(review.fate, Some(Fate::Lent(_))))
            && s.ctx.sig.is_none()
            && review.escape.is_none()
    });
    let why = proposal::api_change(case.finding)
        .filter(|w| {
            let lower = w.to_lowercase();
            let names_api = lower.contains("api") || lower.contains("signature");
            !(local && w.starts_with("trade-off") && !names_api)
        })
        .or_else(|| signature_change(case))?;
    needs(
        format!("The proposal changes an API: {why}."),
        "Every caller changes too; a public API change is a breaking release.",
        "List the callers and show the new signature, or find a change local to the function."
            .into(),
    )
}

pub(super) fn rule_sketch_proposal(case: &Case, _: &Review) -> Option<Fired> {
    let why = proposal::sketch(case.finding)?;
    Some(Fired {
        description: format!(
            "The proposal is a sketch, not a change to this code: {why}. The finding is kept as \
             a LOW note."
        ),
        risk: "A reader cannot apply or check a category of fixes; approving it would approve \
               nothing concrete."
            .into(),
        suggestion: "Write the change for this code (its names, its types), then validate again."
            .into(),
        counterexample: Some(format!(
            "{why}: there is no code to compile or to review against lines {}-{}, so there is \
             nothing to approve; the observation stays as a note.",
            case.finding.line_start, case.finding.line_end
        )),
        estimate: Some(assess(
            Answer::Maybe,
            "no concrete change, so no saving to check",
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_proposal_not_code(case: &Case, _: &Review) -> Option<Fired> {
    let why = proposal::not_code(case.finding)?;
    Some(Fired {
        description: format!("The proposal does not compile as written: {why}."),
        risk: "Applying it breaks the build.".into(),
        suggestion: "Write the whole expression of this code into the proposal.".into(),
        counterexample: Some(format!(
            "{why}; a reviewer pasting the proposal gets a compile error instead of the saving."
        )),
        ..Fired::default()
    })
}

/// The type a `let` of the proposal builds: `let mut buf = Vec::new()` →
/// `Vec`.
fn proposal_ctor(finding: &Finding) -> Option<String> {
    finding.proposal.lines().find_map(|l| {
        let l = l.trim();
        let rest = l.strip_prefix("let ")?;
        let (_, init) = rest.split_once('=')?;
        let init = init.trim();
        let ctor = init.split('(').next()?;
        let (ty, f) = ctor.rsplit_once("::")?;
        matches!(f, "new" | "with_capacity" | "default")
            .then(|| ty.rsplit("::").next().unwrap_or(ty).to_owned())
    })
}

/// The type the site builds, as the code writes it.
fn code_ctor(case: &Case, site: &Site) -> Option<String> {
    use memaudit_facts::body::SiteKind as RawKind;
    let (item, s) = case.raw(site)?;
    match s.kind {
        RawKind::VecNew
        | RawKind::VecWithCapacity
        | RawKind::StringNew
        | RawKind::StringWithCapacity
        | RawKind::MapNew => {
            let callee = s.text.split('(').next()?;
            let (ty, _) = callee.rsplit_once("::")?;
            Some(
                ty.rsplit("::")
                    .next()
                    .unwrap_or(ty)
                    .split('<')
                    .next()?
                    .to_owned(),
            )
        }
        RawKind::VecMacro | RawKind::EmptyVecMacro => Some("Vec".to_owned()),
        RawKind::Collect => {
            let written = s
                .let_binding
                .and_then(|b| item.facts.bindings.get(b as usize))
                .and_then(|b| b.written.as_ref())
                .and_then(|t| t.name().map(str::to_owned));
            written.or_else(|| {
                let fish = s.text.split("collect::<").nth(1)?;
                Some(fish.split(['<', '>', ':']).next()?.trim().to_owned())
            })
        }
        _ => None,
    }
    .filter(|t| !t.is_empty() && t != "_")
}

pub(super) fn rule_proposal_type_mismatch(case: &Case, _: &Review) -> Option<Fired> {
    if !matches!(
        case.shape,
        proposal::Shape::Reuse | proposal::Shape::Presize
    ) {
        return None;
    }
    let site = case.main?;
    let proposed = proposal_ctor(case.finding)?;
    let code = code_ctor(case, site)?;
    if proposed == code {
        return None;
    }
    Some(Fired {
        description: format!(
            "The proposal builds a `{proposed}` where the code at line {} has a `{code}`.",
            site.start.line
        ),
        risk: "The proposal does not compile, or changes the data structure.".into(),
        suggestion: format!("Propose the change with the code's own type, `{code}`."),
        counterexample: Some(format!(
            "{} at line {} is a `{code}`; the proposed `{proposed}` has other methods and another \
             meaning, so the code that uses the buffer no longer compiles.",
            site.label(),
            site.start.line
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_borrow_still_allocates(case: &Case, _: &Review) -> Option<Fired> {
    if case.shape != proposal::Shape::Borrow {
        return None;
    }
    let site = case.main?;
    let (_, s) = case.raw(site)?;
    if s.kind.is_copy_of_value() {
        return None;
    }
    Some(Fired {
        description: format!(
            "{} makes a new value; borrowing it (`&{}`) still makes it.",
            site.label(),
            s.text
        ),
        risk: "The proposal saves nothing.".into(),
        suggestion: "Borrow the data the value is made from, or keep it.".into(),
        counterexample: Some(format!(
            "`&{}` at line {} evaluates `{}` first — the same allocation — and then lends it: \
             the borrow removes no allocation.",
            s.text, site.start.line, s.text
        )),
        estimate: Some(assess(
            Answer::No,
            "a borrow of a freshly made value still allocates it",
        )),
        ..Fired::default()
    })
}

/// The type of the receiver of a `.to_string()` site, when the facts know
/// it: the binding's own type, or what a workspace function or method
/// called as the receiver returns (`q.unit()`).
fn to_string_receiver(case: &Case, s: &memaudit_facts::body::Site) -> Option<memaudit_facts::Ty> {
    // A receiver that is a call of a workspace method (`q.unit()`) has the
    // type its signature returns.
    let returned = || {
        let call = s.text.trim_end_matches(".to_string()").strip_suffix(')')?;
        let (before, _) = call.rsplit_once('(')?;
        let name = before.rsplit(['.', ':']).next()?;
        let table = &case.facts.raw.table;
        let sig = if before.ends_with(&format!(".{name}")) {
            table.method_sig(name)?
        } else {
            table.fn_sig(name)?
        };
        sig.ret.clone().filter(|t| !t.is_unknown())
    };
    s.receiver_ty
        .clone()
        .filter(|t| !t.is_unknown())
        .or_else(returned)
}

/// `.to_string()` of a receiver that is a call or a literal of another
/// kind than text (`char::from(b)`, `42`, `'x'`).
fn literal_not_text(s: &memaudit_facts::body::Site) -> bool {
    let text = s.text.trim_end_matches(".to_string()");
    text.contains("::from(")
        || text.starts_with(|c: char| c.is_ascii_digit())
        || text.starts_with('\'')
}

pub(super) fn rule_borrow_changes_type(case: &Case, _: &Review) -> Option<Fired> {
    use memaudit_facts::body::SiteKind as RawKind;
    if case.shape != proposal::Shape::Borrow {
        return None;
    }
    let site = case.main?;
    let (_, s) = case.raw(site)?;
    if s.kind != RawKind::ToString {
        return None;
    }
    let recv = s.receiver.as_deref().unwrap_or("");
    let known = to_string_receiver(case, s);
    let known = known.as_ref();
    let not_text = match known {
        Some(t) => !matches!(
            t.peel_refs().view(),
            memaudit_facts::View::Str
                | memaudit_facts::View::OwnedStr
                | memaudit_facts::View::Cow(_)
        ),
        // A receiver that is a call or a literal of another kind.
        None => literal_not_text(s),
    };
    if !not_text {
        return None;
    }
    let what = known.map_or_else(
        || format!("`{}`", s.text.trim_end_matches(".to_string()")),
        |t| format!("a `{t}`"),
    );
    let recv = if recv.is_empty() { "the value" } else { recv };
    Some(Fired {
        description: format!(
            "`.to_string()` at line {} formats {what} into a `String`; a borrow of {recv} is not \
             a `&str`.",
            site.start.line
        ),
        risk: "The proposal does not compile (E0308: mismatched types).".into(),
        suggestion: "Keep the `String`, or format into a buffer reused across iterations.".into(),
        counterexample: Some(format!(
            "Where the code needs a `&str`, `&{recv}` is a reference to {what}, not to text: \
             rustc rejects it (E0308). `.to_string()` is the conversion, not a copy."
        )),
        ..Fired::default()
    })
}

/// `untyped-to-string`: a borrow proposed for `x.to_string()` where
/// nothing tells what `x` is. `.to_string()` copies text only when `x` is
/// text; of any other `Display` type (a library's log record, an id, a
/// number behind a generic) it is the conversion, and `&x` is not a
/// `&str` where the code reads the result as text.
pub(super) fn rule_untyped_to_string(case: &Case, _: &Review) -> Option<Fired> {
    use memaudit_facts::body::SiteKind as RawKind;
    if case.shape != proposal::Shape::Borrow || case.measured.is_some() {
        return None;
    }
    let site = case.main?;
    let (_, s) = case.raw(site)?;
    if s.kind != RawKind::ToString || to_string_receiver(case, s).is_some() || literal_not_text(s) {
        return None;
    }
    let recv = s
        .receiver
        .as_deref()
        .filter(|r| !r.is_empty())
        .unwrap_or("the value");
    Some(Fired {
        description: format!(
            "`.to_string()` at line {} copies `{recv}` only if it is text; nothing in the code or \
             the workspace's types tells what `{recv}` is.",
            site.start.line
        ),
        risk: "If it is another `Display` type, the borrow does not compile where the code reads \
               the value as a `&str` (E0308)."
            .into(),
        suggestion: format!(
            "Is `{recv}` a `String` or `&str`? If so, the borrow stands; if not, format into one \
             buffer reused across iterations instead."
        ),
        ..Fired::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const SRC: &str = r#"
use std::collections::HashSet;
use std::path::PathBuf;
pub fn f(names: &[String], bytes: &[u8]) -> usize {
    let mut n = 0;
    for name in names {
        let mut seen = HashSet::new();
        seen.insert(name.len());
        let p = PathBuf::from(name);
        let c = char::from(bytes[0]).to_string();
        let s: String = name.chars().rev().collect();
        n += seen.len() + p.as_os_str().len() + c.len() + s.len();
    }
    n
}
"#;

    #[test]
    fn a_sketch_is_a_low_note_not_a_finding() {
        let v = check(
            &Given::new(SRC, Category::AllocationLoop, "let p = PathBuf")
                .proposal("// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.")
                .hot(),
            Verdict::Rejected,
            &["[rule: sketch-proposal]", "LOW note"],
        );
        assert!(v.counterexample.is_some());
    }

    #[test]
    fn the_proposal_must_be_code_of_the_codes_types() {
        check(
            &Given::new(SRC, Category::AllocationLoop, "let mut seen")
                .proposal("let mut seen = HashMap::new(); // once, before the loop\n// in the loop body:\nseen.clear(); // keeps the capacity")
                .issue("`seen` (a new map/set) is created, filled and dropped on every iteration.")
                .hot(),
            Verdict::Rejected,
            &["[rule: proposal-type-mismatch]", "`HashMap` where the code at line 7 has a `HashSet`"],
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "let s: String")
                .proposal("let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(name.chars().rev());")
                .issue("`.collect()` allocates on every iteration of `for name in names`.")
                .hot(),
            Verdict::Rejected,
            &["[rule: proposal-type-mismatch]", "has a `String`"],
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "let p = PathBuf")
                .proposal("buf.clear();\nwrite!(buf, \"{} \", name.chars().map(| d | d.to_string(...).unwrap();")
                .hot(),
            Verdict::Rejected,
            &["[rule: proposal-not-code]", "cut off"],
        );
    }

    #[test]
    fn a_borrow_must_remove_a_copy_of_the_same_type() {
        check(
            &Given::new(SRC, Category::AllocationLoop, "let p = PathBuf")
                .proposal("// Borrow instead of allocating an owned copy:\nlet value = &PathBuf::from(name);")
                .issue("`String::from()` allocates on every iteration of `for name in names`.")
                .hot(),
            Verdict::Rejected,
            &["[rule: borrow-still-allocates]"],
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "let c = char::from")
                .proposal("// Borrow instead of allocating an owned copy:\nlet value = &char::from(bytes[0]);")
                .issue("`.to_string()` allocates on every iteration of `for name in names`.")
                .hot(),
            Verdict::Rejected,
            &["[rule: borrow-changes-type]", "E0308"],
        );
    }

    #[test]
    fn to_string_of_a_value_nothing_types_asks_whether_it_is_text() {
        let src = r#"
pub async fn save(stream: &mut Logs) -> Vec<String> {
    let mut output = vec![];
    while let Some(Ok(value)) = stream.next().await {
        let data = value.to_string();
        if !data.trim().is_empty() {
            output.push(categorise(&data));
        }
    }
    output
}
pub fn names(names: &[String]) -> usize {
    let mut n = 0;
    for name in names {
        let data = name.to_string();
        n += data.len();
    }
    n
}
"#;
        check(
            &Given::new(src, Category::AllocationLoop, "value.to_string()")
                .proposal("// Borrow instead of allocating an owned copy:\nlet value = &value;")
                .issue("`.to_string()` allocates on every iteration of the `while` loop at line 4.")
                .hot(),
            Verdict::NeedsWork,
            &["[rule: untyped-to-string]", "`value`"],
        );
        // A `&String` loop item is text: the borrow stands.
        let v = validate(
            &Given::new(src, Category::AllocationLoop, "name.to_string()")
                .proposal("// Borrow instead of allocating an owned copy:\nlet data = name;")
                .issue("`.to_string()` allocates on every iteration of `for name in names`.")
                .hot(),
        );
        assert!(!said(&v).contains("untyped-to-string"), "{}", said(&v));
    }

    #[test]
    fn to_string_of_what_a_workspace_method_returns_keeps_its_type() {
        let src = r#"
pub struct Unit { names: Vec<String> }
impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { write!(f, "{}", self.names.len()) }
}
pub struct Quantity { unit: Unit, label: String }
impl Quantity {
    pub fn unit(&self) -> &Unit { &self.unit }
    pub fn label(&self) -> &str { &self.label }
}
pub fn join(keys: &[u32]) -> usize {
    let mut n = 0;
    for k in keys {
        let q = store::lookup(*k);
        let unit_str = q.unit().to_string();
        let label = q.label().to_string();
        n += unit_str.len() + label.len();
    }
    n
}
"#;
        check(
            &Given::new(src, Category::AllocationLoop, "let unit_str")
                .proposal(
                    "// Borrow instead of allocating an owned copy:\nlet unit_str = &q.unit();",
                )
                .issue("`.to_string()` allocates on every iteration of `for k in keys`.")
                .hot(),
            Verdict::Rejected,
            &["[rule: borrow-changes-type]", "a `&Unit`"],
        );
        let v = check(
            &Given::new(src, Category::AllocationLoop, "let label")
                .proposal("// Borrow instead of allocating an owned copy:\nlet label = q.label();")
                .issue("`.to_string()` allocates on every iteration of `for k in keys`.")
                .hot(),
            Verdict::Approved,
            &[],
        );
        assert!(!said(&v).contains("borrow-changes-type"));
    }
}
