//! A round's events as MCP progress notifications: the Analyst, the
//! Validator and the Coordinator each take one unit of a total of three, so
//! `progress` grows steadily across the round and `message` says which role
//! is on which item. Notifications only go out when the request carried a
//! progress token, only when the value grew (the protocol requires it), and
//! at most about ten a second.

use std::time::{Duration, Instant};

use memaudit_model::Role;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::{Peer, RoleServer};

use crate::events::RoundEvent;

use super::redact::Redactor;

/// One role per unit.
pub const TOTAL: f64 = 3.0;

/// Least time between two notifications inside one role.
const MIN_GAP: Duration = Duration::from_millis(100);

fn base(role: Role) -> f64 {
    match role {
        Role::Analyst => 0.0,
        Role::Validator => 1.0,
        Role::Coordinator => 2.0,
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Analyst => "Analyst",
        Role::Validator => "Validator",
        Role::Coordinator => "Coordinator",
    }
}

/// Where an event puts the round (0..=3) and what to say about it; `None`
/// for events that do not move it (warnings come back in the result).
pub fn position(event: &RoundEvent) -> Option<(f64, String, bool)> {
    Some(match event {
        RoundEvent::RoundStarted {
            session,
            round,
            resumed,
            ..
        } => (
            0.0,
            format!(
                "{} round {round} of {session}",
                if *resumed { "resuming" } else { "starting" }
            ),
            true,
        ),
        RoundEvent::RoleStarted {
            role,
            engine,
            total,
            ..
        } => (
            base(*role),
            format!("{} started ({engine}, {total} items)", role_name(*role)),
            true,
        ),
        RoundEvent::RoleProgress {
            role,
            done,
            total,
            current,
            findings,
            ..
        } => {
            // A role's own share stays below its end, which RoleFinished marks.
            let share = if *total == 0 {
                0.0
            } else {
                (*done as f64 / *total as f64).min(0.999)
            };
            (
                base(*role) + share,
                format!(
                    "{}: {done}/{total} — {current} ({findings} findings so far)",
                    role_name(*role)
                ),
                false,
            )
        }
        RoundEvent::RoleFinished { role, summary, .. } => (
            base(*role) + 1.0,
            format!("{} finished: {summary}", role_name(*role)),
            true,
        ),
        RoundEvent::RoleSkipped { role, reason, .. } => (
            base(*role) + 1.0,
            format!("{} skipped: {reason}", role_name(*role)),
            true,
        ),
        RoundEvent::RoundFinished {
            round,
            status,
            findings,
            new,
            ..
        } => (
            TOTAL,
            format!(
                "round {round} {}: {findings} findings ({new} new)",
                status.as_str().replace('_', " ")
            ),
            true,
        ),
        RoundEvent::Warned { .. } => return None,
    })
}

/// Sends a request's progress notifications.
pub struct Reporter {
    peer: Peer<RoleServer>,
    token: ProgressToken,
    redactor: Redactor,
    last: f64,
    sent_at: Option<Instant>,
}

impl Reporter {
    pub fn new(peer: Peer<RoleServer>, token: ProgressToken, redactor: Redactor) -> Self {
        Reporter {
            peer,
            token,
            redactor,
            last: -1.0,
            sent_at: None,
        }
    }

    /// Reports `event` if it moves the round forward (and, inside a role,
    /// if the last notification is old enough).
    pub async fn event(&mut self, event: &RoundEvent) {
        let Some((progress, message, milestone)) = position(event) else {
            return;
        };
        if progress <= self.last {
            return;
        }
        if !milestone && self.sent_at.is_some_and(|t| t.elapsed() < MIN_GAP) {
            return;
        }
        self.last = progress;
        self.sent_at = Some(Instant::now());
        let message = self.redactor.text(&message).into_owned();
        // A client that went away is not the round's problem: it finishes
        // and is stored either way.
        let _ = self
            .peer
            .notify_progress(
                ProgressNotificationParam::new(self.token.clone(), progress)
                    .with_total(TOTAL)
                    .with_message(message),
            )
            .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use memaudit_model::RoundStatus;

    #[test]
    fn progress_grows_across_the_roles() {
        let events = [
            RoundEvent::RoundStarted {
                session_id: 1,
                session: "memory_audit_001".into(),
                round: 1,
                resumed: false,
            },
            RoundEvent::RoleStarted {
                round: 1,
                role: Role::Analyst,
                engine: "builtin".into(),
                total: 4,
            },
            RoundEvent::RoleProgress {
                round: 1,
                role: Role::Analyst,
                done: 4,
                total: 4,
                current: "src/lib.rs".into(),
                findings: 2,
                tokens_out: None,
            },
            RoundEvent::RoleFinished {
                round: 1,
                role: Role::Analyst,
                duration_ms: 3,
                summary: "2 findings".into(),
            },
            RoundEvent::RoleStarted {
                round: 1,
                role: Role::Validator,
                engine: "builtin".into(),
                total: 2,
            },
            RoundEvent::RoleFinished {
                round: 1,
                role: Role::Coordinator,
                duration_ms: 1,
                summary: "report".into(),
            },
            RoundEvent::RoundFinished {
                session_id: 1,
                round: 1,
                status: RoundStatus::AwaitingDecision,
                findings: 2,
                new: 2,
            },
        ];
        let values: Vec<f64> = events
            .iter()
            .filter_map(position)
            .map(|(p, _, _)| p)
            .collect();
        assert_eq!(values, vec![0.0, 0.0, 0.999, 1.0, 1.0, 3.0, 3.0]);
        assert!(
            values.windows(2).all(|w| w[0] <= w[1]),
            "positions never go back, so a reporter that drops equal values sends a growing series"
        );
    }
}
