//! `use_effect_with` compiled once for the whole page.
//!
//! Yew's `use_effect_with` is generic over the dependencies, the effect closure and what the
//! closure returns, so each call site compiles its own copy of the hook's lifecycle code (the
//! hook's `run`, the effect's `rendered`, its drop): about 600 bytes of wasm a site, measured
//! with `twiggy monos` (BENCHMARKS.md, issue 11, session 14). [`use_effect_on`] hands Yew one
//! type for all of them: the dependencies boxed behind a comparison, the closure and its
//! cleanup boxed. It behaves as `use_effect_with`: the effect runs after a render in which the
//! dependencies differ from the last run's (by `PartialEq`), after the last cleanup, and the
//! cleanup runs before the next run and when the component is dropped.

use std::any::Any;

use yew::prelude::*;

/// Dependencies of any type, compared by the type's own `PartialEq`.
trait Deps: Any {
    fn same(&self, other: &dyn Deps) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<T: PartialEq + 'static> Deps for T {
    fn same(&self, other: &dyn Deps) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The one dependency type Yew sees.
struct Boxed(Box<dyn Deps>);

impl PartialEq for Boxed {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&*other.0)
    }
}

/// The one effect type Yew sees.
type Run = Box<dyn FnOnce(&Boxed) -> Box<dyn FnOnce()>>;

/// `use_effect_with(deps, f)`, with the lifecycle code shared by every call site (see the
/// module's comment).
#[hook]
pub fn use_effect_on<T, D>(deps: T, f: impl FnOnce(&T) -> D + 'static)
where
    T: PartialEq + 'static,
    D: TearDown,
{
    let run: Run = Box::new(move |deps: &Boxed| {
        match deps.0.as_any().downcast_ref::<T>() {
            Some(deps) => {
                let cleanup = f(deps);
                Box::new(move || cleanup.tear_down())
            }
            // Never: the box holds the `T` this closure was made with.
            None => Box::new(|| ()),
        }
    });
    use_effect_with(Boxed(Box::new(deps)), run);
}
