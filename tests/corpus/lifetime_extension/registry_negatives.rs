//! Corpus: false positives found in registry code, kept as negatives.

pub struct Client;

impl Client {
    pub async fn embed(&self, _texts: &[String]) -> usize {
        0
    }
}

// The future borrows `texts`: it must stay alive across this await.
pub async fn embed_batch(client: &Client) -> usize {
    let texts = vec!["a".to_string(), "b".to_string()]; // expect-none
    client.embed(&texts).await
}

// A trie's `State` is not a long-lived service (regex-automata).
pub struct State {
    chunks: Vec<(usize, usize)>, // expect-none
}

impl State {
    pub fn add(&mut self, a: usize, b: usize) {
        self.chunks.push((a, b));
    }
}
