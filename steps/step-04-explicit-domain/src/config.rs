//! Table and index names, from the environment with the defaults the SAM templates use.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub table: String,
    /// GSI `type` + `subResourceId`: everything of a type, books of an author, rentals of a user.
    pub entity_type_index: String,
    /// GSI `type` + `status`: books or rentals in a given status.
    pub entity_status_index: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            table: "library-system-database".to_owned(),
            entity_type_index: "entity-type".to_owned(),
            entity_status_index: "entity-status".to_owned(),
        }
    }
}

impl Config {
    pub fn from_env() -> Self {
        let defaults = Self::default();
        let var = |name: &str, default: String| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or(default)
        };
        Self {
            table: var("DYNAMODB_TABLE_NAME", defaults.table),
            entity_type_index: var(
                "DYNAMODB_ENTITY_TYPE_INDEX_NAME",
                defaults.entity_type_index,
            ),
            entity_status_index: var(
                "DYNAMODB_ENTITY_STATUS_INDEX_NAME",
                defaults.entity_status_index,
            ),
        }
    }
}
