//! What a storage failing for its own reasons means to its caller, whatever the storage.

/// Try again later, or a fault. Details go to the log only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Unreachable, or not set up (503: retry later, or fix the deployment).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// A stored item that does not read back as its entity: written by something other than this
    /// API, or by an older version of it. A fault of that one item, not of the request: a single
    /// read answers a 409 that says so, a listing skips the item (both log it).
    #[error("stored item unreadable: {0}")]
    Unreadable(String),
    /// Anything else (500).
    #[error("storage failed: {0}")]
    Failed(String),
}
