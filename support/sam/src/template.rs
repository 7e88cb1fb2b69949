//! A SAM template read as YAML, with typed views of what the checks and the local gateway need:
//! functions (with `Globals` applied), their API routes and their inline IAM statements.
//!
//! CloudFormation's short tags (`!Ref`, `!Sub`, `!GetAtt`, ...) are YAML tags, which `serde_yaml`
//! keeps as tagged values; [`expression`] reads them, and their long forms (`Ref:`, `Fn::Sub:`),
//! as one string so the checks can compare them: `!Ref Stage` is `${Stage}`, `!GetAtt T.Arn` is
//! `${T.Arn}`, `!Sub "${T.Arn}/index/x"` is itself.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::{Mapping, Value};

pub const FUNCTION_TYPE: &str = "AWS::Serverless::Function";
pub const API_TYPE: &str = "AWS::Serverless::Api";
pub const TABLE_TYPE: &str = "AWS::DynamoDB::Table";

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid YAML: {source}")]
    Yaml {
        path: String,
        source: serde_yaml::Error,
    },
    #[error("{path} has no `Resources` mapping")]
    NoResources { path: String },
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    root: Value,
}

/// A function resource, its properties with the template's `Globals: Function` applied.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionResource {
    /// The logical id.
    pub name: String,
    /// `Metadata: BuildMethod`.
    pub build_method: Option<String>,
    /// `Metadata: BuildProperties: Binary`.
    pub binary: Option<String>,
    /// Every property, the function's own over the globals'.
    pub properties: Mapping,
    /// `Environment: Variables`, the function's own over the globals', as expressions.
    pub environment: BTreeMap<String, String>,
    /// The inline policy statements (`Policies: - Statement: ...`).
    pub statements: Vec<Statement>,
    /// Policies that are not inline statements (managed policy names, SAM policy templates):
    /// nothing can check what they allow.
    pub other_policies: Vec<String>,
}

/// One IAM statement, its actions and resources as expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub effect: String,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
}

/// An `Api` event of a function: API Gateway sends `method` `path` to `function`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The event's logical name (`AddNewBookCommand`).
    pub event: String,
    pub function: String,
    /// Upper case (`POST`).
    pub method: String,
    /// The resource path template, `{name}` for a path parameter.
    pub path: String,
    /// `RestApiId`, as an expression.
    pub rest_api: Option<String>,
    /// Query string parameters declared `Required: true` (`method.request.querystring.<name>`).
    pub required_query: Vec<String>,
}

impl Template {
    pub fn load(path: &Path) -> Result<Self, TemplateError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| TemplateError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::parse_named(&text, &shown)
    }

    pub fn parse(text: &str) -> Result<Self, TemplateError> {
        Self::parse_named(text, "the template")
    }

    fn parse_named(text: &str, path: &str) -> Result<Self, TemplateError> {
        let root: Value = serde_yaml::from_str(text).map_err(|source| TemplateError::Yaml {
            path: path.to_owned(),
            source,
        })?;
        if !root.get("Resources").is_some_and(Value::is_mapping) {
            return Err(TemplateError::NoResources {
                path: path.to_owned(),
            });
        }
        Ok(Self { root })
    }

    /// The value at `keys`, from the top of the template.
    pub fn get(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter()
            .try_fold(&self.root, |value, key| value.get(key))
    }

    /// The logical ids and bodies of the resources of `kind`, in template order.
    pub fn resources(&self, kind: &str) -> Vec<(String, &Value)> {
        self.get(&["Resources"])
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten()
            .filter(|(_, resource)| text(resource.get("Type")).as_deref() == Some(kind))
            .filter_map(|(name, resource)| Some((name.as_str()?.to_owned(), resource)))
            .collect()
    }

    /// A parameter's `Default`.
    pub fn parameter_default(&self, name: &str) -> Option<String> {
        text(self.get(&["Parameters", name, "Default"]))
    }

    /// Every function resource, globals applied.
    pub fn functions(&self) -> Vec<FunctionResource> {
        let globals = self
            .get(&["Globals", "Function"])
            .and_then(Value::as_mapping)
            .cloned()
            .unwrap_or_default();
        self.resources(FUNCTION_TYPE)
            .into_iter()
            .map(|(name, resource)| {
                let own = resource
                    .get("Properties")
                    .and_then(Value::as_mapping)
                    .cloned()
                    .unwrap_or_default();
                let mut properties = globals.clone();
                properties.extend(own.clone());
                let mut environment = variables(&globals);
                environment.extend(variables(&own));
                let (statements, other_policies) = policies(properties.get("Policies"));
                FunctionResource {
                    build_method: text(resource.get("Metadata").and_then(|m| m.get("BuildMethod"))),
                    binary: text(
                        resource
                            .get("Metadata")
                            .and_then(|m| m.get("BuildProperties"))
                            .and_then(|p| p.get("Binary")),
                    ),
                    name,
                    properties,
                    environment,
                    statements,
                    other_policies,
                }
            })
            .collect()
    }

    /// Every `Api` event of every function, in template order.
    pub fn routes(&self) -> Vec<Route> {
        let mut routes = Vec::new();
        for (function, resource) in self.resources(FUNCTION_TYPE) {
            let events = resource
                .get("Properties")
                .and_then(|p| p.get("Events"))
                .and_then(Value::as_mapping);
            for (event, body) in events.into_iter().flatten() {
                if text(body.get("Type")).as_deref() != Some("Api") {
                    continue;
                }
                let properties = body.get("Properties");
                let field = |name: &str| text(properties.and_then(|p| p.get(name)));
                routes.push(Route {
                    event: event.as_str().unwrap_or_default().to_owned(),
                    function: function.clone(),
                    method: field("Method").unwrap_or_default().to_uppercase(),
                    path: field("Path").unwrap_or_default(),
                    rest_api: field("RestApiId"),
                    required_query: required_query(
                        properties.and_then(|p| p.get("RequestParameters")),
                    ),
                });
            }
        }
        routes
    }
}

/// A scalar or an intrinsic function as one comparable string (see the module docs); `None` for
/// anything else (a list, a mapping that is no intrinsic, nothing at all).
pub fn expression(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        Value::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            intrinsic(tag.trim_start_matches('!'), &tagged.value)
        }
        Value::Mapping(mapping) if mapping.len() == 1 => {
            let (name, argument) = mapping.iter().next()?;
            let name = name.as_str()?;
            intrinsic(name.strip_prefix("Fn::").unwrap_or(name), argument)
        }
        _ => None,
    }
}

fn intrinsic(name: &str, argument: &Value) -> Option<String> {
    match (name, argument) {
        ("Ref" | "GetAtt", Value::String(target)) => Some(format!("${{{target}}}")),
        ("GetAtt", Value::Sequence(parts)) => {
            let parts: Option<Vec<&str>> = parts.iter().map(Value::as_str).collect();
            Some(format!("${{{}}}", parts?.join(".")))
        }
        ("Sub", Value::String(text)) => Some(text.clone()),
        _ => None,
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(expression)
}

/// One string or a list of them, as expressions.
fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Sequence(items)) => items.iter().filter_map(expression).collect(),
        Some(value) => expression(value).into_iter().collect(),
        None => Vec::new(),
    }
}

fn variables(properties: &Mapping) -> BTreeMap<String, String> {
    properties
        .get("Environment")
        .and_then(|e| e.get("Variables"))
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .filter_map(|(name, value)| Some((name.as_str()?.to_owned(), expression(value)?)))
        .collect()
}

fn policies(value: Option<&Value>) -> (Vec<Statement>, Vec<String>) {
    let mut statements = Vec::new();
    let mut others = Vec::new();
    let items: Vec<&Value> = match value {
        Some(Value::Sequence(items)) => items.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    for item in items {
        match item.get("Statement") {
            Some(Value::Sequence(found)) => statements.extend(found.iter().map(statement)),
            Some(single) => statements.push(statement(single)),
            None => others.push(
                expression(item)
                    .or_else(|| serde_yaml::to_string(item).ok())
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            ),
        }
    }
    (statements, others)
}

pub(crate) fn statement(value: &Value) -> Statement {
    Statement {
        effect: text(value.get("Effect")).unwrap_or_default(),
        actions: list(value.get("Action")),
        resources: list(value.get("Resource")),
    }
}

/// `RequestParameters` entries `method.request.querystring.<name>` with `Required: true`.
fn required_query(value: Option<&Value>) -> Vec<String> {
    const PREFIX: &str = "method.request.querystring.";
    let mut names = Vec::new();
    for item in value.and_then(Value::as_sequence).into_iter().flatten() {
        for (key, settings) in item.as_mapping().into_iter().flatten() {
            let required = settings.get("Required").and_then(Value::as_bool) == Some(true);
            if let (Some(name), true) =
                (key.as_str().and_then(|k| k.strip_prefix(PREFIX)), required)
            {
                names.push(name.to_owned());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Globals:
  Function:
    Runtime: provided.al2023
    Environment:
      Variables:
        TABLE: !Ref Table
        RUST_LOG: info
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
  Fn:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: rust-cargolambda
      BuildProperties: {Binary: fn-binary}
    Properties:
      Environment:
        Variables:
          RUST_LOG: debug
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Table.Arn
            - Effect: Allow
              Action: [dynamodb:Query]
              Resource:
                - {"Fn::GetAtt": [Table, Arn]}
                - !Sub "${Table.Arn}/index/${Index}"
        - AWSLambdaBasicExecutionRole
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: {Ref: Api}
            Path: /book
            Method: get
            RequestParameters:
              - method.request.querystring.status:
                  Required: true
              - method.request.querystring.optional:
                  Required: false
        Queue:
          Type: SQS
          Properties: {Queue: arn}
  Table:
    Type: AWS::DynamoDB::Table
Outputs:
  Url:
    Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"
"#;

    #[test]
    fn short_and_long_intrinsics_read_the_same() {
        let template = Template::parse(TEMPLATE).expect("parses");
        assert_eq!(
            template
                .get(&["Resources", "Api", "Properties", "StageName"])
                .and_then(expression),
            Some("${Stage}".to_owned())
        );
        assert_eq!(
            template
                .get(&["Outputs", "Url", "Value"])
                .and_then(expression),
            Some("https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}".to_owned())
        );
        assert_eq!(template.parameter_default("Stage").as_deref(), Some("dev"));
    }

    #[test]
    fn functions_get_the_globals_and_their_policies() {
        let template = Template::parse(TEMPLATE).expect("parses");
        let [function] = template.functions().try_into().expect("one function");
        assert_eq!(function.name, "Fn");
        assert_eq!(function.binary.as_deref(), Some("fn-binary"));
        assert_eq!(function.build_method.as_deref(), Some("rust-cargolambda"));
        assert_eq!(
            function
                .properties
                .get("Runtime")
                .and_then(expression)
                .as_deref(),
            Some("provided.al2023")
        );
        assert_eq!(
            function.environment,
            BTreeMap::from([
                ("RUST_LOG".to_owned(), "debug".to_owned()),
                ("TABLE".to_owned(), "${Table}".to_owned()),
            ])
        );
        assert_eq!(
            function.statements,
            [
                Statement {
                    effect: "Allow".to_owned(),
                    actions: vec!["dynamodb:GetItem".to_owned()],
                    resources: vec!["${Table.Arn}".to_owned()],
                },
                Statement {
                    effect: "Allow".to_owned(),
                    actions: vec!["dynamodb:Query".to_owned()],
                    resources: vec![
                        "${Table.Arn}".to_owned(),
                        "${Table.Arn}/index/${Index}".to_owned()
                    ],
                },
            ]
        );
        assert_eq!(function.other_policies, ["AWSLambdaBasicExecutionRole"]);
    }

    #[test]
    fn api_events_are_routes() {
        let template = Template::parse(TEMPLATE).expect("parses");
        assert_eq!(
            template.routes(),
            [Route {
                event: "Get".to_owned(),
                function: "Fn".to_owned(),
                method: "GET".to_owned(),
                path: "/book".to_owned(),
                rest_api: Some("${Api}".to_owned()),
                required_query: vec!["status".to_owned()],
            }]
        );
    }

    #[test]
    fn refuses_what_is_not_a_template() {
        assert!(matches!(
            Template::parse("just: text"),
            Err(TemplateError::NoResources { .. })
        ));
        assert!(matches!(
            Template::parse("Resources: [unclosed"),
            Err(TemplateError::Yaml { .. })
        ));
        assert!(matches!(
            Template::load(Path::new("/nonexistent/template.yaml")),
            Err(TemplateError::Read { .. })
        ));
    }
}
