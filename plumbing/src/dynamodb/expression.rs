//! The expressions of one request: a `SET`, a condition and a key condition, each optional, with
//! the placeholders they share. `type` and `status` are reserved words in DynamoDB, so attribute
//! names always go through `#` placeholders, values through `:` placeholders.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

/// A change to one attribute, for an update expression.
pub type Change = (&'static str, AttributeValue);

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
    pub key_condition: Option<String>,
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Expressions {
    /// `SET` every change.
    pub fn set(changes: Vec<Change>) -> Self {
        let mut expressions = Self::default();
        let assignments: Vec<String> = changes
            .into_iter()
            .enumerate()
            .map(|(i, (name, value))| expressions.placeholders(&format!("_{i}"), name, value))
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        expressions.update = Some(format!("SET {}", assignments.join(", ")));
        expressions
    }

    /// Every attribute of `equal` equal to its value, and the last one, if given, beginning with
    /// its value (a sort key prefix).
    pub fn keys(
        equal: Vec<(&str, AttributeValue)>,
        prefix: Option<(&str, AttributeValue)>,
    ) -> Self {
        let mut expressions = Self::default();
        let mut terms: Vec<String> = equal
            .into_iter()
            .enumerate()
            .map(|(i, (name, value))| expressions.placeholders(&format!("k{i}"), name, value))
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        if let Some((name, value)) = prefix {
            let (name, value) = expressions.placeholders("prefix", name, value);
            terms.push(format!("begins_with({name}, {value})"));
        }
        expressions.key_condition = Some(terms.join(" AND "));
        expressions
    }

    #[must_use]
    pub fn when(mut self, condition: Condition) -> Self {
        let status = |this: &mut Self, status: &str| {
            this.placeholders("status", "status", AttributeValue::S(status.to_owned()))
        };
        let expression = match condition {
            Condition::Absent => "attribute_not_exists(resourceId)".to_owned(),
            Condition::Present => "attribute_exists(resourceId)".to_owned(),
            Condition::StatusIs(expected) => {
                let (name, value) = status(&mut self, expected);
                format!("{name} = {value}")
            }
            Condition::PresentAndStatusIsNot(refused) => {
                let (name, value) = status(&mut self, refused);
                format!("attribute_exists(resourceId) AND {name} <> {value}")
            }
        };
        self.condition = Some(expression);
        self
    }

    /// `#<tag>` for `name` and `:<tag>` for `value`.
    fn placeholders(&mut self, tag: &str, name: &str, value: AttributeValue) -> (String, String) {
        let (name_placeholder, value_placeholder) = (format!("#{tag}"), format!(":{tag}"));
        self.names.insert(name_placeholder.clone(), name.to_owned());
        self.values.insert(value_placeholder.clone(), value);
        (name_placeholder, value_placeholder)
    }

    /// The name placeholders, or `None`: DynamoDB refuses an empty map.
    pub fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    /// The value placeholders, or `None`: DynamoDB refuses an empty map.
    pub fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> AttributeValue {
        AttributeValue::S(text.to_owned())
    }

    #[test]
    fn updates_and_conditions_share_the_placeholders() {
        let expressions =
            Expressions::set(vec![("status", s("MISSING"))]).when(Condition::StatusIs("BORROWED"));
        assert_eq!(expressions.update.as_deref(), Some("SET #_0 = :_0"));
        assert_eq!(expressions.condition.as_deref(), Some("#status = :status"));
        let names = expressions.names().expect("names");
        assert_eq!(names.get("#_0").map(String::as_str), Some("status"));
        assert_eq!(names.get("#status").map(String::as_str), Some("status"));
        let values = expressions.values().expect("values");
        assert_eq!(values.get(":status"), Some(&s("BORROWED")));
    }

    #[test]
    fn key_conditions_are_equalities_and_a_prefix() {
        let expressions = Expressions::keys(
            vec![("resourceId", s("Book#1"))],
            Some(("subResourceId", s("Author#"))),
        );
        assert_eq!(
            expressions.key_condition.as_deref(),
            Some("#k0 = :k0 AND begins_with(#prefix, :prefix)")
        );
        assert_eq!(Expressions::default().names(), None);
        assert_eq!(
            Expressions::default()
                .when(Condition::Absent)
                .condition
                .as_deref(),
            Some("attribute_not_exists(resourceId)")
        );
    }
}
