//! The ticker embed's own entry point: only the ticker's code, so an `embed=ticker` page loads
//! a much smaller bundle than the whole app (`assets/boot.js` picks it).

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic's message in the console, in debug builds: release builds trap at once (scripts/env).
    console_error_panic_hook::set_once();
    tapewire::ticker_embed::run();
}

/// Natively there is nothing to show: the binary exists for the browser build.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
