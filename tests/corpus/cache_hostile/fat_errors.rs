//! Corpus: CACHE_HOSTILE — error types whose few fat variants size every
//! `Result` that carries them. `// expect: CATEGORY` marks the line a
//! finding must start on; `// expect-none` a look-alike that must stay
//! silent.

pub struct Span {
    start: u32,
    end: u32,
}

// Most variants are a span; four carry two strings inline: every
// `Result<_, ParseError>` is about 72 bytes.
pub enum ParseError<'a> { // expect: CACHE_HOSTILE
    Unexpected(Span, &'a str),
    BadNumber(Span),
    BadTexture(Span),
    UnknownType(Span),
    UnknownIdent(Span),
    Reserved(Span),
    BadTypeCast { span: Span, from_type: String, to_type: String },
    Mismatch { name: Span, expected: String, got: String },
    AutoConversion { dest_span: Span, dest_type: String, source_span: Span, source_type: String },
    Cycle { ident: Span, path: Vec<(Span, Span)> },
}

// Every variant fits in two words: nothing to box.
pub enum LexError { // expect-none: every variant is small
    Eof,
    BadChar(Span, char),
    Unterminated(Span),
    Overflow(Span),
}

// Most variants are fat: boxing a few does not shrink the type.
pub enum ConfigError { // expect-none: most variants carry strings
    Missing { key: String, file: String },
    Invalid { key: String, value: String },
    Conflict { a: String, b: String },
    Io(Span),
}

// Not an error type: a token is a value of the input, sized on purpose.
pub enum Token { // expect-none: not an error type
    Word(Span),
    Number(Span),
    Comma(Span),
    Space(Span),
    Text { span: Span, raw: String, cooked: String },
}

pub fn span_len(s: &Span) -> u32 {
    s.end - s.start
}
