//! Corpus: LIFETIME_EXTENSION, a lexer's output list handed over with its
//! growth slack. `// expect: CATEGORY` marks the line a finding must start
//! on; `// expect-none` marks a look-alike that must stay silent.

pub struct Token {
    pub kind: u8,
    pub start: u32,
    pub end: u32,
    pub flags: u32,
}

pub struct LexError {
    pub at: u32,
    pub message: String,
}

pub struct TokenSource {
    text: Vec<u8>,
    at: usize,
    tokens: Vec<Token>,
    errors: Vec<LexError>,
}

impl TokenSource {
    pub fn new(text: Vec<u8>) -> Self {
        TokenSource { text, at: 0, tokens: vec![], errors: Vec::new() }
    }

    pub fn bump(&mut self) {
        let kind = self.text.get(self.at).copied().unwrap_or(0);
        self.tokens.push(Token { kind, start: self.at as u32, end: self.at as u32 + 1, flags: 0 });
        self.at += 1;
    }

    // The tokens of a whole module, kept as long as the module: handed over
    // with the spare capacity of their last doubling.
    pub fn finish(self) -> (Vec<Token>, Vec<LexError>) {
        (self.tokens, self.errors) // expect: LIFETIME_EXTENSION
    }
}

pub struct Lexer {
    tokens: Vec<Token>,
}

impl Lexer {
    pub fn push(&mut self, t: Token) {
        self.tokens.push(t);
    }

    // Fitted before it is handed over.
    pub fn finish(mut self) -> Vec<Token> {
        self.tokens.shrink_to_fit();
        self.tokens // expect-none: already shrunk
    }
}

pub struct Printer {
    out: Vec<Token>,
}

impl Printer {
    pub fn push(&mut self, t: Token) {
        self.out.push(t);
    }

    // Not a lexer or parser: its output is not a document's lasting tree.
    pub fn finish(self) -> Vec<Token> {
        self.out // expect-none: not a front end
    }
}
