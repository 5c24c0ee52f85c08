//! What keeping unknown fields costs, isolated on the `CasesResponse` tree: the baseline's
//! structs (plain `Option` fields, `String` enums), each also keeping the members it does not
//! know, in three ways a generator could emit:
//!
//! - [`flatten`]: `#[serde(flatten)] BTreeMap<String, serde_json::Value>`, what the generator
//!   emitted until commit ed8a6ce (serde buffers every member of such a struct as `Content`
//!   first);
//! - [`visitor_value`]: a `Deserialize` impl with a map visitor that decodes the known members
//!   straight into their fields and only the unknown ones into `serde_json::Value`;
//! - [`visitor_raw`]: the same visitor keeping unknown members as `Box<RawValue>` (their JSON text,
//!   copied, not parsed into a tree) and writing that text back as it came: what the generator
//!   emits since commit ed8a6ce (`RawJson`);
//! - [`visitor_raw_vec`]: the same, the unknown members in a `Vec<(String, Box<RawValue>)>` in
//!   their order instead of a `BTreeMap` (one allocation fewer per object that has any).

/// The `CasesResponse` tree, given to a macro that defines one struct from its JSON members.
macro_rules! cases_tree {
    ($define:ident) => {
        $define! { CasesResponse { "data" => data: Vec<Case>, "meta" => meta: CasesResponseMeta } }
        $define! { Case {
            "attributes" => attributes: CaseAttributes, "id" => id: String,
            "relationships" => relationships: CaseRelationships, "type" => type_: String,
        } }
        $define! { CaseAttributes {
            "archived_at" => archived_at: DateTime, "closed_at" => closed_at: DateTime,
            "created_at" => created_at: DateTime, "description" => description: String,
            "jira_issue" => jira_issue: JiraIssue, "key" => key: String, "modified_at" => modified_at: DateTime,
            "priority" => priority: String, "service_now_ticket" => service_now_ticket: ServiceNowTicket,
            "status" => status: String, "title" => title: String, "type" => type_: String,
        } }
        $define! { JiraIssue { "result" => result: JiraIssueResult, "status" => status: String } }
        $define! { JiraIssueResult {
            "issue_id" => issue_id: String, "issue_key" => issue_key: String,
            "issue_url" => issue_url: String, "project_key" => project_key: String,
        } }
        $define! { ServiceNowTicket { "result" => result: ServiceNowTicketResult, "status" => status: String } }
        $define! { ServiceNowTicketResult { "sys_target_link" => sys_target_link: String } }
        $define! { CaseRelationships {
            "assignee" => assignee: NullableRelationship, "created_by" => created_by: NullableRelationship,
            "modified_by" => modified_by: NullableRelationship, "project" => project: Relationship,
        } }
        $define! { NullableRelationship { "data" => data: RelationshipData } }
        $define! { Relationship { "data" => data: RelationshipData } }
        $define! { RelationshipData { "id" => id: String, "type" => type_: String } }
        $define! { CasesResponseMeta { "page" => page: CasesResponseMetaPagination } }
        $define! { CasesResponseMetaPagination {
            "current" => current: i64, "size" => size: i64, "total" => total: i64,
        } }
    };
}

pub mod flatten {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    type DateTime = chrono::DateTime<chrono::Utc>;

    macro_rules! define {
        ($name:ident { $($json:literal => $field:ident : $ty:ty),* $(,)? }) => {
            #[derive(Debug, Deserialize, Serialize)]
            pub struct $name {
                $(
                    #[serde(rename = $json, skip_serializing_if = "Option::is_none")]
                    pub $field: Option<$ty>,
                )*
                #[serde(flatten)]
                pub additional_properties: BTreeMap<String, serde_json::Value>,
            }
        };
    }

    cases_tree!(define);
}

/// The map visitor shared by [`visitor_value`] and [`visitor_raw`]; `Extra` is how an unknown
/// member is kept.
macro_rules! visitor_define {
    ($name:ident { $($json:literal => $field:ident : $ty:ty),* $(,)? }) => {
        #[derive(Debug)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
            pub additional_properties: Props,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct StructVisitor;
                impl<'de> Visitor<'de> for StructVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $(let mut $field: Option<$ty> = None;)*
                        let mut additional_properties = Props::default();
                        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                            match &*key {
                                $($json => $field = map.next_value()?,)*
                                _ => {
                                    keep(&mut additional_properties, key.into_owned(), map.next_value::<Extra>()?);
                                }
                            }
                        }
                        Ok($name { $($field,)* additional_properties })
                    }
                }
                deserializer.deserialize_map(StructVisitor)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                $(if let Some(value) = &self.$field { map.serialize_entry($json, value)?; })*
                for (key, value) in self.additional_properties.iter() {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    };
}

/// A member name, borrowed from the input when it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(value.into()))
            }
            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(value.to_owned().into()))
            }
            fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(value.into()))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

pub mod visitor_value {
    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, Serializer};

    use super::Key;

    type DateTime = chrono::DateTime<chrono::Utc>;
    type Extra = serde_json::Value;
    type Props = BTreeMap<String, Extra>;

    fn keep(props: &mut Props, key: String, value: Extra) {
        props.insert(key, value);
    }

    cases_tree!(visitor_define);
}

pub mod visitor_raw {
    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, Serializer};

    use super::Key;

    type DateTime = chrono::DateTime<chrono::Utc>;
    type Extra = Box<serde_json::value::RawValue>;
    type Props = BTreeMap<String, Extra>;

    fn keep(props: &mut Props, key: String, value: Extra) {
        props.insert(key, value);
    }

    cases_tree!(visitor_define);
}

pub mod visitor_raw_vec {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, Serializer};

    use super::Key;

    type DateTime = chrono::DateTime<chrono::Utc>;
    type Extra = Box<serde_json::value::RawValue>;
    type Props = Vec<(String, Extra)>;

    fn keep(props: &mut Props, key: String, value: Extra) {
        props.push((key, value));
    }

    cases_tree!(visitor_define);
}
