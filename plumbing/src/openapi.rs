//! The parts of an OpenAPI document no operation declares itself, and serving the document.

use std::sync::Arc;

use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::collections::BTreeSet;
use utoipa::ToSchema;

use crate::field::MAX_TEXT_CHARS;
use crate::idempotency;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::schema::{
    AllOfBuilder, AnyOfBuilder, Object, OneOf, Schema, SchemaType, Type,
};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder};

#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub message: String,
}

// `GET /`: which API this is (a doc comment would become its OpenAPI summary).
#[utoipa::path(get, path = "/", operation_id = "GetApiVersion", tag = "API",
    responses((status = 200, description = "`API v<version>`", body = Message)))]
#[allow(
    clippy::unused_async,
    reason = "an axum handler, which steps register from their own crate"
)]
pub async fn version() -> Json<Message> {
    Json(Message {
        message: format!("API v{}", env!("CARGO_PKG_VERSION")),
    })
}

/// A path's operations under the four methods the API uses.
pub fn methods(item: &mut PathItem) -> [&mut Option<Operation>; 4] {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
    ]
}

/// Adds the answers any operation can give, so handlers only declare their own: 503 when
/// storage is unreachable, 500 for anything unexpected, and where a body is read 408, 413 and 415
/// (a body late, too large, or not declared as JSON). Every error
/// answer is an `ErrorBody`, which the document must list among its schemas.
pub fn finish(mut document: OpenApi) -> OpenApi {
    for item in document.paths.paths.values_mut() {
        for operation in methods(item).into_iter().flatten() {
            if operation.request_body.is_some() {
                add_error(operation, "408", "Request body did not arrive in time");
                add_error(operation, "413", "Request body over the size limit");
                add_error(
                    operation,
                    "415",
                    "Request body not sent as application/json",
                );
            }
            add_error(
                operation,
                "500",
                "Unexpected failure (details are only logged)",
            );
            add_error(operation, "503", "Storage unreachable");
        }
    }
    document_inputs(&mut document);
    document
}

/// What every text field of a body holds: no control character.
pub const PRINTABLE_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*$";
/// What [`crate::field::required`] keeps: something besides spaces, and no control character.
pub const TEXT_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$";

/// The rules every input follows, in the document: an id (a parameter or a body field named `id`
/// or `...Id`) is a KSUID; a `birthdate` is a date ([`crate::clock::date_pattern`]); a `status`
/// parameter is one of its operation's values; `next` is a token ([`crate::page::TOKEN_PATTERN`]); every other text field of a request body holds a
/// character besides spaces, no control character, and at most [`MAX_TEXT_CHARS`]; an update
/// gives at least one field a value. Handlers declare their fields as plain strings; the rules
/// are the plumbing's, so they are written here once.
fn document_inputs(document: &mut OpenApi) {
    let (mut bodies, mut changes) = (Vec::new(), Vec::new());
    for item in document.paths.paths.values_mut() {
        for operation in methods(item).into_iter().flatten() {
            for parameter in operation.parameters.iter_mut().flatten() {
                let RefOr::T(parameter) = parameter else {
                    continue;
                };
                if parameter.name == idempotency::HEADER {
                    // Optional, whatever the route says: a command runs without one too.
                    parameter.required = Required::False;
                    parameter.schema = Some(RefOr::T(Schema::Object(idempotency_key())));
                } else if let Some(RefOr::T(Schema::Object(schema))) = &mut parameter.schema {
                    if is_id(&parameter.name) {
                        ksuid(schema);
                    } else if parameter.name == "status" {
                        schema.pattern = status_pattern(operation.operation_id.as_deref());
                    } else if parameter.name == "next" {
                        schema.pattern = Some(crate::page::TOKEN_PATTERN.to_owned());
                    }
                }
            }
            bodies.extend(body_schemas(operation));
            optional_body_is_an_object(operation);
        }
        changes.extend(item.put.iter().flat_map(body_schemas));
    }
    let Some(components) = document.components.as_mut() else {
        return;
    };
    let mut done = BTreeSet::new();
    while let Some(name) = bodies.pop() {
        if !done.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = components.schemas.get_mut(&name) {
            document_fields(schema, &mut bodies);
        }
    }
    for name in changes {
        if let Some(schema) = components.schemas.get_mut(&name) {
            with_a_value(schema);
        }
    }
}

/// What a `status` query parameter accepts, in any ASCII case, by operation: the talk's two
/// queries name the status although each accepts one value, and the CRUD list of books filters
/// by any book status (or none, `?status=`).
const STATUS_VALUES: [(&str, &[&str]); 3] = [
    ("ListBooks", &["", "available", "not_available", "missing"]),
    ("GetMissingBooks", &["missing"]),
    ("GetBorrowedBooksForUser", &["borrowed"]),
];

fn status_pattern(operation_id: Option<&str>) -> Option<String> {
    let (_, values) = STATUS_VALUES
        .iter()
        .find(|(operation, _)| Some(*operation) == operation_id)?;
    let any_case = |value: &str| -> String {
        value
            .chars()
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let values: Vec<String> = values.iter().map(|value| any_case(value)).collect();
    Some(format!("^(?:{})$", values.join("|")))
}

/// An update names at least one field with a value: `{}`, and a body of nulls only (a null
/// leaves its field as it is), are "No Fields To Update". Every field of an update is text.
fn with_a_value(schema: &mut RefOr<Schema>) {
    let RefOr::T(Schema::Object(object)) = schema else {
        return;
    };
    let mut any_of = AnyOfBuilder::new();
    for field in object.properties.keys() {
        let mut given = Object::new();
        given.required.push(field.clone());
        given
            .properties
            .insert(field.clone(), Object::with_type(Type::String).into());
        any_of = any_of.item(given);
    }
    let description = object.description.take();
    let fields = std::mem::take(object);
    *schema = RefOr::T(Schema::AllOf(
        AllOfBuilder::new()
            .description(description)
            .item(fields)
            .item(any_of)
            .build(),
    ));
}

/// The rules on the fields of `schema`: an object's, or those of each object it may be (`oneOf`,
/// an untagged enum). Schemas it refers to are added to `bodies`.
fn document_fields(schema: &mut RefOr<Schema>, bodies: &mut Vec<String>) {
    match schema {
        RefOr::T(Schema::Object(object)) => {
            for (field, schema) in &mut object.properties {
                match schema {
                    RefOr::T(Schema::Object(schema)) if is_text(schema) && is_id(field) => {
                        ksuid(schema);
                    }
                    RefOr::T(Schema::Object(schema)) if is_text(schema) && field == "birthdate" => {
                        schema.pattern = Some(crate::clock::date_pattern());
                    }
                    // A comment says why; it may be empty (no reason given).
                    RefOr::T(Schema::Object(schema)) if is_text(schema) && field == "comment" => {
                        schema.pattern = Some(PRINTABLE_PATTERN.to_owned());
                        schema.max_length = Some(MAX_TEXT_CHARS);
                    }
                    RefOr::T(Schema::Object(schema)) if is_text(schema) => text(schema),
                    other => document_fields(other, bodies),
                }
            }
        }
        RefOr::T(Schema::OneOf(one_of)) => {
            for item in &mut one_of.items {
                document_fields(item, bodies);
            }
            exclusive_forms(one_of);
        }
        other => bodies.extend(schema_name(other)),
    }
}

/// A body that takes one of several forms (`id`, or `name` and `birthdate`) refuses a field of
/// another form unless it is null: in each form, the others' fields are null or absent.
fn exclusive_forms(one_of: &mut OneOf) {
    let mut forms: Vec<&mut Object> = one_of
        .items
        .iter_mut()
        .filter_map(|item| match item {
            RefOr::T(Schema::Object(form)) => Some(form),
            _ => None,
        })
        .collect();
    let every: BTreeSet<String> = forms
        .iter()
        .flat_map(|form| form.properties.keys().cloned())
        .collect();
    for form in &mut forms {
        for field in &every {
            if !form.properties.contains_key(field) {
                let null = Object::with_type(Type::Null);
                form.properties.insert(field.clone(), null.into());
            }
        }
    }
}

fn is_id(name: &str) -> bool {
    name == "id" || name.ends_with("Id")
}

/// A string schema without a format of its own (dates have theirs).
fn is_text(schema: &Object) -> bool {
    let string = match &schema.schema_type {
        SchemaType::Type(kind) => *kind == Type::String,
        SchemaType::Array(kinds) => kinds.contains(&Type::String),
        SchemaType::AnyValue => false,
    };
    string && schema.format.is_none() && schema.enum_values.is_none()
}

/// What [`idempotency::IdempotencyKey::parse`] accepts.
fn idempotency_key() -> Object {
    let mut schema = Object::with_type(Type::String);
    schema.pattern = Some("^[!-~]+$".to_owned());
    schema.min_length = Some(1);
    schema.max_length = Some(idempotency::MAX_KEY_CHARS);
    schema
}

fn ksuid(schema: &mut Object) {
    schema.pattern = Some(crate::ksuid::pattern());
    schema.min_length = Some(27);
    schema.max_length = Some(27);
}

fn text(schema: &mut Object) {
    schema.pattern = Some(TEXT_PATTERN.to_owned());
    schema.min_length = Some(1);
    schema.max_length = Some(MAX_TEXT_CHARS);
}

/// A body a handler may go without (`Option<...>`) is documented as "object or null"; but `null`
/// is refused like any other body that is not an object (only a missing or blank body is `{}`).
fn optional_body_is_an_object(operation: &mut Operation) {
    let Some(RefOr::T(body)) = &mut operation.request_body else {
        return;
    };
    for content in body.content.values_mut() {
        if let RefOr::T(content) = content
            && let Some(RefOr::T(Schema::Object(schema))) = &mut content.schema
            && let SchemaType::Array(kinds) = &schema.schema_type
        {
            let kinds: Vec<Type> = kinds
                .iter()
                .filter(|kind| **kind != Type::Null)
                .cloned()
                .collect();
            schema.schema_type = match kinds.as_slice() {
                [kind] => SchemaType::Type(kind.clone()),
                _ => SchemaType::Array(kinds),
            };
        }
    }
}

/// The names of the schemas `operation`'s request body refers to.
fn body_schemas(operation: &Operation) -> Vec<String> {
    let Some(RefOr::T(body)) = &operation.request_body else {
        return Vec::new();
    };
    body.content
        .values()
        .filter_map(|content| match content {
            RefOr::T(content) => schema_name(content.schema.as_ref()?),
            RefOr::Ref(_) => None,
        })
        .collect()
}

/// `#/components/schemas/<name>`'s name.
fn schema_name(schema: &RefOr<Schema>) -> Option<String> {
    match schema {
        RefOr::Ref(reference) => reference
            .ref_location
            .strip_prefix("#/components/schemas/")
            .map(str::to_owned),
        RefOr::T(_) => None,
    }
}

fn add_error(operation: &mut Operation, status: &str, description: &str) {
    let body = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", body)
        .build();
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert(RefOr::T(response));
}

/// `GET /openapi.json`. The handler shares the document rather than owning it: axum clones a
/// handler for every request (every invocation, on Lambda), and the document is large.
pub fn serve<S: Clone + Send + Sync + 'static>(document: OpenApi) -> Router<S> {
    let document = Arc::new(document);
    Router::new().route(
        "/openapi.json",
        get(move || async move { Json(&*document).into_response() }),
    )
}
