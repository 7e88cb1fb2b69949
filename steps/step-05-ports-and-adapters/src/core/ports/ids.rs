use crate::core::model::Ksuid;

/// Where new ids come from.
pub trait IdGenerator: Send + Sync {
    fn next_id(&self) -> Ksuid;
}
