//! Mounts the app; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic's message in the console, in debug builds: release builds trap at once (scripts/env).
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(tapewire::app::App);
}

/// Natively there is nothing to show: the binary exists for the browser build.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
