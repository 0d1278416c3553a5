//! Rebuilds the store when a migration is added: `include_dir!` tracks the
//! files it embedded, not new folders beside them.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
