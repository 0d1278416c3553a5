//! Timestamps as the store writes them: RFC 3339, UTC, milliseconds.
//!
//! A fixed width makes text order equal time order, which the schema relies
//! on (`ORDER BY last_opened_at`). This module only formats and measures; it
//! must not decide what a timestamp means.

use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

const FORMAT: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// The current time, e.g. `2026-11-02T09:30:00.123Z`.
pub(crate) fn now() -> String {
    format_utc(OffsetDateTime::now_utc())
}

pub(crate) fn format_utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    // The fixed format only fails for years outside 0..=9999; RFC 3339 then
    // says what it can rather than storing nothing.
    t.format(FORMAT)
        .or_else(|_| t.format(&Rfc3339))
        .unwrap_or_default()
}

/// Milliseconds from `start` to `end` (both RFC 3339), or `None` when either
/// does not parse or time ran backwards (a clock change).
pub(crate) fn millis_between(start: &str, end: &str) -> Option<u64> {
    let start = OffsetDateTime::parse(start, &Rfc3339).ok()?;
    let end = OffsetDateTime::parse(end, &Rfc3339).ok()?;
    u64::try_from((end - start).whole_milliseconds()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_are_fixed_width_utc_with_milliseconds() {
        let check = |t: OffsetDateTime, expected: &str| {
            assert_eq!(format_utc(t), expected, "formatting {t:?}");
        };
        check(
            datetime!(2026-11-02 09:30:00 UTC),
            "2026-11-02T09:30:00.000Z",
        );
        check(
            datetime!(2026-11-02 09:30:00.123456 UTC),
            "2026-11-02T09:30:00.123Z",
        );
        check(
            datetime!(2026-11-02 10:30:00 +01:00),
            "2026-11-02T09:30:00.000Z",
        );
        let now = now();
        assert_eq!(now.len(), 24, "now() must be fixed width: {now}");
        assert!(
            OffsetDateTime::parse(&now, &Rfc3339).is_ok(),
            "now() must be RFC 3339: {now}"
        );
    }

    #[test]
    fn durations_come_from_two_timestamps() {
        let check = |a: &str, b: &str, expected: Option<u64>| {
            assert_eq!(millis_between(a, b), expected, "{a} -> {b}");
        };
        check(
            "2026-11-02T09:30:00.000Z",
            "2026-11-02T09:30:01.250Z",
            Some(1250),
        );
        check("2026-11-02T09:30:00Z", "2026-11-02T09:30:00Z", Some(0));
        check("2026-11-02T09:30:01.000Z", "2026-11-02T09:30:00.000Z", None);
        check("yesterday", "2026-11-02T09:30:00.000Z", None);
    }
}
