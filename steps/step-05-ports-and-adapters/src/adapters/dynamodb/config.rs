//! Table and index names, from the environment with the defaults the SAM templates use.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableConfig {
    pub table: String,
    /// GSI `type` + `subResourceId`: everything of a type, books of an author, rentals of a user.
    pub entity_type_index: String,
    /// GSI `type` + `status`: books or rentals in a given status.
    pub entity_status_index: String,
}

impl Default for TableConfig {
    fn default() -> Self {
        Self {
            table: "library-system-database".to_owned(),
            entity_type_index: "entity-type".to_owned(),
            entity_status_index: "entity-status".to_owned(),
        }
    }
}

impl TableConfig {
    /// The variables the SAM templates set (a test holds them to the table's one definition).
    pub const TABLE_NAME_ENV: &str = "DYNAMODB_TABLE_NAME";
    pub const ENTITY_TYPE_INDEX_ENV: &str = "DYNAMODB_ENTITY_TYPE_INDEX_NAME";
    pub const ENTITY_STATUS_INDEX_ENV: &str = "DYNAMODB_ENTITY_STATUS_INDEX_NAME";

    /// The three variables above; unset or empty means the default.
    pub fn from_env() -> Self {
        let defaults = Self::default();
        let var = |name: &str, default: String| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or(default)
        };
        Self {
            table: var(Self::TABLE_NAME_ENV, defaults.table),
            entity_type_index: var(Self::ENTITY_TYPE_INDEX_ENV, defaults.entity_type_index),
            entity_status_index: var(Self::ENTITY_STATUS_INDEX_ENV, defaults.entity_status_index),
        }
    }
}
