//! QR codes for "Scan to download", drawn as one SVG path so they stay crisp at any size.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code, as the QR specification asks, so scanners find its edges.
pub const QUIET_ZONE: usize = 4;

/// A QR code as an SVG path over a square `size` × `size` grid of unit modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrPath {
    /// Modules per side, quiet zone included: the SVG's `viewBox` is `0 0 size size`.
    pub size: usize,
    /// The dark modules, one rectangle per horizontal run.
    pub d: String,
}

/// Encodes `text` (medium error correction: survives a smudge, stays small), or `None` when it
/// is too long for any QR code.
pub fn qr_path(text: &str) -> Option<QrPath> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let modules = usize::try_from(code.size()).ok()?;
    let dark = |x: usize, y: usize| code.get_module(x as i32, y as i32);
    let mut d = String::new();
    for y in 0..modules {
        let mut x = 0;
        while x < modules {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < modules && dark(x, y) {
                x += 1;
            }
            let run = x - start;
            d.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Some(QrPath {
        size: modules + 2 * QUIET_ZONE,
        d,
    })
}

// Natively only: the decoder (rqrr) is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Paints `path` (a list of `M x y h run v1 h-run z` runs) into a greyscale image with
    /// `scale` pixels per module.
    fn paint(path: &QrPath, scale: usize) -> (usize, Vec<u8>) {
        let side = path.size * scale;
        let mut pixels = vec![255u8; side * side];
        for run in path.d.split('M').filter(|run| !run.is_empty()) {
            let numbers: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, width) = (numbers[0], numbers[1], numbers[2]);
            for py in y * scale..(y + 1) * scale {
                for px in x * scale..(x + width) * scale {
                    pixels[py * side + px] = 0;
                }
            }
        }
        (side, pixels)
    }

    fn decode(path: &QrPath) -> String {
        let (side, pixels) = paint(path, 4);
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn decodes_back_to_the_download_url() {
        let url = "https://www.chaincatcher.com/";
        let path = qr_path(url).unwrap();
        assert_eq!(
            path.size,
            29 + 2 * QUIET_ZONE,
            "version 3: 29 bytes at medium correction"
        );
        assert_eq!(decode(&path), url);
    }

    #[test]
    fn long_and_non_ascii_urls_decode_exactly() {
        let url = format!(
            "https://example.com/app?ref=ticker&lang=zh-CN&q=%E4%B8%AD&pad={}",
            "x".repeat(300)
        );
        assert_eq!(decode(&qr_path(&url).unwrap()), url);
        // Written as the feed may give it, not percent-encoded: several bytes a character.
        let raw = "https://例え.jp/下载?app=链闻&from=🚀";
        assert_eq!(decode(&qr_path(raw).unwrap()), raw);
    }

    #[test]
    fn text_too_long_for_any_code_gives_none() {
        assert_eq!(qr_path(&"x".repeat(3000)), None);
    }
}
