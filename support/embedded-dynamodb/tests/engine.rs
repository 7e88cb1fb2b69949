use aws_sdk_dynamodb::types::AttributeValue;
use embedded_dynamodb::table::{self, Outcome, TableNames};
use embedded_dynamodb::{Engine, local_client};

#[tokio::test]
async fn creates_the_library_table_with_both_indexes() {
    let engine = Engine::in_memory().await.expect("engine starts");
    let client = engine.client();
    let names = TableNames::default();

    assert_eq!(
        table::create(&client, &names).await.expect("create"),
        Outcome::Done
    );
    assert_eq!(
        table::create(&client, &names).await.expect("second create"),
        Outcome::AlreadyThatWay
    );

    let described = client
        .describe_table()
        .table_name("library-system-database")
        .send()
        .await
        .expect("describe");
    let table = described.table().expect("table description");
    let mut indexes: Vec<_> = table
        .global_secondary_indexes()
        .iter()
        .map(|i| {
            let keys: Vec<_> = i
                .key_schema()
                .iter()
                .map(|k| k.attribute_name().to_owned())
                .collect();
            (i.index_name().unwrap_or_default().to_owned(), keys)
        })
        .collect();
    indexes.sort();
    assert_eq!(
        indexes,
        vec![
            (
                "entity-status".to_owned(),
                vec!["type".to_owned(), "status".to_owned()]
            ),
            (
                "entity-type".to_owned(),
                vec!["type".to_owned(), "subResourceId".to_owned()]
            ),
        ]
    );

    assert_eq!(
        table::destroy(&client, &names).await.expect("destroy"),
        Outcome::Done
    );
    assert_eq!(
        table::destroy(&client, &names)
            .await
            .expect("second destroy"),
        Outcome::AlreadyThatWay
    );
    assert!(!table::exists(&client, &names).await.expect("exists"));
}

#[tokio::test]
async fn engines_do_not_share_state() {
    let first = Engine::with_table().await.expect("first");
    let second = Engine::with_table().await.expect("second");
    first
        .client()
        .put_item()
        .table_name(table::TABLE_NAME)
        .item("resourceId", AttributeValue::S("Author#1".into()))
        .item("subResourceId", AttributeValue::S("Author#1".into()))
        .send()
        .await
        .expect("put");
    let count = |engine: &Engine| {
        let client = engine.client();
        async move {
            client
                .scan()
                .table_name(table::TABLE_NAME)
                .send()
                .await
                .expect("scan")
                .count()
        }
    };
    assert_eq!(count(&first).await, 1);
    assert_eq!(count(&second).await, 0);
}

#[tokio::test]
async fn file_backed_engine_keeps_data_across_restarts() {
    let dir = std::env::temp_dir().join(format!("embedded-dynamodb-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("library.db");
    let _ = std::fs::remove_file(&path);
    let any_port = "127.0.0.1:0".parse().expect("addr");

    let engine = Engine::file_backed(&path, any_port).await.expect("start");
    table::create(&engine.client(), &TableNames::default())
        .await
        .expect("create");
    engine.stop().await;

    let engine = Engine::file_backed(&path, any_port).await.expect("restart");
    let client = local_client(engine.endpoint());
    assert!(
        table::exists(&client, &TableNames::default())
            .await
            .expect("exists")
    );
    engine.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
