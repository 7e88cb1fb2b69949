//! The other triggers' resources (approach 05): a function fed by an SQS queue, and a function
//! behind AppSync's resolvers. What the code relies on, checked against the template: the
//! consumer reports partial batch failures and its queue ends in a dead-letter queue; each field
//! of the library's schema has a direct Lambda resolver on the resolver function, whose data
//! source may do nothing but invoke it, and the schema deployed is the generated file.

use std::collections::BTreeSet;

use library::adapters::graphql::FIELDS;
use library::adapters::queue::COMMANDS;
use library::core::Operation;
use serde_yaml::Value;

use crate::check::Function;
use crate::template::{FunctionResource, Template, expression, statement};

pub const QUEUE_TYPE: &str = "AWS::SQS::Queue";
pub const GRAPHQL_API_TYPE: &str = "AWS::AppSync::GraphQLApi";
const SCHEMA_TYPE: &str = "AWS::AppSync::GraphQLSchema";
const DATA_SOURCE_TYPE: &str = "AWS::AppSync::DataSource";
const RESOLVER_TYPE: &str = "AWS::AppSync::Resolver";

/// The file the schema resource deploys: the library's SDL, which the approach's tests compare.
pub const SCHEMA_FILE: &str = "schema.graphql";

/// What Lambda hands a queue consumer at most, and what the consumer is written for.
const MAX_BATCH: u64 = 10;

/// The queries the schema's fields answer, in the schema's order.
pub(crate) fn schema_operations() -> Vec<Operation> {
    FIELDS.iter().map(|(_, operation)| *operation).collect()
}

/// The `${Name.Attribute}` of an expression, as `(Name, Attribute)`.
fn reference(expression: &str) -> Option<(&str, &str)> {
    expression
        .strip_prefix("${")?
        .strip_suffix('}')?
        .split_once('.')
}

fn number(value: Option<&Value>) -> Option<u64> {
    value.and_then(expression)?.parse().ok()
}

/// `function` serves exactly the queue's commands, from one SQS event with partial batch
/// responses, on a queue that moves a message to a dead-letter queue after some deliveries, and
/// hides a message from other consumers for six times the function's timeout (AWS's advice).
pub fn check_queue(
    template: &Template,
    resources: &[FunctionResource],
    function: &Function,
    problems: &mut Vec<String>,
) {
    let name = function.name;
    let mut complain = |what: String| problems.push(format!("function `{name}`: {what}"));
    if function.operations != COMMANDS {
        complain(format!(
            "serves {:?}, the queue carries {COMMANDS:?}",
            function.operations
        ));
    }
    let events = template.get(&["Resources", name, "Properties", "Events"]);
    let sqs: Vec<&Value> = events
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .map(|(_, event)| event)
        .filter(|event| event.get("Type").and_then(expression).as_deref() == Some("SQS"))
        .collect();
    let [event] = sqs.as_slice() else {
        return complain(format!("expected one SQS event, found {}", sqs.len()));
    };
    let property = |key: &str| event.get("Properties").and_then(|p| p.get(key));
    let partial = property("FunctionResponseTypes")
        .and_then(Value::as_sequence)
        .is_some_and(|types| {
            types
                .iter()
                .any(|t| t.as_str() == Some("ReportBatchItemFailures"))
        });
    if !partial {
        complain("its SQS event must set FunctionResponseTypes: [ReportBatchItemFailures]".into());
    }
    if number(property("BatchSize")).is_none_or(|size| size > MAX_BATCH) {
        complain(format!(
            "its SQS event's BatchSize must be set, at most {MAX_BATCH}"
        ));
    }
    let queue = property("Queue").and_then(expression).unwrap_or_default();
    let Some((queue, "Arn")) = reference(&queue) else {
        return complain(format!(
            "its SQS event's Queue must be !GetAtt <queue>.Arn, not {queue:?}"
        ));
    };
    let queue_property = |key: &str| template.get(&["Resources", queue, "Properties", key]);
    if template
        .get(&["Resources", queue, "Type"])
        .and_then(expression)
        .as_deref()
        != Some(QUEUE_TYPE)
    {
        return complain(format!("`{queue}` is not an {QUEUE_TYPE}"));
    }
    let redrive = queue_property("RedrivePolicy");
    let dead_letters = redrive
        .and_then(|r| r.get("deadLetterTargetArn"))
        .and_then(expression)
        .unwrap_or_default();
    match reference(&dead_letters) {
        Some((target, "Arn"))
            if target != queue
                && template
                    .resources(QUEUE_TYPE)
                    .iter()
                    .any(|(n, _)| n == target) => {}
        _ => complain(format!(
            "queue `{queue}` must redrive to a dead-letter queue (!GetAtt <queue>.Arn)"
        )),
    }
    if number(redrive.and_then(|r| r.get("maxReceiveCount"))).is_none_or(|count| count == 0) {
        complain(format!(
            "queue `{queue}`: its RedrivePolicy must set a maxReceiveCount"
        ));
    }
    let timeout = resources
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| number(f.properties.get("Timeout")));
    let visibility = number(queue_property("VisibilityTimeout"));
    if let Some(timeout) = timeout
        && visibility.is_none_or(|v| v < 6 * timeout)
    {
        complain(format!(
            "queue `{queue}`: VisibilityTimeout must be at least six times the timeout ({})",
            6 * timeout
        ));
    }
}

/// `function` serves exactly the schema's queries, through one Lambda data source that may only
/// invoke it, with a direct resolver (no mapping template, no code) for each field of the
/// library's schema and none for any other; the API deploys the generated schema file.
pub fn check_graphql(template: &Template, function: &Function, problems: &mut Vec<String>) {
    let name = function.name;
    let mut complain = |what: String| problems.push(format!("function `{name}`: {what}"));
    let queries = schema_operations();
    if function.operations != queries {
        complain(format!(
            "serves {:?}, the schema's fields are {queries:?}",
            function.operations
        ));
    }
    let apis = template.resources(GRAPHQL_API_TYPE);
    let [(api, _)] = apis.as_slice() else {
        return complain(format!(
            "expected one {GRAPHQL_API_TYPE}, found {}",
            apis.len()
        ));
    };
    let api_id = format!("${{{api}.ApiId}}");
    let of_api = |resource: &Value| {
        resource
            .get("Properties")
            .and_then(|p| p.get("ApiId"))
            .and_then(expression)
            == Some(api_id.clone())
    };
    let schema_file = template
        .resources(SCHEMA_TYPE)
        .into_iter()
        .find(|(_, r)| of_api(r))
        .and_then(|(_, r)| {
            r.get("Properties")?
                .get("DefinitionS3Location")
                .and_then(expression)
        });
    if schema_file.as_deref() != Some(SCHEMA_FILE) {
        complain(format!(
            "the API `{api}` must deploy its schema from {SCHEMA_FILE}"
        ));
    }
    let arn = format!("${{{name}.Arn}}");
    let sources: Vec<(String, &Value)> = template
        .resources(DATA_SOURCE_TYPE)
        .into_iter()
        .filter(|(_, source)| {
            let config = source.get("Properties").and_then(|p| p.get("LambdaConfig"));
            config
                .and_then(|c| c.get("LambdaFunctionArn"))
                .and_then(expression)
                == Some(arn.clone())
        })
        .collect();
    let [(source, properties)] = sources.as_slice() else {
        return complain(format!(
            "expected one AppSync data source on it, found {}",
            sources.len()
        ));
    };
    let property = |key: &str| properties.get("Properties").and_then(|p| p.get(key));
    if property("Type").and_then(expression).as_deref() != Some("AWS_LAMBDA") || !of_api(properties)
    {
        complain(format!(
            "data source `{source}` must be AWS_LAMBDA on `{api}`"
        ));
    }
    check_data_source_role(template, source, property("ServiceRoleArn"), &arn, problems);

    check_resolvers(template, source, problems);
}

/// A direct Lambda resolver (`UNIT`, no template, no code) on `source` for each field of the
/// library's schema, and none for any other field.
fn check_resolvers(template: &Template, source: &str, problems: &mut Vec<String>) {
    let source_name = format!("${{{source}.Name}}");
    let mut resolved = BTreeSet::new();
    for (resolver, resource) in template.resources(RESOLVER_TYPE) {
        let property = |key: &str| resource.get("Properties").and_then(|p| p.get(key));
        if property("DataSourceName").and_then(expression) != Some(source_name.clone()) {
            continue;
        }
        let field = (
            property("TypeName")
                .and_then(expression)
                .unwrap_or_default(),
            property("FieldName")
                .and_then(expression)
                .unwrap_or_default(),
        );
        let direct = [
            "RequestMappingTemplate",
            "ResponseMappingTemplate",
            "Code",
            "CodeS3Location",
            "Runtime",
        ]
        .iter()
        .all(|key| property(key).is_none())
            && property("Kind")
                .and_then(expression)
                .is_none_or(|kind| kind == "UNIT");
        if !direct {
            problems.push(format!(
                "resolver `{resolver}` must be a direct Lambda resolver: UNIT, no template, no code"
            ));
        }
        if !FIELDS
            .iter()
            .any(|(f, _)| field.0 == "Query" && field.1 == *f)
        {
            problems.push(format!(
                "resolver `{resolver}` resolves {}.{}, no field of the schema",
                field.0, field.1
            ));
        }
        resolved.insert(field.1);
    }
    for (field, _) in FIELDS {
        if !resolved.contains(field) {
            problems.push(format!("no resolver sends Query.{field} to `{source}`"));
        }
    }
}

/// The data source's role, which AppSync assumes: `lambda:InvokeFunction` on the function, and
/// nothing else.
fn check_data_source_role(
    template: &Template,
    source: &str,
    role: Option<&Value>,
    function_arn: &str,
    problems: &mut Vec<String>,
) {
    let role = role.and_then(expression).unwrap_or_default();
    let Some((role, "Arn")) = reference(&role) else {
        return problems.push(format!(
            "data source `{source}`: ServiceRoleArn must be !GetAtt <role>.Arn"
        ));
    };
    let documents = template
        .get(&["Resources", role, "Properties", "Policies"])
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|policy| policy.get("PolicyDocument")?.get("Statement"));
    let statements: Vec<_> = documents
        .flat_map(|found| match found {
            Value::Sequence(items) => items.iter().map(statement).collect(),
            single => vec![statement(single)],
        })
        .collect();
    let only_invoke = statements.iter().all(|s| {
        s.effect == "Allow"
            && s.actions == ["lambda:InvokeFunction"]
            && s.resources == [function_arn]
    });
    if statements.is_empty() || !only_invoke {
        problems.push(format!(
            "role `{role}` of data source `{source}` may only lambda:InvokeFunction on {function_arn}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use library::adapters::graphql::Resolver;
    use library::adapters::queue::Consumer;

    use super::*;
    use crate::check::{Binary, check_triggers};

    /// A real template to break in small ways: approach 05's.
    const TEMPLATE: &str =
        include_str!("../../../deployments/approach-05-other-triggers/template.yaml");

    fn functions() -> (Function, Function) {
        let consumer = Function::consumer(&Consumer {
            name: "CommandConsumer",
            binary: "approach-05-command-consumer",
        });
        let resolver = Function::resolver(&Resolver {
            name: "QueryResolver",
            binary: "approach-05-query-resolver",
        });
        (consumer, resolver)
    }

    fn binaries() -> Vec<Binary> {
        let (consumer, resolver) = functions();
        [consumer, resolver]
            .map(|function| Binary {
                name: function.binary.to_owned(),
                source: format!("{}.run()", crate::check::constant_name(function.name)),
            })
            .to_vec()
    }

    fn problems(template: &str) -> Vec<String> {
        let template = Template::parse(template).expect("YAML");
        let (consumer, resolver) = functions();
        check_triggers(&template, &[consumer], &[resolver], &binaries())
    }

    #[test]
    fn the_approach_05_template_passes() {
        assert_eq!(problems(TEMPLATE), Vec::<String>::new());
    }

    /// The template with `from` written as `to` has a problem naming each of `named`.
    #[track_caller]
    fn broken(from: &str, to: &str, named: &[&str]) {
        assert!(TEMPLATE.contains(from), "{from:?} is not in the template");
        let found = problems(&TEMPLATE.replacen(from, to, 1));
        for name in named {
            assert!(
                found.iter().any(|p| p.contains(name)),
                "{name:?} in {found:?}"
            );
        }
    }

    #[test]
    fn a_consumer_must_report_partial_failures_into_a_dead_letter_queue() {
        broken(
            "- ReportBatchItemFailures",
            "- Nothing",
            &["ReportBatchItemFailures"],
        );
        broken(
            "deadLetterTargetArn: !GetAtt CommandDeadLetterQueue.Arn",
            "deadLetterTargetArn: !GetAtt CommandQueue.Arn",
            &["dead-letter queue"],
        );
        broken(
            "VisibilityTimeout: 90",
            "VisibilityTimeout: 30",
            &["VisibilityTimeout"],
        );
        broken("BatchSize: 10", "BatchSize: 100", &["BatchSize"]);
    }

    #[test]
    fn each_field_needs_a_direct_resolver_and_nothing_more() {
        broken(
            "FieldName: getMissingBooks",
            "FieldName: getEverything",
            &[
                "Query.getEverything",
                "no resolver sends Query.getMissingBooks",
            ],
        );
        broken("Kind: UNIT", "Kind: PIPELINE", &["direct Lambda resolver"]);
        broken(
            "DefinitionS3Location: schema.graphql",
            "DefinitionS3Location: other.graphql",
            &["schema.graphql"],
        );
    }

    #[test]
    fn the_data_source_may_only_invoke_the_resolver() {
        broken(
            "Action: lambda:InvokeFunction",
            "Action: lambda:*",
            &["may only lambda:InvokeFunction"],
        );
    }

    #[test]
    fn the_resolver_only_reads_and_the_consumer_serves_the_commands() {
        let template = Template::parse(TEMPLATE).expect("YAML");
        let (mut consumer, mut resolver) = functions();
        consumer.operations.pop();
        resolver.operations.push(Operation::BorrowBook);
        let found = check_triggers(&template, &[consumer], &[resolver], &binaries());
        assert!(
            found.iter().any(|p| p.contains("the queue carries")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("the schema's fields are")),
            "{found:?}"
        );
        broken(
            "                - dynamodb:DeleteItem\n",
            "",
            &["lacks dynamodb:DeleteItem"],
        );
    }
}
