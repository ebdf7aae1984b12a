//! An article's HTML (an RSS description, an Atom or JSON Feed content) as the feed's plain-text
//! blocks: paragraphs, headings, lists, quotes, images and links. Nothing executable is kept
//! (scripts, styles, frames, forms, event attributes: no markup is kept at all), and every URL
//! is resolved against the item's base; one that is not http(s) then is dropped.

use ego_tree::NodeRef;
use scraper::{Html, Node};
use url::Url;

use crate::logic::feed::Block;

/// What is never text: code, styles, embedded documents, form controls.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "form", "input", "button", "select", "textarea", "svg", "math", "canvas", "audio",
    "video", "head", "title", "meta", "link",
];
/// What ends a paragraph: its text is a block of its own.
const BLOCK_LEVEL: &[&str] = &[
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "pre", "table",
    "tr", "dl", "dt", "dd", "address", "hr", "details", "summary", "center",
];

pub fn blocks(html: &str, base: Option<&Url>) -> Vec<Block> {
    let fragment = Html::parse_fragment(html);
    let mut walker = Walker {
        base,
        blocks: Vec::new(),
        inline: String::new(),
        links: Vec::new(),
    };
    for child in fragment.root_element().children() {
        walker.walk(child);
    }
    walker.flush();
    walker.blocks
}

/// Plain text of some HTML (a title written as HTML), whitespace collapsed.
pub fn text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::new();
    for child in fragment.root_element().children() {
        text_of(child, &mut out);
    }
    collapse(&out)
}

struct Walker<'a> {
    base: Option<&'a Url>,
    blocks: Vec<Block>,
    /// The paragraph being gathered.
    inline: String,
    /// Its links (text, href): a paragraph that is one link becomes a link block.
    links: Vec<(String, String)>,
}

impl Walker<'_> {
    fn walk(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) => self.inline.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                if DROPPED.contains(&name) {
                    return;
                }
                match name {
                    "br" => self.inline.push('\n'),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.flush();
                        self.push_text(node, |text| Block::Heading { text });
                    }
                    "ul" | "ol" => {
                        self.flush();
                        let items: Vec<String> = node
                            .children()
                            .filter(|child| is_element(*child, "li"))
                            .map(|item| plain(item))
                            .filter(|item| !item.is_empty())
                            .collect();
                        if !items.is_empty() {
                            self.blocks.push(Block::List {
                                items,
                                ordered: name == "ol",
                            });
                        }
                    }
                    "blockquote" => {
                        self.flush();
                        let cite = element
                            .attr("cite")
                            .and_then(|cite| self.resolve(cite))
                            .or_else(|| {
                                node.descendants()
                                    .find(|n| is_element(*n, "cite"))
                                    .map(plain)
                                    .filter(|cite| !cite.is_empty())
                            });
                        self.push_text(node, |text| Block::Quote { text, cite });
                    }
                    "img" => {
                        self.flush();
                        self.push_image(node, None);
                    }
                    "figure" => {
                        self.flush();
                        let caption = node
                            .descendants()
                            .find(|n| is_element(*n, "figcaption"))
                            .map(plain)
                            .filter(|caption| !caption.is_empty());
                        match node.descendants().find(|n| is_element(*n, "img")) {
                            Some(image) => self.push_image(image, caption),
                            None => self.push_text(node, |text| Block::Paragraph { text }),
                        }
                    }
                    "a" => {
                        for child in node.children() {
                            self.walk(child);
                        }
                        if let Some(href) = element.attr("href").and_then(|h| self.resolve(h)) {
                            self.links.push((plain(node), href));
                        }
                    }
                    _ if BLOCK_LEVEL.contains(&name) => {
                        self.flush();
                        for child in node.children() {
                            self.walk(child);
                        }
                        self.flush();
                    }
                    _ => {
                        for child in node.children() {
                            self.walk(child);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Ends the paragraph being gathered: a paragraph, or a link block when it is one link.
    fn flush(&mut self) {
        let text = collapse(&self.inline);
        self.inline.clear();
        let links = std::mem::take(&mut self.links);
        if text.is_empty() {
            return;
        }
        match &links[..] {
            [(link_text, href)] if *link_text == text => self.blocks.push(Block::Link {
                text,
                href: href.clone(),
            }),
            _ => self.blocks.push(Block::Paragraph { text }),
        }
    }

    fn push_text(&mut self, node: NodeRef<Node>, block: impl FnOnce(String) -> Block) {
        let text = plain(node);
        if !text.is_empty() {
            self.blocks.push(block(text));
        }
    }

    /// An image with its alternative text; one without (decorative, or unlabelled) is left
    /// out, as the feed requires `alt`.
    fn push_image(&mut self, node: NodeRef<Node>, caption: Option<String>) {
        let Node::Element(image) = node.value() else {
            return;
        };
        let src = image.attr("src").and_then(|src| self.resolve(src));
        let alt = image
            .attr("alt")
            .or(image.attr("title"))
            .map(collapse)
            .filter(|alt| !alt.is_empty());
        if let (Some(src), Some(alt)) = (src, alt) {
            self.blocks.push(Block::Image { src, alt, caption });
        }
    }

    /// An absolute http(s) URL, resolved against the item's base; `None` for anything else
    /// (`javascript:`, `data:`, or a relative URL with no base to resolve it against).
    fn resolve(&self, href: &str) -> Option<String> {
        let url = match self.base {
            Some(base) => base.join(href.trim()).ok()?,
            None => Url::parse(href.trim()).ok()?,
        };
        matches!(url.scheme(), "http" | "https").then(|| url.to_string())
    }
}

fn is_element(node: NodeRef<Node>, name: &str) -> bool {
    matches!(node.value(), Node::Element(element) if element.name() == name)
}

/// A node's text, whitespace collapsed, without what is dropped.
fn plain(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    text_of(node, &mut out);
    collapse(&out)
}

fn text_of(node: NodeRef<Node>, out: &mut String) {
    match node.value() {
        Node::Text(text) => out.push_str(text),
        Node::Element(element) if DROPPED.contains(&element.name()) => {}
        Node::Element(element) if element.name() == "br" => out.push('\n'),
        Node::Element(element) => {
            // Blocks and list items inside a quote or an item stay apart as words.
            if BLOCK_LEVEL.contains(&element.name()) || element.name() == "li" {
                out.push(' ');
            }
            for child in node.children() {
                text_of(child, out);
            }
        }
        _ => {}
    }
}

/// Runs of whitespace as one space; line breaks (`<br>`) kept, one at a time.
fn collapse(text: &str) -> String {
    text.split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    #[test]
    fn html_becomes_blocks_with_nothing_executable() {
        let base = Url::parse("https://news.example/2024/06/item.html").unwrap();
        let html = r#"<p>Bitcoin <b>rose</b> 3%.<script>alert(1)</script></p>
            <h2 onclick="x()">Why</h2><ul><li>ETF <i>flows</i></li><li>Halving</li></ul>
            <blockquote cite="/q">Buy the rumour</blockquote>
            <figure><img src="../img/chart.png" alt="BTC chart" onerror="x()"><figcaption>Daily</figcaption></figure>
            <img src="data:image/png;base64,AAAA" alt="tracker"><img src="/pixel.gif">
            <p><a href="https://news.example/full">Read more</a></p>
            <p>See <a href="javascript:alert(1)">this</a> and <a href="/that">that</a>.</p>
            <style>p{}</style><iframe src="https://evil.test"></iframe>Loose<br>text"#;
        assert_eq!(
            blocks(html, Some(&base)),
            [
                para("Bitcoin rose 3%."),
                Block::Heading { text: "Why".into() },
                Block::List {
                    items: vec!["ETF flows".into(), "Halving".into()],
                    ordered: false
                },
                Block::Quote {
                    text: "Buy the rumour".into(),
                    cite: Some("https://news.example/q".into())
                },
                Block::Image {
                    src: "https://news.example/2024/img/chart.png".into(),
                    alt: "BTC chart".into(),
                    caption: Some("Daily".into())
                },
                Block::Link {
                    text: "Read more".into(),
                    href: "https://news.example/full".into()
                },
                para("See this and that."),
                para("Loose\ntext"),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_markup_is_no_crash(html in "(<(/?)(p|a href=x|div|ul|li|img src=/a alt=b|br|h2|blockquote|figure|script)>|[a-z ]{0,5}|&amp;){0,40}") {
            let base = Url::parse("https://news.example/").unwrap();
            for block in blocks(&html, Some(&base)) {
                let text = match block {
                    Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text, .. } | Block::Link { text, .. } => text,
                    Block::List { items, .. } => items.join(""),
                    Block::Image { alt, .. } => alt,
                };
                proptest::prop_assert!(!text.trim().is_empty() && !text.contains('<'));
            }
        }
    }

    #[test]
    fn without_a_base_relative_urls_are_dropped() {
        assert_eq!(
            blocks(r#"<img src="a.png" alt="A"><p><a href="b">B</a></p>"#, None),
            [para("B")]
        );
        assert_eq!(text("Bitcoin &amp; <em>Ether</em>"), "Bitcoin & Ether");
    }
}
