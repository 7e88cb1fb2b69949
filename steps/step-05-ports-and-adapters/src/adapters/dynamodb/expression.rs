//! The expressions of one write: an optional `SET` and an optional condition, with the
//! placeholders both use. `type` and `status` are reserved words in DynamoDB, so attribute names
//! always go through `#` placeholders, values through `:` placeholders.

use std::collections::HashMap;

use crate::adapters::dynamodb::item::{Change, Item, s};
use crate::core::model::Timestamp;

/// What must hold for a write to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// No item with this key yet: creates never overwrite.
    Absent,
    Present,
    /// The item exists with this status (a status compared to a missing item is false).
    StatusIs(&'static str),
    /// The item exists and its status is anything but this one.
    PresentAndStatusIsNot(&'static str),
}

#[derive(Debug, Default)]
pub struct Expressions {
    pub update: Option<String>,
    pub condition: Option<String>,
    names: HashMap<String, String>,
    values: Item,
}

impl Expressions {
    /// `SET` every change, and `updatedAt` to `at`: every update stamps the time.
    pub fn set(changes: Vec<Change>, at: Timestamp) -> Self {
        let mut expressions = Self::default();
        let mut assignments = Vec::with_capacity(changes.len() + 1);
        let stamped = changes
            .into_iter()
            .chain([("updatedAt", s(at.to_string()))]);
        for (i, (name, value)) in stamped.enumerate() {
            assignments.push(format!("#_{i} = :_{i}"));
            expressions.names.insert(format!("#_{i}"), name.to_owned());
            expressions.values.insert(format!(":_{i}"), value);
        }
        expressions.update = Some(format!("SET {}", assignments.join(", ")));
        expressions
    }

    #[must_use]
    pub fn when(mut self, condition: Condition) -> Self {
        let expression = match condition {
            Condition::Absent => "attribute_not_exists(resourceId)",
            Condition::Present => "attribute_exists(resourceId)",
            Condition::StatusIs(status) => {
                self.status_placeholders(status);
                "#status = :status"
            }
            Condition::PresentAndStatusIsNot(status) => {
                self.status_placeholders(status);
                "attribute_exists(resourceId) AND #status <> :status"
            }
        };
        self.condition = Some(expression.to_owned());
        self
    }

    fn status_placeholders(&mut self, status: &str) {
        self.names.insert("#status".to_owned(), "status".to_owned());
        self.values.insert(":status".to_owned(), s(status));
    }

    /// The name placeholders, or `None`: DynamoDB refuses an empty map.
    pub fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    /// The value placeholders, or `None`: DynamoDB refuses an empty map.
    pub fn values(&self) -> Option<Item> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}
