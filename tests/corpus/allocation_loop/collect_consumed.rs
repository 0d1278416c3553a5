//! Corpus: ALLOCATION_LOOP — a `Vec` collected only to be counted, walked
//! once, read for its first item or joined; the iterator serves each use.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

pub struct Entry {
    pub name: String,
    pub is_type: bool,
    pub refs: Vec<u32>,
}

impl Entry {
    pub fn typed(&self) -> bool {
        self.is_type && !self.name.is_empty()
    }
}

// ---- positives ----

pub fn has_one_reference(entry: &Entry, wanted: u32) -> bool {
    let refs: Vec<_> = entry.refs.iter().filter(|r| **r > 0).collect(); // expect: ALLOCATION_LOOP
    if refs.len() != 1 {
        return false;
    }
    *refs[0] == wanted
}

pub fn count_types(entries: &[Entry]) -> usize {
    let typed = entries.iter().filter(|e| e.typed()).collect::<Vec<_>>(); // expect: ALLOCATION_LOOP
    typed.len()
}

pub fn any_named(entries: &[Entry], key: &str) -> bool {
    let named: Vec<&Entry> = entries.iter().filter(|e| e.name == key).collect(); // expect: ALLOCATION_LOOP
    !named.is_empty()
}

pub fn total_refs(entries: &[Entry]) -> usize {
    let mut total = 0;
    let lists: Vec<_> = entries.iter().map(|e| e.refs.len()).collect(); // expect: ALLOCATION_LOOP
    for n in &lists {
        total += n;
    }
    total
}

pub fn first_name(entries: &[Entry]) -> Option<String> {
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect(); // expect: ALLOCATION_LOOP
    names.first().map(|n| n.to_uppercase())
}

pub fn trimmed_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect(); // expect: ALLOCATION_LOOP
    lines.join("\n")
}

pub fn per_entry(entries: &[Entry]) -> usize {
    let mut n = 0;
    for e in entries {
        let big: Vec<_> = e.refs.iter().filter(|r| **r > 10).collect(); // expect: ALLOCATION_LOOP
        n += big.len();
    }
    n
}

// Tested for emptiness before its one walk: `peekable()` serves both
// (oxc's import-cycle check per graph edge).
pub fn all_typed(entries: &[Entry], key: &str) -> bool {
    let named: Vec<_> = entries.iter().filter(|e| e.name == key).collect(); // expect: ALLOCATION_LOOP
    !named.is_empty() && named.iter().all(|e| e.is_type)
}

pub fn first_gap(entries: &[Entry]) -> usize {
    let typed: Vec<_> = entries.iter().filter(|e| e.typed()).collect(); // expect: ALLOCATION_LOOP
    if typed.is_empty() {
        return 0;
    }
    let mut n = 0;
    for e in &typed {
        n += e.refs.len();
    }
    n
}

pub struct Scoping {
    pub refs: Vec<Vec<u32>>,
}

// Another crate's chain, only counted and read for its first item: any
// sequential chain that `collect()`s has `next()` and `count()` (oxc's
// "exactly one reference" check).
pub fn only_reference(scoping: &Scoping, id: u32, wanted: usize) -> bool {
    let references: Vec<_> = scoping.resolved(id).collect(); // expect: ALLOCATION_LOOP
    if references.len() != 1 {
        return false;
    }
    let reference = &references[0];
    reference.len() == wanted
}

pub fn sum_positive(entry: &Entry) -> u32 {
    let positive: Vec<u32> = entry.refs.iter().copied().filter(|r| *r > 0).collect(); // expect: ALLOCATION_LOOP
    let mut sum = 0;
    for r in positive {
        sum += r;
    }
    sum
}

// ---- negatives ----

// Walked twice: the `Vec` saves re-running the filter.
pub fn twice(entries: &[Entry]) -> (usize, bool) {
    let typed: Vec<_> = entries.iter().filter(|e| e.typed()).collect(); // expect-none
    let n = typed.iter().map(|e| e.refs.len()).sum();
    (n, typed.iter().all(|e| e.name.is_empty()))
}

// Returned: the caller owns the `Vec`.
pub fn kept(entries: &[Entry]) -> Vec<&Entry> {
    let typed: Vec<_> = entries.iter().filter(|e| e.typed()).collect(); // expect-none
    typed
}

// Indexed at a computed position: random access needs the `Vec`.
pub fn middle(entries: &[Entry]) -> Option<&str> {
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect(); // expect-none
    let i = names.len() / 2;
    Some(names[i])
}

// Sorted in place: needs the storage.
pub fn sorted(entries: &[Entry]) -> usize {
    let mut names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect(); // expect-none
    names.sort();
    names.len()
}

// Counted, then walked: two passes (`len()` needs every item first).
pub fn counted_then_walked(entries: &[Entry]) -> usize {
    let typed: Vec<_> = entries.iter().filter(|e| e.typed()).collect(); // expect-none
    if typed.len() < 2 {
        return 0;
    }
    let mut n = 0;
    for e in &typed {
        n += e.refs.len();
    }
    n
}

// Walked, then tested for emptiness: the walk has consumed the items.
pub fn walked_then_tested(entries: &[Entry]) -> (usize, bool) {
    let typed: Vec<_> = entries.iter().filter(|e| e.typed()).collect(); // expect-none
    let n = typed.iter().map(|e| e.refs.len()).sum();
    (n, typed.is_empty())
}

// A set collected to deduplicate: its length is not the iterator's count.
pub fn distinct(entries: &[Entry]) -> usize {
    let names: std::collections::HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect(); // expect-none
    names.len()
}

// Used inside a closure that runs per item: many lookups.
pub fn lookups(entries: &[Entry], keys: &[u32]) -> usize {
    let refs: Vec<u32> = entries.iter().flat_map(|e| e.refs.iter().copied()).collect(); // expect-none
    keys.iter().filter(|k| refs.contains(k)).count()
}

// Passed on to a callee that takes the slice.
fn consume(_: &[&Entry]) {}
pub fn handed_on(entries: &[Entry]) {
    let typed: Vec<_> = entries.iter().filter(|e| e.typed()).collect(); // expect-none
    consume(&typed);
}

// A rayon chain: a `ParallelIterator` has no `for`, `count()` is rayon's
// own; the `Vec` is what turns the parallel result into something to walk.
pub fn parallel_sizes(entries: &[Entry]) -> usize {
    let sizes = entries.par_iter().map(|e| e.refs.len()).collect::<Vec<_>>(); // expect-none
    let mut n = 0;
    for s in sizes {
        n += s;
    }
    n
}

// Bridged into rayon half-way: still not a sequential iterator.
pub fn bridged(entries: &[Entry]) -> usize {
    let typed: Vec<_> = entries.iter().par_bridge().filter(|e| e.typed()).collect(); // expect-none
    typed.len()
}

// A chain through another crate's method: not provably an `Iterator`.
pub fn grouped(entries: &[Entry]) -> usize {
    let groups: Vec<_> = entries.iter().group_by(|e| e.is_type).collect(); // expect-none
    groups.len()
}

// Walked: `for` needs an `Iterator`, which another crate's chain may not be.
pub fn walked_foreign(scoping: &Scoping, id: u32) -> usize {
    let refs: Vec<_> = scoping.resolved(id).collect(); // expect-none
    let mut n = 0;
    for r in &refs {
        n += r.len();
    }
    n
}

// ---- a temporary String pushed into another ----

pub struct Report {
    pub out: String,
}

impl Report {
    pub fn negated(&mut self, term: &Entry) {
        self.out.push_str(&format!("!{}", term.name)); // expect: ALLOCATION_LOOP
    }

    pub fn count(&mut self, n: usize) {
        self.out.push_str(&n.to_string()); // expect: ALLOCATION_LOOP
    }

    // Pushing a borrowed `&str` allocates nothing.
    pub fn plain(&mut self, term: &Entry) {
        self.out.push_str(&term.name); // expect-none
    }

    // Kept: the formatted value is also used afterwards.
    pub fn kept(&mut self, term: &Entry) -> usize {
        let s = format!("!{}", term.name); // expect-none
        self.out.push_str(&s);
        s.len()
    }

    // Bound first, then only pushed: the same two copies.
    pub fn bound(&mut self, term: &Entry) {
        let s = format!("!{}", term.name); // expect: ALLOCATION_LOOP
        self.out.push_str(&s);
    }

    // A `Cow` made owned only to be copied again.
    pub fn lossy(&mut self, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes).into_owned(); // expect: ALLOCATION_LOOP
        self.out.clear();
        self.out.push_str(&text);
    }

    // Kept: the owned copy is stored as well as pushed.
    pub fn stored(&mut self, bytes: &[u8], names: &mut Vec<String>) {
        let text = String::from_utf8_lossy(bytes).into_owned(); // expect-none
        self.out.push_str(&text);
        names.push(text);
    }

    // Pushed twice: still one copy fewer with `write!`, but not the shape.
    pub fn twice(&mut self, other: &mut String, term: &Entry) {
        let s = format!("!{}", term.name); // expect-none
        self.out.push_str(&s);
        other.push_str(&s);
    }
}

// ---- a Vec grown from empty in bulk steps ----

pub fn verify_message(hash: &[u8], context: &[u8]) -> Vec<u8> {
    let mut msg = Vec::new(); // expect: ALLOCATION_LOOP
    msg.resize(64, 0x20u8);
    msg.extend_from_slice(context);
    msg.extend_from_slice(hash);
    msg
}

pub fn two_parts(hash: &[u8], context: &[u8]) -> Vec<u8> {
    let mut msg = Vec::new(); // expect-none: two steps
    msg.extend_from_slice(context);
    msg.extend_from_slice(hash);
    msg
}

pub fn reserved(hash: &[u8], context: &[u8]) -> Vec<u8> {
    let mut msg = Vec::new(); // expect-none: capacity reserved first
    msg.reserve(64 + context.len() + hash.len());
    msg.resize(64, 0x20u8);
    msg.extend_from_slice(context);
    msg.extend_from_slice(hash);
    msg
}

pub fn pushed(a: u8, b: u8, c: u8) -> Vec<u8> {
    let mut msg = Vec::new(); // expect-none: pushes of a few bytes allocate once
    msg.push(a);
    msg.push(b);
    msg.push(c);
    msg
}

pub fn diagnostics(a: &[String], b: &[String], c: &[String]) -> Vec<String> {
    let mut errors = Vec::new(); // expect-none: `extend` reserves by the size hint; mostly empty
    errors.extend(a.iter().cloned());
    errors.extend(b.iter().cloned());
    errors.extend(c.iter().cloned());
    errors
}
