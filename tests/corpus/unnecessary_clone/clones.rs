//! Corpus: UNNECESSARY_CLONE. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.

use std::rc::Rc;
use std::sync::Arc;

pub struct Config {
    pub name: String,
    pub tags: Vec<String>,
    pub limit: usize,
}

#[derive(Clone, Copy)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

fn consume(_s: String) {}
fn consume_vec(_v: Vec<String>) {}
fn read(_s: &str) {}
fn read_vec(_v: &[String]) {}
fn load() -> Vec<String> {
    Vec::new()
}

// ---- positives ----

pub fn lend_copy(cfg: &Config) {
    read(&cfg.name.clone()); // expect: UNNECESSARY_CLONE
}

pub fn lend_to_owned(path: &str) {
    read(&path.to_owned()); // expect: UNNECESSARY_CLONE
}

pub fn lend_literal_string() {
    read(&"header".to_string()); // expect: UNNECESSARY_CLONE
}

pub fn lend_vec(cfg: &Config) {
    read_vec(&cfg.tags.to_vec()); // expect: UNNECESSARY_CLONE
}

pub fn move_instead(name: String) {
    consume(name.clone()); // expect: UNNECESSARY_CLONE
}

pub fn move_vec() {
    let rows: Vec<String> = load();
    let copy = rows.clone(); // expect: UNNECESSARY_CLONE
    consume_vec(copy);
}

pub fn only_read(cfg: &Config) -> usize {
    let name = cfg.name.clone(); // expect: UNNECESSARY_CLONE
    name.len() + name.chars().count()
}

pub fn string_only_read(title: &str) -> bool {
    let t = title.to_string(); // expect: UNNECESSARY_CLONE
    t.starts_with('#') && t.len() > 2
}

pub fn per_row(prefix: &String, rows: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push((prefix.clone(), row.to_lowercase())); // expect: UNNECESSARY_CLONE
    }
    out
}

pub fn count_matches(needle: &Config, hay: &[String]) -> usize {
    let mut n = 0;
    for h in hay {
        let wanted = needle.name.clone(); // expect: UNNECESSARY_CLONE
        if h.contains(wanted.as_str()) {
            n += 1;
        }
    }
    n
}

// ---- negatives ----

pub fn arc_clone(shared: Arc<Config>) {
    let s = shared.clone(); // expect-none
    std::thread::spawn(move || drop(s));
}

pub fn rc_clone(shared: &Rc<Config>) -> Rc<Config> {
    shared.clone() // expect-none
}

pub fn arc_clone_call(shared: &Arc<Config>) -> Arc<Config> {
    Arc::clone(shared) // expect-none
}

pub fn copy_clone(p: Point) -> f64 {
    let q = p.clone(); // expect-none
    q.x + p.y
}

pub fn source_mutated(mut buf: String) -> (String, String) {
    let before = buf.clone(); // expect-none
    buf.push('!');
    (before, buf)
}

pub fn source_used_after(names: Vec<String>) -> usize {
    consume_vec(names.clone()); // expect-none
    names.len()
}

pub struct Registry {
    name: String,
}

impl Registry {
    fn record(&mut self, _what: &str) {}

    pub fn touch(&mut self) {
        self.record(&self.name.clone()); // expect-none
    }
}

pub fn cold(cfg: &Config) -> Result<(), String> {
    if cfg.limit == 0 {
        return Err(cfg.name.clone()); // expect-none
    }
    Ok(())
}

pub fn into_thread(cfg: &Config) {
    let name = cfg.name.clone(); // expect-none
    std::thread::spawn(move || println!("{name}"));
}

pub fn number(n: u64) {
    read(&n.to_string()); // expect-none
}

pub fn map_err_path(cfg: &Config, r: Result<u8, ()>) -> Result<u8, String> {
    r.map_err(|_| cfg.name.clone()) // expect-none
}

impl Config {
    pub fn new(name: &String) -> Self {
        Config {
            name: name.clone(), // expect-none
            tags: Vec::new(),
            limit: 1,
        }
    }
}

pub fn collect_names(items: &[Config]) -> Vec<String> {
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(it.name.clone()); // expect-none
    }
    out
}

pub fn result_kept(cfg: &Config) -> String {
    let name = cfg.name.clone(); // expect-none
    name
}

#[cfg(test)]
mod tests {
    #[test]
    fn clones_in_tests_are_fine() {
        let s = String::from("x");
        super::consume(s.clone()); // expect-none
    }
}

// ---- an owned copy of what an accessor already lends ----

pub struct Ctx {
    source: String,
}

impl Ctx {
    pub fn source_text(&self) -> &str {
        &self.source
    }
    pub fn bump(&mut self) {
        self.source.push(' ');
    }
}

fn measure(_: &str) -> usize {
    0
}

pub fn message_width(ctx: &Ctx) -> usize {
    let source_text = ctx.source_text().to_string(); // expect: UNNECESSARY_CLONE
    measure(&source_text)
}

// The copy breaks a borrow: the source is mutated while it lives.
pub fn bumped(ctx: &mut Ctx) -> usize {
    let source_text = ctx.source_text().to_owned(); // expect-none
    ctx.bump();
    measure(&source_text)
}

// The copy is kept.
pub fn kept(ctx: &Ctx) -> String {
    let source_text = ctx.source_text().to_string(); // expect-none
    source_text
}

// The accessor's receiver is a pattern binding that borrows from `self`, and
// `&mut self` methods run while the copy lives: a borrow in its place would
// keep `self.queue` borrowed across them (E0502).
pub struct Replay {
    queue: Vec<Ctx>,
    done: usize,
}

impl Replay {
    fn advance(&mut self) -> bool {
        self.done += 1;
        self.done < 10
    }
    pub fn skip_same(&mut self) -> usize {
        let mut n = 0;
        if let Some(e) = self.queue.last() {
            let wanted = e.source_text().to_owned(); // expect-none
            while self.advance() {
                n += measure(&wanted);
            }
        }
        n
    }
}

// A pattern binding with nothing mutated while the copy lives: still found.
pub fn first_width(ctxs: &[Ctx]) -> usize {
    if let Some(e) = ctxs.first() {
        let text = e.source_text().to_owned(); // expect: UNNECESSARY_CLONE
        return measure(&text);
    }
    0
}

// ---- a type declared elsewhere, cloned at its last use ----

pub fn remember(cache: &mut Vec<ext::SessionKey>, key: ext::SessionKey) {
    cache.push(key.clone()); // expect: UNNECESSARY_CLONE
}

pub fn remember_twice(cache: &mut Vec<ext::SessionKey>, key: ext::SessionKey) -> usize {
    cache.push(key.clone()); // expect-none: `key` is used afterwards
    key.len()
}

pub fn remember_id(cache: &mut Vec<ext::NodeId>, id: ext::NodeId) {
    cache.push(id.clone()); // expect-none: an id type is likely `Copy`
}

pub fn remember_generic<T: Clone>(cache: &mut Vec<T>, value: T) {
    cache.push(value.clone()); // expect-none: a generic parameter's clone is unknown
}

// ---- accessors that copy a field on every call ----

pub struct Layout {
    label: String,
    parts: Vec<u32>,
    count: usize,
}

impl Layout {
    pub fn label(&self) -> String { // expect: UNNECESSARY_CLONE
        self.label.clone()
    }

    pub fn parts(&self) -> Vec<u32> { // expect: UNNECESSARY_CLONE
        self.parts.clone()
    }

    pub fn count(&self) -> usize { // expect-none: a `Copy` field
        self.count
    }

    pub fn into_label(self) -> String { // expect-none: moves out, no copy
        self.label
    }

    pub fn label_or_default(&self) -> String { // expect-none: not a plain copy of the field
        if self.label.is_empty() {
            "unnamed".to_owned()
        } else {
            self.label.clone()
        }
    }
}

impl ToString for Layout {
    fn to_string(&self) -> String { // expect-none: the trait hands out an owned value by contract
        self.label.clone()
    }
}

// ---- accessors that copy a field of what they look up ----

pub struct FilesSettings {
    pub ignored: Vec<String>,
}

pub struct ProjectSettings {
    pub files: FilesSettings,
    pub path: String,
    pub depth: u32,
    pub block: BlockAddr,
    pub shared: std::rc::Rc<str>,
}

#[derive(Clone)]
pub struct BlockAddr {
    pub start: usize,
    pub end: usize,
}

pub struct Projects {
    settings: std::collections::HashMap<u32, ProjectSettings>,
}

impl Projects {
    pub fn files(&self, key: u32) -> Option<FilesSettings> { // expect: UNNECESSARY_CLONE
        self.settings.get(&key).map(|s| s.files.clone())
    }

    pub fn path(&self, key: u32) -> Option<String> { // expect: UNNECESSARY_CLONE
        self.settings.get(&key).map(|s| s.path.clone())
    }

    pub fn depth(&self, key: u32) -> Option<u32> { // expect-none: a `Copy` value
        self.settings.get(&key).map(|s| s.depth)
    }

    pub fn block(&self, key: u32) -> Option<BlockAddr> { // expect-none: plain values, no heap
        self.settings.get(&key).map(|s| s.block.clone())
    }

    pub fn shared(&self, key: u32) -> Option<std::rc::Rc<str>> { // expect-none: a shared handle
        self.settings.get(&key).map(|s| s.shared.clone())
    }

    pub fn longest(&self) -> Option<String> { // expect-none: the copy is not the result of a lookup's map
        let mut best: Option<String> = None;
        for s in self.settings.values() {
            if best.as_ref().is_none_or(|b| b.len() < s.path.len()) {
                best = Some(s.path.clone());
            }
        }
        best
    }
}

// ---- clones collected only to be walked, counted or read once ----

#[derive(Clone)]
pub struct Rule {
    pub name: String,
    pub enabled: bool,
}

pub fn page(rules: &std::collections::HashMap<u32, Rule>, offset: usize) -> Vec<String> {
    let matching = rules.values().filter(|r| r.enabled).cloned().collect::<Vec<_>>(); // expect: UNNECESSARY_CLONE
    matching.into_iter().skip(offset).map(|r| r.name).collect()
}

pub fn count_named(rules: &[Rule], name: &str) -> usize {
    let named: Vec<Rule> = rules.iter().filter(|r| r.name == name).map(|r| r.clone()).collect(); // expect: UNNECESSARY_CLONE
    named.len()
}

pub fn kept(rules: &[Rule]) -> Vec<Rule> {
    let copies: Vec<Rule> = rules.iter().filter(|r| r.enabled).cloned().collect(); // expect-none: returned, the copies are kept
    copies
}

pub fn walked_twice(rules: &[Rule]) -> usize {
    let copies: Vec<Rule> = rules.iter().cloned().collect(); // expect-none: walked twice
    let a = copies.iter().filter(|r| r.enabled).count();
    let b = copies.iter().filter(|r| !r.enabled).count();
    a + b
}

// ---- a borrowed accessor's text copied, then only read (closures too) ----

pub struct LintContext {
    source: String,
}

impl LintContext {
    pub fn source_text(&self) -> &str {
        &self.source
    }

    pub fn report(&self, message: &str, fix: impl FnOnce() -> usize) -> usize {
        message.len() + fix()
    }
}

fn message_for(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

pub fn report_span(ctx: &LintContext, start: usize, end: usize) -> usize {
    let source_text = ctx.source_text().to_string(); // expect: UNNECESSARY_CLONE
    let head = message_for(&source_text);
    ctx.report(head, || {
        let text = &source_text[start..end];
        text.len()
    })
}

pub struct Notes {
    text: String,
    notes: Vec<String>,
}

impl Notes {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn add(&mut self, note: &str) {
        self.notes.push(note.to_owned());
    }
}

pub fn annotate(notes: &mut Notes) {
    let text = notes.text().to_string(); // expect-none: `add` needs `notes` mutably while `text` lives
    notes.add(&text);
}

pub fn report_moved(ctx: &LintContext) -> std::thread::JoinHandle<usize> {
    let source_text = ctx.source_text().to_string(); // expect-none: a spawned closure needs it owned
    std::thread::spawn(move || source_text.len())
}

// A context of another crate: its accessor's name says it lends text.
pub fn first_line_len(ctx: &linter::Context) -> usize {
    let text = ctx.source_text().to_string(); // expect: UNNECESSARY_CLONE
    text.lines().next().map_or(0, str::len)
}

pub fn kind_len(node: &linter::Node) -> usize {
    let kind = node.kind().to_string(); // expect-none: `kind()` may return any `Display`, a conversion
    kind.len()
}

// Copies read inside closures that only borrow them.
pub struct Scheduler {
    stop: indexer::StopFlag,
    name: String,
}

pub fn name_len(sched: &Scheduler) -> usize {
    let name = sched.name.clone(); // expect: UNNECESSARY_CLONE
    indexer::with(|| name.len())
}

pub fn run_until_stopped(sched: &Scheduler) -> bool {
    let stop = sched.stop.clone(); // expect-none: another crate's type, most likely a handle cloned for the closure
    indexer::execute(&|| stop.get())
}

impl Scheduler {
    fn tick(&self) -> bool {
        self.name.is_empty()
    }

    pub fn export(&self) -> bool {
        let stop = self.stop.clone(); // expect-none: another crate's type, most likely a handle
        self.tick() && stop.get()
    }
}

// A copy made from a shared value, copied again at its last use in the
// first branch of an `if`/`else if` chain: the `else if` condition never
// runs after that branch, so the second copy can be a move.
pub fn tagged(
    shared: Option<&std::collections::BTreeMap<String, String>>,
    extra: Option<&str>,
) -> Option<usize> {
    let tags = shared.map(|m| (*m).clone()).unwrap_or_default();
    if let Some(e) = extra {
        let mut tags = tags.clone(); // expect: UNNECESSARY_CLONE
        tags.insert("extra".to_owned(), e.to_owned());
        Some(tags.len())
    } else if !tags.is_empty() {
        Some(tags.len())
    } else {
        None
    }
}

// The same copy, read again after the whole chain: it must stay.
pub fn tagged_then_read(
    shared: Option<&std::collections::BTreeMap<String, String>>,
    extra: Option<&str>,
) -> usize {
    let tags = shared.map(|m| (*m).clone()).unwrap_or_default();
    let n = if let Some(e) = extra {
        let mut more = tags.clone(); // expect-none
        more.insert("extra".to_owned(), e.to_owned());
        more.len()
    } else if !tags.is_empty() {
        1
    } else {
        0
    };
    n + tags.len()
}

// Read in a branch that follows the clone's `if` (not its `else`): stays.
pub fn copied_then_checked(shared: Option<&Vec<u8>>, flag: bool) -> usize {
    let bytes = shared.cloned().unwrap_or_default();
    if flag {
        let mut b = bytes.clone(); // expect-none
        b.push(1);
        return b.len();
    }
    if !bytes.is_empty() {
        return bytes.len();
    }
    0
}

pub struct Schema {
    meta: Option<Vec<u8>>,
    name: String,
}

impl Schema {
    // A constructor built per field: the copy at the last use of an owned
    // local is a move, however often `new` runs.
    pub fn new(field: &Field) -> Self {
        let meta = field.meta.as_ref().map(|m| (**m).clone()).unwrap_or_default();
        let name = field.name.clone(); // expect-none
        let meta = if let Some(ext) = field.ext() {
            let mut meta = meta.clone(); // expect: UNNECESSARY_CLONE
            meta.push(ext.tag);
            Some(to_bytes(&meta))
        } else if !meta.is_empty() {
            Some(to_bytes(&meta))
        } else {
            None
        };
        Self { meta, name }
    }
}

// ---- a handle cloned only to read its id ----

pub struct TextFont {
    pub font: assets::Handle<assets::Font>,
}

pub fn font_id(
    text_font: &TextFont,
    ids: &mut std::collections::HashMap<assets::AssetId, u32>,
    fonts: &assets::Assets,
) -> u32 {
    let font_handle = text_font.font.clone(); // expect: UNNECESSARY_CLONE
    *ids.entry(font_handle.id())
        .or_insert_with(|| fonts.load(font_handle.id()))
}

pub fn font_kept(text_font: &TextFont, loaded: &mut Vec<assets::Handle<assets::Font>>) -> u32 {
    let font_handle = text_font.font.clone(); // expect-none: kept after its id is read
    let id = font_handle.id().index();
    loaded.push(font_handle);
    id
}

pub fn font_spawned(text_font: &TextFont) -> std::thread::JoinHandle<assets::AssetId> {
    let font_handle = text_font.font.clone(); // expect-none: a spawned closure needs its own handle
    std::thread::spawn(move || font_handle.id())
}

// ---- a `ref` binding of an owned scrutinee, cloned at its last use ----

pub enum ShaderSource {
    Glsl { shader: String, defines: Vec<String> },
    Wgsl(String),
}

pub struct ShaderDescriptor {
    pub label: Option<String>,
    pub source: ShaderSource,
}

pub struct GlslOptions {
    pub defines: Vec<String>,
}

fn parse_glsl(_options: &GlslOptions, _shader: &str) -> usize {
    0
}

pub fn create_shader(desc: ShaderDescriptor) -> usize {
    let label_len = desc.label.as_ref().map_or(0, |l| l.len());
    let size = match desc.source {
        ShaderSource::Glsl {
            ref shader,
            ref defines,
        } => {
            let options = GlslOptions {
                defines: defines.clone(), // expect: UNNECESSARY_CLONE
            };
            parse_glsl(&options, shader)
        }
        ShaderSource::Wgsl(ref code) => code.len(),
    };
    // Another field stays usable after a part of `desc.source` moved out.
    label_len + size + desc.label.map_or(0, |l| l.len())
}

pub fn create_shader_kept(desc: ShaderDescriptor) -> (usize, ShaderDescriptor) {
    let size = match desc.source {
        ShaderSource::Glsl { ref defines, .. } => {
            let options = GlslOptions {
                defines: defines.clone(), // expect-none: `desc` is returned whole afterwards
            };
            parse_glsl(&options, "")
        }
        ShaderSource::Wgsl(ref code) => code.len(),
    };
    (size, desc)
}

pub fn create_shader_borrowed(desc: &ShaderDescriptor) -> usize {
    match desc.source {
        ShaderSource::Glsl { ref defines, .. } => {
            let options = GlslOptions {
                defines: defines.clone(), // expect-none: the descriptor is only borrowed
            };
            parse_glsl(&options, "")
        }
        ShaderSource::Wgsl(ref code) => code.len(),
    }
}

pub fn create_shaders(desc: ShaderDescriptor, stages: &[u32]) -> usize {
    let mut n = 0;
    for _ in stages {
        n += match desc.source {
            ShaderSource::Glsl { ref defines, .. } => {
                let options = GlslOptions {
                    defines: defines.clone(), // expect-none: the next iteration matches `desc.source` again
                };
                parse_glsl(&options, "")
            }
            ShaderSource::Wgsl(ref code) => code.len(),
        };
    }
    n
}

// ---- a text accessor's owned form made only to be looked up ----

const ALWAYS_IGNORED: &[&str] = &["0", "1", "-1"];

pub fn is_allowed_number(literal: &syntax::NumericLiteral) -> bool {
    ALWAYS_IGNORED.contains(&literal.to_trimmed_string().as_str()) // expect: UNNECESSARY_CLONE
}

pub fn allowed_names(literal: &syntax::NumericLiteral, names: &mut Vec<String>) -> bool {
    let text = literal.to_trimmed_string(); // expect-none: kept
    let known = ALWAYS_IGNORED.contains(&text.as_str());
    names.push(text);
    known
}

// ---- text copied into a `Vec<char>` ----

fn truncate_chars(chars: impl Iterator<Item = char>, max: usize) -> Vec<char> { // expect: UNNECESSARY_CLONE
    chars.take(max).collect()
}

pub fn truncated(text: &str, max: usize) -> String {
    truncate_chars(text.chars(), max).into_iter().collect()
}

fn truncate_bytes(bytes: &[u8], max: usize) -> Vec<u8> { // expect-none: bytes, not chars
    bytes.iter().copied().take(max).collect()
}

pub fn truncated_bytes(bytes: &[u8], max: usize) -> usize {
    truncate_bytes(bytes, max).len()
}

// ---- an always-owned Cow built one char at a time ----

pub struct Scanner<'a> {
    pub text: &'a str,
    pub ix: usize,
}

impl<'a> Scanner<'a> {
    fn next(&mut self) -> Option<u8> {
        let b = *self.text.as_bytes().get(self.ix)?;
        self.ix += 1;
        Some(b)
    }
}

fn scan_scheme<'a>(scanner: &mut Scanner<'a>) -> Option<std::borrow::Cow<'a, str>> {
    let mut uri = String::new(); // expect: UNNECESSARY_CLONE
    let first = scanner.next()?;
    uri.push(first as char);
    while let Some(c) = scanner.next() {
        if c == b':' {
            break;
        }
        uri.push(c as char);
    }
    if uri.len() < 3 {
        return None;
    }
    Some(uri.into())
}

fn unescape<'a>(text: &'a str) -> std::borrow::Cow<'a, str> {
    if !text.contains('\\') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new(); // expect-none: borrowed on the fast path
    for c in text.chars().filter(|c| *c != '\\') {
        out.push(c);
        out.push(c);
    }
    out.into()
}

pub fn scanned(text: &str) -> usize {
    let mut s = Scanner { text, ix: 0 };
    scan_scheme(&mut s).map_or(0, |c| c.len()) + unescape(text).len()
}
