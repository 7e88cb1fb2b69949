//! Rentals: which user has which book. No route of their own: Book Management's commands create
//! and delete them, its queries read them.

use std::convert::Infallible;

use crate::model::{BookId, RentalStatus, UserId};
use crate::repository::Entity;

#[derive(Debug)]
pub struct Rental {
    pub book_id: BookId,
    pub user_id: UserId,
    pub status: RentalStatus,
    pub comment: String,
}

impl Entity for Rental {
    const NAME: &'static str = "Rental";
    type Id = RentalKey;
    /// Never changed, only created and deleted.
    type Changes = Infallible;
    type Filter = RentalFilter;
}

/// A rental's key.
#[derive(Debug)]
pub struct RentalKey {
    pub user_id: UserId,
    pub book_id: BookId,
}

/// Which rentals a listing returns.
#[derive(Debug)]
pub enum RentalFilter {
    ByUser(UserId),
}
