//! The ticker embed's own entry point: only the ticker and the live feed, so an `embed=ticker`
//! page loads a much smaller bundle than the whole app (`assets/boot.js` picks it).

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic says why on the console, rather than as a bare `unreachable` trap.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(tapewire::views::app::TickerApp);
}

/// Natively there is nothing to show: the binary exists for the browser build.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
