use super::{already_exists_if_failed, not_found_if_failed};
use crate::core::model::{Author, AuthorChanges, AuthorDetails, AuthorId};
use crate::core::ports::{LibraryReads, LibraryWrites, Listing, Page};
use crate::core::{App, Entity, Error};

impl<S: LibraryReads> App<S> {
    pub async fn get_author(&self, id: &AuthorId) -> Result<Author, Error> {
        self.storage()
            .author(id)
            .await?
            .ok_or(Error::NotFound(Entity::Author))
    }

    pub async fn list_authors(&self, page: Page) -> Result<Listing<Author>, Error> {
        Ok(self.storage().authors(page).await?)
    }
}

impl<S: LibraryWrites> App<S> {
    pub async fn create_author(&self, details: AuthorDetails) -> Result<Author, Error> {
        let author = details.into_author(self.new_id().into());
        self.storage()
            .create_author(&author, self.now())
            .await
            .map_err(|error| already_exists_if_failed(error, Entity::Author))?;
        Ok(author)
    }

    pub async fn update_author(
        &self,
        id: &AuthorId,
        changes: &AuthorChanges,
    ) -> Result<Author, Error> {
        self.storage()
            .update_author(id, changes, self.now())
            .await
            .map_err(|error| not_found_if_failed(error, Entity::Author))
    }

    pub async fn delete_author(&self, id: &AuthorId) -> Result<(), Error> {
        self.storage()
            .delete_author(id)
            .await
            .map_err(|error| not_found_if_failed(error, Entity::Author))
    }
}
