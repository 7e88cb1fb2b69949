//! The checks: an approach's template against its function table, its binaries, the library's
//! routes and the one table definition. Every disagreement is one line in the answer, so one run
//! lists everything to fix.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use embedded_dynamodb::table::{
    self, BILLING_MODE, INDEXES, Index, KEY_ATTRIBUTES, PARTITION_KEY, SORT_KEY, TABLE_NAME,
};
use library::adapters::graphql::Resolver;
use library::adapters::http::dispatcher::{BookManagement, Endpoints as _};
use library::adapters::lambda::{Deployed, IGNORE_STAGE_IN_PATH};
use library::adapters::queue::{COMMANDS, Consumer};
use library::core::{Kind, Operation};
use plumbing::dynamodb::receipt;
use serde_yaml::Value;

use crate::operations::operation_routes;
use crate::template::{API_TYPE, FunctionResource, TABLE_TYPE, Template, expression};
use crate::triggers;

/// What every function of every approach runs on (DESIGN: Rust on `provided.al2023`, arm64).
const FUNCTION_PROPERTIES: [(&str, &str); 6] = [
    ("Runtime", "provided.al2023"),
    ("Handler", "bootstrap"),
    ("Timeout", "15"),
    ("MemorySize", "128"),
    ("Tracing", "Active"),
    ("Architectures", "arm64"),
];
const BUILD_METHOD: &str = "rust-cargolambda";

/// What the DynamoDB adapter calls to read: `DescribeTable` once at a cold start, `GetItem` and
/// `Query`. Every function may read.
pub const READ_ACTIONS: [&str; 3] = [
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:DescribeTable",
];

/// What `operation` writes, as IAM names it: a command's one `TransactWriteItems` needs the
/// permission of each kind of item action inside it (the adapter's `book_management.rs`), a CRUD
/// write the one call it makes. The `iam` test of `lambda-harness` holds this table to the
/// requests each operation really sends.
pub fn write_actions(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::AddNewBook => &["dynamodb:PutItem", "dynamodb:ConditionCheckItem"],
        Operation::BorrowBook => &[
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:ConditionCheckItem",
        ],
        // The receipt of a command sent with an `Idempotency-Key` is one more new item.
        Operation::ReportMissingBook => &[
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
        ],
        Operation::CreateAuthor | Operation::CreateUser => &["dynamodb:PutItem"],
        Operation::UpdateAuthor | Operation::UpdateUser => &["dynamodb:UpdateItem"],
        Operation::DeleteAuthor | Operation::DeleteUser => &["dynamodb:DeleteItem"],
        Operation::GetBooksByAuthor
        | Operation::GetBorrowedBooksForUser
        | Operation::GetMissingBooks
        | Operation::ListAuthors
        | Operation::GetAuthor
        | Operation::ListUsers
        | Operation::GetUser => &[],
    }
}

/// Whether some operation writes with `action`.
fn is_write_action(action: &str) -> bool {
    Operation::ALL
        .iter()
        .any(|operation| write_actions(*operation).contains(&action))
}

/// A function of the approach's table, as the checks read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: &'static str,
    pub binary: &'static str,
    pub operations: Vec<Operation>,
}

impl Function {
    pub fn of(function: &dyn Deployed) -> Self {
        Self {
            name: function.name(),
            binary: function.binary(),
            operations: function.operations(),
        }
    }

    /// A function a queue feeds ([`check_triggers`]): it serves the commands a message may carry.
    pub fn consumer(function: &Consumer) -> Self {
        Self {
            name: function.name,
            binary: function.binary,
            operations: COMMANDS.to_vec(),
        }
    }

    /// A function behind a GraphQL API's resolvers: it serves the schema's fields.
    pub fn resolver(function: &Resolver) -> Self {
        Self {
            name: function.name,
            binary: function.binary,
            operations: triggers::schema_operations(),
        }
    }

    pub fn serves(&self, operation: Operation) -> bool {
        self.operations.contains(&operation)
    }
}

/// A binary of the approach: its name (the file stem in `src/bin/`) and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    pub name: String,
    pub source: String,
}

/// Checks the approach in `dir` (its `template.yaml` and `src/bin/`) against `functions`.
pub fn check_approach(dir: &Path, functions: &[Function]) -> Vec<String> {
    match load(dir) {
        Ok((template, binaries)) => check(&template, functions, &binaries),
        Err(problem) => vec![problem],
    }
}

/// The approach in `dir`: its `template.yaml` and the binaries in `src/bin/`.
fn load(dir: &Path) -> Result<(Template, Vec<Binary>), String> {
    let template = Template::load(&dir.join("template.yaml")).map_err(|e| e.to_string())?;
    let binaries = binaries(&dir.join("src").join("bin"))
        .map_err(|e| format!("cannot list the binaries in {}: {e}", dir.display()))?;
    Ok((template, binaries))
}

/// Fails a test with every problem, one a line.
#[track_caller]
fn assert_no_problems(dir: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{dir}: the template, the binaries and the function table disagree:\n- {}",
        problems.join("\n- ")
    );
}

/// [`check_approach`] as a test assertion listing every problem.
#[track_caller]
pub fn assert_approach(dir: &str, functions: &[&dyn Deployed]) {
    let functions: Vec<Function> = functions.iter().map(|f| Function::of(*f)).collect();
    assert_no_problems(dir, &check_approach(Path::new(dir), &functions));
}

/// The `.rs` files of `dir`.
fn binaries(dir: &Path) -> std::io::Result<Vec<Binary>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "rs")
            && let Some(name) = path.file_stem().and_then(|s| s.to_str())
        {
            found.push(Binary {
                name: name.to_owned(),
                source: std::fs::read_to_string(&path)?,
            });
        }
    }
    Ok(found)
}

/// Every disagreement between `template`, `functions` and `binaries`.
pub fn check(template: &Template, functions: &[Function], binaries: &[Binary]) -> Vec<String> {
    let mut problems = Vec::new();
    let resources = template.functions();
    check_functions(&resources, functions, &mut problems);
    check_binaries(functions, binaries, &mut problems);
    let api = single(template, API_TYPE, &mut problems);
    check_routes(template, functions, api.as_deref(), &mut problems);
    let table = check_table(template, &mut problems);
    if let Some(api) = &api {
        check_api(template, api, &mut problems);
    }
    check_logs(template, &resources, &mut problems);
    if let Some(table) = &table {
        check_access(&resources, functions, table, &mut problems);
    }
    problems
}

/// [`check`] for approach 05, whose functions other triggers call: `queue` consumes the command
/// queue, `graphql` resolves the GraphQL API's fields. No REST API and no route; the functions,
/// binaries, table, logs, environment and IAM as every approach's, and each trigger's resources
/// ([`crate::triggers`]).
pub fn check_triggers(
    template: &Template,
    queue: &[Function],
    graphql: &[Function],
    binaries: &[Binary],
) -> Vec<String> {
    let functions: Vec<Function> = queue.iter().chain(graphql).cloned().collect();
    let mut problems = Vec::new();
    let resources = template.functions();
    check_functions(&resources, &functions, &mut problems);
    check_binaries(&functions, binaries, &mut problems);
    if !template.resources(API_TYPE).is_empty() || !template.routes().is_empty() {
        problems.push("other triggers only: no REST API, no Api event".to_owned());
    }
    let table = check_table(template, &mut problems);
    check_logs(template, &resources, &mut problems);
    if let Some(table) = &table {
        check_access(&resources, &functions, table, &mut problems);
    }
    for function in queue {
        triggers::check_queue(template, &resources, function, &mut problems);
    }
    for function in graphql {
        triggers::check_graphql(template, function, &mut problems);
    }
    problems
}

/// [`check_triggers`] on the approach in `dir`, as a test assertion listing every problem.
#[track_caller]
pub fn assert_triggers(dir: &str, queue: &[Function], graphql: &[Function]) {
    let problems = match load(Path::new(dir)) {
        Ok((template, binaries)) => check_triggers(&template, queue, graphql, &binaries),
        Err(problem) => vec![problem],
    };
    assert_no_problems(dir, &problems);
}

/// What each function may reach: the environment the code reads, and least-privilege IAM for
/// the operations it serves.
fn check_access(
    resources: &[FunctionResource],
    functions: &[Function],
    table: &Table,
    problems: &mut Vec<String>,
) {
    for resource in resources {
        let operations = functions
            .iter()
            .find(|f| f.name == resource.name)
            .map_or(&[][..], |f| f.operations.as_slice());
        check_environment(resource, table, problems);
        check_permissions(resource, operations, table, problems);
    }
}

/// Every function of the table is a resource built from its binary, and the reverse.
fn check_functions(
    resources: &[FunctionResource],
    functions: &[Function],
    problems: &mut Vec<String>,
) {
    for function in functions {
        let Some(resource) = resources.iter().find(|r| r.name == function.name) else {
            problems.push(format!(
                "function `{}` is not in the template",
                function.name
            ));
            continue;
        };
        if resource.build_method.as_deref() != Some(BUILD_METHOD) {
            problems.push(format!(
                "function `{}`: Metadata BuildMethod must be {BUILD_METHOD}",
                function.name
            ));
        }
        if resource.binary.as_deref() != Some(function.binary) {
            problems.push(format!(
                "function `{}`: Metadata BuildProperties Binary is {:?}, its binary is `{}`",
                function.name, resource.binary, function.binary
            ));
        }
        for (property, expected) in FUNCTION_PROPERTIES {
            let value = resource.properties.get(property);
            let actual = match value {
                Some(Value::Sequence(items)) if items.len() == 1 => expression(&items[0]),
                Some(value) => expression(value),
                None => None,
            };
            if actual.as_deref() != Some(expected) {
                problems.push(format!(
                    "function `{}`: {property} is {actual:?}, expected {expected}",
                    function.name
                ));
            }
        }
    }
    for resource in resources {
        if !functions.iter().any(|f| f.name == resource.name) {
            problems.push(format!(
                "the template declares function `{}`, which the function table does not have",
                resource.name
            ));
        }
    }
}

/// One binary per function, named in the table, and each runs the function of its name (the
/// constant named after the logical id, `COMMANDS_DISPATCHER` for `CommandsDispatcher`).
fn check_binaries(functions: &[Function], binaries: &[Binary], problems: &mut Vec<String>) {
    let mut names = BTreeSet::new();
    for function in functions {
        if !names.insert(function.binary) {
            problems.push(format!(
                "binary `{}` is used by two functions",
                function.binary
            ));
        }
        let Some(binary) = binaries.iter().find(|b| b.name == function.binary) else {
            problems.push(format!(
                "function `{}` has no binary: src/bin/{}.rs is missing",
                function.name, function.binary
            ));
            continue;
        };
        let call = format!("{}.run()", constant_name(function.name));
        if !binary.source.contains(&call) {
            problems.push(format!(
                "src/bin/{}.rs must run function `{}` ({call})",
                binary.name, function.name
            ));
        }
    }
    for binary in binaries {
        if !functions.iter().any(|f| f.binary == binary.name) {
            problems.push(format!(
                "src/bin/{}.rs is the binary of no function in the table",
                binary.name
            ));
        }
    }
}

/// `CommandsDispatcher` is `COMMANDS_DISPATCHER`.
pub(crate) fn constant_name(name: &str) -> String {
    let mut constant = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            constant.push('_');
        }
        constant.push(c.to_ascii_uppercase());
    }
    constant
}

/// Every route reaches a function that serves the operation at that method and path; every
/// Book Management operation is routed exactly once; every operation of a function is routed to
/// it; status queries declare `status` required, and every route is on `api`, the one REST API.
fn check_routes(
    template: &Template,
    functions: &[Function],
    api: Option<&str>,
    problems: &mut Vec<String>,
) {
    let known = operation_routes();
    let api = api.map(|name| format!("${{{name}}}"));
    let mut routed: BTreeMap<Operation, Vec<String>> = BTreeMap::new();
    for route in template.routes() {
        let at = format!("{} {} (event `{}`)", route.method, route.path, route.event);
        let Some(operation) = known
            .iter()
            .find(|k| k.method == route.method && k.path == route.path)
        else {
            problems.push(format!("{at} is no operation of the library"));
            continue;
        };
        routed
            .entry(operation.operation)
            .or_default()
            .push(route.function.clone());
        match functions.iter().find(|f| f.name == route.function) {
            None => problems.push(format!(
                "{at} goes to `{}`, which the function table does not have",
                route.function
            )),
            Some(function) if !function.serves(operation.operation) => problems.push(format!(
                "{at} goes to `{}`, which does not serve {}",
                route.function, operation.operation
            )),
            Some(_) => {}
        }
        if route.rest_api != api {
            problems.push(format!("{at}: RestApiId must be {api:?}"));
        }
        for name in &operation.required_query {
            if !route.required_query.contains(name) {
                problems.push(format!(
                    "{at}: the `{name}` query string parameter must be declared required"
                ));
            }
        }
    }
    for operation in BookManagement::operations() {
        match routed.get(&operation).map(Vec::len) {
            Some(1) => {}
            None => problems.push(format!("no route reaches {operation}")),
            Some(n) => problems.push(format!("{operation} is routed {n} times")),
        }
    }
    for function in functions {
        for &operation in &function.operations {
            let to_it = routed
                .get(&operation)
                .is_some_and(|targets| targets.iter().any(|t| t == function.name));
            if !to_it {
                problems.push(format!(
                    "function `{}` serves {operation}, but no route sends it there",
                    function.name
                ));
            }
        }
    }
}

/// The one resource of `kind`, by logical id.
fn single(template: &Template, kind: &str, problems: &mut Vec<String>) -> Option<String> {
    let found = template.resources(kind);
    if let [(name, _)] = found.as_slice() {
        Some(name.clone())
    } else {
        problems.push(format!(
            "expected one {kind} resource, found {}",
            found.len()
        ));
        None
    }
}

/// The table resource as the checks need it: its logical id and the `IndexName` expression of
/// each of [`INDEXES`] (`${EntityTypeIndexName}`).
struct Table {
    name: String,
    index_names: Vec<(Index, String)>,
}

impl Table {
    fn arn(&self) -> String {
        format!("${{{}.Arn}}", self.name)
    }

    fn index_arn(&self, index_name: &str) -> String {
        format!("{}/index/{index_name}", self.arn())
    }
}

/// The table matches the one definition in `embedded_dynamodb::table`.
/// Whether the table's time to live removes expired idempotency receipts: without it, the table
/// keeps every one forever.
fn expires_receipts(specification: Option<&Value>) -> bool {
    let setting = |name: &str| specification.and_then(|t| t.get(name)).and_then(expression);
    setting("AttributeName").as_deref() == Some(receipt::EXPIRES_AT)
        && setting("Enabled").as_deref() == Some("true")
}

fn check_table(template: &Template, problems: &mut Vec<String>) -> Option<Table> {
    let name = single(template, TABLE_TYPE, problems)?;
    check_keeps_data(template, &name, problems);
    let properties = template.get(&["Resources", &name, "Properties"]);
    let property = |key: &str| properties.and_then(|p| p.get(key));
    let resolved =
        |value: Option<&Value>| value.and_then(expression).map(|e| resolve(template, &e));
    let mut complain = |what: String| problems.push(format!("table `{name}`: {what}"));

    let stack_named = format!("${{AWS::StackName}}-{TABLE_NAME}");
    if resolved(property("TableName")).as_deref() != Some(stack_named.as_str()) {
        complain(format!(
            "TableName must be {stack_named}: named after the stack, so approaches and stages \
             deploy side by side"
        ));
    }
    if resolved(property("BillingMode")).as_deref() != Some(BILLING_MODE) {
        complain(format!("BillingMode must be {BILLING_MODE}"));
    }
    if key_schema(property("KeySchema"))
        != [(PARTITION_KEY, "HASH"), (SORT_KEY, "RANGE")].map(owned)
    {
        complain(format!(
            "KeySchema must be {PARTITION_KEY} HASH, {SORT_KEY} RANGE"
        ));
    }
    let attributes: BTreeSet<(String, String)> = property("AttributeDefinitions")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            Some((
                resolved(a.get("AttributeName"))?,
                resolved(a.get("AttributeType"))?,
            ))
        })
        .collect();
    let expected: BTreeSet<(String, String)> = KEY_ATTRIBUTES
        .iter()
        .map(|a| ((*a).to_owned(), "S".to_owned()))
        .collect();
    if attributes != expected {
        complain(format!(
            "AttributeDefinitions must be {KEY_ATTRIBUTES:?}, all S"
        ));
    }
    let point_in_time = property("PointInTimeRecoverySpecification")
        .and_then(|p| p.get("PointInTimeRecoveryEnabled"))
        .and_then(expression);
    if point_in_time.as_deref() != Some("true") {
        complain("point-in-time recovery must be on".to_owned());
    }
    if !expires_receipts(property("TimeToLiveSpecification")) {
        complain(format!(
            "time to live must be enabled on `{}`",
            receipt::EXPIRES_AT
        ));
    }

    let indexes = property("GlobalSecondaryIndexes")
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    if indexes.len() != INDEXES.len() {
        complain(format!(
            "expected {} global secondary indexes",
            INDEXES.len()
        ));
    }
    let mut index_names = Vec::new();
    for index in INDEXES {
        let found = indexes.iter().find_map(|gsi| {
            let expression = gsi.get("IndexName").and_then(expression)?;
            (resolve(template, &expression) == index.default_name).then_some((gsi, expression))
        });
        let Some((gsi, index_name)) = found else {
            complain(format!("no index named {}", index.default_name));
            continue;
        };
        if key_schema(gsi.get("KeySchema"))
            != [(index.partition_key, "HASH"), (index.sort_key, "RANGE")].map(owned)
        {
            complain(format!(
                "index {}: KeySchema must be {} HASH, {} RANGE",
                index.default_name, index.partition_key, index.sort_key
            ));
        }
        let projection = gsi
            .get("Projection")
            .and_then(|p| p.get("ProjectionType"))
            .and_then(expression);
        if projection.as_deref() != Some("ALL") {
            complain(format!(
                "index {}: projection must be ALL",
                index.default_name
            ));
        }
        index_names.push((index, index_name));
    }
    Some(Table { name, index_names })
}

fn owned((name, kind): (&str, &str)) -> (String, String) {
    (name.to_owned(), kind.to_owned())
}

fn key_schema(value: Option<&Value>) -> Vec<(String, String)> {
    value
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|k| {
            Some((
                expression(k.get("AttributeName")?)?,
                expression(k.get("KeyType")?)?,
            ))
        })
        .collect()
}

/// `${Parameter}` is the parameter's default; anything else stays as it is.
fn resolve(template: &Template, expression: &str) -> String {
    expression
        .strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
        .and_then(|name| template.parameter_default(name))
        .unwrap_or_else(|| expression.to_owned())
}

/// The REST API `api` on the `Stage` parameter, and an output with its URL.
fn check_api(template: &Template, api: &str, problems: &mut Vec<String>) {
    let stage = template
        .get(&["Resources", api, "Properties", "StageName"])
        .and_then(expression);
    if stage.as_deref() != Some("${Stage}") {
        problems.push(format!("API `{api}`: StageName must be !Ref Stage"));
    }
    if template.parameter_default("Stage").is_none() {
        problems.push("the Stage parameter needs a Default".to_owned());
    }
    let url = format!("${{{api}}}.execute-api.${{AWS::Region}}.amazonaws.com/${{Stage}}");
    let outputs = template.get(&["Outputs"]).and_then(Value::as_mapping);
    let has_url = outputs.into_iter().flatten().any(|(_, output)| {
        output
            .get("Value")
            .and_then(expression)
            .is_some_and(|value| value.contains(&url))
    });
    if !has_url {
        problems.push(format!("no output gives the API's URL (https://{url})"));
    }
    check_exposure(template, api, problems);
}

/// Nobody anonymous by default, and no client can flood the functions: the `Auth` parameter
/// picks an API key (the default, with a usage plan), IAM or none; the stage is throttled.
fn check_exposure(template: &Template, api: &str, problems: &mut Vec<String>) {
    let mut complain = |what: &str| problems.push(format!("API `{api}`: {what}"));
    if template.parameter_default("Auth").as_deref() != Some("API_KEY") {
        complain("the Auth parameter must default to API_KEY");
    }
    let auth = |key: &str| template.get(&["Resources", api, "Properties", "Auth", key]);
    if !is_if(auth("ApiKeyRequired"), ["UseApiKey", "true", "false"]) {
        complain("Auth.ApiKeyRequired must be !If [UseApiKey, true, false]");
    }
    if !is_if(
        auth("DefaultAuthorizer"),
        ["UseIam", "AWS_IAM", "${AWS::NoValue}"],
    ) {
        complain("Auth.DefaultAuthorizer must be !If [UseIam, AWS_IAM, !Ref AWS::NoValue]");
    }
    let plans = template.resources("AWS::ApiGateway::UsagePlan");
    let planned = plans.iter().any(|(_, plan)| {
        plan.get("Condition").and_then(Value::as_str) == Some("UseApiKey")
            && plan
                .get("Properties")
                .and_then(|p| p.get("Throttle"))
                .is_some()
    });
    if !planned {
        complain("with Auth API_KEY, a usage plan (Condition: UseApiKey) must throttle the key");
    }
    let settings = template
        .get(&["Resources", api, "Properties", "MethodSettings"])
        .and_then(Value::as_sequence);
    let throttled = settings.into_iter().flatten().any(|setting| {
        setting.get("ResourcePath").and_then(Value::as_str) == Some("/*")
            && setting.get("HttpMethod").and_then(Value::as_str) == Some("*")
            && setting.get("ThrottlingRateLimit").is_some()
            && setting.get("ThrottlingBurstLimit").is_some()
    });
    if !throttled {
        complain("MethodSettings must throttle every method (/*, *: rate and burst limits)");
    }
}

/// Every function's log group is the template's, with a retention, instead of the one Lambda
/// creates on first use and keeps for ever.
fn check_logs(template: &Template, resources: &[FunctionResource], problems: &mut Vec<String>) {
    let groups = template.resources("AWS::Logs::LogGroup");
    for resource in resources {
        let name = format!("/aws/lambda/${{{}}}", resource.name);
        let kept = groups.iter().any(|(_, group)| {
            let property = |key: &str| group.get("Properties").and_then(|p| p.get(key));
            property("LogGroupName").and_then(expression).as_deref() == Some(name.as_str())
                && property("RetentionInDays").is_some()
        });
        if !kept {
            problems.push(format!(
                "function `{}`: no log group {name} with a RetentionInDays",
                resource.name
            ));
        }
    }
}

/// The data outlives the stack unless a sandbox says otherwise (`KeepData: "false"`).
fn check_keeps_data(template: &Template, name: &str, problems: &mut Vec<String>) {
    let resource = |keys: &[&str]| {
        let mut path = vec!["Resources", name];
        path.extend_from_slice(keys);
        template.get(&path).cloned()
    };
    for policy in ["DeletionPolicy", "UpdateReplacePolicy"] {
        if !is_if(
            resource(&[policy]).as_ref(),
            ["KeepData", "Retain", "Delete"],
        ) {
            problems.push(format!(
                "table `{name}`: {policy} must be !If [KeepData, Retain, Delete]"
            ));
        }
    }
    let protection = resource(&["Properties", "DeletionProtectionEnabled"]);
    if !is_if(protection.as_ref(), ["KeepData", "true", "false"]) {
        problems.push(format!(
            "table `{name}`: DeletionProtectionEnabled must be !If [KeepData, true, false]"
        ));
    }
}

/// Whether `value` is `!If [condition, then, otherwise]` with these three expressions.
fn is_if(value: Option<&Value>, expected: [&str; 3]) -> bool {
    let arguments = match value {
        Some(Value::Tagged(tagged)) if tagged.tag.to_string().trim_start_matches('!') == "If" => {
            &tagged.value
        }
        Some(Value::Mapping(mapping)) if mapping.len() == 1 => match mapping.get("Fn::If") {
            Some(arguments) => arguments,
            None => return false,
        },
        _ => return false,
    };
    let Some(items) = arguments.as_sequence() else {
        return false;
    };
    items.len() == 3
        && items
            .iter()
            .zip(expected)
            .all(|(item, expected)| expression(item).as_deref() == Some(expected))
}

/// The variables the code reads, pointing at the right table and indexes.
fn check_environment(resource: &FunctionResource, table: &Table, problems: &mut Vec<String>) {
    let mut expected = vec![
        (
            table::TABLE_NAME_ENV.to_owned(),
            format!("${{{}}}", table.name),
        ),
        (IGNORE_STAGE_IN_PATH.to_owned(), "true".to_owned()),
    ];
    for (index, name) in &table.index_names {
        expected.push((index.name_env.to_owned(), name.clone()));
    }
    for (variable, value) in expected {
        let actual = resource.environment.get(&variable);
        if actual != Some(&value) {
            problems.push(format!(
                "function `{}`: environment variable {variable} is {actual:?}, expected {value}",
                resource.name
            ));
        }
    }
    if resource
        .environment
        .get("RUST_LOG")
        .is_none_or(String::is_empty)
    {
        problems.push(format!(
            "function `{}`: environment variable RUST_LOG is missing",
            resource.name
        ));
    }
}

/// Least privilege: every function may read (`DescribeTable` and `GetItem` on the table, `Query`
/// on the table and its indexes); a function serving commands may also take exactly the item
/// actions its operations write with ([`write_actions`]) on the table; nothing else, nowhere else.
fn check_permissions(
    resource: &FunctionResource,
    operations: &[Operation],
    table: &Table,
    problems: &mut Vec<String>,
) {
    let name = &resource.name;
    for policy in &resource.other_policies {
        problems.push(format!(
            "function `{name}`: policy `{policy}` is not an inline statement, so nothing can check \
             what it allows"
        ));
    }
    let writes = operations.iter().any(|o| o.kind() == Kind::Command);
    let mut needed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut queryable = BTreeSet::from([table.arn()]);
    queryable.extend(table.index_names.iter().map(|(_, n)| table.index_arn(n)));
    needed.insert(READ_ACTIONS[0], BTreeSet::from([table.arn()]));
    needed.insert(READ_ACTIONS[1], queryable);
    needed.insert(READ_ACTIONS[2], BTreeSet::from([table.arn()]));
    for action in operations.iter().flat_map(|o| write_actions(*o)) {
        needed.insert(action, BTreeSet::from([table.arn()]));
    }

    let mut allowed: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for statement in resource.statements.iter().filter(|s| s.effect == "Allow") {
        for action in &statement.actions {
            allowed
                .entry(action)
                .or_default()
                .extend(statement.resources.iter().map(String::as_str));
        }
    }
    for (action, resources) in &allowed {
        let Some(needed_on) = needed.get(action) else {
            let why = if !writes && (is_write_action(action) || action.contains('*')) {
                "it serves only queries, which only read"
            } else if is_write_action(action) {
                "none of its operations writes with it"
            } else {
                "no operation needs it"
            };
            problems.push(format!("function `{name}` may {action}, but {why}"));
            continue;
        };
        for resource in resources {
            if !needed_on.contains(*resource) {
                problems.push(format!(
                    "function `{name}` may {action} on {resource}, beyond what it needs"
                ));
            }
        }
    }
    for (action, resources) in &needed {
        for resource in resources {
            if !allowed
                .get(action)
                .is_some_and(|a| a.contains(resource.as_str()))
            {
                problems.push(format!("function `{name}` lacks {action} on {resource}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real template to break in small ways: approach 01's.
    const TEMPLATE: &str = include_str!(
        "../../../deployments/approach-01-commands-and-queries-dispatchers/template.yaml"
    );

    fn functions() -> [Function; 2] {
        [
            Function {
                name: "CommandsDispatcher",
                binary: "commands",
                operations: vec![
                    Operation::AddNewBook,
                    Operation::BorrowBook,
                    Operation::ReportMissingBook,
                ],
            },
            Function {
                name: "QueriesDispatcher",
                binary: "queries",
                operations: vec![
                    Operation::GetBooksByAuthor,
                    Operation::GetBorrowedBooksForUser,
                    Operation::GetMissingBooks,
                ],
            },
        ]
    }

    fn binaries() -> Vec<Binary> {
        [
            ("commands", "COMMANDS_DISPATCHER"),
            ("queries", "QUERIES_DISPATCHER"),
        ]
        .map(|(name, constant)| Binary {
            name: name.to_owned(),
            source: format!("async fn main() {{ {constant}.run().await }}"),
        })
        .to_vec()
    }

    /// The template's text with its binaries renamed to match the test's function table.
    fn template_text() -> String {
        TEMPLATE
            .replace(
                "Binary: approach-01-commands-dispatcher",
                "Binary: commands",
            )
            .replace("Binary: approach-01-queries-dispatcher", "Binary: queries")
    }

    /// The problems of the template with `edit` applied.
    fn problems_after(edit: impl FnOnce(String) -> String, functions: &[Function]) -> Vec<String> {
        let template = Template::parse(&edit(template_text())).expect("still a template");
        check(&template, functions, &binaries())
    }

    /// `text` with `old` replaced once, after `anchor`.
    fn replace_after(text: &str, anchor: &str, old: &str, new: &str) -> String {
        let start = text.find(anchor).expect("anchor present");
        let at = start + text[start..].find(old).expect("text present after anchor");
        format!("{}{new}{}", &text[..at], &text[at + old.len()..])
    }

    #[track_caller]
    fn assert_reports(problems: &[String], expected: &str) {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "expected a problem containing {expected:?}, got {problems:#?}"
        );
    }

    #[test]
    fn the_approach_01_template_passes() {
        assert_eq!(problems_after(|t| t, &functions()), Vec::<String>::new());
    }

    #[test]
    fn a_query_function_that_may_write_is_reported() {
        let problems = problems_after(
            |t| {
                replace_after(
                    &t,
                    "  QueriesDispatcher:",
                    "Action: dynamodb:GetItem",
                    "Action: [dynamodb:GetItem, dynamodb:PutItem]",
                )
            },
            &functions(),
        );
        assert_eq!(
            problems,
            [
                "function `QueriesDispatcher` may dynamodb:PutItem, but it serves only queries, \
              which only read"
            ]
        );
    }

    #[test]
    fn an_open_unthrottled_api_and_a_table_that_goes_with_the_stack_are_reported() {
        let problems = problems_after(
            |t| {
                t.replace("Default: API_KEY", "Default: NONE")
                    .replace(
                        "ApiKeyRequired: !If [UseApiKey, true, false]",
                        "ApiKeyRequired: false",
                    )
                    .replace(
                        "          ThrottlingBurstLimit: !Ref ThrottlingBurstLimit\n",
                        "",
                    )
                    .replace(
                        "DeletionPolicy: !If [KeepData, Retain, Delete]",
                        "DeletionPolicy: Delete",
                    )
                    .replace(
                        "!Sub \"${AWS::StackName}-library-system-database\"",
                        "library-system-database",
                    )
                    .replace("RetentionInDays: !Ref LogRetentionInDays", "Tags: []")
            },
            &functions(),
        );
        for expected in [
            "the Auth parameter must default to API_KEY",
            "Auth.ApiKeyRequired must be !If [UseApiKey, true, false]",
            "MethodSettings must throttle every method",
            "DeletionPolicy must be !If [KeepData, Retain, Delete]",
            "TableName must be ${AWS::StackName}-library-system-database",
            "function `CommandsDispatcher`: no log group /aws/lambda/${CommandsDispatcher} with a \
             RetentionInDays",
        ] {
            assert_reports(&problems, expected);
        }
    }

    #[test]
    fn a_command_function_allowed_more_than_its_transactions_write_with_is_reported() {
        let mut functions = functions();
        functions[0].operations = vec![Operation::AddNewBook];
        let problems = problems_after(|t| t, &functions);
        for action in ["dynamodb:UpdateItem", "dynamodb:DeleteItem"] {
            assert_reports(
                &problems,
                &format!(
                    "function `CommandsDispatcher` may {action}, but none of its operations \
                     writes with it"
                ),
            );
        }
    }

    #[test]
    fn a_command_function_without_the_write_set_is_reported() {
        let problems = problems_after(
            |t| t.replace("                - dynamodb:ConditionCheckItem\n", ""),
            &functions(),
        );
        assert_eq!(
            problems,
            [
                "function `CommandsDispatcher` lacks dynamodb:ConditionCheckItem on \
              ${LibrarySystemDatabase.Arn}"
            ]
        );
        let problems = problems_after(
            |t| {
                replace_after(
                    &t,
                    "  CommandsDispatcher:",
                    "                - !Sub \"${LibrarySystemDatabase.Arn}/index/${EntityStatusIndexName}\"\n",
                    "",
                )
            },
            &functions(),
        );
        assert_eq!(
            problems,
            ["function `CommandsDispatcher` lacks dynamodb:Query on \
              ${LibrarySystemDatabase.Arn}/index/${EntityStatusIndexName}"]
        );
    }

    #[test]
    fn wildcards_and_unchecked_policies_are_reported() {
        let problems = problems_after(
            |t| {
                replace_after(&t, "  QueriesDispatcher:", "Action: dynamodb:GetItem", "Action: dynamodb:*")
                    .replace(
                        "    Properties:\n      Description: \"The three queries\"\n      Policies:\n",
                        "    Properties:\n      Description: \"The three queries\"\n      Policies:\n        - AmazonDynamoDBFullAccess\n",
                    )
            },
            &functions(),
        );
        assert_reports(&problems, "may dynamodb:*, but it serves only queries");
        assert_reports(
            &problems,
            "policy `AmazonDynamoDBFullAccess` is not an inline statement",
        );
        assert_reports(&problems, "`QueriesDispatcher` lacks dynamodb:GetItem");
    }

    #[test]
    fn a_route_to_a_function_that_does_not_serve_it_is_reported() {
        let functions = [
            Function {
                operations: vec![Operation::AddNewBook, Operation::BorrowBook],
                ..functions()[0].clone()
            },
            Function {
                operations: vec![
                    Operation::ReportMissingBook,
                    Operation::GetBooksByAuthor,
                    Operation::GetBorrowedBooksForUser,
                    Operation::GetMissingBooks,
                ],
                ..functions()[1].clone()
            },
        ];
        let problems = problems_after(|t| t, &functions);
        assert_reports(
            &problems,
            "POST /book/{bookId}/missing (event `ReportBookAsMissingCommand`) goes to \
             `CommandsDispatcher`, which does not serve ReportMissingBook",
        );
        assert_reports(
            &problems,
            "function `QueriesDispatcher` serves ReportMissingBook, but no route sends it there",
        );
    }

    #[test]
    fn routes_that_are_no_operation_or_lose_one_are_reported() {
        let problems = problems_after(
            |t| t.replace("Path: /book/new", "Path: /books/new"),
            &functions(),
        );
        assert_reports(
            &problems,
            "POST /books/new (event `AddNewBookCommand`) is no operation",
        );
        assert_reports(&problems, "no route reaches AddNewBook");
        let problems = problems_after(
            |t| {
                replace_after(
                    &t,
                    "GetMissingBooksQuery:",
                    "Required: true",
                    "Required: false",
                )
            },
            &functions(),
        );
        assert_eq!(
            problems,
            [
                "GET /book (event `GetMissingBooksQuery`): the `status` query string parameter must \
              be declared required"
            ]
        );
    }

    #[test]
    fn functions_and_binaries_must_match_both_ways() {
        let mut with_extra = functions().to_vec();
        with_extra.push(Function {
            name: "Extra",
            binary: "extra",
            operations: vec![],
        });
        let problems = problems_after(|t| t, &with_extra);
        assert_reports(&problems, "function `Extra` is not in the template");
        assert_reports(
            &problems,
            "function `Extra` has no binary: src/bin/extra.rs is missing",
        );

        let problems = problems_after(|t| t, &functions()[..1]);
        assert_reports(
            &problems,
            "the template declares function `QueriesDispatcher`, which the function table does \
             not have",
        );
        assert_reports(&problems, "src/bin/queries.rs is the binary of no function");

        let template = Template::parse(&template_text()).expect("parses");
        let mut swapped = binaries();
        swapped[0].source = swapped[1].source.clone();
        assert_eq!(
            check(&template, &functions(), &swapped),
            [
                "src/bin/commands.rs must run function `CommandsDispatcher` \
              (COMMANDS_DISPATCHER.run())"
            ]
        );
    }

    #[test]
    fn the_table_must_be_the_one_definition() {
        let problems = problems_after(
            |t| {
                t.replace("BillingMode: PAY_PER_REQUEST", "BillingMode: PROVISIONED")
                    .replacen("ProjectionType: ALL", "ProjectionType: KEYS_ONLY", 1)
                    .replace(
                        "PointInTimeRecoveryEnabled: true",
                        "PointInTimeRecoveryEnabled: false",
                    )
                    .replace("AttributeName: expiresAt", "AttributeName: ttl")
                    .replace(
                        "- AttributeName: status\n              KeyType: RANGE",
                        "- AttributeName: subResourceId\n              KeyType: RANGE",
                    )
            },
            &functions(),
        );
        assert_eq!(
            problems,
            [
                "table `LibrarySystemDatabase`: BillingMode must be PAY_PER_REQUEST",
                "table `LibrarySystemDatabase`: point-in-time recovery must be on",
                "table `LibrarySystemDatabase`: time to live must be enabled on `expiresAt`",
                "table `LibrarySystemDatabase`: index entity-type: projection must be ALL",
                "table `LibrarySystemDatabase`: index entity-status: KeySchema must be type HASH, \
                 status RANGE",
            ]
        );
        let problems = problems_after(
            |t| t.replace("Default: entity-status", "Default: by-status"),
            &functions(),
        );
        assert_reports(
            &problems,
            "table `LibrarySystemDatabase`: no index named entity-status",
        );
    }

    #[test]
    fn the_environment_the_code_reads_is_checked() {
        let problems = problems_after(
            |t| {
                t.replace(
                    "        AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH: \"true\"\n",
                    "",
                )
                .replace(
                    "DYNAMODB_ENTITY_TYPE_INDEX_NAME: !Ref EntityTypeIndexName",
                    "DYNAMODB_ENTITY_TYPE_INDEX_NAME: entity-type",
                )
            },
            &functions(),
        );
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert_reports(
            &problems,
            "function `QueriesDispatcher`: environment variable AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH \
             is None, expected true",
        );
        assert_reports(
            &problems,
            "function `CommandsDispatcher`: environment variable DYNAMODB_ENTITY_TYPE_INDEX_NAME is \
             Some(\"entity-type\"), expected ${EntityTypeIndexName}",
        );
    }

    #[test]
    fn runtime_settings_api_and_output_are_checked() {
        let problems = problems_after(
            |t| {
                t.replace("      - arm64\n", "      - x86_64\n")
                    .replace("MemorySize: 128", "MemorySize: 1024")
                    .replace("StageName: !Ref Stage", "StageName: prod")
                    .replace("/${Stage}\"", "\"")
            },
            &functions(),
        );
        for expected in [
            "function `CommandsDispatcher`: Architectures is Some(\"x86_64\"), expected arm64",
            "function `QueriesDispatcher`: MemorySize is Some(\"1024\"), expected 128",
            "API `LibrarySystemAPI`: StageName must be !Ref Stage",
            "no output gives the API's URL",
        ] {
            assert_reports(&problems, expected);
        }
    }

    #[test]
    fn constants_are_named_after_logical_ids() {
        assert_eq!(constant_name("CommandsDispatcher"), "COMMANDS_DISPATCHER");
        assert_eq!(
            constant_name("ReportBookAsMissingCommandHandler"),
            "REPORT_BOOK_AS_MISSING_COMMAND_HANDLER"
        );
    }
}
