//! Corpus: UNNECESSARY_CLONE — a field of an owned local (or of `self`
//! taken by value) cloned at the last use of the local and of the field:
//! it can be moved out (a partial move).
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

pub struct SchemeFile {
    pub scheme: String,
    pub author: String,
    pub colors: Vec<u32>,
}

pub struct Meta {
    pub name: Option<String>,
    pub author: Option<String>,
    pub colors: Vec<u32>,
}

fn parse(text: &str) -> SchemeFile {
    SchemeFile {
        scheme: text.to_owned(),
        author: String::new(),
        colors: Vec::new(),
    }
}

// ---- positives ----

pub fn load(text: &str) -> Meta {
    let scheme = parse(text);
    let colors = scheme.colors.len();
    Meta {
        name: Some(scheme.scheme),
        author: Some(scheme.author.clone()), // expect: UNNECESSARY_CLONE
        colors: vec![0; colors],
    }
}

pub fn author_of(file: SchemeFile) -> String {
    let colors = file.colors.len();
    if colors > 16 {
        return String::new();
    }
    file.author.clone() // expect: UNNECESSARY_CLONE
}

impl SchemeFile {
    pub fn into_meta(self) -> Meta {
        Meta {
            name: Some(self.scheme),
            author: None,
            colors: self.colors.clone(), // expect: UNNECESSARY_CLONE
        }
    }
}

// ---- negatives ----

/// Borrowed: nothing to move out of.
pub fn author_ref(file: &SchemeFile) -> String {
    file.author.clone() // expect-none
}

/// The field is read again after the clone.
pub fn twice(file: SchemeFile) -> (String, usize) {
    let a = file.author.clone(); // expect-none
    (a, file.author.len())
}

/// The whole owner is used after the clone.
pub fn keep(file: SchemeFile, out: &mut Vec<SchemeFile>) -> String {
    let a = file.author.clone(); // expect-none
    out.push(file);
    a
}

/// A type of another crate: whether it implements `Drop` is not known.
pub fn foreign(file: other::File) -> String {
    file.author.clone() // expect-none
}
