//! Timestamps as the AWS protocols send them: seconds since the Unix epoch, possibly with a
//! fraction (`1767225600.5`).

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time, to the millisecond, sent as epoch seconds. Converts from [`SystemTime`]
/// (`From`) and to it ([`DateTime::to_system_time`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    millis: i64,
}

impl DateTime {
    /// Whole seconds since the epoch.
    pub fn from_secs(secs: i64) -> Self {
        Self {
            millis: secs.saturating_mul(1000),
        }
    }

    /// Milliseconds since the epoch.
    pub fn from_millis(millis: i64) -> Self {
        Self { millis }
    }

    /// Fractional seconds since the epoch, rounded to the millisecond; `None` when not finite.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        let millis = (secs * 1000.0).round();
        (millis.is_finite() && millis.abs() < i64::MAX as f64).then_some(Self {
            millis: millis as i64,
        })
    }

    /// Whole seconds since the epoch (rounded down).
    pub fn secs(&self) -> i64 {
        self.millis.div_euclid(1000)
    }

    /// Milliseconds since the epoch.
    pub fn millis(&self) -> i64 {
        self.millis
    }

    /// The same point as a [`SystemTime`]; `None` when the platform's `SystemTime` cannot
    /// represent it (its range is narrower than `i64` milliseconds on some platforms).
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let magnitude = Duration::from_millis(self.millis.unsigned_abs());
        if self.millis >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(magnitude)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(magnitude)
        }
    }
}

impl From<SystemTime> for DateTime {
    /// Saturates at `i64::MIN` / `i64::MAX` milliseconds.
    fn from(time: SystemTime) -> Self {
        let millis = match time.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => u64::try_from(before.duration().as_millis())
                .ok()
                .and_then(|before| 0i64.checked_sub_unsigned(before))
                .unwrap_or(i64::MIN),
        };
        Self { millis }
    }
}

impl fmt::Display for DateTime {
    /// Epoch seconds, with the fraction only when there is one: `1767225600`, `1767225600.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (secs, millis) = (self.millis.div_euclid(1000), self.millis.rem_euclid(1000));
        if millis == 0 {
            write!(f, "{secs}")
        } else {
            let fraction = format!("{millis:03}");
            write!(f, "{secs}.{}", fraction.trim_end_matches('0'))
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.millis % 1000 == 0 {
            serializer.serialize_i64(self.secs())
        } else {
            serializer.serialize_f64(self.millis as f64 / 1000.0)
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let secs = f64::deserialize(deserializer)?;
        DateTime::from_secs_f64(secs)
            .ok_or_else(|| serde::de::Error::custom("a timestamp must be a finite number of seconds"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_epoch_seconds_with_a_fraction_only_when_there_is_one() {
        assert_eq!(DateTime::from_secs(1_767_225_600).to_string(), "1767225600");
        assert_eq!(DateTime::from_millis(1_767_225_600_500).to_string(), "1767225600.5");
        assert_eq!(DateTime::from_millis(1_767_225_600_025).to_string(), "1767225600.025");
        assert_eq!(DateTime::from_millis(-1_500).to_string(), "-2.5");
    }

    #[test]
    fn json_round_trip_and_system_time() {
        let t: DateTime = serde_json::from_str("1767225600.5").unwrap();
        assert_eq!(t.millis(), 1_767_225_600_500);
        assert_eq!(serde_json::to_string(&t).unwrap(), "1767225600.5");
        assert_eq!(serde_json::to_string(&DateTime::from_secs(7)).unwrap(), "7");
        assert!(serde_json::from_str::<DateTime>("\"soon\"").is_err());
        let system = t.to_system_time().unwrap();
        assert_eq!(DateTime::from(system), t);
        assert_eq!(DateTime::from(SystemTime::UNIX_EPOCH - Duration::from_secs(2)).secs(), -2);
    }

    #[test]
    fn system_time_conversions_do_not_panic_at_the_extremes() {
        for millis in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
            let t = DateTime::from_millis(millis);
            // `None` where the platform's `SystemTime` is narrower; exact where it fits.
            if let Some(system) = t.to_system_time() {
                assert_eq!(DateTime::from(system), t, "{millis}");
            }
        }
        assert_eq!(
            DateTime::from_millis(-1_500).to_system_time(),
            Some(SystemTime::UNIX_EPOCH - Duration::from_millis(1_500))
        );
        // Beyond `i64` milliseconds, where the platform can represent it: saturates.
        let far = Duration::from_millis(u64::MAX);
        if let Some(late) = SystemTime::UNIX_EPOCH.checked_add(far) {
            assert_eq!(DateTime::from(late).millis(), i64::MAX);
        }
        if let Some(early) = SystemTime::UNIX_EPOCH.checked_sub(far) {
            assert_eq!(DateTime::from(early).millis(), i64::MIN);
        }
    }
}
