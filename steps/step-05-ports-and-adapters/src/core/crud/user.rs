use super::{already_exists_if_failed, not_found_if_failed};
use crate::core::model::{User, UserChanges, UserDetails, UserId};
use crate::core::ports::{LibraryReads, LibraryWrites, Listing, Page};
use crate::core::{App, Entity, Error};

impl<S: LibraryReads> App<S> {
    pub async fn get_user(&self, id: &UserId) -> Result<User, Error> {
        self.storage()
            .user(id)
            .await?
            .ok_or(Error::NotFound(Entity::User))
    }

    pub async fn list_users(&self, page: Page) -> Result<Listing<User>, Error> {
        Ok(self.storage().users(page).await?)
    }
}

impl<S: LibraryWrites> App<S> {
    pub async fn create_user(&self, details: UserDetails) -> Result<User, Error> {
        let user = details.into_user(self.new_id().into());
        self.storage()
            .create_user(&user, self.now())
            .await
            .map_err(|error| already_exists_if_failed(error, Entity::User))?;
        Ok(user)
    }

    pub async fn update_user(&self, id: &UserId, changes: &UserChanges) -> Result<User, Error> {
        self.storage()
            .update_user(id, changes, self.now())
            .await
            .map_err(|error| not_found_if_failed(error, Entity::User))
    }

    pub async fn delete_user(&self, id: &UserId) -> Result<(), Error> {
        self.storage()
            .delete_user(id)
            .await
            .map_err(|error| not_found_if_failed(error, Entity::User))
    }
}
