//! The API contract, written once and run against every implementation.
//!
//! Each case is an `async fn(&Api)` that talks real HTTP to a base URL. A step's test crate
//! spawns its app (on port 0, against a fresh embedded DynamoDB) and expands one of the suite
//! macros, which turns every case into its own `#[tokio::test]`:
//!
//! ```ignore
//! async fn spawn() -> contract::Running { /* start engine + app, return its URL */ }
//! contract::crud_suite!(spawn);
//! ```
//!
//! The task-based steps keep `author_suite!` and `user_suite!` and add `tasks_suite!`.
//!
//! Every request made through [`Api`] also checks the rules that hold for every answer: never a
//! 5xx, and always a JSON body with a JSON content type.

mod api;
pub mod crud;
pub mod graphql;
pub mod stored;
pub mod tasks;

pub use api::{Api, Reply, Running};
use scenario::openapi::Document;

/// The OpenAPI document the app under test serves, ready to say which requests it describes.
async fn document(api: &Api) -> Document {
    Document::new(api.get("/openapi.json").await.expect(200).body)
        .unwrap_or_else(|e| panic!("the document loads: {e}"))
}

/// The field names of a JSON object, in the order the answer has them (none for anything else):
/// the cases check that an answer has exactly its fields, in order.
fn field_names(value: &serde_json::Value) -> Vec<String> {
    value
        .as_object()
        .map(|object| object.keys().cloned().collect())
        .unwrap_or_default()
}

/// Expands the cases of `$suite` (a module of this crate: `crud`, `tasks`) into one
/// `#[tokio::test]` each, grouped in modules, each spawning a fresh app with `$spawn`.
#[doc(hidden)]
#[macro_export]
macro_rules! __cases {
    ($spawn:path; $suite:ident; $($module:ident :: { $($case:ident),* $(,)? }),* $(,)?) => {
        $(
            mod $module {
                $(
                    #[tokio::test]
                    async fn $case() {
                        let running = $spawn().await;
                        $crate::$suite::$module::$case(&running.api).await;
                    }
                )*
            }
        )*
    };
}

/// The CRUD API of steps 00 to 04: authors, books, rentals and users, plus the rules every route
/// shares (errors as JSON, body limit, unknown routes, pagination).
#[macro_export]
macro_rules! crud_suite {
    ($spawn:path) => {
        $crate::author_suite!($spawn);
        // Plain CRUD: the status is a field like any other.
        $crate::user_suite!($spawn; update_user_status);
        $crate::__cases!($spawn; crud;
            book::{
                create_validation, create_book, list_books, list_books_by_author, get_book,
                get_book_wrong_author, update_book, list_books_by_status, update_book_partially,
                update_unknown_book, update_book_without_fields, delete_book, delete_unknown_book,
                list_books_after_delete_is_empty, id_validation_messages, status_validation,
                status_filter_ignores_case_and_trailing_slash,
            },
            rental::{
                create_rental, list_rentals, list_rentals_by_user, get_rental,
                get_unknown_rental, update_rental, update_rental_partially, update_unknown_rental,
                update_rental_without_fields, delete_rental, delete_unknown_rental,
                list_rentals_after_delete_is_empty, create_rental_twice_conflicts,
                id_validation_messages, status_validation, comment_may_be_cleared,
            },
        );
    };
}

/// Author CRUD: part of the CRUD steps, and kept by the task-based steps (another context).
#[macro_export]
macro_rules! author_suite {
    ($spawn:path) => {
        $crate::__cases!($spawn; crud;
            author::{
                create_validation, create_author, list_authors, get_author, get_unknown_author,
                update_author, update_author_partially, update_unknown_author,
                update_author_without_fields, delete_author, delete_unknown_author,
                list_authors_after_delete_is_empty, validation_messages, birthdate_formats,
                pagination_across_pages, pagination_parameters_are_checked,
            },
            http::{
                malformed_json, non_object_json, wrong_field_types, empty_body,
                oversized_body, unknown_route, wrong_method, root_answers_version,
            },
        );
    };
}

/// User CRUD: part of the CRUD steps, and kept by the task-based steps (another context), where
/// only the tasks change a status (`tasks::crud_rules`).
#[macro_export]
macro_rules! user_suite {
    ($spawn:path) => {
        $crate::user_suite!($spawn;);
    };
    ($spawn:path; $($extra:ident),*) => {
        $crate::__cases!($spawn; crud;
            user::{
                create_validation, create_user, list_users, get_user, get_unknown_user,
                update_user, update_user_partially, update_unknown_user,
                update_user_without_fields, delete_user, delete_unknown_user,
                list_users_after_delete_is_empty, validation_messages, status_validation,
                $($extra),*
            },
        );
    };
}

/// The task-based Book Management API (step 05 on): the three commands and three queries, every
/// rule and every refusal, bad input on every route, and concurrent borrowing.
#[macro_export]
macro_rules! tasks_suite {
    ($spawn:path) => {
        $crate::__cases!($spawn; tasks;
            add_new_book::{
                adds_a_book_with_a_new_author, adds_a_book_for_a_known_author,
                unknown_author_is_not_found, validation_messages, client_ids_are_ignored,
            },
            borrow_book::{
                borrows_an_available_book, unknown_book_is_not_found,
                unknown_user_is_not_found, lent_book_is_not_available,
                missing_book_is_not_available, validation_messages,
            },
            crud_rules::{
                status_changes_only_through_the_tasks, a_user_who_holds_books_stays,
                an_author_with_books_stays,
            },
            report_missing_book::{
                reports_a_missing_book, unknown_book_is_not_found, unknown_user_is_not_found,
                only_the_borrower_can_report, a_book_goes_missing_once,
                reported_user_cannot_borrow_again, validation_messages,
            },
            queries::{
                books_of_an_author, books_a_user_holds, only_missing_books,
                status_is_required_in_any_case, unknown_parameters_are_refused,
                queries_page_like_the_lists,
            },
            requests::{
                malformed_json, non_object_bodies, empty_bodies, wrong_field_types,
                invalid_ids, oversized_bodies, book_and_rental_crud_routes_are_gone,
                wrong_methods, root_and_openapi,
            },
        );

        mod concurrency {
            /// Many threads, so the borrows really race.
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn concurrent_borrows_have_one_winner() {
                let running = $spawn().await;
                $crate::tasks::borrow_book::concurrent_borrows_have_one_winner(&running.api).await;
            }
        }
    };
}

/// The task queries through the GraphQL adapter (step 15 on): `$spawn` gives an app whose `api`
/// sends them there ([`Api::with_queries_over_graphql`]). The cases about the routes' own
/// parameters (`status`, unknown ones) have no GraphQL form: the schema is their check.
#[macro_export]
macro_rules! graphql_suite {
    ($spawn:path) => {
        $crate::__cases!($spawn; tasks;
            queries::{
                books_of_an_author, books_a_user_holds, only_missing_books,
                queries_page_like_the_lists,
            },
        );
    };
}

/// What the API does with items it did not write: one that does not fit the model is skipped by
/// a listing and refused on its own, never a 500 (steps on DynamoDB; `$spawn` gives the table).
/// The task-based steps add `a_page_ends_where_the_storage_page_does`.
#[macro_export]
macro_rules! stored_suite {
    ($spawn:path $(; $extra:ident)*) => {
        $crate::stored_suite!(@cases $spawn; an_unreadable_item_is_skipped_or_refused $(, $extra)*);
    };
    (@cases $spawn:path; $($extra:ident),*) => {
        mod stored {
            $(
                #[tokio::test]
                async fn $extra() {
                    let running = $spawn().await;
                    let db = running.db.as_ref().expect("the app's table");
                    $crate::stored::$extra(&running.api, db).await;
                }
            )*
        }
    };
}

/// The commands sent with an `Idempotency-Key` (step 06 on, where a command's writes are one
/// transaction the receipt can join): a retry answers the first result and changes nothing.
#[macro_export]
macro_rules! idempotency_suite {
    ($spawn:path) => {
        $crate::__cases!($spawn; tasks;
            idempotency::{
                a_retried_add_answers_the_same_book, a_retried_borrow_changes_nothing,
                a_retried_report_changes_nothing, a_key_names_one_request,
                a_malformed_key_is_refused,
            },
        );
    };
}
