//! JSON text through one `serde_json::Value` path.
//!
//! Every typed (de)serialiser serde derives is instantiated once per serde_json reader or
//! writer it is used with. The page reads stored records, worker replies and tab and sync
//! messages; if some went through `serde_json::from_str` and others through a `Value`, each
//! of their types would be compiled twice into the page's wasm. These two functions keep
//! them all on the `Value` path (`core::storage::codec` and `web::worker` already are), at
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
