// Recursive enums whose one or two fat variants size every node.

#[derive(Clone, Copy)]
pub enum Mode {
    Dense,
    Sparse,
}

pub struct Field {
    pub name: String,
    pub nullable: bool,
}

pub enum DataType { // expect: CACHE_HOSTILE, ARENA_CANDIDATE
    Null,
    Boolean,
    Int32,
    Int64,
    Float64,
    Utf8,
    Binary,
    List(Box<Field>),
    Dictionary(Box<DataType>, bool),
    Union(Vec<Field>, Option<Vec<i32>>, Mode),
}

// The same variants without recursion: values are not a tree's nodes.
pub enum Scalar { // expect-none: not a recursive type
    Null,
    Boolean,
    Int32,
    Int64,
    Float64,
    Utf8,
    Binary,
    List(Box<Field>),
    Union(Vec<Field>, Option<Vec<i32>>, Mode),
}

// A tree whose variants are all small.
// A tree (the arena rule's), not CACHE_HOSTILE: every variant fits in two words.
pub enum Expr { // expect: ARENA_CANDIDATE
    Lit(i64),
    Var(u32),
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Call(Box<[Expr]>),
}

// A tree where most variants are large: boxing one or two does not help.
// A tree (the arena rule's), not CACHE_HOSTILE: most variants are as large as the fat ones.
pub enum Node { // expect: ARENA_CANDIDATE
    Seq(Vec<Node>, Vec<Field>),
    Alt(Vec<Node>, Vec<Field>),
    Opt(Vec<Node>, Vec<Field>),
    Leaf(Vec<Field>, Vec<Field>),
    Empty,
}
