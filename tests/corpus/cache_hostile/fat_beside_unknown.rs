//! Corpus: CACHE_HOSTILE — an enum with one variant far larger than the
//! rest, where a few variants hold types of another crate (size unknown):
//! the large variant still sizes every value.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

#[derive(Clone, Copy)]
pub struct Placement {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
    pub z: i32,
    pub cols: u32,
    pub rows: u32,
    pub offset: (u32, u32),
}

pub struct Transmit {
    pub data: Vec<u8>,
    pub name: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub id: Option<u32>,
    pub number: Option<u32>,
    pub more: bool,
}

pub struct ImageCommand {
    pub transmit: Transmit,
    pub placement: Placement,
    pub palette: [u32; 16],
    pub quiet: bool,
}

// ---- positives ----

/// One parsed terminal action; a foreign `Sequence` of unknown size.
pub enum Action { // expect: CACHE_HOSTILE
    Print(char),
    Control(u8),
    Sequence(vt::Sequence),
    Bell,
    Titles(Vec<String>),
    Image(ImageCommand),
}

// ---- negatives ----

/// Two of five variants unknown: too little is known to call one large.
pub enum Event { // expect-none
    Key(input::Key),
    Mouse(input::Mouse),
    Image(ImageCommand),
    Focus(bool),
    Resize(u16, u16),
}

/// The large variant is not 128 bytes over the next one.
pub enum Message { // expect-none
    Text(String),
    Raw(net::Frame),
    Place(Placement),
    Ping,
    Close(u16),
}

/// The authors kept the large variant inline on purpose.
#[allow(clippy::large_enum_variant)]
pub enum Attribute { // expect-none
    Android,
    Linux,
    Doc(Option<String>),
    Group(vt::Name),
    Arg(ImageCommand),
}
