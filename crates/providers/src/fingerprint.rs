//! Finding fingerprints, computed exactly like the built-in Analyst's
//! (`memaudit_analysis::fingerprint`), so a problem found by either engine
//! keeps one identity across rounds.
//!
//! Copied rather than imported to keep this crate's only memaudit dependency
//! `memaudit-model`; a test pins known values so a drift shows up. It must
//! NOT hash line numbers: edits that move code must keep the fingerprint.

use memaudit_model::Category;

/// blake3 of category, `\0`, item path, `\0`, and the code with whitespace
/// runs collapsed to one space; the first 16 hex characters.
pub fn fingerprint(category: Category, item_path: &str, code: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(category.as_str().as_bytes());
    hasher.update(b"\0");
    hasher.update(item_path.as_bytes());
    hasher.update(b"\0");
    let mut first = true;
    for word in code.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
        first = false;
    }
    hasher.finalize().to_hex()[..16].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_fingerprint_but_code_does() {
        let a = fingerprint(Category::UnnecessaryClone, "m::f", "let x = y.clone();");
        let b = fingerprint(
            Category::UnnecessaryClone,
            "m::f",
            "  let x =\n    y.clone();  ",
        );
        assert_eq!(a, b, "reformatting keeps identity");
        assert_eq!(a.len(), 16);
        assert_ne!(
            a,
            fingerprint(Category::UnnecessaryClone, "m::g", "let x = y.clone();"),
            "another item is another finding"
        );
        assert_ne!(
            a,
            fingerprint(Category::AllocationLoop, "m::f", "let x = y.clone();"),
            "another category is another finding"
        );
    }

    #[test]
    fn matches_the_reference_hash_construction() {
        let expected =
            blake3::hash(b"HEAP_AVOIDABLE\0a::b\0let v = vec![1];").to_hex()[..16].to_owned();
        assert_eq!(
            fingerprint(Category::HeapAvoidable, "a::b", "let  v =\tvec![1];"),
            expected
        );
    }
}
