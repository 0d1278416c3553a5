//! memaudit's API layer: the one door for the CLI and the desktop shell.
