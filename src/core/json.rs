//! JSON text through one `serde_json::Value` path.
//!
//! Every typed (de)serialiser serde derives is instantiated once per serde_json reader or
//! writer it is used with. The page reads stored records, worker replies and tab and sync
//! messages; if some went through `serde_json::from_str` and others through a `Value`, each
//! of their types would be compiled twice into the page's wasm. `from_text` and `to_text`
//! keep them all on the `Value` path (`core::storage::codec` and `web::worker` already are), at
//! the price of one intermediate tree per message, which for the page's small messages is
//! nothing next to the bytes it saves (measured in BENCHMARKS.md, issue 11).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Reads `text` as a `T`, through a [`Value`].
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str::<Value>(text).and_then(serde_json::from_value)
}

/// Writes `value` as compact JSON text, through a [`Value`]: the same JSON as
/// `serde_json::to_string` gives, with each object's keys in sorted order.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_value(value).map(|v| v.to_string())
}

/// `Deserialize` for an enum of unit variants from its name on the wire, `$ty::as_str`, tried
/// against each of `$ty::ALL`: what serde's derive reads, compiled as one loop instead of the
/// derive's three identifier visitors per enum (the page's size, issue 11). `Serialize` stays
/// derived; each type's tests check that every variant reads back what it writes, and that
/// another name is refused.
macro_rules! deserialize_by_name {
    ($ty:ty, $what:literal) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = <String as serde::Deserialize>::deserialize(d)?;
                <$ty>::ALL
                    .into_iter()
                    .find(|v| v.as_str() == name)
                    .ok_or_else(|| {
                        <D::Error as serde::de::Error>::invalid_value(
                            serde::de::Unexpected::Str(&name),
                            &$what,
                        )
                    })
            }
        }
    };
}
pub(crate) use deserialize_by_name;

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Message {
        Hello { name: String, n: u32 },
        Bye,
    }

    #[test]
    fn round_trips_and_matches_to_string() {
        for m in [
            Message::Hello {
                name: "Zoë “x” 🦀".into(),
                n: 7,
            },
            Message::Bye,
        ] {
            let text = to_text(&m).unwrap();
            let direct = serde_json::to_string(&m).unwrap();
            assert_eq!(
                serde_json::from_str::<Value>(&text).unwrap(),
                serde_json::from_str::<Value>(&direct).unwrap()
            );
            assert_eq!(from_text::<Message>(&text).unwrap(), m);
        }
    }

    /// The enums read by name read back exactly what serde's derived `Serialize` writes, on
    /// both of serde_json's paths, and refuse any other name (or another case, or a number).
    #[test]
    fn enums_read_by_name_read_what_they_write() {
        use crate::core::model::{Kind, Verdict};
        use crate::core::storage::Store;

        fn check<T>(all: &[T], bad: &[&str])
        where
            T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            for v in all {
                let text = serde_json::to_string(v).unwrap();
                assert_eq!(&from_text::<T>(&text).unwrap(), v, "{text}");
                assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), v, "{text}");
            }
            for b in bad {
                assert!(from_text::<T>(b).is_err(), "{b}");
                assert!(serde_json::from_str::<T>(b).is_err(), "{b}");
            }
        }
        check(
            &Verdict::ALL,
            &[
                "\"Mostly true\"",
                "\"mostly_true\"",
                "\"TRUE\"",
                "3",
                "null",
            ],
        );
        assert_eq!(
            serde_json::to_string(&Verdict::MostlyTrue).unwrap(),
            "\"mostly-true\""
        );
        check(&Kind::ALL, &["\"Claim\"", "\"\"", "0"]);
        assert_eq!(serde_json::to_string(&Kind::Quote).unwrap(), "\"quote\"");
        check(&Store::ALL, &["\"Articles\"", "\"by_article\"", "[]"]);
        assert_eq!(serde_json::to_string(&Store::Meta).unwrap(), "\"meta\"");
    }

    #[test]
    fn refuses_what_from_str_refuses() {
        for bad in [
            "",
            "{",
            "{\"hello\":{\"name\":1,\"n\":2}}",
            "\"nope\"",
            "[1,2",
        ] {
            assert!(from_text::<Message>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<Message>(bad).is_err(), "{bad}");
        }
    }
}
