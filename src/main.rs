//! Mounts the app; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic says why on the console, rather than as a bare `unreachable` trap.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(tapewire::views::app::App);
}

/// Natively there is nothing to show: the binary exists for the browser build.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
