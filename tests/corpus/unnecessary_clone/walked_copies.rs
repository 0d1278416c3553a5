// A slice copied into a `Vec` only to be walked once.

#[derive(Clone, Copy)]
pub enum Ty {
    Int,
    Union(&'static [Ty]),
    Other,
}

pub fn expand(ty: Ty) -> usize {
    let tys = match ty { // expect: UNNECESSARY_CLONE
        Ty::Union(elements) => elements.to_vec(),
        _ => vec![ty],
    };
    let mut n = 0;
    for t in tys {
        if matches!(t, Ty::Int) {
            n += 1;
        }
    }
    n
}

pub fn total(parts: &[u64]) -> u64 {
    let owned = parts.to_vec(); // expect: UNNECESSARY_CLONE
    let mut sum = 0;
    for p in owned {
        sum += p;
    }
    sum
}

pub fn total_twice(parts: &[u64]) -> (u64, usize) {
    // Only read: the borrow rule's, not the walked-once one.
    let owned = parts.to_vec(); // expect: UNNECESSARY_CLONE
    let mut sum = 0;
    for p in &owned {
        sum += p;
    }
    (sum, owned.len())
}

pub fn keep(parts: &[u64]) -> Vec<u64> {
    let owned = parts.to_vec(); // expect-none: returned, the copy is the result
    owned
}

pub fn sorted_sum(parts: &[u64]) -> u64 {
    let mut owned = parts.to_vec(); // expect-none: sorted in place, the copy is needed
    owned.sort();
    owned.into_iter().take(3).sum()
}
