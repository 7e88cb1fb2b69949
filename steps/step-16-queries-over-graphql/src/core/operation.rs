//! Every operation the library offers, by the name the talk gives it.

use std::fmt;
use std::str::FromStr;

/// An operation of the library. Book Management is task-based (three commands, three queries);
/// authors and users are still CRUD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    AddNewBook,
    BorrowBook,
    ReportMissingBook,
    GetBooksByAuthor,
    GetBorrowedBooksForUser,
    GetMissingBooks,
    CreateAuthor,
    ListAuthors,
    GetAuthor,
    UpdateAuthor,
    DeleteAuthor,
    CreateUser,
    ListUsers,
    GetUser,
    UpdateUser,
    DeleteUser,
}

/// Commands change state; queries only read (a deployment serving only queries needs only read
/// permissions on the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Command,
    Query,
}

impl Operation {
    pub const ALL: [Self; 16] = [
        Self::AddNewBook,
        Self::BorrowBook,
        Self::ReportMissingBook,
        Self::GetBooksByAuthor,
        Self::GetBorrowedBooksForUser,
        Self::GetMissingBooks,
        Self::CreateAuthor,
        Self::ListAuthors,
        Self::GetAuthor,
        Self::UpdateAuthor,
        Self::DeleteAuthor,
        Self::CreateUser,
        Self::ListUsers,
        Self::GetUser,
        Self::UpdateUser,
        Self::DeleteUser,
    ];

    /// The name in the talk, also the OpenAPI `operationId`.
    pub fn name(self) -> &'static str {
        match self {
            Self::AddNewBook => "AddNewBook",
            Self::BorrowBook => "BorrowBook",
            Self::ReportMissingBook => "ReportMissingBook",
            Self::GetBooksByAuthor => "GetBooksByAuthor",
            Self::GetBorrowedBooksForUser => "GetBorrowedBooksForUser",
            Self::GetMissingBooks => "GetMissingBooks",
            Self::CreateAuthor => "CreateAuthor",
            Self::ListAuthors => "ListAuthors",
            Self::GetAuthor => "GetAuthor",
            Self::UpdateAuthor => "UpdateAuthor",
            Self::DeleteAuthor => "DeleteAuthor",
            Self::CreateUser => "CreateUser",
            Self::ListUsers => "ListUsers",
            Self::GetUser => "GetUser",
            Self::UpdateUser => "UpdateUser",
            Self::DeleteUser => "DeleteUser",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Self::GetBooksByAuthor
            | Self::GetBorrowedBooksForUser
            | Self::GetMissingBooks
            | Self::ListAuthors
            | Self::GetAuthor
            | Self::ListUsers
            | Self::GetUser => Kind::Query,
            Self::AddNewBook
            | Self::BorrowBook
            | Self::ReportMissingBook
            | Self::CreateAuthor
            | Self::UpdateAuthor
            | Self::DeleteAuthor
            | Self::CreateUser
            | Self::UpdateUser
            | Self::DeleteUser => Kind::Command,
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no operation is called `{0}`")]
pub struct UnknownOperation(pub String);

/// By name, exactly as [`Operation::name`] spells it (so a deployment can name its operations in
/// configuration).
impl FromStr for Operation {
    type Err = UnknownOperation;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|operation| operation.name() == name)
            .ok_or_else(|| UnknownOperation(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for operation in Operation::ALL {
            assert_eq!(operation.name().parse::<Operation>(), Ok(operation));
        }
        let mut names: Vec<_> = Operation::ALL.iter().map(|o| o.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Operation::ALL.len());
        assert!("borrowBook".parse::<Operation>().is_err());
    }
}
