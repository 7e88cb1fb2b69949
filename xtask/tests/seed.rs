//! `cargo xtask db seed` against a real (embedded) DynamoDB: counts, and idempotence.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{AttributeValue, Select};
use embedded_dynamodb::sample::{JAMES_DOE, JOHN_DOE};
use embedded_dynamodb::{Engine, TableNames};
use xtask::counts;
use xtask::seed::{self, SeedReport};

/// Items per `type`, counted by a plain scan (independent of `counts::per_type`).
async fn scanned_types(client: &Client) -> Vec<(String, usize)> {
    let scan = client
        .scan()
        .table_name(embedded_dynamodb::table::TABLE_NAME)
        .send()
        .await
        .expect("scan");
    let mut types = std::collections::BTreeMap::<String, usize>::new();
    for item in scan.items() {
        let entity_type = item["type"].as_s().expect("type is a string").clone();
        *types.entry(entity_type).or_default() += 1;
    }
    types.into_iter().collect()
}

#[tokio::test]
async fn seeds_authors_books_and_users_but_no_rentals() {
    let engine = Engine::with_table().await.expect("engine");
    let client = engine.client();
    let names = TableNames::default();

    let report = seed::seed(&client, &names).await.expect("seed");
    assert_eq!(
        report,
        SeedReport {
            new: seed::ITEM_COUNT,
            existing: 0
        }
    );

    let expected = [("Author", 3), ("Book", 5), ("User", 2)];
    let expected: Vec<(String, usize)> = expected
        .iter()
        .map(|(t, n)| ((*t).to_owned(), *n))
        .collect();
    assert_eq!(scanned_types(&client).await, expected);

    let per_type = counts::per_type(&client, &names).await.expect("count");
    let per_type: Vec<_> = per_type.into_iter().collect();
    assert_eq!(
        per_type,
        [("Author", 3), ("Book", 5), ("Rental", 0), ("User", 2)]
    );
    assert_eq!(counts::total(&client, &names).await.expect("total"), 10);
}

#[tokio::test]
async fn seeding_again_adds_nothing_and_keeps_user_changes() {
    let engine = Engine::with_table().await.expect("engine");
    let client = engine.client();
    let names = TableNames::default();
    seed::seed(&client, &names).await.expect("first seed");

    let james = format!("User#{JAMES_DOE}");
    let key = |item: &str| {
        [
            ("resourceId".to_owned(), AttributeValue::S(item.to_owned())),
            (
                "subResourceId".to_owned(),
                AttributeValue::S(item.to_owned()),
            ),
        ]
        .into_iter()
        .collect::<std::collections::HashMap<_, _>>()
    };
    client
        .update_item()
        .table_name(&names.table)
        .set_key(Some(key(&james)))
        .update_expression("SET #status = :suspended")
        .expression_attribute_names("#status", "status")
        .expression_attribute_values(":suspended", AttributeValue::S("SUSPENDED".into()))
        .send()
        .await
        .expect("a user change");
    let john_doe = format!("Author#{JOHN_DOE}");
    client
        .delete_item()
        .table_name(&names.table)
        .set_key(Some(key(&john_doe)))
        .send()
        .await
        .expect("a deletion");

    let report = seed::seed(&client, &names).await.expect("second seed");
    assert_eq!(
        report,
        SeedReport {
            new: 1,
            existing: seed::ITEM_COUNT - 1
        },
        "only the deleted author comes back"
    );
    let total = client
        .scan()
        .table_name(&names.table)
        .select(Select::Count)
        .send()
        .await
        .expect("count");
    assert_eq!(usize::try_from(total.count()).ok(), Some(seed::ITEM_COUNT));

    let user = client
        .get_item()
        .table_name(&names.table)
        .set_key(Some(key(&james)))
        .send()
        .await
        .expect("get user");
    let status = user
        .item()
        .and_then(|item| item.get("status"))
        .and_then(|s| s.as_s().ok());
    assert_eq!(
        status.map(String::as_str),
        Some("SUSPENDED"),
        "re-seeding keeps changes"
    );

    let again = seed::seed(&client, &names).await.expect("third seed");
    assert_eq!(
        again,
        SeedReport {
            new: 0,
            existing: seed::ITEM_COUNT
        }
    );
}

#[tokio::test]
async fn seeding_without_a_table_fails_clearly() {
    let engine = Engine::in_memory().await.expect("engine");
    let error = seed::seed(&engine.client(), &TableNames::default())
        .await
        .expect_err("no table");
    let message = format!("{error:#}");
    assert!(message.starts_with("putting Author Author#"), "{message}");
    assert!(message.contains("ResourceNotFound"), "{message}");
}
