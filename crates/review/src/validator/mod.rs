//! The built-in Validator (workflow spec 2.2): re-reads each finding's code
//! through the shared facts, independently of the Analyst's reasoning, and
//! decides APPROVED or REJECTED with a safety analysis, an impact
//! verification, issues, conditions and — when rejecting — a concrete
//! counterexample; NEEDS_WORK only when one fact it cannot read from the
//! code decides the finding, asked as one question a person can answer.
//!
//! It must NOT trust the finding's claims (its `safety`, `impact` and `code`
//! are checked against the file), must NOT panic or fail on a missing,
//! changed or unparsable file (that gives NEEDS_WORK with UNCLEAR checks and
//! an issue saying why), and must NOT keep syn spans: after each file the
//! thread's span table is invalidated.
//!
//! # How a finding is judged
//!
//! 1. The file is parsed and the code at `line_start..=line_end` is compared
//!    with the finding's snippet (whitespace and comments ignored, ±2 lines of
//!    slack). A mismatch means the file changed since the analysis.
//! 2. The *sites* in that range are located: clones for UNNECESSARY_CLONE,
//!    allocating expressions for ALLOCATION_LOOP / ARENA_CANDIDATE, `Box`
//!    types (wherever written: expressions, `let` annotations, fields, enum
//!    variants, parameter and return types) and allocations for
//!    HEAP_AVOIDABLE, struct/enum definitions and `Vec<Box<T>>` types for
//!    CACHE_HOSTILE, any of these for LIFETIME_EXTENSION. A pre-sizing
//!    finding (`Vec::new()` → `with_capacity`) is judged at the loop that
//!    fills the buffer, not at the `let`.
//! 3. The proposal is read for its *shape* (one reused buffer, a borrow, a
//!    move of the original, pre-sizing, inline data, an arena, other code,
//!    or only a sketch): each shape needs other facts to hold.
//! 4. Every site goes through the *site rules*. If each site is a false
//!    positive the finding is REJECTED with that rule's counterexample;
//!    if only some are, the rest are judged and an issue asks to narrow it.
//! 5. The safety checks and impact questions are answered for the first
//!    remaining site — among them the value's *fate*: only lent, kept
//!    (stored, sent, returned, yielded, captured), or passed by value to a
//!    callee — and the *finding rules* run in table order: the first
//!    REJECTED rule that fires decides; else the first NEEDS_WORK rule that
//!    fires is the one question; a finding no rule objects to is APPROVED
//!    with conditions and the gain said plainly.
//!
//! Findings with a sketch for a proposal are REJECTED by `sketch-proposal`
//! and kept as LOW notes: the Coordinator neither ranks nor counts them.
//!
//! # Rules
//!
//! | id | verdict | applies to | fires when | why |
//! |----|---------|------------|------------|-----|
//! | `test-code` | REJECTED | all | the site is in a `#[test]` fn, a `#[cfg(test)]` item, or under `tests/` / `benches/` | test code never runs in production |
//! | `cold-path` | REJECTED | all | the site is inside `Err(..)`, a `map_err` / `ok_or_else` / `with_context` / `unwrap_or_else` closure, `panic!`-like macros, an assertion's message, an `if`/`else`/`let-else`/match arm that returns an error, an `Err(..)` arm, or a `#[cold]` fn | error paths are rare: no steady-state impact. Eager arguments (`ok_or(..)`, `expect(..)`) are *not* cold |
//! | `cold-reach` | REJECTED | all | the finding's reach (from the workspace call graph) is cold: test code, one-time setup before the main loop, error paths, diagnostics, build scripts and tools | cold code is kept with its reason but never surfaced |
//! | `copy-clone` | REJECTED | all | the cloned value's type is `Copy` (primitives, shared references, tuples/arrays/`Option`s of them, `#[derive(Copy)]` types, `.len()` results, literals) | a `Copy` clone is a bitwise copy, no allocation |
//! | `heapless-clone` | REJECTED | all | the cloned value's type (read from the shared facts, through the workspace's field types) is not `Copy` but holds no heap data: a std `Range`/`RangeInclusive`/`RangeFrom`/`RangeTo` of `Copy` bounds (`Range<usize>`), when the workspace declares no type of that name | the clone copies two words on the stack: nothing is allocated, so nothing is saved |
//! | `refcount-clone-into-task` | REJECTED | all | a cheap handle — `Arc`/`Rc`, a channel sender or other handle of any crate (`Sender`, `UnboundedSender`, `Bytes`, …), or a struct of this crate holding only such handles — is cloned and the clone moves into `thread::spawn` / `tokio::spawn` / a `move` closure or `async move` block | the clone bumps a count; it is what gives the task ownership |
//! | `refcount-clone` | REJECTED | all | any other clone of such a cheap handle | a refcount bump allocates nothing, so there is nothing to save |
//! | `clone-needed-by-task` | REJECTED | all | a clone moves into a `'static` task (`thread::spawn`, `tokio::spawn`, …) and the source is used afterwards or the clone is in a loop | a spawned task needs owned data; a borrow cannot cross the spawn |
//! | `clone-into-closure` | REJECTED | all | the clone's binding is captured by a `move` closure — in any macro or none — and the proposal is not a move of the original | the closure owns what it captures; a borrow makes it borrow the source (E0373/E0521 where it must be `'static`) |
//! | `move-of-borrow` | REJECTED | all | the proposal moves the original instead of copying it, but the original is a reference (`&[T]`, `&str`, `&T`) or a field of a borrowed `self` | moving a reference gives no owned value (E0308), a field cannot move out of a borrow (E0507) |
//! | `used-after-move` | REJECTED | all | the proposal moves the original, but the original is used again later (a use in another arm of the same `match` or `if`/`else if`/`else` chain does not count: it never follows the move), or is declared outside the loop the move would run in | use of a moved value (E0382) |
//! | `source-mutated-after-clone` | REJECTED | all | the clone's source (the very binding, so a shadowing `let` is another variable) is mutated while a borrow in the clone's place would be alive — to the end of the clone's binding's scope, or of the `if let`/`match` that borrows a temporary; a `&mut self` method of the same type counts | a borrow would conflict with the mutation (E0502) |
//! | `owner-borrowed-after-clone` | REJECTED | all | the clone's source is a binding of a pattern matched against a borrow of a place (`if let Some(Scan { sel, .. }) = self.scan.as_mut()`), and while a borrow in the clone's place would be alive, the place's owner is borrowed mutably (a `&mut self` method when the place is a field of `self`) or the place is mutated | the clone is what ends the borrow of the place before the owner is needed mutably (E0502) |
//! | `source-moved-after-clone` | REJECTED | all | the clone's source is moved while such a borrow would be alive | a borrow cannot outlive the move (E0505) |
//! | `scrutinee-guard` | REJECTED | all | a borrow is proposed for a clone that is the value a `match` matches (`match self.kind.clone()`), and the guard of one of its arms reads a name its pattern binds as a whole `bool` (`Kind::Dir { collapsed } if collapsed`) | matched through a borrow, the pattern binds `&bool` (default binding modes): the guard does not compile (E0308) |
//! | `recursive-box` | REJECTED | all | a `Box<T>` in a struct/enum where `T` contains the type itself by value (directly or through other types of the file), and no `Vec`-like container already holds the box | without the box the type has infinite size (E0072) |
//! | `shared-buffer-changed` | REJECTED | all | an `Arc<Vec<T>>`/`Rc<String>` (or `PathBuf`, `OsString`) type, and the file calls `make_mut`, `Arc::get_mut`/`try_unwrap`/`into_inner`/`unwrap_or_clone` (or the `Rc` ones) | the buffer inside is grown in place or taken back: a slice behind the handle cannot be |
//! | `shared-buffer-moved-in` | REJECTED | all | an `Arc<PathBuf>`/`Rc<String>`/`Arc<Vec<T>>` type, and every `Arc::new(..)` (or `Rc::new`) in the file's code that is not a test moves an owned value in (`Arc::new(root_path)`, a binding not made by a copy), at least one does, and none shares a fresh copy (`Arc::new(name.to_string())`) | `Arc::<Path>::from(buffer)` copies the buffer into one new block and frees the old: one allocation per value either way; only a pointer hop per read and the slack are saved |
//! | `box-dyn` | REJECTED | all | a `Box<dyn Trait>` (type, or `Box::new` into a `Box<dyn ..>` binding or return type) | trait objects are unsized and need indirection |
//! | `empty-collection` | REJECTED | ALLOCATION_LOOP | `Vec::new()`, `String::new()`, `vec![]` or a new map that is never grown, written to or handed on | an empty collection allocates nothing |
//! | `lazy-once` | REJECTED | all | the site is inside a branch guarded by `x.is_none()` that assigns `x`, with `x` declared outside the loop | the value is built once, lazily, not per iteration |
//! | `tiny-collection` | REJECTED | all | one reused buffer, or the iterator in place of the `Vec`, is proposed for a `collect()` of at most four items (`.take(2)`, an array literal of two `[a, b].iter()`) | the `Vec` is one allocation of a few dozen bytes: noise |
//! | `loop-local-owner` | REJECTED | all | one reused buffer is proposed for a `collect()` of borrows (`Vec<&str>`, a lifetime in the element type `Vec<File<'_>>`, `.lines()`, `.split(..)`, `.iter()`, a `map` closure that ends in `to_str()`/`as_str()`) of a value made in each iteration | the hoisted buffer would outlive what it borrows (E0597) |
//! | `sketch-proposal` | REJECTED | all | the proposal has no code, only advice ("consider interning repeated strings, a `Cow` or one arena per batch") | a sketch is not a change to review: the finding is a LOW note, never ranked or counted |
//! | `proposal-not-code` | REJECTED | all | the proposal is cut off (`...` or `…` in its code) or a `write!` has more or fewer positional arguments than its format string | it does not compile as written |
//! | `proposal-type-mismatch` | REJECTED | all | the proposal's buffer or pre-sized collection is another type than the code's (`HashMap` for a `HashSet`, a `Vec` for a `collect::<String>()`) | the proposal does not compile or changes the data structure |
//! | `parallel-collect` | REJECTED | all | the proposal replaces a collected `Vec` by its iterator (walked, counted or read where the `Vec` was), and the chain is a rayon parallel iterator (`par_iter`, `into_par_iter`, `par_bridge`, …) | a `ParallelIterator` is not an `Iterator`: `for` does not walk it (E0277) |
//! | `collection-needed` | REJECTED | all | the proposal replaces a collected `Vec` by its iterator, but a use needs the collection: it is `mut`, walked twice or walked after a count or a read, passed on, indexed past the first item, used in a loop it was not made in, walked backwards (`.rev()`) when the chain is not double-ended (`successors`, `from_fn`, `scan`, `take_while`, …) — or the chain spawns a thread or task per item (`spawn`, `spawn_local`, `spawn_blocking`, …), or a closure of the chain changes a value it captures (`headers.remove(k)` in a `filter_map`: collecting makes the change now, lazily it would happen during the walk), or something the chain reads changes before the `Vec` is used (mutated — by a workspace method taking `&mut self` too — or an owned input moved: passed by value, or the receiver of a workspace method that takes `self`) | an iterator runs once and lazily, where the `Vec` was used: it cannot serve a second pass, a borrow of a changed or moved value does not compile (E0502/E0505), a `Vec` can be reversed where the chain cannot (E0277), and collected handles have all started before the first is joined |
//! | `unsafe-proposal` | REJECTED | all | the proposal uses `unsafe`, `transmute`, `set_len`, `from_raw_parts`, `assume_init` or `get_unchecked` without a `// SAFETY:` argument | the spec forbids unjustified unsafe optimisations |
//! | `borrow-still-allocates` | REJECTED | all | a borrow is proposed for a value the site *makes* (`&PathBuf::from(..)`, `&format!(..)`) rather than copies | borrowing a new value still makes it |
//! | `borrow-changes-type` | REJECTED | all | a borrow is proposed for `.to_string()` of something that is not text (a `char`, a number, a `T::from(..)`) | `&x` is not a `&str` (E0308) |
//! | `value-escapes` | REJECTED | all | the proposal is one reused buffer, a borrow or other code, and the value is kept: pushed, inserted, sent, returned, yielded by a `map`-like closure to its consumer, an element of a tuple/array, a struct field, assigned to a place that outlives it, captured by a `move` closure, or given to a widget constructor that keeps it (`Span::from`, `Line::from`, …); not a lookup of the borrowed key before copying it, proposed for `map.entry(key.to_vec())`, which copies only new keys | a reused buffer would be overwritten, a borrow would need a lifetime |
//! | `sink-copies` | REJECTED | all | one reused buffer is proposed for a value moved into a callee that takes `impl Into<String>` (or `Into<PathBuf>`, `String::from`, `io::Error::new`, …) | the callee copies a borrowed `&str` into its own `String`: the allocation moves, it does not disappear |
//! | `moved-into-callee` | REJECTED | all | one reused buffer or a borrow is proposed for a value passed by value to a function whose signature the workspace has, and none of its parameters could take a borrow instead (no generic bounded by `AsRef`, `Borrow`, `Display`, …): it takes the value owned (`Vec<T>`, `impl IntoIterator<Item = T>`, `T`) | a hoisted buffer would be moved on the first pass (E0382), and a borrow does not fit: the callee owns what it is given |
//! | `arm-value` | REJECTED | all | one reused buffer or a borrow is proposed for a value that is the result of one arm of a `match` (`Value::String(s) => format!(..)`) or one branch of an `if`/`else`, whose other branches yield values of their own | `&buf` in one branch gives the branches different types (E0308): every branch would have to write into the buffer |
//! | `parallel-loop` | REJECTED | all | the loop is a rayon parallel iterator and the proposal hoists a buffer or an arena out of it | one buffer would be shared by worker threads |
//! | `once-per-process` | REJECTED | all | the reach says the function runs once per process (reached only from `main` or setup through calls outside loops), the site repeats only over a `for` loop or iterator closure there, and no heap profile measured the lines hot | a collection walked once per run is not a hot path |
//! | `human-rate` | REJECTED | all | the reach passes through a handler of a person's input — a function that takes a key or mouse event (`KeyEvent`, `KeyCode`, `MouseEvent`, or the `Event` of a terminal input crate such as crossterm or termion) — with no `while`/`loop` below it, the site repeats at most over collections walked there (`for`, iterator closures), and no heap profile measured the lines hot | key presses and clicks come a few times a second: what runs once per event, or per element of a list walked per event, is not a hot path |
//! | `once-per-frame` | REJECTED | ALLOCATION_LOOP, ARENA_CANDIDATE, UNNECESSARY_CLONE, HEAP_AVOIDABLE | the site is in no loop of its function, and its reach climbs through single calls only (none matched by name) to one frame of a terminal UI — the closure given to a `draw` method (`terminal.draw(\|f\| ..)`) or a widget's `render` — and no heap profile measured the lines hot | a frame lays out and compares every cell of the screen, at a timer's or a person's pace: a fixed number of small allocations per frame is a fraction of a percent of drawing it; per row or per item drawn is left to the other rules |
//! | `process-per-pass` | REJECTED | ALLOCATION_LOOP, ARENA_CANDIDATE, UNNECESSARY_CLONE, HEAP_AVOIDABLE | the reach shows a loop up the chain whose every pass starts a child process (`Command::spawn`/`output`/`status`, on no branch, directly or through functions that always do), the loops between it and the site walk the program's own collections (not text or input: `lines`, `chars`, `split`, `read_dir`, `while`/`loop`), and no heap profile measured the lines hot | an allocation is tens of nanoseconds, a process start about a millisecond: the saving is lost beside it |
//! | `beside-fs-query` | REJECTED | ALLOCATION_LOOP | the allocation is a path joined per probe (`dir.join(name)`) whose only use is a file-system query (`is_file`, `is_dir`, `exists`, `metadata`, …) | each query is a system call of about a microsecond; the `PathBuf` beside it is a few percent of every probe, however many probes the loop makes |
//! | `lent-beside-walk` | REJECTED | ALLOCATION_LOOP | one reused buffer is proposed for a value only lent (`&format!(..)`) to a function of the file that walks a collection of its own on every call — a `for` over a field of `self` or an associated table (`for (name, info) in &self.units`), directly or through up to three of the file's functions, every function of that name — and no heap profile measured the lines hot | each call walks the whole collection, whatever the argument: one small allocation per call is a fraction of it |
//! | `beside-file-read` | REJECTED | ALLOCATION_LOOP, ARENA_CANDIDATE, UNNECESSARY_CLONE, HEAP_AVOIDABLE | before the site, in the same loop (or both in none) and on its path (not in a branch the site may skip, not cold), the function reads a whole file or stream (`fs::read_to_string`, `fs::read`, `.read_to_end(..)`), and no heap profile measured the lines hot | opening and reading a file is several system calls and a copy of its bytes: one small allocation at the same pace is a fraction of a percent |
//! | `beside-regex-build` | REJECTED | ALLOCATION_LOOP, ARENA_CANDIDATE, UNNECESSARY_CLONE, HEAP_AVOIDABLE | in the same loop and closure as the site, on its path (not in a branch the site may skip, not cold), a regular expression is compiled (`Regex::new`, `RegexBuilder::new`, `RegexSet::new`, `.parse::<Regex>()`), and no heap profile measured the lines hot | compiling a regex parses the pattern and builds an automaton, microseconds and many allocations: one small allocation at the same pace is a fraction of a percent |
//! | `beside-fresh-arena` | REJECTED | ALLOCATION_LOOP, ARENA_CANDIDATE, UNNECESSARY_CLONE, HEAP_AVOIDABLE | the site is in a loop, and in the same loop and closure, on its path, each pass makes a fresh arena (`Arena::new`, `TypedArena::new`, `Bump::new`/`with_capacity`, …), and no heap profile measured the lines hot | a pass that fills a new arena builds a structure of many nodes: one buffer saved per pass is a small share of its allocations |
//! | `usage-text` | REJECTED | ALLOCATION_LOOP, ARENA_CANDIDATE, UNNECESSARY_CLONE, HEAP_AVOIDABLE | the site's function is a text formatter — a `fmt`, or named `print_…`, `show_…`, `display_…`, `render_…`, `write_…`, `format_…` — that writes usage text, a string literal starting with "Usage:" (a `main` or `run` that prints it on bad arguments is not), and no heap profile measured the lines hot | usage text is printed when a person asks for it or mistypes a command, once per run, however the call graph reaches its formatter (a `Display` impl is "called per value") |
//! | `small-error` | REJECTED | CACHE_HOSTILE | the finding is on an enum named `…Error` whose size the workspace's types give in full, and it is under 128 bytes | a `Result` of under 128 bytes is returned through memory at the cost of a few stores (clippy's `result_large_err` draws the line at 128); boxing the variants adds an allocation to every error built |
//! | `once-beside-loop` | REJECTED | ALLOCATION_LOOP | the site is in no loop of its function, the reach runs it once per call of an entry point or once per process, and a loop of the same function makes the same kind of allocation (`format!`, `collect`, …) per element | the site adds one allocation per call beside the loop's one per element: the loop's sites are the findings that count |
//! | `rare-reset` | REJECTED | ARENA_CANDIDATE | as `field-reset`, and the reach of the resetting function passes through a handler of a person's input (see `human-rate`) with no `while`/`loop` below it | the buffer is refilled per tick or per batch, but dropped only per key press or click: `clear()` would save one regrowth per person's action |
//! | `intern-table` | REJECTED | LIFETIME_EXTENSION | the finding is on a map field whose values are integers (`HashMap<String, usize>`), and a function that inserts into it also pushes onto another field of the type: the map hands out positions in that list | an intern table's indices are the identity of what it interned: evicting or clearing it gives the same key a new index and breaks every value that holds the old one |
//! | `borrowed-keys` | REJECTED | LIFETIME_EXTENSION | the finding is on a set or map field whose key type is a reference (`used_keys: HashSet<&'a str>`) | each entry points into a value the borrow checker keeps alive elsewhere at least as long as the set: it can neither outgrow nor outlive the data it borrows |
//! | `finite-growth` | REJECTED | LIFETIME_EXTENSION | the finding is on a field or static declaration, and the call graph bounds every place that grows it per process: each runs once, or per element of collections walked (`for`, iterator closures) on a path from `main`, a runtime entry, setup or cold code — no `while`/`loop`, no per-request or per-element entry, no library API, no callback on the way | a collection filled from a finite input is the program's data: draining or capping it drops entries the program still reads |
//! | `not-worth-it` | REJECTED | all | impact LOW, effort HIGH and not on a hot path | the complexity is not worth the savings |
//! | `slack-lifetime` | NEEDS_WORK | all | the proposal only calls `shrink_to_fit()` on a finished list that is returned or stored: the question is how long the list is kept and how many live at once | giving back capacity pays only for lists kept long (a syntax tree held for a session); for a list used and dropped by the caller it costs a copy and saves nothing; the finding is a LOW note (`coordinator::is_note`), kept with its question, never ranked or counted |
//! | `field-growth` | NEEDS_WORK | LIFETIME_EXTENSION | the finding is on a field or static declaration that the file's functions grow (`push`, `insert`, …) and never drain: the question names the functions that grow it (with the call graph: the place that may grow it without bound, and why) and asks whether growth is per event of an unbounded loop or from a finite input | a collection filled from a finite input is the program's data, not a leak |
//! | `field-reset` | NEEDS_WORK | ARENA_CANDIDATE | the finding is on a `self` field swapped for a fresh, empty buffer (`self.f = Vec::new()`, `mem::take`) that the file's functions fill again: the question names the resetting function and the fillers and asks how often the reset runs against the fills | `clear()` keeps one allocation only when the reset runs about as often as the buffer is refilled |
//! | `site-not-found` | NEEDS_WORK | all | no code of the finding's kind is found at its lines | the Validator cannot verify what it cannot see |
//! | `partly-false-positive` | NEEDS_WORK | all | some but not all sites are false positives | the finding must be narrowed |
//! | `caller-unknown` | NEEDS_WORK | all | the call graph found no caller of the function: the question is whether it runs per item of the program's data | only its caller decides whether it is hot |
//! | `foreign-clone` | NEEDS_WORK | UNNECESSARY_CLONE | the clone copies a value whose type is declared outside the workspace (a dependency's struct, not std's, not a generic parameter): the question is whether the type owns heap data | a clone of a type without heap data (`csv::Position`, three integers) copies bytes and allocates nothing |
//! | `untyped-to-string` | NEEDS_WORK | all | a borrow is proposed for `x.to_string()`, and neither the code, the facts nor a workspace signature tells what `x` is (a binding of `while let Some(Ok(value)) = logs.next().await`), and no heap profile measured it: the question is whether `x` is text | `.to_string()` copies only text; of another `Display` type it is the conversion, and `&x` is not the `&str` the code reads (E0308) |
//! | `untyped-clone` | NEEDS_WORK | UNNECESSARY_CLONE | the clone (`.clone()`) copies a binding of a closure's, loop's or `match`'s pattern (`all.retain(\|(k, _)\| ..)`) whose type neither the code nor the facts tell, and no heap profile measured it: the question is whether the type owns heap data | a clone of a struct of `Copy` fields and `Arc`s bumps counts and allocates nothing |
//! | `callee-unknown` | NEEDS_WORK | all | one reused buffer or a borrow is proposed for a value passed by value to a callee whose signature this crate does not show: the question is whether it takes a borrowed `&str` without keeping or copying it | the callee's parameter decides whether the change saves anything |
//! | `self-call-unknown` | NEEDS_WORK | all | a borrow is proposed for a clone of `self.field` in a `&mut self` method, and while the borrow would be alive the method calls `self.m(..)`, defined outside this file: the question is whether `m` takes `&mut self` | a `&mut self` call while the borrow lives does not compile (E0502) |
//! | `iterator-unproven` | NEEDS_WORK | all | the proposal replaces a collected `Vec` by its iterator, and the collect is not bound by a `let` (where is it used?) or the chain does not start from a std iterator source (`iter`, `into_iter`, `chars`, `lines`, `split`, a range, `iter::once`, …) through std adaptors only (is it a sequential `Iterator`?) | `for`, `count()` and `next()` need an `Iterator`; another crate's chain may be something else |
//! | `api-change` | NEEDS_WORK | all | the proposal, a prerequisite or a trade-off mentions an API / signature / callers change (a trade-off's "callers" of a `let` that never leaves its function do not count), or the site is a type in the signature of a `pub fn` or trait method | an API change needs its callers checked |
//! | `not-in-loop` | NEEDS_WORK | all but CACHE_HOSTILE | without a reach: the site is not inside a loop or per-element closure in its function (a pre-sizing finding is judged at the loop that fills the buffer instead); with a reach: an ALLOCATION_LOOP site in no loop of its function whose reach runs it once per call of an entry point or once per process (no loop up the chain); with or without: a `Box` type in a field or signature (each value is one allocation, but no loop building values is shown) | a per-call allocation is only hot if a caller loops: show that caller |
//! | `dispatch-arm` | NEEDS_WORK | ALLOCATION_LOOP | one buffer hoisted above the loop is proposed, and the allocation is directly in one arm of a `match` with three or more arms inside the loop body (a dispatch on each item's kind): the question is how many items take the arm | an arm taken once per input (a closing tag, a header) makes the per-iteration gain nothing |
//! | `loop-local-borrowed-items` | REJECTED | ALLOCATION_LOOP | as `loop-local-items`, and the workspace declares the method that yields the items from the loop-made value taking `&self`/`&mut self` and returning a type that holds a borrow (`fn files<'d>(&'d self) -> Files<'d>`) | the hoisted buffer would hold borrows of a value dropped at the end of each iteration (E0597) |
//! | `loop-local-items` | NEEDS_WORK | ALLOCATION_LOOP | one buffer hoisted above the loop is proposed for an empty `Vec`/map that is filled (`push`, `insert`, `extend`) with values of a `for` over, or a borrowing chain of, a value made anew in each iteration, and no written type says the items own their data: the question is whether they borrow it | if they do, the hoisted buffer outlives what it holds (E0597) |
//! | `buffer-handed-over` | REJECTED | ALLOCATION_LOOP | the finding proposes `with_capacity` for an empty buffer, and inside the loop that fills it the buffer is moved into a consumer, taken (`mem::take`/`replace`/`swap`), assigned anew or emptied (`clear`, `drain`, `truncate`, `split_off`) | the pushes fill one list after another: the loop's length is no list's capacity, and `with_capacity(n)` over-reserves the first |
//! | `presize-beside-work` | REJECTED | ALLOCATION_LOOP | the finding proposes `with_capacity`, its growth is proven (one push per iteration of a loop of known length), and each iteration calls a function of the same file that loops itself (directly or through up to three of the file's functions, every function of that name; cold calls aside) | pre-sizing saves about log2(n) regrowths per call against n iterations that each walk something: correct, but its gain is lost in the loop's own work |
//! | `presize-unproven` | NEEDS_WORK | ALLOCATION_LOOP | the finding proposes `with_capacity` for an empty buffer (`Vec::new()`, `vec![]`, `String::new()`) but no single loop of known length (a slice, array, `Vec`/map, range, or those through `iter`/`enumerate`/`map`/…) pushes into it exactly once per iteration, outside any branch or nested loop | pre-sizing with the wrong length over-reserves or still regrows |
//! | `cold-file` | NEEDS_WORK | all | without a reach: the site is in a loop but the file is P2/P3 in the scope | a loop in a low-priority file is rarely a hot path: measure it |
//! | `unreached-function` | NEEDS_WORK | all | without a reach: the site is in a loop in a P0/P1 file but its function is private and not called from an entry point in the file | the loop may run rarely or never: show the path from an entry point |
//! | `analyst-unsure` | NEEDS_WORK | all | the Analyst marked the finding NEEDS_REVIEW or UNSAFE and the Validator's own checks do not settle it (the lifetime check is not PASS, and no rule of its own explains the risk); the issue quotes the Analyst's stated risk | the Analyst's own doubt must be resolved |
//! | `low-confidence` | NEEDS_WORK | all | the Analyst's confidence is LOW and the lifetime check is not PASS | the pattern match is weak |
//! | `impact-unknown` | NEEDS_WORK | all | no allocation or byte count is given, or the category is CACHE_HOSTILE (layout effects need a profiler) | the estimate needs a measurement |
//! | `implausible-estimate` | NEEDS_WORK | all | the claimed allocations per unit exceed what the allocating expressions in range can produce (more than 2 × sites + 2), or there are none | the estimate does not match the code |
//! | `unproven-lifetime` | NEEDS_WORK | LIFETIME_EXTENSION, ARENA_CANDIDATE | the lifetime check is UNCLEAR for another reason | moving drop points is proven only by the borrow checker |
//! | `complexity-not-justified` | NEEDS_WORK | all | effort outweighs impact and the site is not hot | ask whether the change is worth it |
//!
//! The hot-path question: with a reach, YES for code whose function is
//! called per item, for a loop in a function that runs per call of an entry
//! point, and for the event loop of `main`; MAYBE once per call or with no
//! caller known; NO once per process (see `hot`). Without a reach, YES only
//! for a site inside a loop (or an iterator closure) in a P0/P1 file (per
//! the scope, else the finding's priority) whose function is reachable from
//! an entry point (`main`, a `pub fn`, an `async fn`, a trait method, a
//! spawned task, or a function called from one of those in the same file).

use crate::error::ReviewError;
use crate::facts::{self, FileFacts, FnFacts, Pos, Site, SiteKind};
use crate::proposal;
use memaudit_model::{
    Answer, Assessment, Category, Check, CheckStatus, Confidence, Finding, Level, Priority, Safety,
    Scope, Validation, ValidationIssue, Verdict,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

mod boxes;
mod branches;
mod checks;
mod claims;
mod clones;
mod cold;
mod flow;
mod hot;
mod iters;
mod judge;
mod loops;
mod presize;
mod proposals;
#[cfg(test)]
mod testing;
mod types;

use boxes::*;
use checks::*;
use claims::*;
use clones::*;
use cold::*;
use flow::*;
use hot::*;
use iters::*;
use judge::*;
use loops::*;
use presize::*;
use proposals::*;
use types::*;

/// Files larger than this are not parsed: no Rust source that a person
/// reviews is this big, and parsing it would blow the memory budget.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Re-reads each finding's file under `root` (independently of the Analyst's
/// reasoning) and validates it. A missing/changed/unparsable file gives
/// NEEDS_WORK with UNCLEAR checks and an issue saying why — never a panic.
///
/// Each file is read and parsed once however many findings point into it.
/// Validations come back in the order of `findings`.
///
/// This invalidates the calling thread's `proc-macro2` span table after each
/// file: do not call it while holding syn trees parsed on the same thread.
pub fn validate(root: &Path, findings: &[Finding], scope: Option<&Scope>) -> Vec<Validation> {
    validate_measured(root, findings, scope, None)
}

/// Allocations a heap profile must measure at a finding's lines for the
/// finding to count as hot whatever its file's priority.
pub const HOT_MEASURED: u64 = 100;

/// Like [`validate`], with the session's heap-profile evidence: allocations
/// measured at each finding's lines, by fingerprint (`None` when there is no
/// profile; with a profile, a missing fingerprint allocated nothing).
///
/// A finding measured at [`HOT_MEASURED`] allocations or more is on a hot
/// path whatever its file's priority (the measurement outranks the
/// heuristic); an approved finding that allocated nothing in the profiled
/// workload gets a condition saying so.
pub fn validate_measured(
    root: &Path,
    findings: &[Finding],
    scope: Option<&Scope>,
    measured: Option<&std::collections::HashMap<String, u64>>,
) -> Vec<Validation> {
    validate_with_facts(root, findings, scope, measured, &|_| None)
}

/// Like [`validate_measured`], with the shared facts of each file when the
/// audit's single pass already gathered them (`facts` answers `None` for a
/// file it does not have, which is then parsed here). The source text is
/// still read, to compare the finding's snippet with the file.
pub fn validate_with_facts(
    root: &Path,
    findings: &[Finding],
    scope: Option<&Scope>,
    measured: Option<&std::collections::HashMap<String, u64>>,
    facts: &dyn Fn(&str) -> Option<std::sync::Arc<memaudit_facts::FileFacts>>,
) -> Vec<Validation> {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_file.entry(f.file.as_str()).or_default().push(i);
    }
    let mut out: Vec<Option<Validation>> = vec![None; findings.len()];
    for (file, indices) in by_file {
        let parsed = read_source(root, file).and_then(|source| match facts(file) {
            Some(shared) => Ok((source, crate::facts::view(&shared))),
            None => gather(&source, file).map(|f| (source, f)),
        });
        let lines: Vec<&str> = match &parsed {
            Ok((source, _)) => source.lines().collect(),
            Err(_) => Vec::new(),
        };
        for i in indices {
            let finding = &findings[i];
            out[i] = Some(match &parsed {
                Ok((_, facts)) => {
                    let m = measured.map(|m| m.get(&finding.fingerprint).copied().unwrap_or(0));
                    judge(&lines, facts, finding, scope, m)
                }
                Err(e) => unclear(finding, e),
            });
        }
    }
    out.into_iter().flatten().collect()
}

/// Validates one finding against the given file source.
///
/// Like [`validate`], this invalidates the calling thread's span table.
pub fn validate_in_source(source: &str, finding: &Finding, scope: Option<&Scope>) -> Validation {
    match gather(source, &finding.file) {
        Ok(facts) => {
            let lines: Vec<&str> = source.lines().collect();
            judge(&lines, &facts, finding, scope, None)
        }
        Err(e) => unclear(finding, &e),
    }
}

fn read_source(root: &Path, file: &str) -> Result<String, ReviewError> {
    let rel = Path::new(file);
    // Findings come from stored sessions that may have been edited: a path
    // must never lead outside the workspace.
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(ReviewError::Read {
            path: file.to_owned(),
            message: "the path is not inside the workspace".to_owned(),
        });
    }
    let path = root.join(rel);
    let read_err = |message: String| ReviewError::Read {
        path: file.to_owned(),
        message,
    };
    let meta = std::fs::metadata(&path).map_err(|e| read_err(e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(read_err(format!(
            "the file is {} bytes, more than the {MAX_FILE_BYTES} bytes the Validator parses",
            meta.len()
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| read_err(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| read_err("the file is not UTF-8 text".to_owned()))
}

fn gather(source: &str, file: &str) -> Result<FileFacts, ReviewError> {
    let result = facts::gather(source).map_err(|e| match e {
        memaudit_facts::parse::ParseError::Syntax { line, message, .. } => ReviewError::Parse {
            path: file.to_owned(),
            line,
            message,
        },
        memaudit_facts::parse::ParseError::TooComplex { reason, .. } => ReviewError::Parse {
            path: file.to_owned(),
            line: 0,
            message: reason,
        },
    });
    // Positions were copied out as numbers; without this the span table
    // only grows (900 MB over 12M lines).
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// What a rule found: the issue it raises and, for rejections, the
/// counterexample; optionally the checks it settles.
#[derive(Debug, Clone, Default)]
struct Fired {
    description: String,
    risk: String,
    suggestion: String,
    counterexample: Option<String>,
    lifetime: Option<Check>,
    thread_safety: Option<Check>,
    hot_path: Option<Assessment>,
    estimate: Option<Assessment>,
}

enum Eval {
    /// Judges one site: the false-positive rules.
    Site(fn(&Case, &Site) -> Option<Fired>),
    /// Judges the whole finding after the checks are computed.
    Finding(fn(&Case, &Review) -> Option<Fired>),
}

/// One Validator rule, as listed in the module documentation.
pub struct Rule {
    /// Stable id, cited in issues (`[rule: copy-clone]`).
    pub id: &'static str,
    pub verdict: Verdict,
    /// Categories the rule applies to; empty means all.
    pub categories: &'static [Category],
    /// When it fires.
    pub when: &'static str,
    eval: Eval,
}

impl Rule {
    fn applies(&self, c: Category) -> bool {
        self.categories.is_empty() || self.categories.contains(&c)
    }
}

/// The rule table, in evaluation order. Site rules first (the first that
/// fires on a site decides it), then the finding rules: the first REJECTED
/// one that fires decides, else the first NEEDS_WORK one is the question.
pub static RULES: &[Rule] = &[
    Rule {
        id: "test-code",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the site is test code",
        eval: Eval::Site(rule_test_code),
    },
    Rule {
        id: "cold-path",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the site is on an error or #[cold] path",
        eval: Eval::Site(rule_cold_path),
    },
    Rule {
        id: "cold-reach",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the call graph says the code is cold",
        eval: Eval::Site(rule_cold_reach),
    },
    Rule {
        id: "copy-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the cloned value is Copy",
        eval: Eval::Site(rule_copy_clone),
    },
    Rule {
        id: "heapless-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the cloned value holds no heap data (a std range of Copy bounds)",
        eval: Eval::Site(rule_heapless_clone),
    },
    Rule {
        id: "refcount-clone-into-task",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a cheap handle clone moves into a task or move closure",
        eval: Eval::Site(rule_refcount_into_task),
    },
    Rule {
        id: "refcount-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a cheap handle clone (a refcount bump)",
        eval: Eval::Site(rule_refcount_clone),
    },
    Rule {
        id: "clone-needed-by-task",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a clone moves into a 'static task and the source is still needed",
        eval: Eval::Site(rule_clone_needed_by_task),
    },
    Rule {
        id: "clone-into-closure",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the clone is captured by a move closure",
        eval: Eval::Site(rule_clone_into_closure),
    },
    Rule {
        id: "move-of-borrow",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a move is proposed for a reference or a field of a borrowed self",
        eval: Eval::Site(rule_move_of_borrow),
    },
    Rule {
        id: "used-after-move",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a move is proposed for a value used again",
        eval: Eval::Site(rule_used_after_move),
    },
    Rule {
        id: "source-mutated-after-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the clone's source is mutated while a borrow would live",
        eval: Eval::Site(rule_source_mutated),
    },
    Rule {
        id: "owner-borrowed-after-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the clone's source borrows a place whose owner is then borrowed mutably",
        eval: Eval::Site(rule_owner_borrowed),
    },
    Rule {
        id: "source-moved-after-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the clone's source is moved while a borrow would live",
        eval: Eval::Site(rule_source_moved),
    },
    Rule {
        id: "scrutinee-guard",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a borrow is proposed for a matched clone whose arm guards read a bound bool",
        eval: Eval::Site(rule_scrutinee_guard),
    },
    Rule {
        id: "recursive-box",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the box breaks a recursive type",
        eval: Eval::Site(rule_recursive_box),
    },
    Rule {
        id: "shared-buffer-changed",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a shared buffer's file grows or takes back what an Arc/Rc shares",
        eval: Eval::Site(boxes::rule_shared_buffer_changed),
    },
    Rule {
        id: "shared-buffer-moved-in",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "every shared buffer of the file is built by moving an owned buffer in",
        eval: Eval::Site(boxes::rule_shared_buffer_moved_in),
    },
    Rule {
        id: "box-dyn",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the box holds a trait object",
        eval: Eval::Site(rule_box_dyn),
    },
    Rule {
        id: "empty-collection",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "an empty collection that never grows",
        eval: Eval::Site(rule_empty_collection),
    },
    Rule {
        id: "lazy-once",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the value is built once behind an is_none() guard",
        eval: Eval::Site(rule_lazy_once),
    },
    Rule {
        id: "tiny-collection",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a collect of at most a few items",
        eval: Eval::Site(rule_tiny_collection),
    },
    Rule {
        id: "loop-local-owner",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a hoisted buffer of borrows of a per-iteration value",
        eval: Eval::Site(rule_loop_local_owner),
    },
    Rule {
        id: "sketch-proposal",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the proposal is a sketch, not code",
        eval: Eval::Finding(rule_sketch_proposal),
    },
    Rule {
        id: "proposal-not-code",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the proposal is cut off or does not compile",
        eval: Eval::Finding(rule_proposal_not_code),
    },
    Rule {
        id: "proposal-type-mismatch",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the proposal's type differs from the code's",
        eval: Eval::Finding(rule_proposal_type_mismatch),
    },
    Rule {
        id: "parallel-collect",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the iterator-only rewrite of a rayon chain",
        eval: Eval::Finding(rule_parallel_collect),
    },
    Rule {
        id: "collection-needed",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the iterator-only rewrite of a Vec whose uses need the collection",
        eval: Eval::Finding(rule_collection_needed),
    },
    Rule {
        id: "unsafe-proposal",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the proposal uses unjustified unsafe code",
        eval: Eval::Finding(rule_unsafe_proposal),
    },
    Rule {
        id: "borrow-still-allocates",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a borrow of a value the site makes",
        eval: Eval::Finding(rule_borrow_still_allocates),
    },
    Rule {
        id: "borrow-changes-type",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a borrow of a to_string() of non-text",
        eval: Eval::Finding(rule_borrow_changes_type),
    },
    Rule {
        id: "value-escapes",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the value is kept: stored, sent, returned or captured",
        eval: Eval::Finding(rule_value_escapes),
    },
    Rule {
        id: "sink-copies",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the callee copies a borrowed argument anyway",
        eval: Eval::Finding(rule_sink_copies),
    },
    Rule {
        id: "moved-into-callee",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the value is passed by value to a workspace function that takes it owned",
        eval: Eval::Finding(rule_moved_into_callee),
    },
    Rule {
        id: "arm-value",
        verdict: Verdict::Rejected,
        categories: &[],
        when:
            "one reused buffer or a borrow is proposed for the value of one branch of a match or if",
        eval: Eval::Finding(branches::rule_arm_value),
    },
    Rule {
        id: "parallel-loop",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a buffer would be hoisted out of a parallel loop",
        eval: Eval::Finding(rule_parallel_loop),
    },
    Rule {
        id: "once-per-process",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the loop runs once per process",
        eval: Eval::Finding(rule_once_per_process),
    },
    Rule {
        id: "human-rate",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the code runs per key press or mouse action of a person",
        eval: Eval::Finding(rule_human_rate),
    },
    Rule {
        id: "once-per-frame",
        verdict: Verdict::Rejected,
        categories: hot::COUNTED,
        when: "the code runs a fixed number of times per frame of a terminal UI",
        eval: Eval::Finding(hot::rule_once_per_frame),
    },
    Rule {
        id: "process-per-pass",
        verdict: Verdict::Rejected,
        categories: hot::COUNTED,
        when: "each pass of the loop that repeats the code starts a child process",
        eval: Eval::Finding(rule_process_per_pass),
    },
    Rule {
        id: "beside-fs-query",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "a path joined per probe only for a file-system query",
        eval: Eval::Finding(hot::rule_beside_fs_query),
    },
    Rule {
        id: "lent-beside-walk",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "a reused buffer for a value lent to a function that walks a collection of its own",
        eval: Eval::Finding(rule_lent_beside_walk),
    },
    Rule {
        id: "beside-file-read",
        verdict: Verdict::Rejected,
        categories: hot::COUNTED,
        when: "the code runs at most once per read of a whole file, after it",
        eval: Eval::Finding(hot::rule_beside_file_read),
    },
    Rule {
        id: "beside-regex-build",
        verdict: Verdict::Rejected,
        categories: hot::COUNTED,
        when: "a regular expression is compiled at the allocation's pace",
        eval: Eval::Finding(hot::rule_beside_regex_build),
    },
    Rule {
        id: "beside-fresh-arena",
        verdict: Verdict::Rejected,
        categories: hot::COUNTED,
        when: "each pass of the loop makes a fresh arena and builds in it",
        eval: Eval::Finding(hot::rule_beside_fresh_arena),
    },
    Rule {
        id: "usage-text",
        verdict: Verdict::Rejected,
        categories: hot::COUNTED,
        when: "the code formats a command's usage text",
        eval: Eval::Finding(cold::rule_usage_text),
    },
    Rule {
        id: "once-beside-loop",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "a once-per-call allocation beside a loop of the same function that makes it per element",
        eval: Eval::Finding(hot::rule_once_beside_loop),
    },
    Rule {
        id: "rare-reset",
        verdict: Verdict::Rejected,
        categories: &[Category::ArenaCandidate],
        when: "a field reset that runs per key press or mouse action of a person",
        eval: Eval::Finding(rule_rare_reset),
    },
    Rule {
        id: "intern-table",
        verdict: Verdict::Rejected,
        categories: &[Category::LifetimeExtension],
        when: "a map said to only grow hands out indices into a list grown beside it",
        eval: Eval::Finding(rule_intern_table),
    },
    Rule {
        id: "small-error",
        verdict: Verdict::Rejected,
        categories: &[Category::CacheHostile],
        when: "an error enum to box is smaller than a Result worth shrinking",
        eval: Eval::Site(boxes::rule_small_error),
    },
    Rule {
        id: "not-worth-it",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "low impact, high effort, not hot",
        eval: Eval::Finding(rule_not_worth_it),
    },
    Rule {
        id: "slack-lifetime",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the proposal gives back a finished list's spare capacity",
        eval: Eval::Finding(flow::rule_slack_lifetime),
    },
    Rule {
        id: "borrowed-keys",
        verdict: Verdict::Rejected,
        categories: &[Category::LifetimeExtension],
        when: "a set or map field said to only grow is keyed by references",
        eval: Eval::Finding(rule_borrowed_keys),
    },
    Rule {
        id: "finite-growth",
        verdict: Verdict::Rejected,
        categories: &[Category::LifetimeExtension],
        when: "a field or static said to only grow grows only from a finite input",
        eval: Eval::Finding(rule_finite_growth),
    },
    Rule {
        id: "field-growth",
        verdict: Verdict::NeedsWork,
        categories: &[Category::LifetimeExtension],
        when: "a field or static said to only grow",
        eval: Eval::Finding(rule_field_growth),
    },
    Rule {
        id: "field-reset",
        verdict: Verdict::NeedsWork,
        categories: &[Category::ArenaCandidate],
        when: "a field swapped for an empty buffer that the type fills again",
        eval: Eval::Finding(rule_field_reset),
    },
    Rule {
        id: "site-not-found",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "no matching code at the finding's lines",
        eval: Eval::Finding(rule_site_not_found),
    },
    Rule {
        id: "partly-false-positive",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "some sites are false positives",
        eval: Eval::Finding(rule_partly_false_positive),
    },
    Rule {
        id: "caller-unknown",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "no caller of the function is known",
        eval: Eval::Finding(rule_caller_unknown),
    },
    Rule {
        id: "foreign-clone",
        verdict: Verdict::NeedsWork,
        categories: &[Category::UnnecessaryClone],
        when: "the clone copies a type declared outside the workspace",
        eval: Eval::Finding(rule_foreign_clone),
    },
    Rule {
        id: "untyped-to-string",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "a borrow of a to_string() of a value whose type nothing tells",
        eval: Eval::Finding(proposals::rule_untyped_to_string),
    },
    Rule {
        id: "untyped-clone",
        verdict: Verdict::NeedsWork,
        categories: &[Category::UnnecessaryClone],
        when: "the clone copies a pattern binding whose type nothing tells",
        eval: Eval::Finding(rule_untyped_clone),
    },
    Rule {
        id: "callee-unknown",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the callee's parameter is not known",
        eval: Eval::Finding(rule_callee_unknown),
    },
    Rule {
        id: "self-call-unknown",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "a borrow of a self field would live across a method of unknown receiver",
        eval: Eval::Finding(rule_self_call_unknown),
    },
    Rule {
        id: "iterator-unproven",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the iterator-only rewrite of a chain not known to be an Iterator",
        eval: Eval::Finding(rule_iterator_unproven),
    },
    Rule {
        id: "api-change",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the proposal changes an API",
        eval: Eval::Finding(rule_api_change),
    },
    Rule {
        id: "not-in-loop",
        verdict: Verdict::NeedsWork,
        categories: &[
            Category::ArenaCandidate,
            Category::UnnecessaryClone,
            Category::HeapAvoidable,
            Category::LifetimeExtension,
            Category::AllocationLoop,
        ],
        when: "the site is not in a loop",
        eval: Eval::Finding(rule_not_in_loop),
    },
    Rule {
        id: "dispatch-arm",
        verdict: Verdict::NeedsWork,
        categories: &[Category::AllocationLoop],
        when: "the allocation is in one arm of a match on each item inside the loop",
        eval: Eval::Finding(branches::rule_dispatch_arm),
    },
    Rule {
        id: "loop-local-borrowed-items",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "a hoisted buffer would hold items a workspace method lends from a value made in each iteration",
        eval: Eval::Finding(rule_loop_local_borrowed_items),
    },
    Rule {
        id: "loop-local-items",
        verdict: Verdict::NeedsWork,
        categories: &[Category::AllocationLoop],
        when: "a hoisted buffer is filled with items of a value made in each iteration",
        eval: Eval::Finding(rule_loop_local_items),
    },
    Rule {
        id: "buffer-handed-over",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "the buffer to pre-size is moved, taken, reassigned or emptied inside the loop that fills it",
        eval: Eval::Finding(rule_buffer_handed_over),
    },
    Rule {
        id: "presize-beside-work",
        verdict: Verdict::Rejected,
        categories: &[Category::AllocationLoop],
        when: "the loop that fills the buffer to pre-size calls, per iteration, a function of the file that loops itself",
        eval: Eval::Finding(rule_presize_beside_work),
    },
    Rule {
        id: "presize-unproven",
        verdict: Verdict::NeedsWork,
        categories: &[Category::AllocationLoop],
        when: "a pre-sizing claim is not borne out by the loop that fills the buffer",
        eval: Eval::Finding(rule_presize_unproven),
    },
    Rule {
        id: "cold-file",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the loop is in a P2/P3 file",
        eval: Eval::Finding(rule_cold_file),
    },
    Rule {
        id: "unreached-function",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the loop's function is not reached from an entry point",
        eval: Eval::Finding(rule_unreached),
    },
    Rule {
        id: "analyst-unsure",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the Analyst marked it NEEDS_REVIEW/UNSAFE",
        eval: Eval::Finding(rule_analyst_unsure),
    },
    Rule {
        id: "low-confidence",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "confidence LOW",
        eval: Eval::Finding(rule_low_confidence),
    },
    Rule {
        id: "impact-unknown",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "no count, or layout effects",
        eval: Eval::Finding(rule_impact_unknown),
    },
    Rule {
        id: "implausible-estimate",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the claimed count does not match the code",
        eval: Eval::Finding(rule_implausible_estimate),
    },
    Rule {
        id: "unproven-lifetime",
        verdict: Verdict::NeedsWork,
        categories: &[Category::LifetimeExtension, Category::ArenaCandidate],
        when: "the lifetime check is UNCLEAR",
        eval: Eval::Finding(rule_unproven_lifetime),
    },
    Rule {
        id: "complexity-not-justified",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "effort outweighs impact",
        eval: Eval::Finding(rule_complexity),
    },
];

#[cfg(test)]
mod tests;
