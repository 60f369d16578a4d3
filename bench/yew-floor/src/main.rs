//! A counter: one component, one state hook, one event handler. With the `infra` feature, each
//! click also goes once through the crates the app is built on.
use yew::prelude::*;

#[cfg(feature = "infra")]
mod infra {
    use serde::{Deserialize, Serialize};
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;
    use idb::DatabaseEvent;

    /// A record shaped like the app's: an id, a time, text.
    #[derive(Serialize, Deserialize)]
    struct Record {
        id: uuid::Uuid,
        created: String,
        note: String,
        tags: Vec<String>,
    }

    /// JSON out and back in (through `serde_json::Value`, as the app's formats do), with an
    /// RFC 3339 time formatted and parsed.
    pub fn round_trip(n: u32) -> String {
        let at = OffsetDateTime::from_unix_timestamp(i64::from(n) * 86_400)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let record = Record {
            id: uuid::Uuid::from_u128(u128::from(n)),
            created: at.format(&Rfc3339).unwrap_or_default(),
            note: format!("click {n}"),
            tags: vec!["floor".into()],
        };
        let text = serde_json::to_string_pretty(&record).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        serde_json::from_value::<Record>(value)
            .ok()
            .and_then(|r| OffsetDateTime::parse(&r.created, &Rfc3339).ok())
            .map(|t| t.year().to_string())
            .unwrap_or_default()
    }

    /// Opens an IndexedDB database (creating its store) and puts one record.
    pub async fn store(json: String) -> Option<()> {
        let factory = idb::Factory::new().ok()?;
        let mut request = factory.open("yew-floor", Some(1)).ok()?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                let _ = db.create_object_store("records", idb::ObjectStoreParams::new());
            }
        });
        let db: web_sys::IdbDatabase = request.await.ok()?.into();
        let tx = db
            .transaction_with_str_and_mode("records", web_sys::IdbTransactionMode::Readwrite)
            .ok()?;
        let value = web_sys::js_sys::JSON::parse(&json).ok()?;
        tx.object_store("records")
            .ok()?
            .put_with_key(&value, &"r".into())
            .ok()?;
        Some(())
    }

    /// A window listener and a timer through gloo, as the app's shell uses them.
    pub fn listen() -> gloo::events::EventListener {
        gloo::timers::callback::Timeout::new(1, || {}).forget();
        gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", |_| {})
    }
}

#[function_component(App)]
fn app() -> Html {
    let n = use_state(|| 0u32);
    #[cfg(feature = "infra")]
    {
        let _kept = use_state(infra::listen);
    }
    let onclick = {
        let n = n.clone();
        Callback::from(move |_| {
            #[cfg(feature = "infra")]
            {
                let json = infra::round_trip(*n);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = infra::store(json).await;
                });
            }
            n.set(*n + 1)
        })
    };
    html! { <button {onclick}>{ format!("Clicked {} times", *n) }</button> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
