//! `tapewire-feed`: the publisher's command that builds, checks and describes `feed.json`
//! (`src/publish/`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    tapewire::publish::main()
}

/// In the browser there is nothing to run: the command is for the publisher's machine.
#[cfg(target_arch = "wasm32")]
fn main() {}
