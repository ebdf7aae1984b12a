//! `tapewire-feed` as a publisher runs it: real price responses and news feeds from public
//! repositories' fixtures (tests/sources/SOURCES.md), and the damaged ones made from them.
//! Each test works in its own temporary folder, with its clock fixed (SOURCE_DATE_EPOCH).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TOOL: &str = env!("CARGO_BIN_EXE_tapewire-feed");
const CLOCK: &str = "1718179330"; // 2024-06-12T08:02:10Z

fn source(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str], clock: &str) -> Output {
    Command::new(TOOL)
        .args(args)
        .env("SOURCE_DATE_EPOCH", clock)
        .output()
        .expect("the tool runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn feed(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

struct Build {
    dir: tempfile::TempDir,
}

impl Build {
    fn new() -> Self {
        Build {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("feed.json")
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn run(&self, args: &[&str], clock: &str) -> Output {
        let out = self.out();
        let mut all: Vec<&str> = vec!["build"];
        all.extend(args);
        all.extend(["--out", out.to_str().unwrap()]);
        run(&all, clock)
    }
}

#[test]
fn coingecko_and_cointelegraph_make_a_feed_the_widget_shows_whole() {
    let build = Build::new();
    let publisher = build.file(
        "publisher.toml",
        "name = \"ChainCatcher\"\ntagline = \"Building the Web3 world with innovations.\"\nhome_url = \"https://www.chaincatcher.com/\"\ndownload_url = \"https://www.chaincatcher.com/download\"\n",
    );
    let prices = source("sources/prices/coingecko-markets.json");
    let news = source("sources/news/cointelegraph.rss");
    let args = [
        "--prices",
        &prices,
        "--news",
        &news,
        "--publisher",
        &publisher,
    ];
    let output = build.run(&args, CLOCK);
    assert!(output.status.success(), "{}", stderr(&output));
    let check = run(&["check", build.out().to_str().unwrap()], CLOCK);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    let written = feed(&build.out());
    let markets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&prices).unwrap()).unwrap();
    let first = &written["tickers"][0];
    assert_eq!(
        first["symbol"],
        markets[0]["symbol"].as_str().unwrap().to_uppercase()
    );
    assert_eq!(first["name"], markets[0]["name"]);
    assert_eq!(
        first["logo"], markets[0]["image"],
        "the coin's image is its logo"
    );
    assert_eq!(
        first["price"].as_str().unwrap().parse::<f64>().unwrap(),
        markets[0]["current_price"].as_f64().unwrap()
    );
    assert_eq!(
        written["tickers"].as_array().unwrap().len(),
        markets.as_array().unwrap().len().min(100)
    );
    assert_eq!(written["publisher"]["name"], "ChainCatcher");
    assert_eq!(written["updated_at"], "2024-06-12T08:02:10Z");
    let articles = written["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 30);
    let times: Vec<&str> = articles
        .iter()
        .map(|a| a["published_at"].as_str().unwrap())
        .collect();
    let mut newest_first = times.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, newest_first);
    for article in articles {
        assert!(article["url"]
            .as_str()
            .unwrap()
            .starts_with("https://cointelegraph.com/"));
        assert_eq!(article["source"], "Cointelegraph.com News");
        for block in article["body"].as_array().unwrap() {
            let text = block.to_string();
            assert!(
                !text.contains('<') && !text.contains("&amp;"),
                "markup left in {text}"
            );
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes_and_an_unchanged_feed_keeps_its_time() {
    let build = Build::new();
    let prices = source("sources/prices/coingecko-markets.json");
    let news = source("sources/news/coindesk.rss");
    let args = ["--prices", &prices, "--news", &news, "--symbols", "BTC,ETH"];
    assert!(build.run(&args, CLOCK).status.success());
    let first = std::fs::read(build.out()).unwrap();
    let modified = std::fs::metadata(build.out()).unwrap().modified().unwrap();

    // An hour later, nothing changed: same bytes, same file (its ETag stays).
    let later = "1718182930";
    assert!(build.run(&args, later).status.success());
    assert!(
        std::fs::read(build.out()).unwrap() == first,
        "the same bytes"
    );
    assert_eq!(
        std::fs::metadata(build.out()).unwrap().modified().unwrap(),
        modified
    );

    // A price changed: a new time.
    let csv = build.file(
        "prices.csv",
        "symbol,price,change_24h\nBTC,70000.5,1.2\nETH,2500,-0.5\n",
    );
    let args = ["--prices", &csv, "--news", &news];
    assert!(build.run(&args, later).status.success());
    let written = feed(&build.out());
    assert_eq!(written["updated_at"], "2024-06-12T09:02:10Z");
    assert_eq!(written["tickers"][0]["price"], "70000.5");
    // Written whole, readable by the web server, with no temporary file left beside it.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(build.out()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
    let files: Vec<_> = std::fs::read_dir(build.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
}

#[test]
fn a_failing_source_keeps_its_last_good_data_and_says_so() {
    let build = Build::new();
    let good = source("sources/prices/coingecko-markets.json");
    let news = source("sources/news/coindesk.rss");
    assert!(build
        .run(
            &["--prices", &good, "--news", &news, "--symbols", "BTC,ETH"],
            CLOCK
        )
        .status
        .success());
    let before = feed(&build.out());

    let other_news = source("sources/news/cointelegraph.rss");
    for broken in [
        "sources/damaged/coingecko-rate-limited.json",
        "sources/damaged/coingecko-markets-truncated.json",
        "sources/damaged/html-error-page.html",
        "sources/damaged/empty-array.json",
        "sources/prices/no-such-file.json",
    ] {
        let broken = source(broken);
        let output = build.run(&["--prices", &broken, "--news", &other_news], CLOCK);
        assert_eq!(output.status.code(), Some(1), "{broken}");
        let said = stderr(&output);
        assert!(
            said.contains(&broken) && said.contains("the last good prices are kept"),
            "{said}"
        );
        let after = feed(&build.out());
        assert_eq!(
            after["tickers"], before["tickers"],
            "{broken}: the prices stay"
        );
        assert_ne!(
            after["articles"], before["articles"],
            "{broken}: the news is new"
        );
    }
}

#[test]
fn a_source_that_fails_with_nothing_to_keep_writes_nothing() {
    let build = Build::new();
    let broken = source("sources/damaged/rss-truncated.xml");
    let output = build.run(&["--news", &broken], CLOCK);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not written"),
        "{}",
        stderr(&output)
    );
    assert!(!build.out().exists());
}

/// Every damaged source gets a message that names it and says what is wrong.
#[test]
fn damaged_sources_are_named_with_what_is_wrong() {
    for (file, flag, said) in [
        (
            "damaged/coingecko-rate-limited.json",
            "--prices",
            "the API answered with error 429: You've exceeded the Rate Limit",
        ),
        (
            "damaged/binance-error.json",
            "--prices",
            "the API answered with error -1121: Invalid symbol.",
        ),
        (
            "damaged/coingecko-markets-truncated.json",
            "--prices",
            "not valid JSON (EOF while parsing",
        ),
        (
            "damaged/html-error-page.html",
            "--prices",
            "an HTML page, not a price response (\"502 Bad Gateway\")",
        ),
        (
            "damaged/html-cloudflare-challenge.html",
            "--prices",
            "an HTML page, not a price response",
        ),
        (
            "damaged/empty-array.json",
            "--prices",
            "an empty list: no prices in it",
        ),
        (
            "damaged/rss-truncated.xml",
            "--news",
            "not a readable RSS, Atom or JSON feed",
        ),
        (
            "damaged/html-error-page.html",
            "--news",
            "an HTML page, not an RSS, Atom or JSON feed",
        ),
        (
            "prices/coingecko-markets.json",
            "--news",
            "not a readable RSS, Atom or JSON feed",
        ),
    ] {
        let build = Build::new();
        let path = source(&format!("sources/{file}"));
        let output = build.run(&[flag, &path], CLOCK);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{file}: {message}");
        assert!(
            message.contains(&format!("{path}: {said}")),
            "{file}: {message}"
        );
    }
}

#[test]
fn binance_simple_price_and_csv_sources() {
    let build = Build::new();
    let binance = source("sources/prices/binance-ticker-24hr.json");
    let output = build.run(
        &[
            "--prices",
            &binance,
            "--quote",
            "USDT",
            "--symbols",
            "ETH,BTC",
        ],
        CLOCK,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let written = feed(&build.out());
    let symbols: Vec<&str> = written["tickers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["symbol"].as_str().unwrap())
        .collect();
    assert_eq!(symbols, ["ETH", "BTC"], "in the order asked for");
    assert_eq!(written["quote_currency"], "USDT");
    // Binance writes "77124.50000000": the same number, as the widget reads it.
    assert!(!written["tickers"][1]["price"]
        .as_str()
        .unwrap()
        .ends_with('0'));

    let one = source("sources/prices/binance-ticker-24hr-one.json");
    let output = build.run(&["--prices", &one, "--quote", "USDT"], CLOCK);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(feed(&build.out())["tickers"].as_array().unwrap().len(), 1);

    let simple = source("sources/prices/coingecko-simple-price.json");
    let output = build.run(&["--prices", &simple, "--id", "bitcoin=BTC"], CLOCK);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(feed(&build.out())["tickers"][0]["symbol"], "BTC");

    let csv = build.file(
        "p.csv",
        "symbol,name,price\nbtc,Bitcoin,77124.50\nETH,Ethereum,abc\n",
    );
    let output = build.run(&["--prices", &csv], CLOCK);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("line 3 (ETH): price \"abc\" is not a decimal number; skipped"),
        "{}",
        stderr(&output)
    );
    assert_eq!(feed(&build.out())["tickers"][0]["price"], "77124.5");
}

#[test]
fn encodings_real_feeds_use() {
    let build = Build::new();
    let gb2312 = source("sources/news/chinese-gb2312.rss");
    let output = build.run(&["--news", &gb2312, "--zone", "+08:00"], CLOCK);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = feed(&build.out());
    let first = &written["articles"][0];
    assert_eq!(first["title"], "建国35周年纪念，华表，和平鸽");
    assert_eq!(
        first["published_at"], "2020-01-10T06:33:00Z",
        "14:33 in Beijing"
    );

    // The same bytes declared as UTF-8: read anyway, and said.
    let lying = source("sources/damaged/gb2312-declared-utf8.xml");
    let output = build.run(&["--news", &lying, "--zone", "+08:00"], CLOCK);
    assert!(
        stderr(&output).contains("declares UTF-8 but is not; read as GBK"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        feed(&build.out())["articles"][0]["title"],
        "建国35周年纪念，华表，和平鸽"
    );

    for (file, expected) in [
        (
            "sources/news/latin1-iso-8859-1.rss",
            "Revolução nas telas com pontos quânticos impressos em 3D",
        ),
        ("sources/news/utf8-bom.rss", "Skipping Around"),
    ] {
        let output = build.run(&["--news", &source(file)], CLOCK);
        assert!(output.status.success(), "{file}: {}", stderr(&output));
        assert_eq!(
            feed(&build.out())["articles"][0]["title"],
            expected,
            "{file}"
        );
    }
}

#[test]
fn fifty_thousand_items_make_a_feed_the_widget_can_read() {
    let build = Build::new();
    let items: String = (0..50_000)
        .map(|i| format!("<item><title>Flash {i}</title><guid>f{i}</guid><pubDate>Wed, 12 Jun 2024 08:{:02}:{:02} GMT</pubDate><description>&lt;p&gt;Text {i}&lt;/p&gt;</description></item>", i / 60 % 60, i % 60))
        .collect();
    let rss = build.file("big.rss", &format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>{items}</channel></rss>"));
    let coins: Vec<String> = (0..50_000)
        .map(|i| format!(r#"{{"symbol":"c{i}","name":"Coin {i}","current_price":{i}.5}}"#))
        .collect();
    let markets = build.file("markets.json", &format!("[{}]", coins.join(",")));
    let output = build.run(&["--prices", &markets, "--news", &rss], CLOCK);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = feed(&build.out());
    assert_eq!(written["articles"].as_array().unwrap().len(), 50);
    assert_eq!(written["tickers"].as_array().unwrap().len(), 100);
    assert!(stderr(&output).contains("50000 prices; the first 100 are kept"));
}

/// The widget's findings, by JSON path, with its exit codes.
#[test]
fn check_names_the_path_of_every_problem() {
    let damaged = |name: &str| source(&format!("feeds/damaged/{name}.json"));
    for (name, finding) in [
        (
            "price-abc",
            "tickers[3] (XRP).price: not a decimal number; shown as —",
        ),
        (
            "negative-price",
            "tickers[3] (XRP).price: negative; shown as —",
        ),
        (
            "infinite-price",
            "tickers[3] (XRP).price: not a decimal number; shown as —",
        ),
        (
            "missing-symbol",
            "tickers[3].symbol: missing; the ticker is skipped",
        ),
        (
            "symbol-too-long",
            "tickers[3].symbol: longer than 12 characters; the ticker is skipped",
        ),
        (
            "duplicate-symbol",
            ".symbol: repeats an earlier ticker's; this one is skipped",
        ),
        (
            "javascript-url",
            "tickers[0] (BTC).url: not an http(s) URL; left out",
        ),
        (
            "huge-string",
            ".title: longer than 500 characters; truncated",
        ),
        ("unknown-block-type", ".type: unknown block type"),
        (
            "article-without-body",
            ".body: missing; the article is skipped",
        ),
        ("article-without-id", ".id: missing; the article is skipped"),
        ("future-version", "version: 2 is newer than 1"),
    ] {
        let output = run(&["check", &damaged(name)], CLOCK);
        let report = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{name}: {report}");
        assert!(report.contains(finding), "{name}: {report}");
    }
    for entry in std::fs::read_dir(source("feeds/rejected")).unwrap() {
        let path = entry.unwrap().path();
        let output = run(&["check", path.to_str().unwrap()], CLOCK);
        assert_eq!(output.status.code(), Some(2), "{path:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains(": refused: The feed"),
            "{path:?}"
        );
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/feed.json");
    assert_eq!(
        run(&["check", sample.to_str().unwrap()], CLOCK)
            .status
            .code(),
        Some(0)
    );

    let output = run(&["check", "--format", "json", &damaged("price-abc")], CLOCK);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["verdict"], "findings");
    assert_eq!(report["findings"][0]["path"], "tickers[3] (XRP).price");
    assert_eq!(
        report["findings"][0]["problem"],
        "not a decimal number; shown as —"
    );
}

/// `tapewire-feed schema` prints the committed schema.
#[test]
fn schema_prints_the_committed_schema() {
    let output = run(&["schema"], CLOCK);
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/feed.schema.json"))
            .unwrap();
    assert!(output.stdout == committed, "the committed schema");
}

/// Serves one answer per connection, in order, on 127.0.0.1: (status line, content type, body).
fn serve(answers: Vec<(&'static str, &'static str, Vec<u8>)>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for (status, content_type, body) in answers {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{address}")
}

#[test]
fn sources_and_feeds_over_http() {
    let markets = std::fs::read(source("sources/prices/coingecko-markets.json")).unwrap();
    // An ISO-8859-1 feed whose only word of its encoding is the server's charset.
    let latin1 = b"<rss version=\"2.0\"><channel><title>L</title><item><title>Caf\xe9 cr\xe8me</title><guid>c</guid><pubDate>Wed, 12 Jun 2024 08:02:10 GMT</pubDate></item></channel></rss>".to_vec();
    let url = serve(vec![
        ("200 OK", "application/json", markets),
        ("200 OK", "application/rss+xml; charset=ISO-8859-1", latin1),
        (
            "503 Service Unavailable",
            "text/html",
            b"<title>down</title>".to_vec(),
        ),
    ]);
    let build = Build::new();
    let (prices, news) = (format!("{url}/markets"), format!("{url}/rss"));
    let output = build.run(&["--prices", &prices, "--news", &news], CLOCK);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(feed(&build.out())["articles"][0]["title"], "Café crème");
    let output = build.run(&["--prices", &prices], CLOCK);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("{prices}: the server answered HTTP 503")),
        "{}",
        stderr(&output)
    );

    let feed_text = std::fs::read(build.out()).unwrap();
    let url = serve(vec![("200 OK", "application/json", feed_text)]);
    let output = run(&["check", &format!("{url}/feed.json")], CLOCK);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
