//! Users: who borrow the books, and who may.

use plumbing::clock::Timestamp;
use plumbing::field::{change, required};
use plumbing::ksuid::IdGenerator;
use serde::Serialize;
use utoipa::ToSchema;

use crate::core::model::{BookId, Error, Rule, Status, UserId, UserStatus};
use crate::core::ports::{Entity, Every};

#[derive(Debug, Clone, Serialize, ToSchema)]
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
    ) -> Result<Self, Error> {
        Ok(Self {
            name: required("name", name)?,
            email: required("email", email)?,
            id: ids.next_id().into(),
            status: UserStatus::NotVerified,
            comment: String::new(),
        })
    }

    /// `BorrowBook`'s rule for the borrower: a SUSPENDED user cannot borrow.
    pub fn ensure_may_borrow(&self) -> Result<(), Rule> {
        match self.status {
            UserStatus::Suspended => Err(Rule::UserSuspended(self.id.clone())),
            UserStatus::NotVerified | UserStatus::Verified => Ok(()),
        }
    }

    /// `ReportMissingBook`'s verdict on the borrower of a lost book: SUSPENDED, with the reason.
    pub fn suspend(&self, book: &BookId, at: Timestamp) -> Suspension {
        Suspension {
            user_id: self.id.clone(),
            status: UserStatus::Suspended,
            comment: format!("Suspended due to missing book {book} at {at}"),
        }
    }
}

impl UserChanges {
    /// `UpdateUser`'s fields as sent, checked: something must change.
    pub fn parse(
        name: Option<String>,
        email: Option<String>,
        status: Option<String>,
        comment: Option<String>,
    ) -> Result<Self, Error> {
        let (name, email) = (change("name", name)?, change("email", email)?);
        let status = change("status", status)?
            .map(|status| UserStatus::parse("status", &status))
            .transpose()?;
        if status.is_some() {
            // Only the tasks change a status: an update must not lift a suspension.
            return Err(Rule::StatusByTasksOnly.into());
        }
        if name.is_none() && email.is_none() && status.is_none() && comment.is_none() {
            return Err(Error::invalid("No Fields To Update"));
        }
        Ok(Self {
            name,
            email,
            status,
            comment,
        })
    }
}

/// What a suspension changes on a user.
#[derive(Debug)]
pub struct Suspension {
    pub user_id: UserId,
    pub status: UserStatus,
    pub comment: String,
}
