//! The publisher's side: `tapewire-feed`, the command that builds `feed.json` from the sources
//! a publisher has (`build`), checks a feed as the widget reads it (`check`) and prints its
//! JSON Schema (`schema`). Native only; it shares the widget's feed model and parser
//! ([`crate::logic::feed`]), so the tool and the widget cannot disagree on the format.

mod check;
mod source;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "tapewire-feed",
    version,
    about = "Builds, checks and describes a Tapewire feed.json"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads a feed as the widget does and prints every finding with its JSON path.
    /// Exit status: 0 clean, 1 when the widget would skip or blank something, 2 when it would
    /// refuse the whole feed (or the feed cannot be read).
    Check {
        /// A file, `-` for standard input, or an http(s) URL.
        feed: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Prints the feed's JSON Schema (draft 2020-12), generated from the widget's types.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { feed, format } => {
            let verdict = match source::read(&feed) {
                Ok(fetched) => check::judge(fetched.bytes),
                Err(error) => {
                    eprintln!("tapewire-feed: {error}");
                    return ExitCode::from(2);
                }
            };
            let report = match format {
                Format::Text => check::text_report(&feed, &verdict),
                Format::Json => check::json_report(&feed, &verdict),
            };
            print(&report);
            verdict.exit_code()
        }
        Command::Schema => {
            print(&crate::logic::feed::feed_schema());
            ExitCode::SUCCESS
        }
    }
}

/// Prints to standard output; a closed pipe (`| head`) ends the command quietly.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
