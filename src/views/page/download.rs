//! "Scan to download": the publisher's app link as a QR code drawn in the browser, and as a
//! plain link for readers already on their phone.

use leptos::prelude::*;

use crate::live::LiveFeed;
use crate::logic::qr::qr_path;

#[component]
pub fn ScanToDownload() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let target = Memo::new(move |_| {
        live.publisher.with(|publisher| {
            let publisher = publisher.as_ref()?;
            Some((publisher.download_url.clone()?, publisher.name.clone()))
        })
    });
    move || {
        target.get().map(|(url, name)| {
            let app = match name {
                Some(name) => format!("Get the {name} app"),
                None => "Get the app".to_owned(),
            };
            // Dark on light whatever the theme: scanners expect it.
            let code = qr_path(&url).map(|qr| {
                view! {
                    <svg
                        class="tw-download__qr"
                        viewBox=format!("0 0 {0} {0}", qr.size)
                        role="img"
                        aria-label=format!("QR code for {url}")
                        shape-rendering="crispEdges"
                    >
                        <rect width="100%" height="100%" fill="#fff" />
                        <path d=qr.d fill="#000" />
                    </svg>
                }
            });
            view! {
                <section class="tw-download" aria-labelledby="tw-download-heading">
                    <h2 id="tw-download-heading" class="tw-download__heading">
                        "Scan to download"
                    </h2>
                    {code}
                    <p class="tw-download__app">{app}</p>
                    <a class="tw-download__link" href=url>
                        "Download the app"
                    </a>
                </section>
            }
        })
    }
}
