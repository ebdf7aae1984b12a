//! The embed builder's own entry point (`?view=builder`, picked by `assets/boot.js`): a tool
//! for publishers, so readers of the page and its embeds never download it.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic says why on the console, rather than as a bare `unreachable` trap.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(tapewire::views::app::BuilderApp);
}

/// Natively there is nothing to show: the binary exists for the browser build.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
