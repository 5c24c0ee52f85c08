//! Behaviour of the generated models, one construct at a time: decode, encode, round trip.

use datadog_v2_client::Nullable;
use datadog_v2_client::models::*;
use serde_json::{Value, json};

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// Decodes from text and encodes again: the JSON values must be equal.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_str(&value.to_string()).unwrap();
    assert_eq!(encode(&decoded), value);
    decoded
}

#[test]
fn struct_required_fields_are_constructor_arguments_and_optional_ones_setters() {
    let attributes = TeamUpdateAttributes::new("sec", "Security").description("On call").color(3);
    assert_eq!(encode(&attributes), json!({"handle": "sec", "name": "Security", "description": "On call", "color": 3}));
    let decoded: TeamUpdateAttributes = decode(json!({"handle": "sec", "name": "Security"}));
    assert_eq!(decoded.description, None);
    let missing = serde_json::from_value::<TeamUpdateAttributes>(json!({"name": "Security"})).unwrap_err();
    assert_eq!(missing.to_string(), "missing field `handle`");
    let not_an_object = serde_json::from_value::<TeamUpdateAttributes>(json!([1])).unwrap_err();
    assert_eq!(not_an_object.to_string(), "invalid type: sequence, expected a TeamUpdateAttributes object");
}

#[test]
fn optional_nullable_field_has_three_states_both_ways() {
    let base = || TeamUpdateAttributes::new("h", "n");
    // Encoding: absent is not written, None is an explicit null, Some is the value.
    assert_eq!(encode(&base()), json!({"handle": "h", "name": "n"}));
    assert_eq!(encode(&base().avatar(None)), json!({"handle": "h", "name": "n", "avatar": null}));
    assert_eq!(encode(&base().avatar(Some("🥑".into()))), json!({"handle": "h", "name": "n", "avatar": "🥑"}));
    // Decoding tells the three apart.
    let absent: TeamUpdateAttributes = decode(json!({"handle": "h", "name": "n"}));
    let null: TeamUpdateAttributes = decode(json!({"handle": "h", "name": "n", "avatar": null}));
    let value: TeamUpdateAttributes = decode(json!({"handle": "h", "name": "n", "avatar": "x"}));
    assert_eq!(absent.avatar, Nullable::Absent);
    assert_eq!(null.avatar, Nullable::Null);
    assert_eq!(value.avatar, Nullable::Value("x".to_owned()));
    // And each re-encodes as it came.
    round_trip::<TeamUpdateAttributes>(json!({"handle": "h", "name": "n", "avatar": null, "banner": 7}));
}

#[test]
fn required_nullable_field_always_writes_null() {
    // Unassigning a case sends `"data": null` through the nullable relationship type.
    let unassigned = NullableUserRelationship::new(None);
    assert_eq!(encode(&unassigned), json!({"data": null}));
    let decoded: NullableUserRelationship = decode(json!({"data": null}));
    assert_eq!(decoded.data, None);
    let assigned: NullableUserRelationship = round_trip(json!({"data": {"id": "u1", "type": "user"}}));
    assert_eq!(assigned.data.unwrap().id, "u1");
}

#[test]
fn nullable_relationship_field_in_a_case() {
    let relationships: CaseRelationships =
        round_trip(json!({"assignee": null, "created_by": {"data": {"id": "u", "type": "user"}}}));
    assert_eq!(relationships.assignee, Nullable::Null);
    assert!(matches!(relationships.created_by, Nullable::Value(_)));
    assert_eq!(relationships.modified_by, Nullable::Absent);
}

#[test]
fn enum_values_default_unknown_and_conversions() {
    assert_eq!(CasePriority::default(), CasePriority::NotDefined);
    assert_eq!(encode(&CasePriority::P1), json!("P1"));
    assert_eq!(decode::<CasePriority>(json!("NOT_DEFINED")), CasePriority::NotDefined);
    // A value a newer server sends is kept and written back unchanged.
    let unknown: CasePriority = decode(json!("P9"));
    assert_eq!(unknown, CasePriority::Unknown("P9".into()));
    assert_eq!(encode(&unknown), json!("P9"));
    assert_eq!(CaseStatus::InProgress.as_str(), "IN_PROGRESS");
    assert_eq!(CaseStatus::InProgress.to_string(), "IN_PROGRESS");
    assert_eq!("CLOSED".parse::<CaseStatus>().unwrap(), CaseStatus::Closed);
    assert!(serde_json::from_value::<CaseStatus>(json!(3)).is_err(), "a number is not an enum value");
}

#[test]
fn one_of_dispatches_on_type_and_keeps_unknown_types() {
    let included = json!([
        {"type": "users", "id": "u1", "attributes": {"name": "Ann", "email": "ann@example.com"}},
        {"type": "team_links", "id": "l1", "attributes": {"label": "Runbook", "url": "https://example.com"}},
        {"type": "user_team_permissions", "id": "p1", "attributes": {"permissions": {"manage_membership": true}}},
        {"type": "a_future_kind", "id": "f1", "whatever": [1, 2]}
    ]);
    let decoded: Vec<TeamIncluded> = round_trip(included);
    assert!(matches!(&decoded[0], TeamIncluded::User(user) if user.id.as_deref() == Some("u1")));
    assert!(matches!(&decoded[1], TeamIncluded::TeamLink(link) if link.attributes.label == "Runbook"));
    assert!(matches!(&decoded[2], TeamIncluded::UserTeamPermission(_)));
    assert!(matches!(&decoded[3], TeamIncluded::Unknown(value) if value.to_value().unwrap()["id"] == "f1"));
    // The tag selects the variant: a `team_links` object that is not a valid TeamLink is an error,
    // not silently another variant.
    assert!(serde_json::from_str::<TeamIncluded>(r#"{"type": "team_links", "id": 5}"#).is_err());
}

#[test]
fn inline_schemas_have_the_documentations_names() {
    let layer = ScheduleCreateRequestDataAttributesLayersItems::new(
        "2025-02-03T05:00:00Z".parse().unwrap(),
        ScheduleCreateRequestDataAttributesLayersItemsInterval::new().days(1),
        vec![ScheduleCreateRequestDataAttributesLayersItemsMembersItems::new()],
        "Layer 1",
        "2025-02-01T00:00:00Z".parse().unwrap(),
    );
    let value = encode(&layer);
    assert_eq!(value["interval"], json!({"days": 1}));
    assert_eq!(value["effective_date"], json!("2025-02-03T05:00:00Z"));
}

#[test]
fn maps_arrays_and_timestamps() {
    let permissions: UserTeamPermissionAttributes =
        round_trip(json!({"permissions": {"manage_membership": true, "edit": false}}));
    assert!(!permissions.permissions.unwrap()["edit"]);
    let team: TeamAttributes = decode(json!({
        "handle": "h", "name": "n", "created_at": "2019-09-19T10:00:00.000Z", "link_count": 3, "user_count": 2
    }));
    assert_eq!(team.created_at.unwrap().timestamp(), 1_568_887_200);
    assert!(
        serde_json::from_value::<TeamAttributes>(json!({"handle": "h", "name": "n", "created_at": "yesterday"}))
            .is_err()
    );
}

#[test]
fn unknown_fields_are_kept_at_every_level() {
    let body = json!({
        "data": [{
            "id": "t1", "type": "team",
            "attributes": {"handle": "h", "name": "n", "new_attribute": {"nested": [1, 2, 3]}},
            "brand_new_field": "kept"
        }],
        "meta": {"pagination": {"total": 1}, "extra": true},
        "top_level_extra": null
    });
    let decoded: TeamsResponse = round_trip(body);
    let team = &decoded.data.as_ref().unwrap()[0];
    assert_eq!(team.extra.additional_properties().get("brand_new_field").unwrap(), json!("kept"));
    assert_eq!(
        team.attributes.extra.additional_properties().get("new_attribute").unwrap().to_value().unwrap()["nested"][2],
        3
    );
    // Unknown fields are kept as the exact text the server sent.
    assert_eq!(
        team.attributes.extra.additional_properties().get("new_attribute").unwrap().get(),
        r#"{"nested":[1,2,3]}"#
    );
}

#[test]
fn decode_errors_name_the_json_path() {
    let body = r#"{"data": [{"id": "t1", "type": "team", "attributes": {"handle": "h", "name": 5}}]}"#;
    let mut deserializer = serde_json::Deserializer::from_str(body);
    let error = serde_path_to_error::deserialize::<_, TeamsResponse>(&mut deserializer).unwrap_err();
    assert_eq!(error.path().to_string(), "data[0].attributes.name");
}

/// Unknown members are read the same through every kind of serde_json input: borrowed text
/// (`from_str`, `from_slice`), a reader (owned text), a `Value`, and with path tracking.
#[test]
fn unknown_members_decode_from_every_kind_of_input() {
    let text = r#"{"data":{"id":"t1","type":"team","attributes":{"handle":"h","name":"n","x":{"a":[1,"\u00e9"]},"y":null},"z\"q":1.50}}"#;
    let expected: serde_json::Value = serde_json::from_str(text).unwrap();
    let from_str: TeamResponse = serde_json::from_str(text).unwrap();
    let from_slice: TeamResponse = serde_json::from_slice(text.as_bytes()).unwrap();
    let from_reader: TeamResponse = serde_json::from_reader(text.as_bytes()).unwrap();
    let from_value: TeamResponse = serde_json::from_value(expected.clone()).unwrap();
    let tracked: TeamResponse =
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text)).unwrap();
    for decoded in [&from_str, &from_slice, &from_reader, &from_value, &tracked] {
        assert_eq!(serde_json::to_value(decoded).unwrap(), expected);
    }
    // The exact text is kept where the input is text (a `Value` has already re-read it).
    let team = from_reader.data.unwrap();
    assert_eq!(team.attributes.extra.additional_properties().as_json(), r#"{"x":{"a":[1,"\u00e9"]},"y":null}"#);
    assert_eq!(team.extra.additional_properties().get("z\"q").unwrap().get(), "1.50");
}

#[test]
fn additional_properties_read_and_edit() {
    use datadog_v2_client::{AdditionalProperties, RawJson};
    let raw = |text: &str| RawJson::from_serialize(&serde_json::from_str::<serde_json::Value>(text).unwrap()).unwrap();
    let mut extra = AdditionalProperties::new();
    assert!(extra.is_empty());
    assert_eq!(extra.as_json(), "{}");
    extra.insert("b", raw("[1,2]"));
    extra.insert("a", raw(r#"{"k":"v"}"#));
    extra.insert("b", raw("3"));
    assert_eq!(extra.len(), 2);
    assert_eq!(extra.as_json(), r#"{"a":{"k":"v"},"b":3}"#);
    assert_eq!(extra.get("a").unwrap(), json!({ "k": "v" }));
    assert_eq!(extra.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(extra.remove("a").unwrap(), json!({ "k": "v" }));
    assert_eq!(extra.to_map().len(), 1);
    // Set on a model, written after the known fields.
    let attributes = TeamAttributes::new("h", "n").additional_properties(extra.clone());
    assert_eq!(serde_json::to_string(&attributes).unwrap(), r#"{"handle":"h","name":"n","b":3}"#);
    let from_map: AdditionalProperties = extra.to_map().into();
    assert_eq!(from_map, extra);
}

/// Unknown members and explicit `null`s share one field, `extra`: one pointer in every struct,
/// empty (nothing allocated, equal to a value built in code) for an object that has neither.
#[test]
fn extra_is_one_pointer_holding_unknown_members_and_nulls() {
    use datadog_v2_client::Extra;
    assert_eq!(std::mem::size_of::<Extra>(), std::mem::size_of::<usize>());
    let plain: TeamAttributes = serde_json::from_str(r#"{"handle":"h","name":"n"}"#).unwrap();
    assert!(plain.extra.is_empty());
    assert_eq!(plain, TeamAttributes::new("h", "n"));

    let text = r#"{"handle":"h","name":"n","link_count":null,"x":[1]}"#;
    let mut both: TeamAttributes = serde_json::from_str(text).unwrap();
    assert!(!both.extra.is_empty());
    assert_eq!(both.extra.additional_properties().as_json(), r#"{"x":[1]}"#);
    assert!(!both.extra.explicit_nulls().is_empty());
    assert_eq!(serde_json::to_value(&both).unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
    assert_ne!(both, TeamAttributes::new("h", "n"));

    // Only nulls, only members.
    let nulls: TeamAttributes = serde_json::from_str(r#"{"handle":"h","name":"n","link_count":null}"#).unwrap();
    assert!(nulls.extra.additional_properties().is_empty() && !nulls.extra.explicit_nulls().is_empty());
    let members: TeamAttributes = serde_json::from_str(r#"{"handle":"h","name":"n","x":1}"#).unwrap();
    assert!(!members.extra.additional_properties().is_empty() && members.extra.explicit_nulls().is_empty());

    // Emptied by hand: equal to none again.
    both.extra.explicit_nulls_mut().clear();
    *both.extra.additional_properties_mut() = Default::default();
    assert!(both.extra.is_empty());
    assert_eq!(both, TeamAttributes::new("h", "n"));
    assert_eq!(serde_json::to_string(&both).unwrap(), r#"{"handle":"h","name":"n"}"#);
    assert_eq!(Extra::new(), Extra::default());
}

/// `oneOf` members, known and unknown, through borrowed text, a reader, and a `Value`.
#[test]
fn one_of_members_decode_from_every_kind_of_input() {
    let text = r#"{"data":[],"included":[{"id":"l","type":"team_links","attributes":{"label":"a","url":"u"}},{"id":"x","type":"future","n":1.50}]}"#;
    let expected: serde_json::Value = serde_json::from_str(text).unwrap();
    let decoded: Vec<TeamsResponse> = vec![
        serde_json::from_str(text).unwrap(),
        serde_json::from_reader(text.as_bytes()).unwrap(),
        serde_json::from_value(expected.clone()).unwrap(),
    ];
    for teams in &decoded {
        let included = teams.included.as_ref().unwrap();
        assert!(matches!(&included[0], TeamIncluded::TeamLink(link) if link.attributes.label == "a"));
        assert!(matches!(&included[1], TeamIncluded::Unknown(_)));
        assert_eq!(serde_json::to_value(teams).unwrap(), expected);
    }
    assert!(
        matches!(&decoded[1].included.as_ref().unwrap()[1], TeamIncluded::Unknown(raw) if raw.get() == r#"{"id":"x","type":"future","n":1.50}"#)
    );
}

/// Constructors and setters take `&str` for strings (`impl Into<String>`), a string enum's value
/// or its `&str`, an array literal for a list, and a nullable field's setter takes the value
/// itself, `Some(value)`, or `None` for an explicit `null`.
#[test]
fn constructors_and_setters_take_str_values_and_literals() {
    let attributes = CaseCreateAttributes::new("Disk full", CaseType::Standard).description("db-1");
    assert_eq!(encode(&attributes), json!({ "title": "Disk full", "type": "STANDARD", "description": "db-1" }));
    let from_str = CaseCreateAttributes::new(String::from("Disk full"), "STANDARD");
    assert_eq!(from_str.type_, CaseType::Standard);
    let team = TeamAttributes::new("h", "n")
        .description("text")
        .summary(Some("s".to_owned()))
        .avatar(None)
        .banner(7)
        .visible_modules(vec!["m1".to_owned()]);
    assert_eq!(
        encode(&team),
        json!({ "handle": "h", "name": "n", "description": "text", "summary": "s", "avatar": null, "banner": 7,
                "visible_modules": ["m1"] })
    );
    let target = EscalationPolicyStepTarget::new().id("u-1");
    assert_eq!(target.id.as_deref(), Some("u-1"));
}

/// A `oneOf` object's `type` is found wherever it is among the members, also escaped, and a
/// `type` inside another member's value is not taken for it.
#[test]
fn one_of_tag_is_found_in_any_position_and_form() {
    let link = r#""attributes":{"label":"a","url":"u","type":"users"}"#;
    for text in [
        format!(r#"{{"type":"team_links","id":"l",{link}}}"#),
        format!(r#"{{"id":"l","type":"team_links",{link}}}"#),
        format!(r#"{{"id":"l",{link},"type":"team_links"}}"#),
        format!("{{\n  \"id\": \"l\",\n  {link},\n  \"type\" : \"team_links\"\n}}"),
        format!(r#"{{"id":"l",{link},"typ\u0065":"team_links"}}"#),
        format!(r#"{{"typ\u0065":"team\u005flinks","id":"l",{link}}}"#),
        format!(r#"{{"id":"l",{link},"type":"team\u005flinks"}}"#),
    ] {
        let decoded: TeamIncluded = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(matches!(&decoded, TeamIncluded::TeamLink(link) if link.attributes.label == "a"), "{text}");
    }
    // A `type` only inside a member's value: no tag, so the object is kept as unknown.
    for text in [format!(r#"{{"id":"l",{link}}}"#), r#"{"id":"l","note":"x\",\"type\":\"team_links"}"#.to_owned()] {
        let decoded: TeamIncluded = serde_json::from_str(&text).unwrap();
        assert!(matches!(&decoded, TeamIncluded::Unknown(raw) if raw.get() == text), "{text}");
    }
}

/// The variant a `oneOf` object decodes to is the one its top-level `type` names, wherever that
/// member is, however the text is spaced and escaped, whatever `type`s other members' values hold
/// (checked against `serde_json::Value`'s reading of the same text); unknown types are kept as
/// sent.
mod one_of_tag_position {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, FileFailurePersistence};

    /// A JSON string literal for `text`, sometimes with `\uXXXX` escapes for its letters.
    fn string_literal(text: &str, escaped: bool) -> String {
        if !escaped {
            return serde_json::to_string(text).unwrap();
        }
        let body: String = text.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
        format!("\"{body}\"")
    }

    /// Values of other members, several of which contain `type` keys or the text of a member.
    fn other_value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(r#""x""#.to_owned()),
            Just(r#"{"type":"users"}"#.to_owned()),
            Just(r#"[{"type":"team_links"},"type"]"#.to_owned()),
            Just(r#""\",\"type\":\"users""#.to_owned()),
            Just(r#""\\""#.to_owned()),
            Just(r#""a\"type\":\"users\"""#.to_owned()),
            Just("null".to_owned()),
            Just("1.5e3".to_owned()),
            Just(r#"{"a":{"type":"team_links","b":["\"}"]}}"#.to_owned()),
        ]
    }

    proptest! {
        #![proptest_config(Config { cases: 512, failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() })]

        #[test]
        fn the_top_level_type_selects_the_variant(
            tag in prop::sample::select(vec!["team_links", "users", "user_team_permissions", "a_future_kind", "type"]),
            others in prop::collection::vec(other_value(), 0..4),
            position in 0usize..6,
            escape_key in any::<bool>(),
            escape_value in any::<bool>(),
            space in prop::sample::select(vec!["", " ", "\n  ", "\t\r\n"]),
        ) {
            let mut members = vec![
                format!(r#""id"{space}:{space}"l""#),
                r#""attributes":{"label":"a","url":"u"}"#.to_owned(),
            ];
            members.extend(others.iter().enumerate().map(|(i, value)| format!(r#""other{i}":{space}{value}"#)));
            let at = position.min(members.len());
            members.insert(
                at,
                format!("{}{space}:{space}{}", string_literal("type", escape_key), string_literal(tag, escape_value)),
            );
            let text = format!("{{{space}{}{space}}}", members.join(&format!(",{space}")));

            let expected: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(expected["type"].as_str(), Some(tag));
            let decoded: TeamIncluded = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
            let variant = match &decoded {
                TeamIncluded::TeamLink(_) => "team_links",
                TeamIncluded::User(_) => "users",
                TeamIncluded::UserTeamPermission(_) => "user_team_permissions",
                TeamIncluded::Unknown(raw) => {
                    prop_assert_eq!(raw.get(), text.as_str());
                    "unknown"
                }
                _ => "a variant this test does not know",
            };
            let known = ["team_links", "users", "user_team_permissions"];
            prop_assert_eq!(variant, if known.contains(&tag) { tag } else { "unknown" }, "{}", text);
            prop_assert_eq!(serde_json::to_value(&decoded).unwrap(), expected);
        }
    }
}
