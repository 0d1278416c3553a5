//! The progress bar on a terminal (stderr); silent when stderr is not a TTY
//! so logs and pipes stay clean.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use memaudit::RoundEvent;

pub struct Bar {
    bar: ProgressBar,
    /// Off a terminal the bar is hidden, but role summaries and warnings
    /// still go to stderr as plain lines, so CI logs tell what happened.
    tty: bool,
}

impl Bar {
    pub fn new(prefix: &'static str) -> Bar {
        let tty = std::io::stderr().is_terminal();
        let target = if tty {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        let style =
            ProgressStyle::with_template("{prefix:>11.bold} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(prefix);
        Bar { bar, tty }
    }

    pub fn analyst(&self, done: u64, total: u64, current: &str) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        self.bar.set_message(current.to_owned());
    }

    pub fn event(&self, e: &RoundEvent) {
        match e {
            RoundEvent::RoleStarted { role, total, .. } => {
                self.bar.set_prefix(capitalised(role.as_str()));
                self.bar.set_length(*total);
                self.bar.set_position(0);
            }
            RoundEvent::RoleProgress {
                done,
                total,
                current,
                tokens_out,
                ..
            } => match tokens_out {
                Some(n) => self.analyst(*done, *total, &format!("{current} · {n} tokens out")),
                None => self.analyst(*done, *total, current),
            },
            RoundEvent::RoleFinished { role, summary, .. } => {
                self.line(format!("{:>11} {summary}", capitalised(role.as_str())));
            }
            RoundEvent::RoleSkipped { role, reason, .. } => {
                self.line(format!(
                    "{:>11} skipped: {reason}",
                    capitalised(role.as_str())
                ));
            }
            RoundEvent::Warned { message, .. } => {
                self.line(format!("    warning {message}"));
            }
            RoundEvent::RoundStarted { .. } | RoundEvent::RoundFinished { .. } => {}
        }
    }

    fn line(&self, text: String) {
        if self.tty {
            self.bar.println(text);
        } else {
            eprintln!("{text}");
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
