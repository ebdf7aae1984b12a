//! One ticker: what it shows, and its item in each copy of the track. A new price patches the
//! parts that changed (the price's text node, the change's) and nothing else.

use std::sync::Arc;

use web_sys::{Animation, Element, Text};

use super::motion::flash;

use crate::decimal::Decimal;
use crate::dom::{append, attr_or_none, attrs, element, svg, text};
use crate::feed::Ticker;
use crate::format::{Direction, NumberStyle};
use crate::quote::{price_move, Quote};
use crate::sparkline::{sparkline, HEIGHT, WIDTH};

/// What one item shows.
#[derive(PartialEq)]
struct Shown {
    /// The price as shown: `$77,124.50`, `$0.0₄1234`, `—`.
    text: String,
    /// The exact price when the one shown is compact: its tooltip and accessible name.
    exact: Option<String>,
    change: Option<String>,
    direction: Direction,
    name: Option<String>,
    url: Option<String>,
    history: Vec<f64>,
}

impl Shown {
    fn of(ticker: Ticker, style: &NumberStyle) -> Self {
        let quote = Quote::of(&ticker, style);
        Self {
            exact: quote.price.compact.then_some(quote.price.full),
            text: quote.price.text,
            change: quote.change,
            direction: quote.direction,
            name: ticker.name,
            url: ticker.url,
            history: ticker.history,
        }
    }
}

pub struct Row {
    pub symbol: Arc<str>,
    /// The price on screen, and what it shows.
    price: Option<Decimal>,
    shown: Shown,
    /// The newest data, not yet on screen.
    pending: Option<Ticker>,
    /// Its item in each copy that holds it: copies `0..items.len()`.
    pub items: Vec<Item>,
}

impl Row {
    pub fn new(ticker: Ticker, style: &NumberStyle) -> Self {
        Self {
            symbol: ticker.symbol.as_str().into(),
            price: ticker.price.clone(),
            shown: Shown::of(ticker, style),
            pending: None,
            items: Vec::new(),
        }
    }

    /// Files newer data to go on screen later ([`Row::put_on_screen`]).
    pub fn file(&mut self, ticker: Ticker) {
        self.pending = Some(ticker);
    }

    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Writes the newest data on screen, touching only the parts that changed; returns the way
    /// the price moved, if it did.
    pub fn put_on_screen(
        &mut self,
        style: &NumberStyle,
        with_sparkline: bool,
    ) -> Option<Direction> {
        let ticker = self.pending.take()?;
        let moved = price_move(self.price.as_ref(), ticker.price.as_ref());
        self.price.clone_from(&ticker.price);
        let new = Shown::of(ticker, style);
        if new == self.shown {
            return moved;
        }
        let old = std::mem::replace(&mut self.shown, new);
        let shown = &self.shown;
        for item in &mut self.items {
            if shown.url != old.url {
                // A link came or went: the item is built anew in its place.
                let rebuilt = Item::new(&self.symbol, shown, with_sparkline);
                item.root.replace_with_with_node_1(&rebuilt.root).ok();
                *item = rebuilt;
                continue;
            }
            item.patch(&old, shown, with_sparkline);
        }
        moved
    }

    /// Gives the row items in copies `0..copies`, building the missing ones (the caller puts
    /// them in place) and removing the rest from the page.
    pub fn hold_items(&mut self, copies: usize, with_sparkline: bool) {
        for item in self.items.drain(copies.min(self.items.len())..) {
            item.root.remove();
        }
        while self.items.len() < copies {
            let item = Item::new(&self.symbol, &self.shown, with_sparkline);
            self.items.push(item);
        }
    }
}

/// One item's nodes:
/// `<div role=listitem class=tw-tick><a class=tw-tick__link>symbol price change [spark]</a></div>`.
pub struct Item {
    pub root: Element,
    /// The link or label: a flash is its background.
    link: Element,
    /// The flash running, or last run: a new one replaces it, so that polls in quick
    /// succession never pile animations up.
    flash: Option<Animation>,
    price: Element,
    /// The shown price, hidden from assistive technology when compact, its text, and the
    /// exact price for screen readers beside it.
    price_shown: Element,
    price_text: Text,
    price_exact: Option<Element>,
    change: Element,
    change_text: Text,
    spark: Option<Element>,
}

impl Item {
    fn new(symbol: &str, shown: &Shown, with_sparkline: bool) -> Self {
        let root = element("div", "tw-tick");
        attrs(&root, &[("role", "listitem"), ("data-symbol", symbol)]);
        attr_or_none(&root, "title", shown.name.as_deref());
        let link = match &shown.url {
            Some(href) => {
                let link = element("a", "tw-tick__link");
                attrs(
                    &link,
                    &[
                        ("href", href),
                        ("target", "_blank"),
                        ("rel", "noopener noreferrer"),
                    ],
                );
                link
            }
            None => element("span", "tw-tick__link"),
        };
        let label = element("span", "tw-tick__symbol");
        label.set_text_content(Some(symbol));
        let price = element("span", "tw-tick__price");
        let price_shown = element("span", "");
        let price_text = text(&shown.text);
        append(&price_shown, &[&price_text]);
        append(&price, &[&price_shown]);
        let change = element("span", change_class(shown.direction));
        let change_text = text(shown.change.as_deref().unwrap_or_default());
        append(&change, &[&change_text]);
        append(&link, &[&label, &text(" "), &price, &text(" "), &change]);
        append(&root, &[&link]);
        let mut item = Self {
            root,
            link,
            flash: None,
            price,
            price_shown,
            price_text,
            price_exact: None,
            change,
            change_text,
            spark: None,
        };
        item.show_exact(shown.exact.as_deref());
        if with_sparkline {
            item.show_history(&shown.history);
        }
        item
    }

    /// Flashes the item up or down once.
    pub fn flash(&mut self, direction: Direction) {
        if let Some(running) = self.flash.take() {
            running.cancel();
        }
        self.flash = Some(flash(&self.link, direction));
    }

    fn patch(&mut self, old: &Shown, new: &Shown, with_sparkline: bool) {
        if new.text != old.text {
            self.price_text.set_data(&new.text);
        }
        if new.exact != old.exact {
            self.show_exact(new.exact.as_deref());
        }
        if new.change != old.change {
            self.change_text
                .set_data(new.change.as_deref().unwrap_or_default());
        }
        if new.direction != old.direction {
            self.change.set_class_name(change_class(new.direction));
        }
        if new.name != old.name {
            attr_or_none(&self.root, "title", new.name.as_deref());
        }
        if with_sparkline && new.history != old.history {
            self.show_history(&new.history);
        }
    }

    /// A compact price's exact value: its tooltip, and what screen readers read instead.
    fn show_exact(&mut self, exact: Option<&str>) {
        attr_or_none(&self.price, "title", exact);
        attr_or_none(&self.price_shown, "aria-hidden", exact.map(|_| "true"));
        match (exact, &self.price_exact) {
            (Some(exact), Some(spoken)) => spoken.set_text_content(Some(exact)),
            (Some(exact), None) => {
                let spoken = element("span", "tw-sr-only");
                spoken.set_text_content(Some(exact));
                append(&self.price, &[&spoken]);
                self.price_exact = Some(spoken);
            }
            (None, _) => {
                if let Some(spoken) = self.price_exact.take() {
                    spoken.remove();
                }
            }
        }
    }

    /// The recent prices as a small line, coloured by where it ended. Decoration: the price and
    /// change beside it say the same in words.
    fn show_history(&mut self, history: &[f64]) {
        if let Some(old) = self.spark.take() {
            old.remove();
        }
        let Some(line) = sparkline(history) else {
            return;
        };
        let spark = svg("svg");
        let view_box = format!("0 0 {WIDTH} {HEIGHT}");
        attrs(
            &spark,
            &[
                (
                    "class",
                    if line.rising {
                        "tw-spark tw-up"
                    } else {
                        "tw-spark tw-down"
                    },
                ),
                ("viewBox", &view_box),
                ("preserveAspectRatio", "none"),
                ("aria-hidden", "true"),
                ("focusable", "false"),
            ],
        );
        let polyline = svg("polyline");
        attrs(&polyline, &[("points", &line.points)]);
        append(&spark, &[&polyline]);
        append(&self.link, &[&spark]);
        self.spark = Some(spark);
    }
}

fn change_class(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "tw-tick__change tw-up",
        Direction::Down => "tw-tick__change tw-down",
        Direction::Flat => "tw-tick__change",
    }
}
