//! Is an OpenAPI document valid OpenAPI 3.1? Two checks, both real validation:
//!
//! 1. The document against the official OpenAPI 3.1 JSON schema (vendored in `schemas/`): every
//!    object where the specification allows it, with its required fields and no unknown ones.
//! 2. Every Schema Object (components and those of parameters, request and response bodies)
//!    compiled as JSON Schema 2020-12, the dialect of OpenAPI 3.1: that checks each one against
//!    the metaschema, and that every `$ref` resolves.

use serde_json::Value;

use crate::template::encode_component;

/// The official schema, `https://spec.openapis.org/oas/3.1/schema/2022-10-07`.
const OPENAPI_31_SCHEMA: &str = include_str!("../schemas/openapi-3.1.json");
const SCHEMA_URL: &str = "https://spec.openapis.org/oas/3.1/schema/2022-10-07";
/// Where the checked document is registered; nothing is ever fetched from it.
const DOCUMENT_URL: &str = "https://document.invalid/openapi.json";
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[derive(Debug, thiserror::Error)]
pub enum Invalid {
    #[error("the vendored OpenAPI 3.1 schema does not load: {0}")]
    Setup(String),
    #[error("not a valid OpenAPI 3.1 document: {0}")]
    Document(String),
    #[error("the Schema Object at {location} is not valid JSON Schema 2020-12: {message}")]
    Schema { location: String, message: String },
}

/// Checks `document` (an OpenAPI document as JSON) and says what is wrong with it.
pub fn validate(document: &Value) -> Result<(), Invalid> {
    let setup = |error: &dyn std::fmt::Display| Invalid::Setup(format!("{error:#}"));
    let schema = serde_json::from_str(OPENAPI_31_SCHEMA).map_err(|e| setup(&e))?;
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V2020_12);
    let mut schemas = boon::Schemas::new();
    compiler
        .add_resource(SCHEMA_URL, schema)
        .map_err(|e| setup(&e))?;
    let openapi = compiler
        .compile(SCHEMA_URL, &mut schemas)
        .map_err(|e| setup(&e))?;
    if let Err(error) = schemas.validate(document, openapi) {
        return Err(Invalid::Document(error.to_string()));
    }

    compiler
        .add_resource(DOCUMENT_URL, document.clone())
        .map_err(|e| setup(&e))?;
    for location in schema_locations(document) {
        let url = format!("{DOCUMENT_URL}#{}", fragment(&location));
        if let Err(error) = compiler.compile(&url, &mut schemas) {
            return Err(Invalid::Schema {
                location: location.join("/"),
                message: format!("{error:#}"),
            });
        }
    }
    Ok(())
}

/// A document as a client's fuzzer reads it: does it describe a given request? A request it
/// describes must be accepted, and one it rules out refused; the contract holds the inputs whose
/// rules are written twice, in the handlers and in the document.
pub struct Document {
    json: Value,
    compiler: boon::Compiler,
    schemas: boon::Schemas,
}

impl Document {
    pub fn new(json: Value) -> Result<Self, Invalid> {
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V2020_12);
        compiler
            .add_resource(DOCUMENT_URL, json.clone())
            .map_err(|e| Invalid::Setup(format!("{e:#}")))?;
        Ok(Self {
            json,
            compiler,
            schemas: boon::Schemas::new(),
        })
    }

    /// Does the JSON body of `method path` (`path` as the document writes it: `/author/{id}`)
    /// fit its schema?
    pub fn admits_body(&mut self, method: &str, path: &str, body: &Value) -> bool {
        let media = "application/json";
        let location = [
            "paths",
            path,
            method,
            "requestBody",
            "content",
            media,
            "schema",
        ];
        self.admits(&location, body)
    }

    /// Does the query parameter `name` of `method path` admit `value`?
    pub fn admits_query(&mut self, method: &str, path: &str, name: &str, value: &str) -> bool {
        let parameters = self.json["paths"][path][method]["parameters"].as_array();
        let index = parameters
            .and_then(|all| all.iter().position(|p| p["name"] == name))
            .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"))
            .to_string();
        let location = ["paths", path, method, "parameters", &index, "schema"];
        self.admits(&location, &Value::from(value))
    }

    fn admits(&mut self, location: &[&str], value: &Value) -> bool {
        let location: Vec<String> = location.iter().map(|&s| s.to_owned()).collect();
        let url = format!("{DOCUMENT_URL}#{}", fragment(&location));
        let schema = self
            .compiler
            .compile(&url, &mut self.schemas)
            .unwrap_or_else(|e| panic!("{url} compiles: {e:#}"));
        self.schemas.validate(value, schema).is_ok()
    }
}

/// The JSON pointers (as segments) of every Schema Object the document holds directly.
fn schema_locations(document: &Value) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut at = |path: &[&str]| found.push(path.iter().map(|&s| s.to_owned()).collect());
    if let Some(schemas) = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for name in schemas.keys() {
            at(&["components", "schemas", name]);
        }
    }
    let paths = document.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        for (i, parameter) in array(item.get("parameters")) {
            if parameter.get("schema").is_some() {
                at(&["paths", path, "parameters", &i, "schema"]);
            }
        }
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            for (i, parameter) in array(operation.get("parameters")) {
                if parameter.get("schema").is_some() {
                    at(&["paths", path, method, "parameters", &i, "schema"]);
                }
            }
            for media in keys(operation.pointer("/requestBody/content")) {
                at(&[
                    "paths",
                    path,
                    method,
                    "requestBody",
                    "content",
                    &media,
                    "schema",
                ]);
            }
            let responses = operation.get("responses").and_then(Value::as_object);
            for (status, response) in responses.into_iter().flatten() {
                for media in keys(response.get("content")) {
                    let location = [path.as_str(), method, "responses", status, "content"];
                    at(&[&["paths"], &location[..], &[&media, "schema"]].concat());
                }
            }
        }
    }
    found.retain(|location| {
        let pointer: Vec<String> = location.iter().map(|s| escape(s)).collect();
        document
            .pointer(&format!("/{}", pointer.join("/")))
            .is_some()
    });
    found
}

fn array(value: Option<&Value>) -> impl Iterator<Item = (String, &Value)> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, item)| (i.to_string(), item))
}

fn keys(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_object)
        .map(|object| object.keys().cloned().collect())
        .unwrap_or_default()
}

/// A JSON pointer segment: `~` and `/` escaped.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A URL fragment holding the JSON pointer of `location`, percent-encoded.
fn fragment(location: &[String]) -> String {
    location
        .iter()
        .map(|segment| format!("/{}", encode_component(&escape(segment))))
        .collect::<Vec<_>>()
        .concat()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn minimal() -> Value {
        json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/book/{id}": {
                    "get": {
                        "parameters": [{"name": "id", "in": "path", "required": true,
                                        "schema": {"type": "string"}}],
                        "responses": {
                            "200": {"description": "ok", "content": {"application/json": {
                                "schema": {"$ref": "#/components/schemas/Book"}}}}
                        }
                    }
                }
            },
            "components": {"schemas": {"Book": {"type": "object",
                "properties": {"id": {"type": "string"}}}}}
        })
    }

    #[test]
    fn a_minimal_document_is_valid() {
        validate(&minimal()).expect("valid");
        assert_eq!(schema_locations(&minimal()).len(), 3);
    }

    #[test]
    fn structural_errors_are_found() {
        let mut document = minimal();
        document["openapi"] = json!("3.0.3");
        assert!(matches!(validate(&document), Err(Invalid::Document(_))));

        let mut document = minimal();
        document["paths"]["/book/{id}"]["get"]["responses"]["200"]
            .as_object_mut()
            .expect("object")
            .remove("description");
        assert!(matches!(validate(&document), Err(Invalid::Document(_))));

        let mut document = minimal();
        document["paths"]["/book/{id}"]["get"]["parameters"][0]["required"] = json!(false);
        assert!(
            matches!(validate(&document), Err(Invalid::Document(_))),
            "path parameters are required"
        );

        let mut document = minimal();
        document["info"]["extra"] = json!(1);
        assert!(matches!(validate(&document), Err(Invalid::Document(_))));
    }

    #[test]
    fn schema_objects_are_checked_and_refs_resolved() {
        let mut document = minimal();
        document["components"]["schemas"]["Book"]["type"] = json!("record");
        let error = validate(&document).expect_err("not a JSON Schema type");
        assert!(
            matches!(&error, Invalid::Schema { location, .. } if location == "components/schemas/Book"),
            "{error}"
        );

        let mut document = minimal();
        document["paths"]["/book/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["$ref"] = json!("#/components/schemas/Missing");
        let error = validate(&document).expect_err("dangling $ref");
        assert!(
            matches!(&error, Invalid::Schema { location, .. } if location.starts_with("paths//book/{id}/get")),
            "{error}"
        );
    }
}
