//! A platform's send rate, shared by every delivery task of one scheduler: sends are spaced
//! evenly at the platform's limit, and when the platform says "too many, wait" every task
//! waits that long, not just the one that was told.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Spaces sends at most `per_second` a second; pauses them all on a platform's back-off.
#[derive(Debug)]
pub(super) struct Limiter {
    /// Time between two sends; zero when the platform sets no limit.
    gap: Duration,
    /// The earliest moment the next send may start.
    next: Mutex<Instant>,
}

impl Limiter {
    /// At most `per_second` sends a second; `None` (or 0): no spacing, only back-offs.
    pub(super) fn new(per_second: Option<u32>) -> Limiter {
        let gap = per_second
            .filter(|&n| n > 0)
            .map_or(Duration::ZERO, |n| Duration::from_secs(1) / n);
        Limiter {
            gap,
            next: Mutex::new(Instant::now()),
        }
    }

    /// Wait for this send's turn. Turns are handed out in the order asked, each `gap` after
    /// the one before, so tasks waiting together do not burst when a back-off ends.
    pub(super) async fn ready(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + self.gap;
            slot
        };
        // Timers round up to the next millisecond: a send whose turn is now must not wait one.
        if slot > Instant::now() {
            tokio::time::sleep_until(slot).await;
        }
    }

    /// The platform said to wait `pause`: no send starts before then.
    pub(super) async fn back_off(&self, pause: Duration) {
        let mut next = self.next.lock().await;
        *next = (*next).max(Instant::now() + pause);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slack for a busy machine's timers; the spacing is what must hold, not the exact end.
    const SLACK: Duration = Duration::from_millis(150);

    #[tokio::test]
    async fn sends_are_spaced_at_the_limit() {
        let limiter = Limiter::new(Some(200));
        let start = Instant::now();
        for _ in 0..41 {
            limiter.ready().await;
        }
        // 41 sends at 200/s: the last starts 200 ms after the first, not sooner.
        let took = Instant::now() - start;
        assert!(took >= Duration::from_millis(200), "{took:?}");
        assert!(took < Duration::from_millis(200) + SLACK, "{took:?}");
    }

    #[tokio::test]
    async fn no_limit_means_no_wait() {
        let limiter = Limiter::new(None);
        let start = Instant::now();
        for _ in 0..1000 {
            limiter.ready().await;
        }
        assert!(Instant::now() - start < SLACK);
    }

    #[tokio::test]
    async fn a_back_off_holds_every_later_send() {
        let limiter = Limiter::new(Some(20));
        let start = Instant::now();
        limiter.ready().await;
        limiter.back_off(Duration::from_millis(300)).await;
        limiter.ready().await;
        let first = Instant::now() - start;
        assert!(first >= Duration::from_millis(300), "{first:?}");
        limiter.ready().await;
        let second = Instant::now() - start;
        assert!(second >= Duration::from_millis(350), "{first:?} {second:?}");
        assert!(second < Duration::from_millis(350) + SLACK, "{second:?}");
    }
}
