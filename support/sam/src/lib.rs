//! Dev-only: the deployments' SAM templates, read and checked.
//!
//! - [`Template`] reads a template as YAML, CloudFormation short tags (`!Ref`, `!Sub`,
//!   `!GetAtt`) included, with typed views of its functions, routes and IAM statements.
//! - [`operation_routes`] says where the library serves each operation (from its OpenAPI
//!   document), so a route can be traced to the operation it carries.
//! - [`check_approach`] / [`assert_approach`] compare an approach's template with its function
//!   table and binaries: every function has a binary and the reverse, every route reaches a
//!   function serving that operation, query-only functions cannot write while command functions
//!   can, the table is the one `embedded_dynamodb::table` defines, and every function gets the
//!   environment the code reads. Each approach's test is one call.
//! - [`check_triggers`] / [`assert_triggers`] do the same for approach 05, whose functions a
//!   queue and a GraphQL API call: a dead-letter queue and partial batch responses for the
//!   consumer, a direct Lambda resolver per field for the resolver.

mod check;
mod operations;
mod template;
mod triggers;

pub use check::{
    Binary, Function, READ_ACTIONS, assert_approach, assert_triggers, check, check_approach,
    check_triggers, write_actions,
};
pub use operations::{OperationRoute, operation_at, operation_routes};
pub use template::{
    API_TYPE, FUNCTION_TYPE, FunctionResource, Route, Statement, TABLE_TYPE, Template,
    TemplateError, expression,
};
pub use triggers::{GRAPHQL_API_TYPE, QUEUE_TYPE, SCHEMA_FILE};
