//! memaudit-providers integration tests: one binary, one shared harness, real
//! HTTP servers on 127.0.0.1.

mod coordinator;
mod faults;
mod harness;
mod keyring_store;
mod roles;
mod streaming;
