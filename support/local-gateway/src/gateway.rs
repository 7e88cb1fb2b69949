//! The gateway itself: the template's routes, each to its function.

use std::collections::{BTreeMap, HashMap};
use std::path::Path as FilePath;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, get};
use axum::{Json, Router};
use library::adapters::http::dispatcher::{AuthorCrud, UserCrud};
use library::adapters::http::openapi;
use library::adapters::lambda::FunctionService;
use library::core::Operation;
use library::{App, Table, router_for};
use plumbing::Rejection;
use serde_json::json;

use crate::approaches::Approach;
use crate::event::{BODY_LIMIT, bad_gateway, proxy_event, response_from_proxy};

/// The header naming the function that served a request.
pub(crate) const FUNCTION_HEADER: &str = "x-lambda-function";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Also serve the author and user CRUD routes (contexts no approach deploys) for requests no
    /// template route matches, so users can be created and looked at.
    pub with_crud: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error(transparent)]
    Template(#[from] sam::TemplateError),
    #[error("{method} {path} goes to `{function}`, which {approach} does not have")]
    UnknownFunction {
        approach: &'static str,
        method: String,
        path: String,
        function: String,
    },
    #[error("{method} {path} (to `{function}`) has a method API Gateway does not know")]
    UnknownMethod {
        method: String,
        path: String,
        function: String,
    },
}

/// One route of the template, as the gateway serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: String,
    pub path: String,
    /// The function's logical id.
    pub function: &'static str,
    /// The operation the library serves there, if any.
    pub operation: Option<Operation>,
}

/// What a template route calls: one function, with what API Gateway knows about the route.
#[derive(Clone)]
struct Target {
    function: &'static str,
    service: FunctionService,
    resource: Arc<str>,
    stage: Arc<str>,
    requests: Arc<AtomicU64>,
}

/// The gateway for `approach` on `app`'s storage, and the routes it serves (for a start-up
/// banner). Trailing slashes are for the server to tolerate (`plumbing::http::serve` does).
pub fn router(
    approach: &Approach,
    app: &App<Table>,
    options: Options,
) -> Result<(Router, Vec<Route>), GatewayError> {
    let template = sam::Template::load(FilePath::new(approach.template))?;
    let stage: Arc<str> = template
        .parameter_default("Stage")
        .unwrap_or_else(|| "dev".to_owned())
        .into();
    let requests = Arc::new(AtomicU64::new(0));
    let mut routes = Vec::new();
    let mut by_path: BTreeMap<String, MethodRouter> = BTreeMap::new();
    // One handler per function, as one Lambda function serves all its routes.
    let mut services: BTreeMap<&'static str, FunctionService> = BTreeMap::new();
    for route in template.routes() {
        let Some(function) = approach.function(&route.function) else {
            return Err(GatewayError::UnknownFunction {
                approach: approach.name,
                method: route.method,
                path: route.path,
                function: route.function,
            });
        };
        let filter = Method::from_bytes(route.method.as_bytes())
            .ok()
            .and_then(|method| MethodFilter::try_from(method).ok())
            .ok_or_else(|| GatewayError::UnknownMethod {
                method: route.method.clone(),
                path: route.path.clone(),
                function: route.function.clone(),
            })?;
        let target = Target {
            function: function.name(),
            service: services
                .entry(function.name())
                .or_insert_with(|| function.on_dynamodb(app.clone()))
                .clone(),
            resource: route.path.as_str().into(),
            stage: Arc::clone(&stage),
            requests: Arc::clone(&requests),
        };
        let handler = move |parameters: Result<Path<HashMap<String, String>>, PathRejection>,
                            request: Request| {
            let target = target.clone();
            async move { target.forward(parameters, request).await }
        };
        let methods = by_path.remove(&route.path).unwrap_or_default();
        by_path.insert(route.path.clone(), methods.on(filter, handler));
        routes.push(Route {
            operation: sam::operation_at(&route.method, &route.path),
            method: route.method,
            path: route.path,
            function: function.name(),
        });
    }

    let mut served: Vec<Operation> = routes.iter().filter_map(|r| r.operation).collect();
    let others: Vec<Operation> = Operation::ALL
        .into_iter()
        .filter(|operation| !served.contains(operation))
        .collect();
    if options.with_crud {
        served.extend(&others);
    }
    let document = openapi::document(&served);
    let version = json!({"message": format!("API v{}", document.info.version)});

    let mut gateway = Router::new();
    for (path, methods) in by_path {
        gateway = gateway.route(&path, methods);
    }
    // Describing the API is the gateway's own doing; a template that routes these paths wins.
    // Each answer is shared, not owned, by its handler: axum clones a handler for every request.
    let document = serde_json::to_value(&document).unwrap_or_default();
    for (path, answer) in [("/", version), ("/openapi.json", document)] {
        if !routes.iter().any(|route| route.path == path) {
            let answer = Arc::new(answer);
            gateway = gateway.route(
                path,
                get(move || async move { Json(&*answer).into_response() }),
            );
        }
    }
    gateway = gateway.method_not_allowed_fallback(|| async { Rejection::MethodNotAllowed });
    let gateway = if options.with_crud {
        // What no approach deploys: the other contexts' CRUD.
        gateway.fallback_service(router_for::<(AuthorCrud, UserCrud), _>(app.clone()))
    } else {
        gateway.fallback(|| async { Rejection::NoRoute })
    };
    Ok((gateway, routes))
}

impl Target {
    /// Sends the request to the function as API Gateway would, and its answer back.
    async fn forward(
        self,
        parameters: Result<Path<HashMap<String, String>>, PathRejection>,
        request: Request,
    ) -> Response {
        let started = Instant::now();
        let (parts, body) = request.into_parts();
        let Ok(Path(parameters)) = parameters else {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"message": "Path parameters must be UTF-8 once decoded"})),
            )
                .into_response();
        };
        // An event is JSON, so it holds only UTF-8 header values; HTTP allows other bytes.
        if parts
            .headers
            .values()
            .any(|value| std::str::from_utf8(value.as_bytes()).is_err())
        {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"message": "Header values must be UTF-8"})),
            )
                .into_response();
        }
        let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                Json(json!({"message": "Request Too Long"})),
            )
                .into_response();
        };
        let number = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let request_id = format!("local-{number:08}");
        let event = proxy_event(
            &parts,
            &body,
            &self.resource,
            parameters,
            &self.stage,
            &request_id,
        );
        let answer = match serde_json::to_string(&event) {
            Ok(event) => lambda_harness::invoke(self.service, &event).await.ok(),
            Err(_) => None,
        };
        let mut response = answer.map_or_else(bad_gateway, response_from_proxy);
        response
            .headers_mut()
            .insert(FUNCTION_HEADER, HeaderValue::from_static(self.function));
        tracing::info!(
            "{} {} -> {}: {} in {} ms ({request_id})",
            parts.method,
            parts.uri,
            self.function,
            response.status().as_u16(),
            started.elapsed().as_millis()
        );
        response
    }
}
