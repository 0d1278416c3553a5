//! Each mechanical proposal of the built-in Analyst, turned into an edit on a
//! small file: the text after applying it is compared with what a person
//! would write. Whether it compiles is the checker's job, not this one's.

use memaudit_model::{
    Category, Confidence, Finding, FindingSource, Impact, Priority, Safety, Tradeoffs,
};

use crate::{analyze_source, FileContext};

/// Runs the Analyst on `src`, takes its finding of `category` on `line`,
/// applies the finding's edit and compares the result with `expected`.
fn check(src: &str, category: Category, line: u32, expected: &str) {
    let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
    let f = findings
        .iter()
        .find(|f| f.category == category && f.line_start == line)
        .unwrap_or_else(|| panic!("no {category} finding on line {line}: {findings:#?}"));
    let edit = f
        .edit
        .as_ref()
        .unwrap_or_else(|| panic!("the proposal is mechanical, it needs an edit: {f:#?}"));
    let after = edit.apply_to("src/lib.rs", src).unwrap();
    assert_eq!(after, expected, "edit `{}` of {f:#?}", edit.summary);
}

/// The finding of `category` on `line` has no edit: a design change.
fn check_none(src: &str, category: Category, line: u32) {
    let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
    let f = findings
        .iter()
        .find(|f| f.category == category && f.line_start == line)
        .unwrap_or_else(|| panic!("no {category} finding on line {line}: {findings:#?}"));
    assert!(
        f.edit.is_none(),
        "a design change has no edit, its proposal stays prose: {f:#?}"
    );
}

#[test]
fn a_lent_copy_loses_its_clone() {
    check(
        "fn n(s: &str) -> usize { s.len() }\npub fn f(text: String) -> usize {\n    let n = n(&text.clone());\n    n + text.len()\n}\n",
        Category::UnnecessaryClone,
        3,
        "fn n(s: &str) -> usize { s.len() }\npub fn f(text: String) -> usize {\n    let n = n(&text);\n    n + text.len()\n}\n",
    );
}

#[test]
fn a_copy_of_a_value_never_used_again_becomes_a_move() {
    check(
        "fn eat(s: String) -> usize { s.len() }\npub fn f(label: String) -> usize {\n    eat(label.clone())\n}\n",
        Category::UnnecessaryClone,
        3,
        "fn eat(s: String) -> usize { s.len() }\npub fn f(label: String) -> usize {\n    eat(label)\n}\n",
    );
}

#[test]
fn a_copy_only_read_becomes_a_borrow() {
    check(
        "pub struct C { pub name: String }\npub fn f(c: &C) -> usize {\n    let name = c.name.clone();\n    name.len()\n}\n",
        Category::UnnecessaryClone,
        3,
        "pub struct C { pub name: String }\npub fn f(c: &C) -> usize {\n    let name = &c.name;\n    name.len()\n}\n",
    );
}

#[test]
fn a_per_iteration_buffer_is_hoisted_and_cleared() {
    check(
        "pub fn f(rows: &[String]) -> usize {\n    let mut total = 0;\n    for row in rows {\n        let mut line = String::new();\n        line.push_str(row);\n        total += line.len();\n    }\n    total\n}\n",
        Category::AllocationLoop,
        4,
        "pub fn f(rows: &[String]) -> usize {\n    let mut total = 0;\n    let mut line = String::new();\n    for row in rows {\n        line.clear();\n        line.push_str(row);\n        total += line.len();\n    }\n    total\n}\n",
    );
}

#[test]
fn a_hoisted_buffer_keeps_its_type_and_drops_a_capacity_that_needs_the_loop() {
    check(
        "pub fn f(rows: &[String]) -> usize {\n    let mut n = 0;\n    for row in rows {\n        let mut words: Vec<&str> = Vec::with_capacity(row.len());\n        words.extend(row.split(' '));\n        n += words.len();\n    }\n    n\n}\n",
        Category::AllocationLoop,
        4,
        "pub fn f(rows: &[String]) -> usize {\n    let mut n = 0;\n    let mut words: Vec<&str> = Vec::new();\n    for row in rows {\n        words.clear();\n        words.extend(row.split(' '));\n        n += words.len();\n    }\n    n\n}\n",
    );
}

#[test]
fn a_buffer_in_a_per_element_closure_hoists_before_the_chain() {
    check(
        "pub fn f(rows: &[String]) -> usize {\n    let mut n = 0;\n    rows.iter().for_each(|r| {\n        let mut v = Vec::new();\n        v.push(r.len());\n        n += v.len();\n    });\n    n\n}\n",
        Category::AllocationLoop,
        4,
        "pub fn f(rows: &[String]) -> usize {\n    let mut n = 0;\n    let mut v = Vec::new();\n    rows.iter().for_each(|r| {\n        v.clear();\n        v.push(r.len());\n        n += v.len();\n    });\n    n\n}\n",
    );
}

#[test]
fn a_vector_pushed_once_per_element_gets_its_capacity() {
    check(
        "pub fn f(xs: &[u32]) -> Vec<u32> {\n    let mut out = Vec::new();\n    for x in xs {\n        out.push(x * 2);\n    }\n    out\n}\n",
        Category::AllocationLoop,
        2,
        "pub fn f(xs: &[u32]) -> Vec<u32> {\n    let mut out = Vec::with_capacity(xs.len());\n    for x in xs {\n        out.push(x * 2);\n    }\n    out\n}\n",
    );
}

#[test]
fn format_in_a_loop_writes_into_a_reused_string() {
    check(
        "pub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let s = format!(\"row-{r}\");\n        n += s.len();\n    }\n    n\n}\n",
        Category::AllocationLoop,
        4,
        "pub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    use std::fmt::Write as _;\n    let mut s_buf = String::new();\n    for r in rows {\n        s_buf.clear();\n        write!(s_buf, \"row-{r}\").unwrap();\n        let s = s_buf.as_str();\n        n += s.len();\n    }\n    n\n}\n",
    );
}

#[test]
fn format_returned_from_a_map_closure_is_not_raised() {
    // The `&str` of a reused buffer cannot be collected into `Vec<String>`
    // (nor outlive the closure): no reused buffer can stand in for it, so
    // the Analyst raises nothing.
    let src = "pub fn keys(ids: &[u32]) -> Vec<String> {\n    ids.iter().map(|id| format!(\"key-{id}\")).collect()\n}\n";
    let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
    assert!(
        !findings
            .iter()
            .any(|f| f.category == Category::AllocationLoop && f.line_start == 2),
        "{findings:#?}"
    );
}

#[test]
fn format_pushed_formatted_compared_or_lent_to_a_str_parameter_writes_into_a_reused_string() {
    check(
        "fn log(s: &str) -> usize { s.len() }\npub fn f(rows: &[u32], out: &mut String) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let s = format!(\"row-{r}\");\n        out.push_str(&s);\n        println!(\"{s} {}\", s);\n        if s == \"row-0\" {\n            n += log(&s);\n        }\n    }\n    n\n}\n",
        Category::AllocationLoop,
        5,
        "fn log(s: &str) -> usize { s.len() }\npub fn f(rows: &[u32], out: &mut String) -> usize {\n    let mut n = 0;\n    use std::fmt::Write as _;\n    let mut s_buf = String::new();\n    for r in rows {\n        s_buf.clear();\n        write!(s_buf, \"row-{r}\").unwrap();\n        let s = s_buf.as_str();\n        out.push_str(&s);\n        println!(\"{s} {}\", s);\n        if s == \"row-0\" {\n            n += log(&s);\n        }\n    }\n    n\n}\n",
    );
}

#[test]
fn format_whose_string_is_kept_gets_no_edit() {
    // Each use needs the `String` itself: an `if`/`else` arm beside another
    // `String`, a `Vec<String>`, `.into_bytes()`, a function taking `String`.
    for (src, line) in [
        ("pub fn f(rows: &[u32], fallback: String) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let s = format!(\"row-{r}\");\n        let t = if *r > 1 { s } else { fallback.clone() };\n        n += t.len();\n    }\n    n\n}\n", 4),
        ("pub fn f(rows: &[u32]) -> Vec<String> {\n    let mut out = Vec::new();\n    for r in rows {\n        let s = format!(\"row-{r}\");\n        out.push(s);\n    }\n    out\n}\n", 4),
        ("pub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let s = format!(\"row-{r}\");\n        n += s.into_bytes().len();\n    }\n    n\n}\n", 4),
        ("fn keep(s: String) -> usize { s.len() }\npub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    for r in rows {\n        n += keep(format!(\"row-{r}\"));\n    }\n    n\n}\n", 5),
    ] {
        check_none(src, Category::AllocationLoop, line);
    }
}

#[test]
fn the_new_buffer_name_does_not_clash() {
    check(
        "pub fn f(rows: &[u32], buf: &mut Vec<u8>) -> usize {\n    let mut n = buf.len();\n    for r in rows {\n        n += format!(\"{r}\").len();\n    }\n    n\n}\n",
        Category::AllocationLoop,
        4,
        "pub fn f(rows: &[u32], buf: &mut Vec<u8>) -> usize {\n    let mut n = buf.len();\n    use std::fmt::Write as _;\n    let mut buf2 = String::new();\n    for r in rows {\n        n += { buf2.clear(); write!(buf2, \"{r}\").unwrap(); buf2.as_str() }.len();\n    }\n    n\n}\n",
    );
}

#[test]
fn an_owned_copy_in_a_loop_becomes_a_borrow() {
    check(
        "fn takes(s: &str) -> usize { s.len() }\npub fn f(text: &str) -> usize {\n    let mut n = 0;\n    for c in text.chars() {\n        let s = c.to_string();\n        n += takes(&s);\n    }\n    n\n}\n",
        Category::AllocationLoop,
        5,
        "fn takes(s: &str) -> usize { s.len() }\npub fn f(text: &str) -> usize {\n    let mut n = 0;\n    for c in text.chars() {\n        let s = &c;\n        n += takes(&s);\n    }\n    n\n}\n",
    );
}

#[test]
fn literals_stay_off_the_heap() {
    check(
        "pub fn f() -> usize {\n    let greeting = \"hello\".to_string();\n    greeting.len()\n}\n",
        Category::HeapAvoidable,
        2,
        "pub fn f() -> usize {\n    let greeting = \"hello\";\n    greeting.len()\n}\n",
    );
    check(
        "pub fn f() -> u32 {\n    let w = vec![1, 2, 3];\n    w.iter().sum()\n}\n",
        Category::HeapAvoidable,
        2,
        "pub fn f() -> u32 {\n    let w = [1, 2, 3];\n    w.iter().sum()\n}\n",
    );
}

#[test]
fn an_unboxed_local_loses_its_derefs() {
    check(
        "pub fn f(a: u64) -> u64 {\n    let b = Box::new(7u64);\n    a + *b + *b\n}\n",
        Category::HeapAvoidable,
        2,
        "pub fn f(a: u64) -> u64 {\n    let b = 7u64;\n    a + b + b\n}\n",
    );
}

#[test]
fn a_boxed_array_field_goes_inline_with_its_constructions() {
    check(
        "pub struct D {\n    pub bytes: Box<[u8; 16]>,\n}\npub fn make() -> D {\n    D { bytes: Box::new([0; 16]) }\n}\n",
        Category::HeapAvoidable,
        2,
        "pub struct D {\n    pub bytes: [u8; 16],\n}\npub fn make() -> D {\n    D { bytes: [0; 16] }\n}\n",
    );
}

#[test]
fn repr_c_fields_are_reordered_with_their_docs() {
    check(
        "#[repr(C)]\npub struct H {\n    /// A flag.\n    pub flag: u8,\n    pub len: u64,\n    pub kind: u8,\n    pub offset: u32,\n}\n",
        Category::CacheHostile,
        2,
        "#[repr(C)]\npub struct H {\n    pub len: u64,\n    pub offset: u32,\n    /// A flag.\n    pub flag: u8,\n    pub kind: u8,\n}\n",
    );
}

#[test]
fn a_name_bound_again_in_the_loop_is_not_hoisted() {
    // `prices` is an iterator earlier in the iteration: a hoisted `Vec`
    // named `prices` would be shadowed where it is cleared.
    check_none(
        "pub fn f(rows: &[Vec<u32>]) -> usize {\n    let mut n = 0;\n    for row in rows {\n        let mut prices = row.iter();\n        let prices: Vec<u32> = (0..3).map(|_| *prices.next().unwrap()).collect();\n        n += prices.len();\n    }\n    n\n}\n",
        Category::AllocationLoop,
        5,
    );
}

#[test]
fn design_changes_have_no_edit() {
    // Sharing a loop-invariant copy changes the callee's type.
    check_none(
        "#[derive(Clone)]\npub struct Outbox { pub names: Vec<String> }\nfn send(o: Outbox) -> usize { o.names.len() }\npub fn f(o: &Outbox, n: u32) -> usize {\n    let mut t = 0;\n    for _ in 0..n {\n        t += send(o.clone());\n    }\n    t\n}\n",
        Category::UnnecessaryClone,
        7,
    );
}

#[test]
fn an_llm_finding_gets_an_edit_from_its_proposal() {
    let src = "use std::sync::mpsc::Sender;\npub fn start(tx: &Sender<u32>) {\n    let tx2 = tx.clone();\n    std::thread::spawn(move || {\n        let _ = tx2.send(1);\n    });\n}\n";
    let mut f = llm_finding();
    f.line_start = 3;
    f.line_end = 3;
    f.proposal = "let tx2 = tx; // the sender is only used to send".into();
    let edit = super::edit_for("src/lib.rs", src, &f).expect("a clone to drop");
    assert_eq!(edit.summary, "drop the `.clone()`");
    assert!(
        edit.apply_to("src/lib.rs", src)
            .unwrap()
            .contains("let tx2 = tx;\n"),
        "{edit:?}"
    );
    f.proposal = "let tx2 = &tx;".into();
    let edit = super::edit_for("src/lib.rs", src, &f).expect("a clone to borrow");
    assert!(edit.summary.starts_with("borrow"), "{edit:?}");
}

#[test]
fn offsets_count_bytes_after_a_bom_and_non_ascii_text() {
    let src = "\u{feff}// ünïcödé\npub fn f(label: String) -> usize {\n    let é = 1;\n    eat(label.clone()) + é\n}\nfn eat(s: String) -> usize { s.len() }\n";
    let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
    let f: &Finding = findings
        .iter()
        .find(|f| f.category == Category::UnnecessaryClone)
        .expect("the clone of a value never used again");
    let after = f
        .edit
        .as_ref()
        .unwrap()
        .apply_to("src/lib.rs", src)
        .unwrap();
    assert!(after.contains("eat(label) + é"), "{after}");
}

#[test]
fn a_qualified_macro_is_replaced_whole_as_written() {
    // The expander keeps only `format`'s span on the call it becomes; the
    // edit still replaces the macro from its path to its parenthesis.
    check(
        "pub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let s = std::format!(\n            \"row-{r}\"\n        );\n        n += s.len();\n    }\n    n\n}\n",
        Category::AllocationLoop,
        4,
        "pub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    use std::fmt::Write as _;\n    let mut s_buf = String::new();\n    for r in rows {\n        s_buf.clear();\n        write!(s_buf, \"row-{r}\").unwrap();\n        let s = s_buf.as_str();\n        n += s.len();\n    }\n    n\n}\n",
    );
    check(
        "pub fn f() -> u32 {\n    let w = vec![\n        1, 2,\n    ];\n    w.iter().sum()\n}\n",
        Category::HeapAvoidable,
        2,
        "pub fn f() -> u32 {\n    let w = [\n        1, 2,\n    ];\n    w.iter().sum()\n}\n",
    );
}

#[test]
fn macros_edits_do_not_know_stay_opaque() {
    // A `cfg_if!` statement and a logging macro are opened up for the
    // facts; for edits they stay what they are in the text, and the loop
    // after them hoists before its own statement.
    check(
        "pub fn f(rows: &[String]) -> usize {\n    cfg_if::cfg_if! {\n        if #[cfg(unix)] { let mut v = Vec::new(); v.push(1); }\n    }\n    let mut total = 0;\n    for row in rows {\n        let mut line = String::new();\n        line.push_str(row);\n        total += line.len();\n    }\n    total\n}\n",
        Category::AllocationLoop,
        7,
        "pub fn f(rows: &[String]) -> usize {\n    cfg_if::cfg_if! {\n        if #[cfg(unix)] { let mut v = Vec::new(); v.push(1); }\n    }\n    let mut total = 0;\n    let mut line = String::new();\n    for row in rows {\n        line.clear();\n        line.push_str(row);\n        total += line.len();\n    }\n    total\n}\n",
    );
}

/// The edits are read from the tree the detectors read: the walk parses
/// no text of its own. Each text parsed on a thread takes the next span
/// offsets, so the first span of a text parsed after the walk starts where
/// it would without the walk.
#[test]
fn edits_do_not_parse_the_file_again() {
    let src = "pub fn f(rows: &[u32]) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let s = format!(\"row-{r}\");\n        n += s.len();\n    }\n    n\n}\n";
    let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
    assert!(
        findings.iter().any(|f| f.edit.is_some()),
        "the file needs a mechanical edit, or nothing is walked: {findings:#?}"
    );
    let next_span = |walk: bool| {
        proc_macro2::extra::invalidate_current_thread_spans();
        let parsed = memaudit_facts::parse::parse_source("src/lib.rs", src).unwrap();
        let mut fs = findings.clone();
        for f in &mut fs {
            f.edit = None;
        }
        if walk {
            super::attach("src/lib.rs", src, &parsed.tree, &parsed.rewrites, &mut fs);
            assert_eq!(
                fs.iter().map(|f| &f.edit).collect::<Vec<_>>(),
                findings.iter().map(|f| &f.edit).collect::<Vec<_>>(),
                "the walk computes the Analyst's edits"
            );
        }
        let probe: proc_macro2::TokenStream = "probe".parse().unwrap();
        let span = probe.into_iter().next().unwrap().span();
        proc_macro2::extra::invalidate_current_thread_spans();
        format!("{span:?}")
    };
    assert_eq!(
        next_span(true),
        next_span(false),
        "no text is parsed between the file and the probe"
    );
}

/// A finding as an LLM Analyst reports it: lines and a proposal, no edit.
fn llm_finding() -> Finding {
    Finding {
        id: "F-001".into(),
        fingerprint: "llm".into(),
        category: Category::UnnecessaryClone,
        file: "src/lib.rs".into(),
        line_start: 1,
        line_end: 1,
        crate_name: "demo".into(),
        priority: Priority::P1,
        item_path: "start".into(),
        confidence: Confidence::Medium,
        safety: Safety::Safe,
        code: String::new(),
        issue: "The sender is cloned only to send.".into(),
        proposal: String::new(),
        impact: Impact::default(),
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Llm,
        reach: None,
        edit: None,
    }
}

#[test]
fn format_pushed_into_a_string_is_written_into_it() {
    check(
        "pub struct Css { out: String }\nimpl Css {\n    pub fn rules(&mut self, colors: &[(u8, u8, u8)]) {\n        for c in colors {\n            self.out.push_str(&format!(\" color: #{:02x}{:02x}{:02x};\\n\", c.0, c.1, c.2));\n        }\n    }\n}\n",
        Category::AllocationLoop,
        5,
        "pub struct Css { out: String }\nimpl Css {\n    pub fn rules(&mut self, colors: &[(u8, u8, u8)]) {\n        for c in colors {\n            { use std::fmt::Write as _; write!(self.out, \" color: #{:02x}{:02x}{:02x};\\n\", c.0, c.1, c.2).unwrap() };\n        }\n    }\n}\n",
    );
}

#[test]
fn only_the_functions_holding_findings_are_walked_and_the_edits_are_the_same() {
    // Functions with findings between functions without: the Analyst's
    // edits (bodies without a finding skipped) equal those of a walk of the
    // whole file, and a nested function's parameters still count.
    let src = "pub fn quiet(a: &[u32]) -> u32 {\n    a.iter().sum()\n}\npub fn f(rows: &[String]) -> usize {\n    let mut n = 0;\n    for r in rows {\n        let mut buf = Vec::new();\n        buf.push(r.len());\n        n += buf.len();\n    }\n    n\n}\npub fn also_quiet() -> u32 {\n    fn takes(s: &str) -> usize { s.len() }\n    takes(\"x\") as u32\n}\npub fn g(names: &[String]) -> usize {\n    let mut t = 0;\n    for n in names {\n        let s = format!(\"{n}!\");\n        t += takes_str(&s);\n    }\n    t\n}\nfn takes_str(s: &str) -> usize { s.len() }\n";
    let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
    let with_edit = findings.iter().filter(|f| f.edit.is_some()).count();
    assert!(with_edit >= 2, "edits in `f` and `g`: {findings:#?}");
    for f in &findings {
        let mut plain = f.clone();
        plain.edit = None;
        assert_eq!(
            super::edit_for("src/lib.rs", src, &plain),
            f.edit,
            "finding on line {}",
            f.line_start
        );
    }
}
