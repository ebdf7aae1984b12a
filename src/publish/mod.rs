//! The publisher's side: `tapewire-feed`, the command that builds `feed.json` from the sources
//! a publisher has (`build`), checks a feed as the widget reads it (`check`) and prints its
//! JSON Schema (`schema`). Native only; it shares the widget's feed model and parser
//! ([`crate::logic::feed`]), so the tool and the widget cannot disagree on the format.

mod build;
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
    /// Builds feed.json from a price API response, news feeds and the publisher's details.
    /// Sources are files or http(s) URLs. Exit status: 0 built (or unchanged), 1 when a source
    /// failed (its last good data is kept; without any, nothing is written).
    Build(BuildArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Prices: a CoinGecko /coins/markets or /simple/price response, a Binance /ticker/24hr
    /// response, or a CSV (symbol,price[,name,change_24h,url,logo,updated_at]).
    #[arg(long)]
    prices: Option<String>,
    #[arg(long, value_enum, default_value_t = build::PriceFormat::Auto)]
    prices_format: build::PriceFormat,
    /// A CoinGecko id's symbol, for /simple/price: --id bitcoin=BTC (repeatable, or
    /// comma-separated).
    #[arg(long = "id", value_delimiter = ',', value_parser = id_pair)]
    ids: Vec<(String, String)>,
    /// The tickers, in order (BTC,ETH,...); without it, every price in the source's order.
    #[arg(long, value_delimiter = ',')]
    symbols: Vec<String>,
    /// The quote currency: what prices are in, and the suffix of Binance pairs (USDT).
    #[arg(long, default_value = "USD")]
    quote: String,
    /// News: an RSS, Atom or JSON Feed (repeatable).
    #[arg(long)]
    news: Vec<String>,
    /// At most this many articles, the newest.
    #[arg(long, default_value_t = 50)]
    max_articles: usize,
    /// The UTC offset of news times written without one (2020/1/10 14:33:00): +08:00.
    #[arg(long, default_value = "+00:00", value_parser = zone)]
    zone: chrono::FixedOffset,
    /// The publisher's name, tagline, icon, download_url and home_url, as TOML.
    #[arg(long)]
    publisher: Option<std::path::PathBuf>,
    /// Where to write feed.json.
    #[arg(long)]
    out: std::path::PathBuf,
    /// Keep running and rebuild this often (30s, 5m).
    #[arg(long, value_parser = humantime::parse_duration)]
    every: Option<std::time::Duration>,
}

fn zone(text: &str) -> Result<chrono::FixedOffset, String> {
    text.parse()
        .map_err(|_| format!("\"{text}\" is not a UTC offset (+08:00)"))
}

fn id_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((id, symbol)) if !id.trim().is_empty() && !symbol.trim().is_empty() => {
            Ok((id.trim().to_owned(), symbol.trim().to_uppercase()))
        }
        _ => Err(format!("\"{text}\" is not ID=SYMBOL (bitcoin=BTC)")),
    }
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
        Command::Build(args) => run_build(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    if args.prices.is_none() && args.news.is_empty() {
        eprintln!("tapewire-feed: build needs --prices or --news (or both)");
        return ExitCode::from(2);
    }
    let every = args.every;
    let mut builder = build::Builder::new(build::Options {
        prices: args.prices,
        prices_format: args.prices_format,
        ids: args.ids.into_iter().collect(),
        symbols: args.symbols,
        quote: args.quote,
        news: args.news,
        max_articles: args.max_articles,
        zone: args.zone,
        publisher: args.publisher,
        out: args.out.clone(),
    });
    loop {
        let started = std::time::Instant::now();
        let outcome = build::now().and_then(|now| builder.run(now));
        let code = match outcome {
            Ok(report) => {
                for note in &report.notes {
                    eprintln!("tapewire-feed: {note}");
                }
                if let Some(bytes) = report.written {
                    eprintln!(
                        "tapewire-feed: wrote {} ({bytes} bytes)",
                        args.out.display()
                    );
                }
                u8::from(report.failed)
            }
            Err(error) => {
                eprintln!("tapewire-feed: {error}");
                2
            }
        };
        match every {
            // A failed round is retried at the next one; a bad configuration is not.
            Some(every) if code != 2 => std::thread::sleep(every.saturating_sub(started.elapsed())),
            _ => return ExitCode::from(code),
        }
    }
}

/// Prints to standard output; a closed pipe (`| head`) ends the command quietly.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
