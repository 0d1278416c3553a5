//! Token and cost accounting per call and per role run, and the shared USD
//! budget that stops a round cleanly once spent.
//!
//! This module must NOT talk to the network; the client reports usage here.

use std::ops::AddAssign;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::ProviderError;

/// Tokens, cost and requests of one call or summed over a role run.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Usage {
    pub tokens_in: u64,
    pub tokens_out: u64,
    pub cost_usd: f64,
    /// HTTP requests that got an answer from the provider (retries and repair
    /// requests included).
    pub requests: u32,
}

impl AddAssign for Usage {
    fn add_assign(&mut self, o: Usage) {
        self.tokens_in += o.tokens_in;
        self.tokens_out += o.tokens_out;
        self.cost_usd += o.cost_usd;
        self.requests += o.requests;
    }
}

#[derive(Debug, Default)]
struct Spent {
    usd: f64,
    /// Calls refused because the budget was spent: proof that nothing was sent.
    refused: u64,
}

/// A USD cap shared by every call of a round (clone the `Arc` around it or
/// pass `&Budget`). Checked before each request: once the spent amount
/// reaches the cap, calls fail fast with `BudgetExhausted` without touching
/// the network. Requests already in flight finish and are counted, so the
/// overshoot is at most `max_concurrency` answers.
#[derive(Debug, Default)]
pub struct Budget {
    cap_usd: Option<f64>,
    spent: Mutex<Spent>,
}

impl Budget {
    pub fn new(cap_usd: Option<f64>) -> Self {
        Budget {
            cap_usd,
            spent: Mutex::default(),
        }
    }

    pub fn unlimited() -> Self {
        Budget::new(None)
    }

    pub fn cap_usd(&self) -> Option<f64> {
        self.cap_usd
    }

    pub fn spent_usd(&self) -> f64 {
        self.spent.lock().map(|s| s.usd).unwrap_or(f64::INFINITY)
    }

    /// Calls refused since the budget ran out.
    pub fn refused_calls(&self) -> u64 {
        self.spent.lock().map(|s| s.refused).unwrap_or(0)
    }

    /// Ok when another request may be sent.
    pub fn check(&self) -> Result<(), ProviderError> {
        let Some(cap) = self.cap_usd else {
            return Ok(());
        };
        // A poisoned lock means a panic mid-update: treat the budget as spent
        // rather than risk unbounded spending.
        let Ok(mut s) = self.spent.lock() else {
            return Err(ProviderError::BudgetExhausted {
                spent_usd: f64::INFINITY,
                cap_usd: cap,
            });
        };
        if s.usd >= cap {
            s.refused += 1;
            return Err(ProviderError::BudgetExhausted {
                spent_usd: s.usd,
                cap_usd: cap,
            });
        }
        Ok(())
    }

    pub fn record(&self, cost_usd: f64) {
        if let Ok(mut s) = self.spent.lock() {
            s.usd += cost_usd;
        }
    }

    pub fn is_exhausted(&self) -> bool {
        self.cap_usd.is_some_and(|cap| self.spent_usd() >= cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_refuses_once_the_cap_is_reached_and_counts_refusals() {
        let b = Budget::new(Some(0.10));
        assert!(b.check().is_ok(), "nothing spent yet");
        b.record(0.06);
        assert!(b.check().is_ok(), "0.06 < 0.10");
        b.record(0.05);
        assert!(
            matches!(b.check(), Err(ProviderError::BudgetExhausted { .. })),
            "0.11 ≥ 0.10"
        );
        assert!(b.check().is_err());
        assert_eq!(b.refused_calls(), 2);
        assert!(b.is_exhausted());
    }

    #[test]
    fn unlimited_budget_never_refuses() {
        let b = Budget::unlimited();
        b.record(1e9);
        assert!(b.check().is_ok());
        assert!(!b.is_exhausted());
    }

    #[test]
    fn usage_adds_up() {
        let mut u = Usage::default();
        u += Usage {
            tokens_in: 10,
            tokens_out: 5,
            cost_usd: 0.5,
            requests: 1,
        };
        u += Usage {
            tokens_in: 1,
            tokens_out: 1,
            cost_usd: 0.25,
            requests: 2,
        };
        assert_eq!((u.tokens_in, u.tokens_out, u.requests), (11, 6, 3));
        assert!((u.cost_usd - 0.75).abs() < 1e-12);
    }
}
