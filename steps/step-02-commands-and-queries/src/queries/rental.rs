//! Questions about rentals: one by its key, all of them, or a user's.

use super::{Query, Reader};
use crate::pagination::{Listed, Page};
use crate::repository::rental::{Rental, by_user, key};
use crate::repository::{Entity, RepositoryError};
use crate::storage::IndexQuery;

#[derive(Debug)]
pub struct GetRental {
    pub user_id: String,
    pub book_id: String,
}

impl Query for GetRental {
    type Answer = Rental;

    async fn handle(self, reader: &Reader) -> Result<Rental, RepositoryError> {
        reader.get(key(&self.user_id, &self.book_id)).await
    }
}

#[derive(Debug)]
pub struct ListRentals {
    pub page: Page,
}

impl Query for ListRentals {
    type Answer = Listed<Rental>;

    async fn handle(self, reader: &Reader) -> Result<Listed<Rental>, RepositoryError> {
        let query = IndexQuery::by_type(Rental::NAME);
        reader.list(query, self.page).await
    }
}

#[derive(Debug)]
pub struct ListRentalsByUser {
    pub user_id: String,
    pub page: Page,
}

impl Query for ListRentalsByUser {
    type Answer = Listed<Rental>;

    async fn handle(self, reader: &Reader) -> Result<Listed<Rental>, RepositoryError> {
        let query = IndexQuery::by_type_and_sort_key(Rental::NAME, by_user(&self.user_id));
        reader.list(query, self.page).await
    }
}
