// An element cloned out of a local `Vec` that is not used again: move it out.

pub struct Condition {
    pub field: String,
    pub values: Vec<String>,
}

pub enum Filter {
    One(Condition),
    Any(Vec<Condition>),
}

pub fn combine(groups: Vec<Vec<Condition>>) -> Vec<Filter> {
    let mut out = Vec::new();
    for group in groups {
        let mut conds = vec![];
        for c in group {
            if !c.values.is_empty() {
                conds.push(c);
            }
        }
        if conds.len() > 1 {
            out.push(Filter::Any(conds));
        } else if conds.len() == 1 {
            out.push(Filter::One(conds[0].clone())); // expect: UNNECESSARY_CLONE
        }
    }
    out
}

pub fn first_or_all(conds: Vec<Condition>) -> Filter {
    let list: Vec<Condition> = conds.into_iter().filter(|c| !c.field.is_empty()).collect();
    if list.len() == 1 {
        Filter::One(list[0].clone()) // expect: UNNECESSARY_CLONE
    } else {
        Filter::Any(list)
    }
}

fn load() -> Vec<Condition> {
    Vec::new()
}

pub fn first_kept() -> (Condition, usize) {
    let list: Vec<Condition> = load();
    let first = list[0].clone(); // expect-none: `list` is read again below
    (first, list.len())
}

pub fn first_of_borrowed(list: &Vec<Condition>) -> Condition {
    list[0].clone() // expect-none: a borrowed `Vec`: the element cannot be moved out
}

fn numbers() -> Vec<u64> {
    Vec::new()
}

pub fn first_number() -> u64 {
    let v: Vec<u64> = numbers();
    v[0].clone() // expect-none: a `Copy` element costs nothing to clone
}
