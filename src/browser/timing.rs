//! User Timing measures of start-up steps, read by the browser benchmark
//! (`tests/e2e/bench.mjs`); they cost nothing when nobody reads them.

/// Runs `step` and records its duration as the performance measure `name`.
pub fn measured<T>(name: &str, step: impl FnOnce() -> T) -> T {
    let performance = leptos::prelude::window().performance();
    let start = format!("{name}:start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let result = step();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start);
    }
    result
}
