//! Users: who borrow the books.

use plumbing::field::{change, required};
use plumbing::ksuid::IdGenerator;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::model::{Status, UserId, UserStatus};
use crate::repository::{Entity, Every};

#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    #[schema(value_type = String)]
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub status: UserStatus,
    /// Why the user has this status.
    pub comment: String,
}

impl Entity for User {
    const NAME: &'static str = "User";
    type Id = UserId;
    type Changes = UserChanges;
    type Filter = Every;
}

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, ToSchema)]
pub struct UserChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: Option<UserStatus>,
    pub comment: Option<String>,
}

impl User {
    /// A new user from the fields as sent, checked, under a new id: `NOT_VERIFIED`, no comment.
    pub fn parse(
        name: Option<String>,
        email: Option<String>,
        ids: &dyn IdGenerator,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            name: required("name", name)?,
            email: required("email", email)?,
            id: ids.next_id().into(),
            status: UserStatus::NotVerified,
            comment: String::new(),
        })
    }
}

impl UserChanges {
    /// `UpdateUser`'s fields as sent, checked: something must change.
    pub fn parse(
        name: Option<String>,
        email: Option<String>,
        status: Option<String>,
        comment: Option<String>,
    ) -> Result<Self, ApiError> {
        let (name, email) = (change("name", name)?, change("email", email)?);
        let status = change("status", status)?
            .map(|status| UserStatus::parse("status", &status))
            .transpose()?;
        if status.is_some() {
            // Only the tasks change a status: an update must not lift a suspension.
            return Err(ApiError::RuleViolated(
                "A user's status changes only through the library's tasks".to_owned(),
            ));
        }
        if name.is_none() && email.is_none() && status.is_none() && comment.is_none() {
            return Err(ApiError::validation("No Fields To Update"));
        }
        Ok(Self {
            name,
            email,
            status,
            comment,
        })
    }
}
