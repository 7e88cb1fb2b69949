//! Identifiers are KSUIDs: 27 base62 characters, sortable by creation time.

use std::sync::atomic::{AtomicU32, Ordering};

use svix_ksuid::{Ksuid, KsuidLike};

/// The largest KSUID (all 20 bytes set); every valid id sorts at or below it.
const MAX_KSUID: &str = "aWgEPTl1tmebfsQzFP4bxwgy80V";

/// Exactly 27 characters of `[0-9A-Za-z]` whose value fits in 20 bytes. Base62 digits sort in
/// ASCII order, so for equal lengths comparing the text compares the numbers.
pub fn is_valid_ksuid(text: &str) -> bool {
    text.len() == MAX_KSUID.len()
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
        && text <= MAX_KSUID
}

/// Where new ids come from; tests inject [`SequentialKsuids`].
pub trait IdGenerator: Send + Sync {
    fn next_id(&self) -> String;
}

/// Production ids: current time plus 16 random bytes.
pub struct RandomKsuids;

impl IdGenerator for RandomKsuids {
    fn next_id(&self) -> String {
        Ksuid::new(None::<std::time::SystemTime>, None).to_string()
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
    fn next_id(&self) -> String {
        // 2023-11-27T00:00:00Z, the week of the talk, in KSUID epoch seconds.
        const TIMESTAMP: u32 = 1_701_043_200 - 1_400_000_000;
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut payload = [0u8; 16];
        payload[12..].copy_from_slice(&n.to_be_bytes());
        Ksuid::new_raw(TIMESTAMP, Some(&payload)).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_ksuids() {
        assert!(is_valid_ksuid("2Yd89pQbgTAtJeRmhmmMnFIAs4u"));
        assert!(is_valid_ksuid(MAX_KSUID));
        assert!(is_valid_ksuid("000000000000000000000000000"));
        assert!(
            !is_valid_ksuid("aWgEPTl1tmebfsQzFP4bxwgy80W"),
            "one above the maximum"
        );
        assert!(!is_valid_ksuid("zzzzzzzzzzzzzzzzzzzzzzzzzzz"));
        assert!(!is_valid_ksuid("2Yd89pQbgTAtJeRmhmmMnFIAs4"), "26 chars");
        assert!(!is_valid_ksuid("2Yd89pQbgTAtJeRmhmmMnFIAs4-"));
        assert!(!is_valid_ksuid("2Yd89pQbgTAtJeRmhmmMnFIAs4é"));
        assert!(!is_valid_ksuid(""));
    }

    #[test]
    fn generated_ids_are_valid() {
        assert!(is_valid_ksuid(&RandomKsuids.next_id()));
        let ids = SequentialKsuids::default();
        let (a, b) = (ids.next_id(), ids.next_id());
        assert!(is_valid_ksuid(&a) && is_valid_ksuid(&b));
        assert!(a < b);
    }
}
