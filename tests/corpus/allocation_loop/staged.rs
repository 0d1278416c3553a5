// A Vec filled in one loop and then only walked once by another.

pub struct Stream {
    pub tokens: Vec<u32>,
}

fn stream_of(text: &str) -> Stream {
    Stream {
        tokens: text.bytes().map(u32::from).collect(),
    }
}

fn index(stream: Stream, sink: &mut Vec<u32>) {
    sink.extend(stream.tokens);
}

pub fn index_docs(docs: &[Vec<String>], sink: &mut Vec<u32>) {
    for fields in docs {
        let mut streams = Vec::new(); // expect: ALLOCATION_LOOP
        for text in fields {
            if !text.is_empty() {
                streams.push(stream_of(text));
            }
        }
        for s in streams {
            index(s, sink);
        }
    }
}

pub fn sorted_then_walked(fields: &[String], sink: &mut Vec<u32>) {
    let mut streams = Vec::new(); // expect-none: sorted between the passes, every item is needed first
    for text in fields {
        if !text.is_empty() {
            streams.push(stream_of(text));
        }
    }
    streams.sort_by_key(|s| s.tokens.len());
    for s in streams {
        index(s, sink);
    }
}

pub fn counted_then_walked(fields: &[String], sink: &mut Vec<u32>) -> usize {
    let mut streams = Vec::new(); // expect-none: the count is read before the walk
    for text in fields {
        if !text.is_empty() {
            streams.push(stream_of(text));
        }
    }
    let n = streams.len();
    for s in streams {
        index(s, sink);
    }
    n
}

pub fn kept(fields: &[String]) -> Vec<Stream> {
    let mut streams = Vec::new(); // expect-none: returned, the Vec is the result
    for text in fields {
        if !text.is_empty() {
            streams.push(stream_of(text));
        }
    }
    streams
}
