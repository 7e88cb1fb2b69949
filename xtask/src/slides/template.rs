//! A SAM template read into the picture a deployment diagram draws: what callers reach (APIs,
//! queues, GraphQL APIs), the routes and triggers, the functions (read-only or read-write, from
//! their IAM statements) and the tables and queues they use.
//!
//! Read generically, so a template that gains resources is drawn without a code change: every
//! event of a function (`Api`, `HttpApi`, `SQS`, any other type as a plain trigger), AppSync
//! data sources and resolvers, SQS redrive to a dead-letter queue. Resource types it does not
//! know are left out of the picture. (`support/sam` reads templates for the tests, but links
//! the library; xtask stays free of the steps' build.)

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::{Mapping, Value};

/// What a node of the picture stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// An API Gateway API (REST or HTTP).
    Api,
    /// One route of an API: `POST /book/new`.
    Route,
    /// An AppSync GraphQL API.
    GraphQl,
    /// One resolver of a GraphQL API: `Query.getMissingBooks`.
    Resolver,
    Queue,
    /// Any other event source (a schedule, a bucket, a topic).
    Trigger,
    Function(Access),
    Table,
}

/// What a function may do to the tables, from its IAM statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    ReadWrite,
    /// It has policies xtask cannot read (a managed policy, an unknown policy template) and no
    /// write action among those it can.
    Unknown,
}

impl Access {
    pub fn label(self) -> &'static str {
        match self {
            Self::ReadOnly => "read-only",
            Self::ReadWrite => "read-write",
            Self::Unknown => "access unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Unique in the picture: the logical id, or `<function>/<event>` for a trigger.
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
}

/// A deployment's picture: nodes in template order, edges from callers towards data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picture {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Picture {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|node| node.id == id)
    }

    pub fn functions(&self) -> impl Iterator<Item = (&Node, Access)> {
        self.nodes.iter().filter_map(|node| match node.kind {
            NodeKind::Function(access) => Some((node, access)),
            _ => None,
        })
    }

    /// The edges into `id`, in order.
    pub fn edges_into<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> {
        self.edges.iter().filter(move |edge| edge.to == id)
    }

    /// The edges out of `id`, in order.
    pub fn edges_from<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> {
        self.edges.iter().filter(move |edge| edge.from == id)
    }

    fn add(&mut self, id: &str, kind: NodeKind, label: String) {
        if self.node(id).is_none() {
            self.nodes.push(Node {
                id: id.to_owned(),
                kind,
                label,
            });
        }
    }

    fn connect(&mut self, from: &str, to: &str, label: Option<String>) {
        let edge = Edge {
            from: from.to_owned(),
            to: to.to_owned(),
            label,
        };
        if !self.edges.contains(&edge) {
            self.edges.push(edge);
        }
    }
}

const FUNCTION_TYPES: [&str; 2] = ["AWS::Serverless::Function", "AWS::Lambda::Function"];
const REST_API_TYPES: [&str; 2] = ["AWS::Serverless::Api", "AWS::ApiGateway::RestApi"];
const HTTP_API_TYPES: [&str; 2] = ["AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"];
const GRAPHQL_TYPES: [&str; 2] = ["AWS::AppSync::GraphQLApi", "AWS::Serverless::GraphQLApi"];
const TABLE_TYPES: [&str; 2] = ["AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"];
const QUEUE_TYPE: &str = "AWS::SQS::Queue";

/// DynamoDB actions that change data or tables; IAM wildcards are matched against them.
const WRITE_ACTIONS: [&str; 13] = [
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "BatchWriteItem",
    "PartiQLInsert",
    "PartiQLUpdate",
    "PartiQLDelete",
    "CreateTable",
    "UpdateTable",
    "DeleteTable",
    "UpdateTimeToLive",
    "RestoreTableFromBackup",
    "ImportTable",
];
const READ_ACTIONS: [&str; 7] = [
    "GetItem",
    "BatchGetItem",
    "Query",
    "Scan",
    "PartiQLSelect",
    "ConditionCheckItem",
    "DescribeTable",
];

/// A template's resources, in template order.
struct Resources<'a> {
    list: Vec<(&'a str, &'a Value)>,
}

impl<'a> Resources<'a> {
    /// A resource's `Type`, empty for one that is not there.
    fn kind(&self, id: &str) -> &'a str {
        self.list
            .iter()
            .find(|(found, _)| *found == id)
            .and_then(|(_, resource)| resource.get("Type"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The logical ids of the resources of these types.
    fn of(&self, types: &[&str]) -> BTreeSet<String> {
        self.list
            .iter()
            .filter(|(id, _)| types.contains(&self.kind(id)))
            .map(|(id, _)| (*id).to_owned())
            .collect()
    }

    /// One of a resource's `Properties`, as a string.
    fn property(&self, id: &str, key: &str) -> Option<&'a str> {
        self.list
            .iter()
            .find(|(found, _)| *found == id)
            .and_then(|(_, resource)| resource.get("Properties"))
            .and_then(|properties| properties.get(key))
            .and_then(Value::as_str)
    }
}

/// A table's label: its name, one named after the stack as `{stack}-...`.
fn table_label(resources: &Resources, id: &str) -> String {
    let name = resources.property(id, "TableName").unwrap_or(id);
    format!("DynamoDB table\n{}", stack_named(name))
}

/// A name the template gives after the stack (`${AWS::StackName}-...`), as `{stack}-...`.
fn stack_named(name: &str) -> String {
    name.replace("${AWS::StackName}", "{stack}")
}

/// Reads a template's text into its picture.
pub fn picture(text: &str) -> Result<Picture, String> {
    let root: Value =
        serde_yaml::from_str(text).map_err(|error| format!("is not valid YAML: {error}"))?;
    let mapping = root
        .get("Resources")
        .and_then(Value::as_mapping)
        .ok_or("has no `Resources` mapping")?;
    let resources = Resources {
        list: mapping
            .iter()
            .filter_map(|(id, resource)| Some((id.as_str()?, resource)))
            .collect(),
    };
    let globals = root
        .get("Globals")
        .and_then(|globals| globals.get("Function"))
        .and_then(Value::as_mapping)
        .cloned()
        .unwrap_or_default();
    let tables = resources.of(&TABLE_TYPES);
    let queues = resources.of(&[QUEUE_TYPE]);

    let mut picture = Picture::default();
    // Callers first, then functions, then data: the order the renderers lay them out in.
    callers(&mut picture, &resources);
    for (id, resource) in &resources.list {
        if !FUNCTION_TYPES.contains(&resources.kind(id)) {
            continue;
        }
        let mut properties = globals.clone();
        if let Some(own) = resource.get("Properties").and_then(Value::as_mapping) {
            properties.extend(own.clone());
        }
        function(
            &mut picture,
            &resources,
            id,
            &properties,
            (&tables, &queues),
        );
    }
    appsync(&mut picture, &resources);
    // Tables no function reaches are part of the deployment all the same.
    for (id, resource) in &resources.list {
        if tables.contains(*id) {
            picture.add(id, NodeKind::Table, table_label(&resources, id));
        }
        if queues.contains(*id) {
            let redrive = resource
                .get("Properties")
                .and_then(|p| p.get("RedrivePolicy"))
                .and_then(|policy| policy.get("deadLetterTargetArn"));
            if let Some(dlq) = redrive.map(refs).and_then(|refs| refs.into_iter().next()) {
                picture.connect(id, &dlq, Some("dead letters".into()));
            }
        }
    }
    Ok(picture)
}

/// What callers reach: APIs, GraphQL APIs, queues.
fn callers(picture: &mut Picture, resources: &Resources) {
    for (id, _) in &resources.list {
        let kind = resources.kind(id);
        if REST_API_TYPES.contains(&kind) {
            picture.add(id, NodeKind::Api, format!("REST API\n{id}"));
        } else if HTTP_API_TYPES.contains(&kind) {
            picture.add(id, NodeKind::Api, format!("HTTP API\n{id}"));
        } else if GRAPHQL_TYPES.contains(&kind) {
            picture.add(id, NodeKind::GraphQl, format!("GraphQL API\n{id}"));
        } else if kind == QUEUE_TYPE {
            let name = resources.property(id, "QueueName").unwrap_or(id);
            picture.add(
                id,
                NodeKind::Queue,
                format!("SQS queue\n{}", stack_named(name)),
            );
        }
    }
}

/// A function, its triggers, and what it may do to the tables and queues.
fn function(
    picture: &mut Picture,
    resources: &Resources,
    function: &str,
    properties: &Mapping,
    (tables, queues): (&BTreeSet<String>, &BTreeSet<String>),
) {
    let statements = statements(properties, resources);
    let uses = uses(&statements, tables, queues);
    let access = access(&statements, &uses);
    picture.add(
        function,
        NodeKind::Function(access),
        format!("λ {function}\n{}", access.label()),
    );
    events(picture, function, properties, resources);
    for (target, label) in &uses {
        if tables.contains(target) {
            picture.add(target, NodeKind::Table, table_label(resources, target));
        }
        picture.connect(function, target, Some(label.clone()));
    }
}

/// A function's events: routes of its APIs, queues, any other trigger.
fn events(picture: &mut Picture, function: &str, properties: &Mapping, resources: &Resources) {
    let Some(events) = properties.get("Events").and_then(Value::as_mapping) else {
        return;
    };
    for (name, event) in events {
        let name = name.as_str().unwrap_or_default();
        let kind = event
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let field = |key: &str| event.get("Properties").and_then(|p| p.get(key));
        let id = format!("{function}/{name}");
        match kind {
            "Api" | "HttpApi" => {
                let api_key = if kind == "Api" { "RestApiId" } else { "ApiId" };
                let api = field(api_key)
                    .and_then(|api| refs(api).into_iter().next())
                    .unwrap_or_else(|| {
                        // SAM's implicit API when an event names none.
                        let implicit = if kind == "Api" {
                            "ServerlessRestApi"
                        } else {
                            "ServerlessHttpApi"
                        };
                        picture.add(implicit, NodeKind::Api, format!("{kind}\n{implicit}"));
                        implicit.to_owned()
                    });
                let method = field("Method")
                    .and_then(Value::as_str)
                    .unwrap_or("ANY")
                    .to_uppercase();
                let path = field("Path").and_then(Value::as_str).unwrap_or("/");
                let query = required_query(field("RequestParameters"))
                    .iter()
                    .enumerate()
                    .map(|(index, name)| format!("{}{name}=…", if index == 0 { '?' } else { '&' }))
                    .collect::<Vec<_>>()
                    .concat();
                picture.add(&id, NodeKind::Route, format!("{method} {path}{query}"));
                picture.connect(&api, &id, None);
                picture.connect(&id, function, None);
            }
            "SQS" => {
                let queue = field("Queue").and_then(|queue| refs(queue).into_iter().next());
                match queue {
                    Some(queue) if resources.kind(&queue) == QUEUE_TYPE => {
                        picture.connect(&queue, function, Some("messages".into()));
                    }
                    _ => {
                        picture.add(
                            &id,
                            NodeKind::Queue,
                            format!("SQS queue\n{}", stack_named(name)),
                        );
                        picture.connect(&id, function, Some("messages".into()));
                    }
                }
            }
            _ => {
                picture.add(&id, NodeKind::Trigger, format!("{kind}\n{name}"));
                picture.connect(&id, function, None);
            }
        }
    }
}

/// The query string parameters an `Api` event declares required
/// (`method.request.querystring.<name>: {Required: true}`): part of what the route is.
fn required_query(parameters: Option<&Value>) -> Vec<String> {
    let items = parameters
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten();
    items
        .filter_map(Value::as_mapping)
        .flat_map(|mapping| mapping.iter())
        .filter(|(_, settings)| settings.get("Required").and_then(Value::as_bool) == Some(true))
        .filter_map(|(name, _)| name.as_str()?.strip_prefix("method.request.querystring."))
        .map(str::to_owned)
        .collect()
}

/// AppSync: Lambda data sources, and the resolvers that use them (`AWS::AppSync::*`, or the
/// `DataSources`/`Resolvers` of a SAM `GraphQLApi`).
fn appsync(picture: &mut Picture, resources: &Resources) {
    // Data source (logical id or SAM name) -> (GraphQL API, function).
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (id, resource) in &resources.list {
        let properties = resource.get("Properties");
        let field = |key: &str| properties.and_then(|p| p.get(key));
        match resources.kind(id) {
            "AWS::AppSync::DataSource" => {
                let function = field("LambdaConfig")
                    .and_then(|config| config.get("LambdaFunctionArn"))
                    .and_then(|arn| refs(arn).into_iter().next());
                let api = field("ApiId").and_then(|api| refs(api).into_iter().next());
                if let (Some(function), Some(api)) = (function, api) {
                    sources.insert((*id).to_owned(), (api, function));
                }
            }
            "AWS::Serverless::GraphQLApi" => {
                let lambdas = field("DataSources")
                    .and_then(|sources| sources.get("Lambda"))
                    .and_then(Value::as_mapping);
                for (name, source) in lambdas.into_iter().flatten() {
                    let function = source
                        .get("FunctionArn")
                        .and_then(|arn| refs(arn).into_iter().next());
                    if let (Some(name), Some(function)) = (name.as_str(), function) {
                        sources.insert(name.to_owned(), ((*id).to_owned(), function));
                    }
                }
            }
            _ => {}
        }
    }
    let mut resolved = BTreeSet::new();
    for (id, resource) in &resources.list {
        let properties = resource.get("Properties");
        let field = |key: &str| properties.and_then(|p| p.get(key));
        match resources.kind(id) {
            "AWS::AppSync::Resolver" => {
                let source = field("DataSourceName").and_then(|s| refs(s).into_iter().next());
                let type_name = field("TypeName").and_then(Value::as_str);
                let field_name = field("FieldName").and_then(Value::as_str);
                if let (Some(source), Some(type_name), Some(field_name)) =
                    (source, type_name, field_name)
                    && let Some((api, function)) = sources.get(&source)
                {
                    resolver(picture, api, function, &format!("{type_name}.{field_name}"));
                    resolved.insert(source);
                }
            }
            "AWS::Serverless::GraphQLApi" => {
                let functions = field("Functions").and_then(Value::as_mapping);
                let source_of = |step: &str| {
                    functions
                        .and_then(|f| f.get(step))
                        .and_then(|f| f.get("DataSource"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                };
                let types = field("Resolvers").and_then(Value::as_mapping);
                for (type_name, fields) in types.into_iter().flatten() {
                    let fields = fields.as_mapping().into_iter().flatten();
                    for (field_name, resolver_body) in fields {
                        let steps = resolver_body
                            .get("Pipeline")
                            .and_then(Value::as_sequence)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str);
                        for source in steps.filter_map(source_of) {
                            if let (Some(type_name), Some(field_name), Some((api, function))) = (
                                type_name.as_str(),
                                field_name.as_str(),
                                sources.get(&source),
                            ) {
                                resolver(
                                    picture,
                                    api,
                                    function,
                                    &format!("{type_name}.{field_name}"),
                                );
                                resolved.insert(source);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // A data source no resolver names still connects its API to its function.
    for (source, (api, function)) in &sources {
        if !resolved.contains(source) && picture.node(function).is_some() {
            picture.connect(api, function, Some(source.clone()));
        }
    }
}

fn resolver(picture: &mut Picture, api: &str, function: &str, field: &str) {
    let id = format!("{api}/{field}");
    picture.add(&id, NodeKind::Resolver, field.to_owned());
    picture.connect(api, &id, None);
    picture.connect(&id, function, None);
}

/// One allowed IAM statement: its actions (`dynamodb:GetItem`) and the resources it names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Allowed {
    actions: Vec<String>,
    /// Logical ids the `Resource` entries refer to; empty when a resource is `*` or external.
    targets: Vec<String>,
    /// A policy xtask cannot see into.
    opaque: bool,
}

/// A function's policies as statements: inline `Statement`s, the DynamoDB and SQS policy
/// templates of SAM, and the statements of an `AWS::IAM::Role` it names as `Role`.
fn statements(properties: &Mapping, resources: &Resources) -> Vec<Allowed> {
    let mut allowed = Vec::new();
    let policies = match properties.get("Policies") {
        Some(Value::Sequence(items)) => items.clone(),
        Some(item) => vec![item.clone()],
        None => Vec::new(),
    };
    for policy in &policies {
        let document = policy.get("PolicyDocument").unwrap_or(policy);
        if let Some(statements) = document.get("Statement") {
            allowed.extend(read_statements(statements));
            continue;
        }
        let template = policy
            .as_mapping()
            .and_then(|mapping| mapping.iter().next())
            .and_then(|(name, body)| Some((name.as_str()?, body)));
        match template {
            Some((name, body)) => allowed.push(policy_template(name, body)),
            None => allowed.push(Allowed {
                actions: Vec::new(),
                targets: Vec::new(),
                opaque: true,
            }),
        }
    }
    let role = properties
        .get("Role")
        .and_then(|role| refs(role).into_iter().next());
    let role = role.and_then(|role| resources.list.iter().find(|(id, _)| *id == role));
    if let Some((_, role)) = role {
        let inline = role
            .get("Properties")
            .and_then(|p| p.get("Policies"))
            .and_then(Value::as_sequence);
        for policy in inline.into_iter().flatten() {
            if let Some(statements) = policy
                .get("PolicyDocument")
                .and_then(|d| d.get("Statement"))
            {
                allowed.extend(read_statements(statements));
            }
        }
        if role
            .get("Properties")
            .and_then(|p| p.get("ManagedPolicyArns"))
            .is_some()
        {
            allowed.push(Allowed {
                actions: Vec::new(),
                targets: Vec::new(),
                opaque: true,
            });
        }
    }
    allowed
}

fn read_statements(statements: &Value) -> Vec<Allowed> {
    let list = match statements {
        Value::Sequence(items) => items.clone(),
        item => vec![item.clone()],
    };
    list.iter()
        .filter(|statement| {
            statement
                .get("Effect")
                .and_then(Value::as_str)
                .unwrap_or("Allow")
                == "Allow"
        })
        .map(|statement| Allowed {
            actions: strings(statement.get("Action")),
            targets: statement.get("Resource").map(refs).unwrap_or_default(),
            opaque: false,
        })
        .collect()
}

/// SAM's policy templates that grant DynamoDB or SQS access, as the actions they stand for.
fn policy_template(name: &str, body: &Value) -> Allowed {
    let target = |key: &str| body.get(key).map(refs).unwrap_or_default();
    let (actions, targets): (&[&str], Vec<String>) = match name {
        "DynamoDBReadPolicy" => (&["dynamodb:GetItem", "dynamodb:Query"], target("TableName")),
        "DynamoDBWritePolicy" => (&["dynamodb:PutItem"], target("TableName")),
        "DynamoDBCrudPolicy" => (
            &["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"],
            target("TableName"),
        ),
        "SQSSendMessagePolicy" => (&["sqs:SendMessage"], target("QueueName")),
        "SQSPollerPolicy" => (&["sqs:ReceiveMessage"], target("QueueName")),
        _ => {
            return Allowed {
                actions: Vec::new(),
                targets: Vec::new(),
                opaque: true,
            };
        }
    };
    Allowed {
        actions: actions.iter().map(|action| (*action).to_owned()).collect(),
        targets,
        opaque: false,
    }
}

/// Whether an IAM action pattern (`dynamodb:Put*`, `*`) allows one of `names` of DynamoDB.
fn allows_any(pattern: &str, names: &[&str]) -> bool {
    let (service, action) = pattern.split_once(':').unwrap_or(("*", pattern));
    if !(service.eq_ignore_ascii_case("dynamodb") || service == "*") {
        return false;
    }
    names
        .iter()
        .any(|name| glob(&action.to_ascii_lowercase(), &name.to_ascii_lowercase()))
}

/// IAM's wildcards: `*` any run of characters, `?` one.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.chars().next() {
        None => text.is_empty(),
        Some('*') => (0..=text.len())
            .filter(|at| text.is_char_boundary(*at))
            .any(|at| glob(&pattern[1..], &text[at..])),
        Some(first) => text.chars().next().is_some_and(|next| {
            (first == '?' || first == next)
                && glob(&pattern[first.len_utf8()..], &text[next.len_utf8()..])
        }),
    }
}

/// What each statement lets the function do to the tables and queues it names: `reads`,
/// `reads, writes`, `writes`, `sends` (in template order of the targets).
fn uses(
    statements: &[Allowed],
    tables: &BTreeSet<String>,
    queues: &BTreeSet<String>,
) -> Vec<(String, String)> {
    let mut order: Vec<String> = Vec::new();
    let mut found: BTreeMap<String, (bool, bool, bool)> = BTreeMap::new();
    for statement in statements {
        let reads = statement
            .actions
            .iter()
            .any(|a| allows_any(a, &READ_ACTIONS));
        let writes = statement
            .actions
            .iter()
            .any(|a| allows_any(a, &WRITE_ACTIONS));
        let sends = statement
            .actions
            .iter()
            .any(|a| a.eq_ignore_ascii_case("sqs:SendMessage") || a == "sqs:*" || a == "*");
        for target in &statement.targets {
            if tables.contains(target) {
                let entry = found.entry(target.clone()).or_default();
                entry.0 |= reads;
                entry.1 |= writes;
            } else if queues.contains(target) && sends {
                found.entry(target.clone()).or_default().2 = true;
            } else {
                continue;
            }
            if !order.contains(target) {
                order.push(target.clone());
            }
        }
    }
    order
        .into_iter()
        .filter_map(|target| {
            let (reads, writes, sends) = found.get(&target).copied().unwrap_or_default();
            let label = match (reads, writes, sends) {
                (_, _, true) => "sends",
                (true, true, _) => "reads, writes",
                (false, true, _) => "writes",
                (true, false, _) => "reads",
                (false, false, false) => return None,
            };
            Some((target, label.to_owned()))
        })
        .collect()
}

/// Read-write when any allowed action writes DynamoDB data (on any resource: a `*` resource
/// counts), read-only when none does and every policy could be read.
fn access(statements: &[Allowed], uses: &[(String, String)]) -> Access {
    let writes = statements.iter().any(|statement| {
        statement
            .actions
            .iter()
            .any(|a| allows_any(a, &WRITE_ACTIONS))
    }) || uses.iter().any(|(_, label)| label.contains("writes"));
    if writes {
        Access::ReadWrite
    } else if statements.iter().any(|statement| statement.opaque) {
        Access::Unknown
    } else {
        Access::ReadOnly
    }
}

/// A string or a list of strings.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(text)) => vec![text.clone()],
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// The logical ids a value refers to, anywhere inside it: `!Ref X`, `!GetAtt X.Arn`,
/// `!Sub "${X.Arn}/index/${Y}"`, and their long forms (`Ref:`, `Fn::GetAtt:`, `Fn::Sub:`).
/// Pseudo parameters (`AWS::Region`) are not resources and are left out.
pub fn refs(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    collect_refs(value, &mut found);
    found
}

fn push_ref(found: &mut Vec<String>, name: &str) {
    let name = name.split('.').next().unwrap_or(name).trim();
    if !name.is_empty() && !name.starts_with("AWS::") && !found.iter().any(|f| f == name) {
        found.push(name.to_owned());
    }
}

fn collect_refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            intrinsic(tag.trim_start_matches('!'), &tagged.value, found);
        }
        Value::Mapping(mapping) => {
            let single = (mapping.len() == 1)
                .then(|| mapping.iter().next())
                .flatten()
                .and_then(|(name, argument)| Some((name.as_str()?, argument)));
            if let Some((name, argument)) = single {
                let name = name.strip_prefix("Fn::").unwrap_or(name);
                if matches!(name, "Ref" | "GetAtt" | "Sub") {
                    intrinsic(name, argument, found);
                    return;
                }
            }
            for item in mapping.values() {
                collect_refs(item, found);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                collect_refs(item, found);
            }
        }
        _ => {}
    }
}

fn intrinsic(name: &str, argument: &Value, found: &mut Vec<String>) {
    match (name, argument) {
        ("Ref" | "GetAtt", Value::String(target)) => push_ref(found, target),
        ("GetAtt", Value::Sequence(parts)) => {
            if let Some(target) = parts.first().and_then(Value::as_str) {
                push_ref(found, target);
            }
        }
        ("Sub", Value::String(text)) => {
            for name in substitutions(text) {
                push_ref(found, name);
            }
        }
        ("Sub", Value::Sequence(parts)) => {
            let local: Vec<&str> = parts
                .get(1)
                .and_then(Value::as_mapping)
                .into_iter()
                .flatten()
                .filter_map(|(key, _)| key.as_str())
                .collect();
            if let Some(text) = parts.first().and_then(Value::as_str) {
                for name in substitutions(text).filter(|name| !local.contains(name)) {
                    push_ref(found, name);
                }
            }
        }
        // `!Join`, `!If`, `!Select` and the like: whatever they are built from.
        (_, other) => collect_refs(other, found),
    }
}

/// The `${Name}` and `${Name.Attribute}` references of a `!Sub` string (not `${!Literal}`).
fn substitutions(text: &str) -> impl Iterator<Item = &str> {
    text.split("${").skip(1).filter_map(|rest| {
        let name = rest.split('}').next()?;
        (!name.starts_with('!')).then(|| name.split('.').next().unwrap_or(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two functions as the approaches write them: a query function that may only read, a
    /// command function that may also write, behind one REST API.
    const TEMPLATE: &str = r#"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: provided.al2023
Resources:
  LibrarySystemAPI:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
  CommandsDispatcher:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt LibrarySystemDatabase.Arn
            - Effect: Allow
              Action:
                - dynamodb:PutItem
                - dynamodb:ConditionCheckItem
              Resource: !GetAtt LibrarySystemDatabase.Arn
      Events:
        AddNewBookCommand:
          Type: Api
          Properties:
            RestApiId: !Ref LibrarySystemAPI
            Path: /book/new
            Method: post
  QueriesDispatcher:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Sid: QueryTableAndIndexes
              Effect: Allow
              Action: dynamodb:Query
              Resource:
                - !GetAtt LibrarySystemDatabase.Arn
                - !Sub "${LibrarySystemDatabase.Arn}/index/${EntityTypeIndexName}"
      Events:
        GetMissingBooksQuery:
          Type: Api
          Properties:
            RestApiId: !Ref LibrarySystemAPI
            Path: /book
            Method: GET
            RequestParameters:
              - method.request.querystring.status:
                  Required: true
                  Caching: false
              - method.request.querystring.pageSize:
                  Required: false
  LibrarySystemDatabase:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: library-system-database
  ApplicationInsightsMonitoring:
    Type: AWS::ApplicationInsights::Application
    Properties:
      AutoConfigurationEnabled: true
"#;

    fn labels(picture: &Picture) -> Vec<(String, String)> {
        picture
            .nodes
            .iter()
            .map(|node| (node.id.clone(), node.label.clone()))
            .collect()
    }

    #[test]
    fn reads_routes_functions_and_tables_and_marks_read_only_and_read_write() {
        let picture = picture(TEMPLATE).expect("reads");
        assert_eq!(
            labels(&picture),
            [
                (
                    "LibrarySystemAPI".into(),
                    "REST API\nLibrarySystemAPI".into()
                ),
                (
                    "CommandsDispatcher".into(),
                    "λ CommandsDispatcher\nread-write".into()
                ),
                (
                    "CommandsDispatcher/AddNewBookCommand".into(),
                    "POST /book/new".into()
                ),
                (
                    "LibrarySystemDatabase".into(),
                    "DynamoDB table\nlibrary-system-database".into()
                ),
                (
                    "QueriesDispatcher".into(),
                    "λ QueriesDispatcher\nread-only".into()
                ),
                (
                    "QueriesDispatcher/GetMissingBooksQuery".into(),
                    "GET /book?status=…".into()
                ),
            ]
        );
        let edges: Vec<(&str, &str, Option<&str>)> = picture
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.label.as_deref()))
            .collect();
        assert_eq!(
            edges,
            [
                (
                    "LibrarySystemAPI",
                    "CommandsDispatcher/AddNewBookCommand",
                    None
                ),
                (
                    "CommandsDispatcher/AddNewBookCommand",
                    "CommandsDispatcher",
                    None
                ),
                (
                    "CommandsDispatcher",
                    "LibrarySystemDatabase",
                    Some("reads, writes")
                ),
                (
                    "LibrarySystemAPI",
                    "QueriesDispatcher/GetMissingBooksQuery",
                    None
                ),
                (
                    "QueriesDispatcher/GetMissingBooksQuery",
                    "QueriesDispatcher",
                    None
                ),
                ("QueriesDispatcher", "LibrarySystemDatabase", Some("reads")),
            ]
        );
    }

    #[test]
    fn picks_up_queues_dead_letters_and_appsync_resolvers() {
        let template = r"
Resources:
  BorrowRequests:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt BorrowRequestsDlq.Arn
        maxReceiveCount: 3
  BorrowRequestsDlq:
    Type: AWS::SQS::Queue
  LibraryGraphQl:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: library
  QueriesSource:
    Type: AWS::AppSync::DataSource
    Properties:
      ApiId: !GetAtt LibraryGraphQl.ApiId
      Type: AWS_LAMBDA
      LambdaConfig:
        LambdaFunctionArn: !GetAtt GraphQlQueries.Arn
  MissingBooksResolver:
    Type: AWS::AppSync::Resolver
    Properties:
      ApiId: !GetAtt LibraryGraphQl.ApiId
      TypeName: Query
      FieldName: missingBooks
      DataSourceName: !GetAtt QueriesSource.Name
  CommandsFromQueue:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
      Events:
        Borrow:
          Type: SQS
          Properties:
            Queue: !GetAtt BorrowRequests.Arn
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
  GraphQlQueries:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Table
  Table:
    Type: AWS::DynamoDB::Table
  SomethingNew:
    Type: AWS::Future::Resource
";
        let picture = picture(template).expect("reads");
        let kinds: Vec<(&str, &NodeKind)> = picture
            .nodes
            .iter()
            .map(|node| (node.id.as_str(), &node.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("BorrowRequests", &NodeKind::Queue),
                ("BorrowRequestsDlq", &NodeKind::Queue),
                ("LibraryGraphQl", &NodeKind::GraphQl),
                ("CommandsFromQueue", &NodeKind::Function(Access::ReadWrite)),
                ("CommandsFromQueue/Nightly", &NodeKind::Trigger),
                ("Table", &NodeKind::Table),
                ("GraphQlQueries", &NodeKind::Function(Access::ReadOnly)),
                ("LibraryGraphQl/Query.missingBooks", &NodeKind::Resolver),
            ]
        );
        let has = |from: &str, to: &str| picture.edges.iter().any(|e| e.from == from && e.to == to);
        assert!(has("BorrowRequests", "CommandsFromQueue"));
        assert!(has("BorrowRequests", "BorrowRequestsDlq"));
        assert!(has("LibraryGraphQl", "LibraryGraphQl/Query.missingBooks"));
        assert!(has("LibraryGraphQl/Query.missingBooks", "GraphQlQueries"));
        assert!(has("GraphQlQueries", "Table"));
    }

    #[test]
    fn an_unreadable_policy_leaves_the_access_unknown_and_wildcards_count() {
        let template = |policies: &str| {
            format!(
                "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n{policies}"
            )
        };
        let access_of = |text: &str| {
            let picture = picture(text).expect("reads");
            picture.functions().next().map(|(_, access)| access)
        };
        assert_eq!(
            access_of(&template("        - AmazonDynamoDBReadOnlyAccess\n")),
            Some(Access::Unknown)
        );
        assert_eq!(
            access_of(&template(
                "        - Statement:\n            - Effect: Allow\n              Action: dynamodb:*\n              Resource: '*'\n"
            )),
            Some(Access::ReadWrite)
        );
        assert_eq!(
            access_of(&template(
                "        - Statement:\n            - Effect: Allow\n              Action: dynamodb:Get*\n              Resource: '*'\n"
            )),
            Some(Access::ReadOnly)
        );
        assert!(glob("put*", "putitem"));
        assert!(!glob("get*", "putitem"));
        assert!(glob("?etitem", "getitem"));
    }

    #[test]
    fn refs_read_short_and_long_intrinsics() {
        let value: Value = serde_yaml::from_str(
            "[!Ref A, !GetAtt B.Arn, !Sub '${C.Arn}/index/${AWS::Region}/${!Literal}', {'Fn::GetAtt': [D, Arn]}, {Ref: E}]",
        )
        .expect("yaml");
        assert_eq!(refs(&value), ["A", "B", "C", "D", "E"]);
    }

    #[test]
    fn an_invalid_template_says_why() {
        assert!(picture("Resources: [").is_err());
        assert_eq!(
            picture("Outputs: {}"),
            Err("has no `Resources` mapping".into())
        );
    }
}
