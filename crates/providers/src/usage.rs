//! Token and cost accounting per call and per role run, and the shared USD
//! budget that stops a round cleanly before it is overspent.
//!
//! This module must NOT talk to the network; the client reserves and settles
//! here around each request.

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
    /// Upper bounds of the requests in flight, not settled yet.
    reserved: f64,
    in_flight: u32,
    /// Calls refused because the budget was spent: proof that nothing was sent.
    refused: u64,
}

/// A USD cap shared by every call of a round (clone the `Arc` around it or
/// pass `&Budget`).
///
/// Every request [`reserve`](Budget::reserve)s an upper bound of its cost
/// before it is sent and settles it with the real cost after, so requests in
/// flight together can never overshoot the cap: a request whose bound does
/// not fit next to the ones in flight waits for them to settle, and when
/// nothing is in flight and it still does not fit, it fails with
/// `BudgetExhausted` without touching the network. The guarantee holds as
/// long as the server bills no more than the bound (see
/// `Provider`'s cost bound); usage reported above it is still counted.
#[derive(Debug, Default)]
pub struct Budget {
    cap_usd: Option<f64>,
    spent: Mutex<Spent>,
    /// Woken whenever a reservation is settled or released.
    settled: tokio::sync::Notify,
}

/// What a waiting reservation decided while holding the lock.
enum Admit {
    Yes,
    Wait,
    No(ProviderError),
}

/// The reserved upper bound of one request in flight. [`settle`] it with
/// the real cost; dropping it (the request failed or was cancelled) releases
/// the reservation with nothing charged.
///
/// [`settle`]: Reservation::settle
#[derive(Debug)]
#[must_use = "a reservation holds budget until it is settled or dropped"]
pub struct Reservation<'a> {
    budget: &'a Budget,
    estimate_usd: f64,
    open: bool,
}

impl Reservation<'_> {
    pub fn estimate_usd(&self) -> f64 {
        self.estimate_usd
    }

    /// Replaces the reserved bound by what the request really cost.
    pub fn settle(mut self, cost_usd: f64) {
        self.close(cost_usd);
    }

    fn close(&mut self, cost_usd: f64) {
        if !std::mem::replace(&mut self.open, false) {
            return;
        }
        if let Ok(mut s) = self.budget.spent.lock() {
            s.usd += cost_usd;
            s.in_flight = s.in_flight.saturating_sub(1);
            // Exactly zero once idle, so float residue never blocks a request.
            s.reserved = if s.in_flight == 0 {
                0.0
            } else {
                (s.reserved - self.estimate_usd).max(0.0)
            };
        }
        self.budget.settled.notify_waiters();
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.close(0.0);
    }
}

impl Budget {
    pub fn new(cap_usd: Option<f64>) -> Self {
        Budget {
            cap_usd,
            ..Budget::default()
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

    /// Upper bounds of the requests in flight.
    pub fn reserved_usd(&self) -> f64 {
        self.spent.lock().map(|s| s.reserved).unwrap_or(0.0)
    }

    /// Reserves `estimate_usd` (an upper bound of one request's cost) before
    /// the request is sent. Waits while it does not fit next to the requests
    /// in flight; fails with `BudgetExhausted` when it cannot fit even with
    /// nothing in flight. Cancel by dropping the future.
    pub async fn reserve(&self, estimate_usd: f64) -> Result<Reservation<'_>, ProviderError> {
        let estimate = if estimate_usd.is_finite() && estimate_usd > 0.0 {
            estimate_usd
        } else {
            0.0
        };
        loop {
            // Registered before the check, so a settle between the check
            // and the wait is not missed.
            let settled = self.settled.notified();
            tokio::pin!(settled);
            settled.as_mut().enable();
            match self.admit(estimate) {
                Admit::Yes => {
                    return Ok(Reservation {
                        budget: self,
                        estimate_usd: estimate,
                        open: true,
                    })
                }
                Admit::No(e) => return Err(e),
                Admit::Wait => settled.await,
            }
        }
    }

    fn admit(&self, estimate: f64) -> Admit {
        // A poisoned lock means a panic mid-update: treat the budget as spent
        // rather than risk unbounded spending.
        let Ok(mut s) = self.spent.lock() else {
            return Admit::No(ProviderError::BudgetExhausted {
                spent_usd: f64::INFINITY,
                cap_usd: self.cap_usd.unwrap_or(0.0),
                next_usd: estimate,
            });
        };
        if let Some(cap) = self.cap_usd {
            let fits = s.usd < cap && s.usd + s.reserved + estimate <= cap;
            if !fits {
                if s.in_flight > 0 && s.usd < cap {
                    return Admit::Wait;
                }
                s.refused += 1;
                return Admit::No(ProviderError::BudgetExhausted {
                    spent_usd: s.usd,
                    cap_usd: cap,
                    next_usd: estimate,
                });
            }
        }
        s.reserved += estimate;
        s.in_flight += 1;
        Admit::Yes
    }

    /// Ok while the spent amount is below the cap (no reservation).
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
                next_usd: 0.0,
            });
        };
        if s.usd >= cap {
            s.refused += 1;
            return Err(ProviderError::BudgetExhausted {
                spent_usd: s.usd,
                cap_usd: cap,
                next_usd: 0.0,
            });
        }
        Ok(())
    }

    /// Adds a cost paid outside a reservation.
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

    #[tokio::test]
    async fn reservations_count_against_the_cap_until_settled() {
        let b = Budget::new(Some(1.0));
        let r1 = b.reserve(0.4).await.unwrap();
        let r2 = b.reserve(0.4).await.unwrap();
        assert!((b.reserved_usd() - 0.8).abs() < 1e-12);
        // 0.8 reserved + 0.4 > 1.0: the third waits for one of the two.
        let mut third = Box::pin(b.reserve(0.4));
        assert!(
            futures_util::FutureExt::now_or_never(&mut third).is_none(),
            "waits while requests are in flight"
        );
        r1.settle(0.1);
        let r3 = third.await.unwrap();
        assert!((b.spent_usd() - 0.1).abs() < 1e-12);
        drop(r2); // failed: released, nothing charged
        r3.settle(0.3);
        assert!((b.spent_usd() - 0.4).abs() < 1e-12);
        assert_eq!(b.reserved_usd(), 0.0);
        // Nothing in flight and 0.4 + 0.7 > 1.0: refused, not waiting.
        match b.reserve(0.7).await {
            Err(ProviderError::BudgetExhausted {
                spent_usd,
                cap_usd,
                next_usd,
            }) => assert_eq!((spent_usd, cap_usd, next_usd), (0.4, 1.0, 0.7)),
            other => panic!("expected BudgetExhausted, got {other:?}"),
        }
        assert_eq!(b.refused_calls(), 1);
        assert!(b.reserve(0.6).await.is_ok(), "0.4 + 0.6 fits exactly");
    }

    #[tokio::test]
    async fn an_unlimited_budget_reserves_without_waiting() {
        let b = Budget::unlimited();
        let held: Vec<_> = futures_util::future::join_all((0..4).map(|_| b.reserve(1e9)))
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        for r in held {
            r.settle(2.0);
        }
        assert_eq!(b.spent_usd(), 8.0);
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
