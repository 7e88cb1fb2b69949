//! What a storage failing for its own reasons means to its caller, whatever the storage.

/// Try again later, or a fault. Details go to the log only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Unreachable, or not set up (503: retry later, or fix the deployment).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Anything else (500).
    #[error("storage failed: {0}")]
    Failed(String),
}
