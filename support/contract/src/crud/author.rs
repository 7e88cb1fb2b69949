use serde_json::json;

use super::{author_fixture, fake_id, validation};
use crate::Api;

pub async fn create_validation(api: &Api) {
    api.post("/author", &json!({})).await.expect_error(
        400,
        &validation("Field `name` is required and should be a non-empty string"),
    );
}

pub async fn create_author(api: &Api) {
    let reply = api.post("/author", &author_fixture()).await.expect(200);
    assert_eq!(reply.field("name"), "John Doe");
    assert_eq!(reply.field("birthdate"), "1975-02-15T10:10:00.000Z");
    assert_eq!(reply.field("id").len(), 27);
    let keys = crate::field_names(&reply.body);
    assert_eq!(
        keys,
        ["id", "name", "birthdate"],
        "exactly the author's fields, in order"
    );
}

pub async fn list_authors(api: &Api) {
    let id = super::create_author(api).await;
    let reply = api.get("/author").await.expect(200);
    assert_eq!(reply.items().len(), 1);
    assert_eq!(
        reply.items()[0],
        json!({"id": id, "name": "John Doe", "birthdate": "1975-02-15T10:10:00.000Z"})
    );
}

pub async fn get_author(api: &Api) {
    let id = super::create_author(api).await;
    let reply = api.get(&format!("/author/{id}")).await.expect(200);
    assert_eq!(
        reply.body,
        json!({"id": id, "name": "John Doe", "birthdate": "1975-02-15T10:10:00.000Z"})
    );
}

pub async fn get_unknown_author(api: &Api) {
    super::create_author(api).await;
    api.get(&format!("/author/{}", fake_id()))
        .await
        .expect_error(404, "Entity Not Found: Author");
}

pub async fn update_author(api: &Api) {
    let id = super::create_author(api).await;
    let reply = api
        .put(
            &format!("/author/{id}"),
            &json!({"name": "Jane Doe", "birthdate": "1980-02-16T11:11:11.000Z"}),
        )
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"id": id, "name": "Jane Doe", "birthdate": "1980-02-16T11:11:11.000Z"})
    );
}

pub async fn update_author_partially(api: &Api) {
    let id = super::create_author(api).await;
    let path = format!("/author/{id}");
    api.put(
        &path,
        &json!({"name": "Jane Doe", "birthdate": "1980-02-16T11:11:11.000Z"}),
    )
    .await
    .expect(200);
    let reply = api
        .put(&path, &json!({"name": "Jane Doe"}))
        .await
        .expect(200);
    assert_eq!(reply.field("birthdate"), "1980-02-16T11:11:11.000Z");
    assert_eq!(
        api.get(&path).await.expect(200).field("birthdate"),
        "1980-02-16T11:11:11.000Z"
    );
}

pub async fn update_unknown_author(api: &Api) {
    api.put(
        &format!("/author/{}", fake_id()),
        &json!({"name": "John Test"}),
    )
    .await
    .expect_error(404, "Entity Not Found: Author");
    assert!(
        api.get("/author").await.expect(200).items().is_empty(),
        "an update never creates"
    );
}

/// Nothing to update is refused, and the document says so: a null leaves its field as it is, and
/// a field the author does not have is no field.
pub async fn update_author_without_fields(api: &Api) {
    let mut document = crate::document(api).await;
    let id = super::create_author(api).await;
    let path = format!("/author/{id}");
    for body in [json!({}), json!({"name": null}), json!({"nickname": "Jo"})] {
        assert!(
            !document.admits_body("put", "/author/{id}", &body),
            "{body}"
        );
        api.put(&path, &body)
            .await
            .expect_error(400, &validation("No Fields To Update"));
    }
    let body = json!({"name": null, "birthdate": "1980-01-01"});
    assert!(document.admits_body("put", "/author/{id}", &body));
    let reply = api.put(&path, &body).await.expect(200);
    assert_eq!(reply.field("name"), "John Doe");
}

pub async fn delete_author(api: &Api) {
    let id = super::create_author(api).await;
    let reply = api.delete(&format!("/author/{id}")).await.expect(200);
    assert_eq!(reply.body, json!({"id": id}));
    api.get(&format!("/author/{id}")).await.expect(404);
}

pub async fn delete_unknown_author(api: &Api) {
    api.delete(&format!("/author/{}", fake_id()))
        .await
        .expect_error(404, "Entity Not Found: Author");
}

pub async fn list_authors_after_delete_is_empty(api: &Api) {
    let id = super::create_author(api).await;
    api.delete(&format!("/author/{id}")).await.expect(200);
    assert!(api.get("/author").await.expect(200).items().is_empty());
}

/// Every validation message of the author routes, in the order the checks run.
pub async fn validation_messages(api: &Api) {
    let cases = [
        (
            json!({"birthdate": "1975-02-15"}),
            "Field `name` is required and should be a non-empty string",
        ),
        (
            json!({"name": "", "birthdate": "1975-02-15"}),
            "Field `name` is required and should be a non-empty string",
        ),
        (json!({"name": "Ann"}), "Field `birthdate` is required"),
        (
            json!({"name": "Ann", "birthdate": ""}),
            "Field `birthdate` is required",
        ),
        (
            json!({"name": "Ann", "birthdate": "15/02/1975"}),
            "Field `birthdate` must convert to date and time",
        ),
        // Text is bounded, so every answer is (a page of 1000 stays under Lambda's 6 MB).
        (
            json!({"name": "é".repeat(257), "birthdate": "1975-02-15"}),
            "Field `name` must be at most 256 characters",
        ),
    ];
    for (body, message) in cases {
        api.post("/author", &body)
            .await
            .expect_error(400, &validation(message));
    }
    let invalid_id = validation("The provided ID must be a valid KSUID");
    for bad in [
        "abc",
        "2Yd89pQbgTAtJeRmhmmMnFIAs4",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "2Yd89pQbgTAtJeRmhmmMnFIAs4!",
    ] {
        let path = format!("/author/{bad}");
        api.get(&path).await.expect_error(400, &invalid_id);
        api.put(&path, &json!({"name": "Ann"}))
            .await
            .expect_error(400, &invalid_id);
        api.delete(&path).await.expect_error(400, &invalid_id);
    }
    let id = super::create_author(api).await;
    let path = format!("/author/{id}");
    api.put(&path, &json!({"birthdate": "yesterday"}))
        .await
        .expect_error(
            400,
            &validation("Field `birthdate` must convert to date and time"),
        );
    api.put(&path, &json!({"name": ""})).await.expect_error(
        400,
        &validation("Field `name` should be a non-empty string"),
    );
    api.put(&path, &json!({"name": 42}))
        .await
        .expect_error(400, &validation("Field `name` must be a string"));
    api.put(&path, &json!({"name": "é".repeat(257)}))
        .await
        .expect_error(
            400,
            &validation("Field `name` must be at most 256 characters"),
        );
    assert_eq!(
        api.get(&path).await.expect(200).field("name"),
        "John Doe",
        "refused updates change nothing"
    );
    assert_eq!(
        api.get("/author").await.expect(200).items().len(),
        1,
        "refused creates store nothing"
    );
    let longest = json!({"name": "é".repeat(256), "birthdate": "1975-02-15"});
    api.post("/author", &longest).await.expect(200);
}

/// RFC 3339 with any offset and bare dates are accepted and answered as UTC with milliseconds.
/// The dates a client may send: exactly those the document's pattern describes.
pub async fn birthdate_formats(api: &Api) {
    let mut document = crate::document(api).await;
    let author = |birthdate: &str| json!({"name": "Ann", "birthdate": birthdate});
    let cases = [
        ("1975-02-15", "1975-02-15T00:00:00.000Z"),
        ("1975-02-15T10:10:00+02:00", "1975-02-15T08:10:00.000Z"),
        ("1975-02-15T10:10:00.5Z", "1975-02-15T10:10:00.500Z"),
        ("2024-02-29", "2024-02-29T00:00:00.000Z"),
        ("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999Z"),
        ("0001-01-02T00:30:00+01:00", "0001-01-01T23:30:00.000Z"),
    ];
    for (given, stored) in cases {
        assert!(
            document.admits_body("post", "/author", &author(given)),
            "{given}"
        );
        let reply = api.post("/author", &author(given)).await.expect(200);
        assert_eq!(reply.field("birthdate"), stored, "birthdate {given}");
    }
    let invalid = validation("Field `birthdate` must convert to date and time");
    for given in [
        "2023-02-29",
        "1975-04-31",
        "0001-01-01T12:00:00+01:00",
        "1975-02-15 10:10:00Z",
        "1975-02-15T10:10Z",
        "15/02/1975",
    ] {
        assert!(
            !document.admits_body("post", "/author", &author(given)),
            "{given}"
        );
        api.post("/author", &author(given))
            .await
            .expect_error(400, &invalid);
    }
}

/// `pageSize` pages, `x-next-token` continues, `sortOrder=descending` reverses.
pub async fn pagination_across_pages(api: &Api) {
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(super::create_author(api).await);
    }
    created.sort();

    let mut seen = Vec::new();
    let mut path = "/author?pageSize=2".to_owned();
    let mut pages = 0;
    loop {
        let reply = api.get(&path).await.expect(200);
        pages += 1;
        assert!(
            reply.items().len() <= 2,
            "page over pageSize: {}",
            reply.body
        );
        seen.extend(
            reply
                .items()
                .iter()
                .filter_map(|a| a["id"].as_str().map(str::to_owned)),
        );
        match reply.header("x-next-token") {
            Some(token) => path = format!("/author?pageSize=2&next={token}"),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(seen, created, "every author exactly once, ascending by id");
    assert!(pages >= 3);

    let reply = api.get("/author?sortOrder=descending").await.expect(200);
    let descending: Vec<_> = reply
        .items()
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect();
    created.reverse();
    assert_eq!(descending, created);
    assert_eq!(
        reply.header("x-next-token"),
        None,
        "everything fits in the default page"
    );
}

pub async fn pagination_parameters_are_checked(api: &Api) {
    super::create_author(api).await;
    let mut document = crate::document(api).await;
    for query in [
        "pageSize=0",
        "pageSize=1001",
        "pageSize=-1",
        "pageSize=10abc",
        "sortOrder=sideways",
        "next=garbage",
        "next=e30",
        "next=41",
        "next=41.4A",
        "next=4.41",
    ] {
        let (name, value) = query.split_once('=').unwrap_or_default();
        assert!(
            !document.admits_query("get", "/author", name, value),
            "{query}"
        );
        let reply = api.get(&format!("/author?{query}")).await.expect(400);
        assert!(
            reply.message().starts_with("Validation Error: '"),
            "{query}: {}",
            reply.message()
        );
    }
    // A token is a place, not a ticket: one of another listing, or one nobody issued, answers the
    // page after it.
    super::create_author(api).await;
    let token = api
        .get("/author?pageSize=1")
        .await
        .expect(200)
        .header("x-next-token");
    let token = token.unwrap_or_else(|| panic!("two authors and pageSize=1 leave a next page"));
    assert!(document.admits_query("get", "/author", "next", &token));
    api.get(&format!("/book?status=MISSING&next={token}"))
        .await
        .expect(200);
    let first = api.get("/author").await.expect(200).body;
    // Hex for "\0" sorts before every key, and for the byte 0xff (read as U+FFFD) after every one.
    let before_all = api.get("/author?next=00.00").await.expect(200);
    assert_eq!(before_all.body, first);
    let after_all = api.get("/author?next=ff.ff").await.expect(200);
    assert_eq!(after_all.body, json!([]));
    assert_eq!(after_all.header("x-next-token"), None);
    let descending = api
        .get("/author?sortOrder=descending&next=ff.ff")
        .await
        .expect(200);
    assert_eq!(descending.items().len(), 2);
}
