//! Corpus: LIFETIME_EXTENSION, the growth slack of lists a parser builds.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

pub enum Token {
    Word(u32),
    Comma,
    End,
}

pub struct Call {
    pub name: u32,
    pub args: Vec<Arg>,
}

pub struct Arg {
    pub value: u32,
}

pub struct ArgParser {
    tokens: Vec<Token>,
    at: usize,
}

impl ArgParser {
    fn bump(&mut self) -> Option<&Token> {
        self.at += 1;
        self.tokens.get(self.at - 1)
    }

    fn each_until_end(&mut self, mut f: impl FnMut(&mut Self)) {
        while !matches!(self.tokens.get(self.at), Some(Token::End) | None) {
            f(self);
        }
    }

    fn parse_arg(&mut self) -> Arg {
        let value = match self.bump() {
            Some(Token::Word(w)) => *w,
            _ => 0,
        };
        Arg { value }
    }

    // ---- positives ----

    pub fn parse_call(&mut self, name: u32) -> Call {
        let mut args = Vec::new(); // expect: LIFETIME_EXTENSION
        while let Some(Token::Word(_)) = self.tokens.get(self.at) {
            args.push(self.parse_arg());
        }
        Call { name, args }
    }

    pub fn parse_list(&mut self, first: Arg) -> Vec<Arg> {
        let mut items = vec![first]; // expect: LIFETIME_EXTENSION
        self.each_until_end(|p| items.push(p.parse_arg()));
        items
    }

    // ---- negatives ----

    pub fn parse_shrunk(&mut self) -> Vec<Arg> {
        let mut items = Vec::new(); // expect-none
        self.each_until_end(|p| items.push(p.parse_arg()));
        items.shrink_to_fit();
        items
    }

    pub fn parse_pair(&mut self) -> Vec<Arg> {
        let mut items = Vec::with_capacity(2); // expect-none
        items.push(self.parse_arg());
        items.push(self.parse_arg());
        items
    }

    // A parse's small by-products, read by the caller and dropped: lists of
    // numbers, bytes or borrowed slices hold no tree.
    pub fn parse_indexes(&mut self) -> Vec<usize> {
        let mut indexes = Vec::new(); // expect-none
        self.each_until_end(|p| indexes.push(p.at));
        indexes
    }

    pub fn parse_class(&mut self) -> (Vec<u8>, bool) {
        let mut bytes = Vec::new(); // expect-none
        while let Some(Token::Word(w)) = self.bump() {
            bytes.push(*w as u8);
        }
        (bytes, false)
    }

    pub fn count_args(&mut self) -> usize {
        let mut seen = Vec::new(); // expect-none
        self.each_until_end(|p| seen.push(p.parse_arg()));
        seen.len()
    }
}

pub struct Report {
    lines: Vec<String>,
}

impl Report {
    pub fn widths(&self) -> Vec<usize> {
        let mut out = Vec::new(); // expect-none
        for line in self.lines.iter().filter(|l| !l.is_empty()) {
            out.push(line.len());
        }
        out
    }
}
