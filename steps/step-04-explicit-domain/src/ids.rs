//! Where new ids come from: KSUIDs, 27 base62 characters that sort by creation time.

use std::sync::atomic::{AtomicU32, Ordering};

use svix_ksuid::KsuidLike;

use crate::model::Ksuid;

/// Where new ids come from; tests inject [`SequentialKsuids`].
pub trait IdGenerator: Send + Sync {
    fn next_id(&self) -> Ksuid;
}

/// Production ids: current time plus 16 random bytes.
pub struct RandomKsuids;

impl IdGenerator for RandomKsuids {
    fn next_id(&self) -> Ksuid {
        svix_ksuid::Ksuid::new(None::<std::time::SystemTime>, None).into()
    }
}

/// Deterministic, valid, increasing KSUIDs (fixed timestamp, counter payload), so snapshots of
/// whole conversations stay stable.
pub struct SequentialKsuids {
    next: AtomicU32,
}

impl Default for SequentialKsuids {
    fn default() -> Self {
        Self {
            next: AtomicU32::new(1),
        }
    }
}

impl IdGenerator for SequentialKsuids {
    fn next_id(&self) -> Ksuid {
        // 2023-11-27T00:00:00Z, the week of the talk, in KSUID epoch seconds.
        const TIMESTAMP: u32 = 1_701_043_200 - 1_400_000_000;
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut payload = [0u8; 16];
        payload[12..].copy_from_slice(&n.to_be_bytes());
        svix_ksuid::Ksuid::new_raw(TIMESTAMP, Some(&payload)).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_valid_ksuids() {
        let random = RandomKsuids.next_id();
        assert!(Ksuid::parse(random.as_str()).is_some());
        let ids = SequentialKsuids::default();
        let (a, b) = (ids.next_id(), ids.next_id());
        assert!(Ksuid::parse(a.as_str()).is_some() && Ksuid::parse(b.as_str()).is_some());
        assert!(a < b);
    }
}
