//! API Gateway's REST API events in, proxy integration responses out, converted as
//! `lambda_http::run` converts them but without its panics.
//!
//! `lambda_http` builds the request with `expect`: a `Host` or `X-Forwarded-Proto` header that
//! makes no URL, or a body flagged `isBase64Encoded` that is not base64, panics. Under the runtime
//! that is an invocation error, which API Gateway answers with a 502, for input a client chose.
//! [`refusal`] finds those first, and [`answer`] refuses them with a JSON 400 instead. The Lambda
//! runtime's own panic guard stays behind it for anything else.

use std::convert::Infallible;

use axum::http::header::HOST;
use axum::http::{HeaderName, HeaderValue, Uri};
use base64::Engine as _;
use lambda_http::aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayProxyResponse};
use lambda_http::request::LambdaRequest;
use lambda_http::{Body, Context, LambdaEvent, RequestExt as _, Service};
use tower::ServiceExt as _;

use crate::Rejection;

/// What a function serves: an HTTP request (with the event's context) to an answer.
pub trait Handler:
    Service<
        lambda_http::Request,
        Response = axum::response::Response,
        Error = Infallible,
        Future: Send,
    > + Clone
    + Send
    + 'static
{
}

impl<S> Handler for S where
    S: Service<
            lambda_http::Request,
            Response = axum::response::Response,
            Error = Infallible,
            Future: Send,
        > + Clone
        + Send
        + 'static
{
}

/// The runtime's handler for `service`, to give `lambda_runtime::run`: each event answered by
/// [`answer`]. An event that is no API Gateway event at all stays an invocation error.
pub fn handler<S: Handler>(
    service: S,
) -> impl Service<
    LambdaEvent<LambdaRequest>,
    Response = ApiGatewayProxyResponse,
    Error = lambda_http::Error,
    Future: Send,
> {
    lambda_http::service_fn(move |event: LambdaEvent<LambdaRequest>| {
        let service = service.clone();
        async move { Ok(answer(service, event.payload, Some(event.context)).await) }
    })
}

/// `event` served by `service`, and the proxy integration's response API Gateway reads.
/// `context` is the invocation's, when there is one (the runtime's; not a local gateway's).
pub async fn answer<S: Handler>(
    service: S,
    event: LambdaRequest,
    context: Option<Context>,
) -> ApiGatewayProxyResponse {
    if let LambdaRequest::ApiGatewayV1(event) = &event
        && let Some(rejection) = refusal(event)
    {
        tracing::warn!(%rejection, "event refused before conversion");
        return proxy(axum::response::IntoResponse::into_response(rejection)).await;
    }
    let mut request: lambda_http::Request = event.into();
    if let Some(context) = context {
        // What `lambda_http`'s adapter adds: the trace id, and the context for handlers.
        if let Some(trace) = context.xray_trace_id.as_deref()
            && let Ok(value) = HeaderValue::from_str(trace)
        {
            request
                .headers_mut()
                .entry(HeaderName::from_static("x-amzn-trace-id"))
                .or_insert(value);
        }
        request = request.with_lambda_context(context);
    }
    let response = service
        .oneshot(request)
        .await
        .unwrap_or_else(|never| match never {});
    proxy(response).await
}

/// The proxy response for `response`, as `lambda_http` writes it for REST APIs: every header in
/// the multi-value map and none in the other (API Gateway would merge the two into duplicates),
/// a binary body in base64.
async fn proxy(response: axum::response::Response) -> ApiGatewayProxyResponse {
    let (parts, body) = lambda_http::IntoResponse::into_response(response)
        .await
        .into_parts();
    let mut proxy = ApiGatewayProxyResponse::default();
    proxy.status_code = i64::from(parts.status.as_u16());
    proxy.multi_value_headers = parts.headers;
    (proxy.body, proxy.is_base64_encoded) = match body {
        Body::Empty => (None, false),
        Body::Binary(bytes) => (Some(Body::Binary(bytes)), true),
        text => (Some(text), false),
    };
    proxy
}

/// Why `lambda_http` could not turn `event` into a request, if it could not: the checks mirror
/// its conversion (`into_proxy_request`) step by step.
pub fn refusal(event: &ApiGatewayProxyRequest) -> Option<Rejection> {
    if event.is_base64_encoded
        && let Some(body) = event.body.as_deref()
        && base64::engine::general_purpose::STANDARD
            .decode(body)
            .is_err()
    {
        return Some(Rejection::invalid(
            "Request body is flagged as base64 but is not base64",
        ));
    }
    let host = event
        .headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .or(event.request_context.domain_name.as_deref());
    let scheme = event
        .headers
        .get("x-forwarded-proto")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("https");
    let path = path_with_stage(event);
    let url = match host {
        Some(host) => {
            url::Url::parse(&format!("{scheme}://{host}{path}")).map(|url| url.to_string())
        }
        None => {
            url::Url::parse(&format!("http://localhost{path}")).map(|url| url.path().to_owned())
        }
    };
    let Ok(mut url) = url else {
        return Some(Rejection::invalid(
            "Headers `Host` and `X-Forwarded-Proto` must make a URL with the request's path",
        ));
    };
    let query = if event.multi_value_query_string_parameters.is_empty() {
        &event.query_string_parameters
    } else {
        &event.multi_value_query_string_parameters
    };
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.to_query_string());
    }
    if url.parse::<Uri>().is_err() {
        return Some(Rejection::invalid(
            "Headers `Host` and `X-Forwarded-Proto` must make a URL with the request's path",
        ));
    }
    None
}

/// The path as `lambda_http` builds it: the stage in front unless told not to, or already there.
fn path_with_stage(event: &ApiGatewayProxyRequest) -> String {
    let path = event.path.clone().unwrap_or_default();
    if std::env::var("AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH").is_ok() {
        return path;
    }
    match event.request_context.stage.as_deref() {
        None | Some("$default") => path,
        Some(stage) if path.starts_with(&format!("/{stage}/")) => path,
        Some(stage) => format!("/{stage}{path}"),
    }
}
