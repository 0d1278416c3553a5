//! What memaudit knows about std (and common crates') methods and macros
//! without a compiler: which methods mutate their receiver, which only read
//! it, which allocate, which take a closure that runs per element, which
//! arguments run only on failure. One list per question, shared by every
//! consumer of the facts, so that the Analyst and the Validator never
//! disagree about what a loop or a mutation is.
//!
//! This module must NOT hold rules about findings: only facts about names.

/// Methods that take `&mut self` (or consume an iterator step) on std types.
pub const MUTATING: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "remove",
    "clear",
    "extend",
    "extend_from_slice",
    "append",
    "truncate",
    "retain",
    "retain_mut",
    "drain",
    "sort",
    "sort_by",
    "sort_by_key",
    "sort_unstable",
    "sort_unstable_by",
    "sort_unstable_by_key",
    "dedup",
    "dedup_by",
    "dedup_by_key",
    "reserve",
    "reserve_exact",
    "pop",
    "pop_back",
    "pop_front",
    "swap",
    "get_mut",
    "iter_mut",
    "entry",
    "as_mut",
    "as_mut_slice",
    "take",
    "replace",
    "set",
    "resize",
    "resize_with",
    "fill",
    "write",
    "write_all",
    "write_str",
    "write_fmt",
    "read",
    "read_to_end",
    "read_to_string",
    "read_line",
    "read_exact",
    "flush",
    "split_off",
    "swap_remove",
    "shrink_to_fit",
    "shrink_to",
    "get_or_insert",
    "get_or_insert_with",
    "borrow_mut",
    "lock",
    "make_ascii_lowercase",
    "make_ascii_uppercase",
    "reverse",
    "rotate_left",
    "rotate_right",
    "values_mut",
    "last_mut",
    "first_mut",
    "next",
    "insert_str",
];

/// Methods that only read their receiver.
pub const READ_ONLY: &[&str] = &[
    "len",
    "is_empty",
    "iter",
    "as_str",
    "as_bytes",
    "as_slice",
    "as_ref",
    "as_path",
    "as_os_str",
    "get",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "first",
    "last",
    "chars",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "trim",
    "trim_start",
    "trim_end",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "hash",
    "display",
    "to_str",
    "to_string_lossy",
    "find",
    "rfind",
    "keys",
    "values",
    "capacity",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "fmt",
    "windows",
    "chunks",
    "parse",
    "join",
    "exists",
    "extension",
    "file_name",
    "file_stem",
    "parent",
    "to_string",
    "to_owned",
    "clone",
    "to_vec",
    "to_lowercase",
    "to_uppercase",
    "char_indices",
    "binary_search",
    "is_dir",
    "is_file",
    "components",
    "as_deref",
    "map_or",
    "unwrap_or_default",
    "copied",
    "cloned",
    "max",
    "min",
    "sum",
    "count",
    "to_path_buf",
    "matches",
    "strip_prefix",
    "strip_suffix",
    "splitn",
    "rsplit",
    "is_char_boundary",
    "into_iter",
];

/// Methods whose arguments are references or `Copy` keys in practice, so a
/// bare place argument is read, not moved.
pub const BORROWING_METHODS: &[&str] = &[
    "get",
    "get_mut",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "find",
    "split",
    "strip_prefix",
    "strip_suffix",
    "remove",
    "extend_from_slice",
    "push_str",
    "write_all",
    "write_str",
    "binary_search",
    "join",
];

/// Methods whose result is a fresh heap allocation (when the receiver owns
/// or borrows heap data).
pub const ALLOC_METHODS: &[&str] = &[
    "clone",
    "to_string",
    "to_owned",
    "to_vec",
    "collect",
    "join",
    "concat",
    "repeat",
    "to_uppercase",
    "to_lowercase",
    "to_ascii_uppercase",
    "to_ascii_lowercase",
    "into_owned",
    "into_boxed_slice",
    "to_path_buf",
    "replace",
];

/// Iterator adaptors that only exist on iterators (or slices): a closure
/// passed to them runs once per element.
pub const ITER_ONLY: &[&str] = &[
    "for_each",
    "filter_map",
    "flat_map",
    "fold",
    "try_fold",
    "try_for_each",
    "scan",
    "take_while",
    "skip_while",
    "map_while",
    "any",
    "all",
    "position",
    "rposition",
    "find_map",
    "partition",
    "max_by_key",
    "min_by_key",
    "max_by",
    "min_by",
    "reduce",
    "retain",
    "retain_mut",
    "sort_by",
    "sort_by_key",
    "sort_unstable_by",
    "sort_unstable_by_key",
    "sort_by_cached_key",
    "dedup_by",
    "dedup_by_key",
    "for_each_init",
    "map_init",
    "chunk_by",
    "group_by",
];

/// Adaptors that also exist on `Option`/`Result`, where they run once: a
/// loop only when the receiver is visibly an iterator.
pub const ITER_MAYBE: &[&str] = &["map", "filter", "inspect", "find", "flat_map"];

/// Per-element closures whose first parameter is the item itself.
pub const ITEM_BY_VALUE: &[&str] = &[
    "map",
    "for_each",
    "try_for_each",
    "filter_map",
    "flat_map",
    "find_map",
    "map_while",
    "any",
    "all",
    "position",
    "rposition",
];

/// Per-element closures whose first parameter is a reference to the item
/// (`&mut` for `retain_mut` and `dedup_by*`, shared for the rest; the
/// facts only need to know it is no owned item).
pub const ITEM_BY_REF: &[&str] = &[
    "filter",
    "find",
    "inspect",
    "take_while",
    "skip_while",
    "partition",
    "max_by_key",
    "min_by_key",
    "max_by",
    "min_by",
    "retain",
    "retain_mut",
    "sort_by",
    "sort_by_key",
    "sort_unstable_by",
    "sort_unstable_by_key",
    "sort_by_cached_key",
    "dedup_by",
    "dedup_by_key",
];

/// Adaptors that hand their closure's result on to the iterator's consumer
/// (`collect`, `extend`): what the closure returns outlives the closure.
pub const YIELDING: &[&str] = &[
    "map",
    "filter_map",
    "flat_map",
    "map_while",
    "scan",
    "map_init",
];

/// Methods that produce an iterator.
pub const ITER_SOURCES: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "chars",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "split_terminator",
    "windows",
    "chunks",
    "chunks_exact",
    "keys",
    "values",
    "values_mut",
    "drain",
    "enumerate",
    "zip",
    "map",
    "filter",
    "skip",
    "take",
    "rev",
    "cloned",
    "copied",
    "flat_map",
    "filter_map",
    "chain",
    "step_by",
    "peekable",
    "char_indices",
    "par_iter",
    "into_par_iter",
    "par_iter_mut",
    "par_chunks",
    "entries",
    "read_dir",
    "rsplit",
    "splitn",
    "matches",
    "inspect",
    "incoming",
    "records",
    "byte_records",
    "walk",
];

/// Methods of std types that return a std `Iterator` (sequential): a chain
/// that starts with one of them, through [`STD_ITER_ADAPTERS`] only, is an
/// `Iterator` that `for`, `count()` and `next()` accept.
pub const STD_ITER_SOURCES: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "chars",
    "char_indices",
    "bytes",
    "lines",
    "split",
    "rsplit",
    "splitn",
    "rsplitn",
    "split_whitespace",
    "split_ascii_whitespace",
    "split_terminator",
    "split_inclusive",
    "matches",
    "match_indices",
    "windows",
    "chunks",
    "chunks_exact",
    "keys",
    "values",
    "values_mut",
    "drain",
];

/// `Iterator` methods that return another sequential `Iterator`.
pub const STD_ITER_ADAPTERS: &[&str] = &[
    "map",
    "filter",
    "filter_map",
    "flat_map",
    "flatten",
    "enumerate",
    "zip",
    "chain",
    "skip",
    "take",
    "skip_while",
    "take_while",
    "map_while",
    "step_by",
    "rev",
    "cloned",
    "copied",
    "peekable",
    "inspect",
    "fuse",
    "scan",
];

/// Parallel iterator sources (rayon): their closures run on several threads.
pub const PARALLEL_SOURCES: &[&str] = &[
    "par_iter",
    "into_par_iter",
    "par_iter_mut",
    "par_chunks",
    "par_chunks_mut",
    "par_bridge",
    "par_drain",
    "par_lines",
    "par_split",
    "par_chars",
    "par_bytes",
    "par_split_whitespace",
    "par_windows",
];

/// Methods whose closure argument runs only on failure. Eager variants
/// (`ok_or`, `expect`, `context`, `unwrap_or`) are deliberately absent:
/// their argument is evaluated on every call.
pub const COLD_CLOSURE_METHODS: &[&str] = &[
    "map_err",
    "ok_or_else",
    "with_context",
    "unwrap_or_else",
    "or_else",
    "wrap_err_with",
    "with_note",
    "unwrap_or_else_log",
];

/// Macros that diverge or build an error: everything in their arguments is a
/// cold path.
pub const PANIC_MACROS: &[&str] = &[
    "panic",
    "unreachable",
    "unimplemented",
    "todo",
    "bail",
    "anyhow",
    "eyre",
    "format_err",
];

/// Macros whose first N arguments always run and the rest only on failure.
pub const ASSERT_MACROS: &[(&str, usize)] = &[
    ("assert", 1),
    ("debug_assert", 1),
    ("ensure", 1),
    ("assert_eq", 2),
    ("assert_ne", 2),
    ("debug_assert_eq", 2),
    ("debug_assert_ne", 2),
];

/// Logging macros: their arguments are formatted only when the level is on,
/// which in production is usually not the case for `trace`/`debug`.
pub const LOG_MACROS: &[&str] = &["trace", "debug", "info", "warn", "error"];

/// Calls that start a thread or task whose closure must be `'static`.
pub const SPAWNERS: &[&str] = &[
    "spawn",
    "spawn_blocking",
    "spawn_local",
    "spawn_scoped",
    "block_on",
];

/// Methods that see through a container to the value inside.
pub const TRANSPARENT: &[&str] = &[
    "lock",
    "unwrap",
    "expect",
    "borrow_mut",
    "borrow",
    "write",
    "read",
    "get_mut",
    "as_mut",
    "lock_owned",
    "blocking_lock",
    "get_or_init",
];

/// Calls that add to a collection (for growth questions).
pub const GROW: &[&str] = &[
    "push",
    "push_back",
    "push_front",
    "insert",
    "extend",
    "extend_from_slice",
    "push_str",
    "append",
    "entry",
    "get_or_insert_with",
];

/// Calls that take from a collection.
pub const DRAIN: &[&str] = &[
    "remove",
    "clear",
    "retain",
    "retain_mut",
    "drain",
    "pop",
    "pop_back",
    "pop_front",
    "truncate",
    "split_off",
    "take",
    "swap_remove",
    "shift_remove",
    "remove_entry",
    "pop_first",
    "pop_last",
    "shrink_to",
    "dedup",
    "into_iter",
    "drain_filter",
    "extract_if",
    "replace",
];

/// Calls that only look a key up.
pub const LOOKUP: &[&str] = &["get", "contains_key", "contains", "get_key_value"];

/// Calls that add exactly one element.
pub const PUSH_ONE: &[&str] = &["push", "push_back", "push_front", "push_str", "insert"];

/// Calls that take a string-like argument as `impl Into<String>` (or
/// `Into<PathBuf>`, `Into<OsString>`, `Into<Box<dyn Error>>`, …): given an
/// owned `String` they keep its buffer, given a borrowed `&str` they copy it
/// into a new one. Passing them a reused buffer instead of a fresh `String`
/// saves nothing. By path as written (last two segments) or macro name.
pub const INTO_OWNED_SINKS: &[&str] = &[
    "String::from",
    "PathBuf::from",
    "OsString::from",
    "Box::from",
    "Rc::from",
    "Arc::from",
    "Cow::from",
    "Error::new",
    "Error::msg",
    "Error::other",
    "anyhow!",
    "bail!",
];

/// Constructors of terminal-UI widgets and text (tui/ratatui `Span`,
/// `Line`, `Text`, `Cell`, `Row`, `Paragraph`, `Title`, …) that take
/// `impl Into<Cow<str>>`, `impl Into<Text>` or the like and keep the value,
/// owned or borrowed, until the frame is drawn.
pub const KEEPING_CONSTRUCTORS: &[&str] = &[
    "Span::raw",
    "Span::styled",
    "Span::from",
    "Line::from",
    "Line::raw",
    "Line::styled",
    "Text::from",
    "Text::raw",
    "Text::styled",
    "Cell::from",
    "Cell::new",
    "Row::new",
    "Paragraph::new",
    "Title::from",
    "Block::title",
    "title",
    "ListItem::new",
    "Tab::new",
];

/// Methods that only ask the file system about a path, each one a system
/// call (`stat`, `lstat`, `access`): a `PathBuf` joined just to call one is
/// dropped right after.
pub const FS_QUERIES: &[&str] = &[
    "is_file",
    "is_dir",
    "exists",
    "try_exists",
    "is_symlink",
    "metadata",
    "symlink_metadata",
];

/// Owned buffers of text and paths and the borrowed form they deref to:
/// what a borrow of one is (`&str` for a `String`), and what an
/// `Arc`/`Rc` holds in one block (`Arc<str>`).
pub const BORROWED_FORMS: &[(&str, &str)] = &[
    ("String", "str"),
    ("PathBuf", "Path"),
    ("OsString", "OsStr"),
];

/// The borrowed form of an owned text or path buffer (`PathBuf` → `Path`).
pub fn borrowed_form(owned: &str) -> Option<&'static str> {
    BORROWED_FORMS
        .iter()
        .find(|(o, _)| *o == owned)
        .map(|(_, b)| *b)
}

/// Functions of `std::fs` (and methods of any reader) that read a whole
/// file or stream into memory: each is a few system calls and a copy of
/// the file's bytes.
pub const WHOLE_READS: &[&str] = &["read_to_string", "read_to_end", "read"];

/// Calls that take the next piece of input: a `while`/`loop` that makes one
/// on every pass is driven by the program's input (its lines, events,
/// messages, connections), not by a collection of known length.
pub const INPUT_STEPS: &[&str] = &[
    "next",
    "recv",
    "try_recv",
    "recv_timeout",
    "read",
    "read_line",
    "read_until",
    "read_event",
    "next_event",
    "poll",
    "accept",
    "wait",
    "select",
];

/// Iterator sources and loops over text or input: a loop over one runs as
/// long as the data, not the program's own collections.
pub const INPUT_SOURCES: &[&str] = &[
    "lines",
    "chars",
    "bytes",
    "char_indices",
    "split",
    "read_dir",
    "incoming",
    "stdin",
    "read_line",
    "windows",
    "chunks",
    "records",
];

/// std types whose methods are std's: a value of one never calls into the
/// workspace, so where it came from is not worth keeping.
pub const STD_TYPES: &[&str] = &[
    "String",
    "Vec",
    "VecDeque",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "Option",
    "Result",
    "Box",
    "Rc",
    "Arc",
    "Cow",
    "Path",
    "PathBuf",
    "OsStr",
    "OsString",
    "Cell",
    "RefCell",
    "Mutex",
    "RwLock",
    "File",
    "Duration",
    "Instant",
    "SystemTime",
    "Formatter",
];

/// Methods of std containers and guards that give back what they hold
/// (`Mutex::lock`, `entry(..).or_insert_with(..)`, `get`): a chain that
/// passes through one on a type from outside the workspace may end on a
/// workspace type again.
pub const CONTAINED_ACCESS: &[&str] = &[
    "lock",
    "borrow",
    "borrow_mut",
    "get",
    "get_mut",
    "entry",
    "or_insert",
    "or_insert_with",
    "or_insert_with_key",
    "or_default",
    "first",
    "first_mut",
    "last",
    "last_mut",
    "next",
    "peek",
    "iter",
    "iter_mut",
    "values",
    "values_mut",
    "keys",
    "deref",
    "deref_mut",
    "as_ref",
    "as_mut",
    "upgrade",
    "load",
    "into_inner",
    "get_or_insert_with",
    "front",
    "back",
    "pop",
    "remove",
    "index",
    "get_or_init",
    "try_lock",
];

/// Whether `name` is one of `list`'s names.
pub fn is_in(name: &str, list: &[&str]) -> bool {
    list.contains(&name)
}
