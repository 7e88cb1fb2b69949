//! One invocation in process, through `lambda_http`'s own conversions both ways.

use lambda_http::aws_lambda_events::apigw::ApiGatewayProxyResponse;
use lambda_http::{Body, IntoResponse as _};
use library::adapters::lambda::FunctionService;
use tower::ServiceExt as _;

#[derive(Debug, thiserror::Error)]
pub enum InvokeError {
    /// What `lambda_http` says of a payload that is no API Gateway, ALB or function URL event.
    #[error("not an API Gateway REST API event: {0}")]
    Event(#[from] serde_json::Error),
}

/// Invokes `function` with `event` (the JSON Lambda would receive): `lambda_http` converts it into
/// a request exactly as `lambda_http::run` does, the function serves it, and the answer comes
/// back as the proxy integration's response API Gateway would read.
///
/// `lambda_http` panics on a body flagged `isBase64Encoded` that is not base64; API Gateway never
/// sends one, and neither does the local gateway.
pub async fn invoke(
    function: FunctionService,
    event: &str,
) -> Result<ApiGatewayProxyResponse, InvokeError> {
    let request = lambda_http::request::from_str(event)?;
    let response = function
        .oneshot(request)
        .await
        .unwrap_or_else(|never| match never {});
    let (parts, body) = response.into_response().await.into_parts();
    let mut proxy = ApiGatewayProxyResponse::default();
    proxy.status_code = i64::from(parts.status.as_u16());
    // As `lambda_http` does for REST APIs: every header in the multi-value map, none in the other,
    // which API Gateway would merge into duplicates.
    proxy.multi_value_headers = parts.headers;
    (proxy.body, proxy.is_base64_encoded) = match body {
        Body::Empty => (None, false),
        Body::Binary(bytes) => (Some(Body::Binary(bytes)), true),
        text => (Some(text), false),
    };
    Ok(proxy)
}
