//! A tiny work queue on scoped threads: jobs may produce more jobs (a parsed
//! file yields its child modules), and the pool ends when the queue is empty
//! and no job is running. The job with the largest key runs first (ties in
//! the order they were queued): discovery parses the largest files first,
//! while little else is held in memory.
//!
//! Must NOT know what a job is. Threads get a large stack because syn
//! recurses deeply on machine-generated code; a job that panics loses only
//! its own result.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex};

const STACK_BYTES: usize = 32 * 1024 * 1024;

/// A queued job: the largest key first, then the earliest queued.
struct Queued<J> {
    key: u64,
    seq: Reverse<u64>,
    job: J,
}

impl<J> PartialEq for Queued<J> {
    fn eq(&self, other: &Self) -> bool {
        (self.key, self.seq) == (other.key, other.seq)
    }
}
impl<J> Eq for Queued<J> {}
impl<J> PartialOrd for Queued<J> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<J> Ord for Queued<J> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.key, self.seq).cmp(&(other.key, other.seq))
    }
}

struct State<J> {
    queue: BinaryHeap<Queued<J>>,
    queued: u64,
    running: usize,
}

impl<J> State<J> {
    fn push(&mut self, key: u64, job: J) {
        self.queue.push(Queued {
            key,
            seq: Reverse(self.queued),
            job,
        });
        self.queued += 1;
    }
}

/// Runs `work` on every job (and every job it returns) on up to `threads`
/// threads (0: `available_parallelism()`), the job with the largest `key`
/// first; results come back in no particular order.
pub(crate) fn run<J, R, K, F>(jobs: Vec<J>, threads: usize, key: K, work: F) -> Vec<R>
where
    J: Send,
    R: Send,
    K: Fn(&J) -> u64 + Sync,
    F: Fn(J) -> (Option<R>, Vec<J>) + Sync,
{
    if jobs.is_empty() {
        return Vec::new();
    }
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let mut initial = State {
        queue: BinaryHeap::with_capacity(jobs.len()),
        queued: 0,
        running: 0,
    };
    for job in jobs {
        initial.push(key(&job), job);
    }
    let state = Mutex::new(initial);
    let wake = Condvar::new();
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let spawned = std::thread::Builder::new()
                .stack_size(STACK_BYTES)
                .spawn_scoped(scope, || worker(&state, &wake, &results, &key, &work));
            if spawned.is_err() {
                // Fewer threads is slower, not wrong; at least one always
                // runs below when none could be spawned.
                break;
            }
        }
    });
    // If no thread could be spawned at all, do the work here.
    if lock(&state).queue.is_empty() {
        return results.into_inner().unwrap_or_else(|p| p.into_inner());
    }
    worker(&state, &wake, &results, &key, &work);
    results.into_inner().unwrap_or_else(|p| p.into_inner())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicking job is caught before it can poison anything; recover anyway.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn worker<J, R, K, F>(
    state: &Mutex<State<J>>,
    wake: &Condvar,
    results: &Mutex<Vec<R>>,
    key: &K,
    work: &F,
) where
    K: Fn(&J) -> u64,
    F: Fn(J) -> (Option<R>, Vec<J>),
{
    let mut local = Vec::new();
    loop {
        let job = {
            let mut s = lock(state);
            loop {
                if let Some(q) = s.queue.pop() {
                    s.running += 1;
                    break Some(q.job);
                }
                if s.running == 0 {
                    break None;
                }
                s = wake.wait(s).unwrap_or_else(|p| p.into_inner());
            }
        };
        let Some(job) = job else {
            wake.notify_all();
            break;
        };
        let (result, more) =
            catch_unwind(AssertUnwindSafe(|| work(job))).unwrap_or((None, Vec::new()));
        local.extend(result);
        let keyed: Vec<(u64, J)> = more.into_iter().map(|j| (key(&j), j)).collect();
        let mut s = lock(state);
        for (k, j) in keyed {
            s.push(k, j);
        }
        s.running -= 1;
        drop(s);
        wake.notify_all();
    }
    lock(results).extend(local);
}

#[cfg(test)]
mod tests {
    #[test]
    fn jobs_spawning_jobs_all_run() {
        // Each n > 0 spawns two jobs n-1: 2^(d+1)-1 jobs for depth d.
        let mut got = super::run(
            vec![6u32],
            0,
            |_| 0,
            |n| (Some(n), if n > 0 { vec![n - 1, n - 1] } else { vec![] }),
        );
        got.sort();
        assert_eq!(got.len(), 127, "every spawned job ran exactly once");
        assert_eq!(got.iter().filter(|&&n| n == 0).count(), 64);
    }

    #[test]
    fn a_panicking_job_loses_only_itself() {
        let got = super::run(
            vec![1, 2, 3],
            0,
            |_| 0,
            |n: i32| {
                if n == 2 {
                    panic!("job 2 fails on purpose");
                }
                (Some(n), vec![])
            },
        );
        let mut got = got;
        got.sort();
        assert_eq!(got, vec![1, 3]);
    }

    #[test]
    fn the_largest_key_runs_first_ties_in_queue_order() {
        // One thread: the order of the results is the order of the runs.
        let got = super::run(
            vec![(1, 'a'), (5, 'b'), (1, 'c'), (3, 'd')],
            1,
            |&(k, _)| k,
            |j| (Some(j.1), if j.1 == 'b' { vec![(4, 'e')] } else { vec![] }),
        );
        assert_eq!(got, vec!['b', 'e', 'd', 'a', 'c']);
    }
}
