//! Users: who borrows the books, and who gets suspended when one goes missing.

use crate::error::{Error, Rule};
use crate::model::{BookId, Status, Timestamp, UserId, UserStatus, field};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub status: UserStatus,
    /// Why the user has this status.
    pub comment: String,
}

/// What makes a new user: `CreateUser`'s payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetails {
    pub name: String,
    pub email: String,
}

impl UserDetails {
    pub fn parse(name: Option<String>, email: Option<String>) -> Result<Self, Error> {
        Ok(Self {
            name: field::required("name", name)?,
            email: field::required("email", email)?,
        })
    }

    /// A new user is `NOT_VERIFIED`, with nothing to say about it yet.
    pub fn into_user(self, id: UserId) -> User {
        User {
            id,
            name: self.name,
            email: self.email,
            status: UserStatus::NotVerified,
            comment: String::new(),
        }
    }
}

/// `UpdateUser`'s payload: any of the fields; the others stay as they are. `comment` may be
/// emptied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: Option<UserStatus>,
    pub comment: Option<String>,
}

impl UserChanges {
    pub fn parse(
        name: Option<String>,
        email: Option<String>,
        status: Option<String>,
        comment: Option<String>,
    ) -> Result<Self, Error> {
        let changes = Self {
            name: field::change("name", name)?,
            email: field::change("email", email)?,
            status: field::change("status", status)?
                .map(|status| UserStatus::parse("status", &status))
                .transpose()?,
            comment,
        };
        let unchanged = changes.name.is_none()
            && changes.email.is_none()
            && changes.status.is_none()
            && changes.comment.is_none();
        if unchanged {
            return Err(Error::invalid("No Fields To Update"));
        }
        Ok(changes)
    }
}

/// `ReportMissingBook`'s verdict on the user: SUSPENDED, with the reason as comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspension {
    pub user_id: UserId,
    pub status: UserStatus,
    pub comment: String,
}

impl User {
    /// `BorrowBook`: a SUSPENDED user cannot borrow.
    pub fn ensure_may_borrow(&self) -> Result<(), Rule> {
        match self.status {
            UserStatus::Suspended => Err(Rule::UserSuspended(self.id.clone())),
            UserStatus::NotVerified | UserStatus::Verified => Ok(()),
        }
    }

    /// The user lost `book`: suspended from any status (a user already suspended for another
    /// book gets the newer reason).
    pub fn suspend(&self, book: &BookId, at: Timestamp) -> Suspension {
        Suspension {
            user_id: self.id.clone(),
            status: UserStatus::Suspended,
            comment: format!("Suspended due to missing book {book} at {at}"),
        }
    }
}
