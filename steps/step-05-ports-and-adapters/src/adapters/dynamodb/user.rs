//! `User#<id>` / `User#<id>`: `type`, `name`, `email`, `status`, `comment`, timestamps.

use crate::adapters::dynamodb::item::{self, Change, Item, reference, s};
use crate::core::Entity;
use crate::core::model::{Status, Suspension, User, UserChanges, UserId};
use crate::core::ports::StorageError;

pub fn key(id: &UserId) -> Item {
    let own = reference(Entity::User, id);
    item::key(own.clone(), own)
}

pub fn to_item(user: &User) -> Item {
    item::new_item(
        Entity::User,
        key(&user.id),
        [
            ("name", s(&user.name)),
            ("email", s(&user.email)),
            (item::STATUS, s(user.status.as_str())),
            ("comment", s(&user.comment)),
        ],
    )
}

pub fn from_item(item: &Item) -> Result<User, StorageError> {
    Ok(User {
        id: item::id_in(item, item::RESOURCE_ID, UserId::parse)?,
        name: item::text(item, "name")?,
        email: item::text(item, "email")?,
        status: item::status(item)?,
        comment: item::text(item, "comment")?,
    })
}

pub fn changes(changes: &UserChanges) -> Vec<Change> {
    let mut set = Vec::new();
    if let Some(name) = &changes.name {
        set.push(("name", s(name)));
    }
    if let Some(email) = &changes.email {
        set.push(("email", s(email)));
    }
    if let Some(status) = changes.status {
        set.push((item::STATUS, s(status.as_str())));
    }
    if let Some(comment) = &changes.comment {
        set.push(("comment", s(comment)));
    }
    set
}

pub fn suspension_changes(suspension: &Suspension) -> Vec<Change> {
    vec![
        (item::STATUS, s(suspension.status.as_str())),
        ("comment", s(&suspension.comment)),
    ]
}
