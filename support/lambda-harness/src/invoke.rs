//! One invocation in process, through `lambda_http`'s own conversions both ways.

use lambda_http::aws_lambda_events::apigw::ApiGatewayProxyResponse;
use lambda_http::request::LambdaRequest;
use library::adapters::lambda::FunctionService;
use plumbing::api_gateway;

#[derive(Debug, thiserror::Error)]
pub enum InvokeError {
    /// What `lambda_http` says of a payload that is no API Gateway, ALB or function URL event.
    #[error("not an API Gateway REST API event: {0}")]
    Event(#[from] serde_json::Error),
}

/// Invokes `function` with `event` (the JSON Lambda would receive), converted both ways as the
/// shipped functions convert it (`plumbing::api_gateway`): the proxy integration's response API
/// Gateway would read.
pub async fn invoke(
    function: FunctionService,
    event: &str,
) -> Result<ApiGatewayProxyResponse, InvokeError> {
    let event: LambdaRequest = serde_json::from_str(event)?;
    Ok(api_gateway::answer(function, event, None).await)
}
