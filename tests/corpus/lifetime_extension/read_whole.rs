//! Corpus: LIFETIME_EXTENSION — a whole stream read into a buffer that a
//! decoder keeps as a field. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.

use std::io::{self, Read};

pub struct JpegDecoder<R> {
    input: Vec<u8>,
    width: u16,
    _reader: std::marker::PhantomData<R>,
}

fn parse_width(bytes: &[u8]) -> u16 {
    bytes.first().copied().map_or(0, u16::from)
}

impl<R: Read> JpegDecoder<R> {
    pub fn new(r: R) -> io::Result<JpegDecoder<R>> {
        let mut input = Vec::new(); // expect: LIFETIME_EXTENSION
        let mut r = r;
        r.read_to_end(&mut input)?;
        let width = parse_width(&input);
        Ok(JpegDecoder {
            input,
            width,
            _reader: std::marker::PhantomData,
        })
    }

    pub fn size(&self) -> usize {
        self.input.len() + usize::from(self.width)
    }
}

pub struct PngDecoder {
    width: u16,
}

impl PngDecoder {
    // Read whole, but only the parsed header is kept.
    pub fn new(mut r: impl Read) -> io::Result<PngDecoder> {
        let mut input = Vec::new(); // expect-none
        r.read_to_end(&mut input)?;
        Ok(PngDecoder {
            width: parse_width(&input),
        })
    }
}

pub struct FontFile {
    data: Vec<u8>,
}

impl FontFile {
    // Keeping the file's bytes is what a font file is for.
    pub fn load(mut r: impl Read) -> io::Result<FontFile> {
        let mut data = Vec::new(); // expect-none
        r.read_to_end(&mut data)?;
        Ok(FontFile { data })
    }

    pub fn len(&self) -> usize {
        self.data.len()
    }
}

pub struct BatchReader {
    scratch: Vec<u8>,
    count: u64,
}

impl BatchReader {
    // The buffer is read whole for the metadata, then emptied and kept as
    // scratch space.
    pub fn from_reader(mut r: impl Read) -> io::Result<BatchReader> {
        let mut buffer = Vec::new(); // expect-none
        r.read_to_end(&mut buffer)?;
        let count = buffer.len() as u64;
        buffer.clear();
        Ok(BatchReader {
            scratch: buffer,
            count,
        })
    }

    pub fn count(&self) -> u64 {
        self.count + self.scratch.len() as u64
    }
}
