//! Scripted walk-throughs of the API, written as data, and the runner that plays them over HTTP.
//!
//! A [`Scenario`] is a list of requests: a method, a path template and an optional JSON body
//! template, where `{name}` placeholders are filled with values captured from earlier answers
//! (`authorId` from `/id` of the create-author answer, for example). Running one against a base
//! URL gives the [`Exchange`]s, request and answer, which the steps snapshot as their transcript
//! and `cargo xtask demo` prints.
//!
//! Two scenarios tell the talk's story: [`CRUD`] for the CRUD API of steps 00 to 04, [`TASKS`]
//! for the task-based API of steps 05 to 14. [`for_step`] says which one a step uses. Two more
//! try the same APIs on the sample library a seeded table holds ([`SAMPLE_CRUD`],
//! [`SAMPLE_TASKS`], by [`sample_for_step`]): what `cargo xtask serve` prints to try.
//!
//! [`openapi::validate`] checks that a step's OpenAPI document is valid OpenAPI 3.1.

mod crud;
pub mod openapi;
mod run;
mod sample;
mod tasks;
mod template;

pub use crud::CRUD;
pub use run::{Answer, Error, Exchange, Sent, requests, run, run_each};
pub use sample::{SAMPLE_CRUD, SAMPLE_TASKS};
pub use tasks::TASKS;

/// A scripted walk-through of an API.
#[derive(Debug)]
pub struct Scenario {
    pub name: &'static str,
    /// One line on what the walk-through shows.
    pub summary: &'static str,
    /// Values known before the first request (the sample library's ids), by placeholder name.
    pub given: &'static [(&'static str, &'static str)],
    pub steps: &'static [Step],
}

/// One request of a scenario.
#[derive(Debug)]
pub struct Step {
    /// What the request does, in the talk's words ("borrow the book").
    pub title: &'static str,
    pub method: Method,
    /// The path and query, with `{name}` placeholders (`/book/{bookId}/borrow`).
    pub path: &'static str,
    /// A JSON body whose strings may hold `{name}` placeholders; `None` sends no body.
    pub body: Option<&'static str>,
    /// The status the API answers when it does what its README says.
    pub expect: u16,
    /// Values to remember from the answer: a name and a JSON pointer into the body.
    pub capture: &'static [(&'static str, &'static str)],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// The first request of both walk-throughs: authors are CRUD in every step.
const CREATE_AN_AUTHOR: Step = Step {
    title: "create an author",
    method: Method::Post,
    path: "/author",
    body: Some(r#"{"name": "Ann Leckie", "birthdate": "1966-03-02"}"#),
    expect: 200,
    capture: &[("authorId", "/id")],
};

/// The second request of both walk-throughs: users are CRUD in every step.
const CREATE_A_USER: Step = Step {
    title: "create a user",
    method: Method::Post,
    path: "/user",
    body: Some(r#"{"name": "James Doe", "email": "jd@example.com"}"#),
    expect: 200,
    capture: &[("userId", "/id")],
};

/// Every scenario.
pub const ALL: [&Scenario; 4] = [&CRUD, &TASKS, &SAMPLE_CRUD, &SAMPLE_TASKS];

/// Which API a step has, from its name (`step-05-task-based-api`, or the crate name
/// `step_05_task_based_api`): steps 00 to 04 the CRUD one, steps 05 to 14 the task-based one.
fn is_task_based(name: &str) -> Option<bool> {
    let rest = name
        .strip_prefix("step-")
        .or_else(|| name.strip_prefix("step_"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>().ok()? {
        0..=4 => Some(false),
        _ => Some(true),
    }
}

/// The walk-through of a step, from its name.
pub fn for_step(name: &str) -> Option<&'static Scenario> {
    is_task_based(name).map(|tasks| if tasks { &TASKS } else { &CRUD })
}

/// What to try on a step whose table holds the sample library, from its name.
pub fn sample_for_step(name: &str) -> Option<&'static Scenario> {
    is_task_based(name).map(|tasks| if tasks { &SAMPLE_TASKS } else { &SAMPLE_CRUD })
}

/// The scenario called `name` (`crud`, `tasks`).
pub fn named(name: &str) -> Option<&'static Scenario> {
    ALL.into_iter().find(|scenario| scenario.name == name)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn steps_00_to_04_walk_the_crud_api_and_the_later_ones_the_tasks() {
        let name = |step| for_step(step).map(|scenario| scenario.name);
        assert_eq!(name("step-00-crud"), Some("crud"));
        assert_eq!(name("step_01_repositories"), Some("crud"));
        assert_eq!(name("step-04-book-management-tasks"), Some("crud"));
        assert_eq!(name("step-05-task-based-api"), Some("tasks"));
        assert_eq!(name("step_14_lambda_adapter"), Some("tasks"));
        assert_eq!(name("step-15-other-triggers"), Some("tasks"));
        assert_eq!(name("approach-00-monolithic-dispatcher"), None);
        assert_eq!(name("step-"), None);
        let sample = |step| sample_for_step(step).map(|scenario| scenario.name);
        assert_eq!(sample("step-04-book-management-tasks"), Some("sample-crud"));
        assert_eq!(sample("step-05-task-based-api"), Some("sample-tasks"));
        assert_eq!(sample("approach-00"), None);
        assert_eq!(named("tasks").map(|s| s.name), Some("tasks"));
        assert!(named("nothing").is_none());
    }

    #[test]
    fn the_sample_requests_carry_the_sample_ids() {
        let sent = requests(&SAMPLE_TASKS).expect("nothing to capture");
        let borrow = &sent[1];
        assert_eq!(
            (borrow.method, borrow.path.as_str()),
            ("POST", "/book/2Yd7vFcSkFQDzu1LSDybhCXV1wj/borrow")
        );
        assert_eq!(
            borrow.body,
            Some(serde_json::json!({"userId": "2Yd89Ain8o95ISdO9xxYK1xxLUO"}))
        );
        assert_eq!(requests(&SAMPLE_CRUD).map(|sent| sent.len()).ok(), Some(5));
        assert!(
            requests(&CRUD).is_err(),
            "the walk-through captures its ids"
        );
    }

    /// Every placeholder is captured by an earlier request, every body is JSON, every capture is
    /// a JSON pointer, and every title is unique (the demo and the transcripts name requests by it).
    #[test]
    fn every_scenario_is_well_formed() {
        for scenario in ALL {
            let mut bound: BTreeSet<&str> = scenario.given.iter().map(|(name, _)| *name).collect();
            let mut titles = BTreeSet::new();
            for step in scenario.steps {
                let context = format!("{} / {}", scenario.name, step.title);
                assert!(titles.insert(step.title), "{context}: duplicate title");
                assert!(step.path.starts_with('/'), "{context}");
                let mut used = template::placeholders(step.path);
                if let Some(body) = step.body {
                    let json: serde_json::Value = serde_json::from_str(body)
                        .unwrap_or_else(|e| panic!("{context}: body is not JSON: {e}"));
                    used.extend(template::placeholders(&json.to_string()));
                }
                for name in used {
                    assert!(
                        bound.contains(name.as_str()),
                        "{context}: `{{{name}}}` unbound"
                    );
                }
                for (name, pointer) in step.capture {
                    assert!(pointer.starts_with('/'), "{context}: {pointer}");
                    bound.insert(*name);
                }
            }
        }
    }
}
