//! The app's effects and event handling, one concern per hook. Each hook takes the state
//! handle (and whatever else it needs) and returns what the view wires to its components;
//! none of them decides anything about text or annotations: they call the core.

pub mod couch;
pub mod effect;
pub mod handoff;
pub mod persistence;
pub mod repeats;
pub mod selection;
pub mod shortcuts;
pub mod startup;
pub mod suggestions;
pub mod transfer;
