//! Finds a Cargo workspace's crates and files and scores their priority (P0-P3 with reasons); reads and writes scope.md.
