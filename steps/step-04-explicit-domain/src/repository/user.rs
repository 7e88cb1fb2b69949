//! Users, stored under `User#<id>` / `User#<id>`.

use super::Record;
use crate::error::{Entity, Error};
use crate::item::{Item, id_in, status, text};
use crate::model::{Status, Suspension, User, UserId};
use crate::storage::Key;

pub fn key(id: &UserId) -> Key {
    Key::new(format!("User#{id}"), format!("User#{id}"))
}

impl Record for User {
    const ENTITY: Entity = Entity::User;

    fn key(&self) -> Key {
        key(&self.id)
    }

    fn attributes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("email", self.email.clone()),
            ("status", self.status.as_str().to_owned()),
            ("comment", self.comment.clone()),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, Error> {
        Ok(Self {
            id: id_in(item, "resourceId", UserId::parse)?,
            name: text(item, "name")?,
            email: text(item, "email")?,
            status: status(item)?,
            comment: text(item, "comment")?,
        })
    }
}

pub fn suspension_changes(suspension: &Suspension) -> Vec<(&'static str, String)> {
    vec![
        ("status", suspension.status.as_str().to_owned()),
        ("comment", suspension.comment.clone()),
    ]
}
