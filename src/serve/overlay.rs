//! What serve mode adds to the pages: the script that reloads a page after a good rebuild
//! (listening on `/__tiendo/events`), and the overlay that lists the errors of a failed one.
//! Everything from a diagnostic is HTML-escaped.

use super::{SiteFiles, Status, RESERVED_PREFIX};
use crate::diag::Diagnostic;
use crate::render::escape_html;

/// What serve mode adds to every page: the reload script, and the overlay when the latest build
/// failed (so that it shows even without JavaScript).
pub(super) fn page_extras(site: &SiteFiles, status: &Status) -> String {
    let mut s = overlay_html(&status.errors);
    s.push_str(&reload_script(&site.token));
    s
}

/// The overlay listing the errors of the latest build, HTML-escaped; empty when there are none.
pub(super) fn overlay_html(errors: &[Diagnostic]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<div id=\"__tiendo-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
         background:rgba(25,25,25,.94);color:#f5f5f5;font:15px/1.5 system-ui,sans-serif;padding:2rem\">\
         <div style=\"max-width:60rem;margin:0 auto\">",
    );
    let n = errors.len();
    s.push_str(&format!(
        "<h2 style=\"color:#ff8a80;margin:0 0 .5rem\">The site has {n} error{} \u{2013} this page shows the last good version</h2>\
         <p style=\"margin:0 0 1rem\">Fix the file{}; this page reloads by itself when the site builds again.</p><ol style=\"padding-left:1.5rem\">",
        if n == 1 { "" } else { "s" },
        if n == 1 { " below" } else { "s below" },
    ));
    for d in errors {
        let loc = d.location();
        s.push_str("<li style=\"margin:0 0 1.25rem\"><div style=\"font-family:ui-monospace,monospace;color:#80d8ff\">");
        s.push_str(&escape_html(&loc));
        s.push_str("</div><div style=\"font-weight:bold\">");
        s.push_str(&escape_html(&d.message));
        s.push_str("</div>");
        if let (Some(line), Some(snippet)) = (d.line(), &d.snippet) {
            let mut pre = format!("{line} | {snippet}");
            if let Some(c) = d.column() {
                pre.push_str(&format!(
                    "\n{} | {}^",
                    " ".repeat(line.to_string().len()),
                    " ".repeat(c.saturating_sub(1))
                ));
            }
            s.push_str("<pre style=\"background:#000;color:#eee;padding:.5rem;overflow:auto;margin:.25rem 0\">");
            s.push_str(&escape_html(&pre));
            s.push_str("</pre>");
        }
        if let Some(h) = &d.help {
            s.push_str("<div>help: ");
            s.push_str(&escape_html(h));
            s.push_str("</div>");
        }
        s.push_str("</li>");
    }
    s.push_str("</ol><button type=\"button\" onclick=\"this.closest('#__tiendo-overlay').remove()\">Hide</button></div></div>");
    s
}

/// The script every HTML page gets in serve mode. `token` is the build the page comes from.
fn reload_script(token: &str) -> String {
    format!(
        "<script>/* tiendo serve: live reload */(function(){{if(!window.EventSource)return;\
var token=\"{token}\",es=new EventSource(\"/{RESERVED_PREFIX}/events\");\
function overlay(s){{var o=document.getElementById(\"__tiendo-overlay\");if(o)o.remove();\
if(s.overlay)document.body.insertAdjacentHTML(\"beforeend\",s.overlay);}}\
es.addEventListener(\"hello\",function(e){{var s=JSON.parse(e.data);\
if(s.ok&&s.site!==token){{location.reload();}}else{{overlay(s);}}}});\
es.addEventListener(\"reload\",function(){{location.reload();}});\
es.addEventListener(\"errors\",function(e){{overlay(JSON.parse(e.data));}});}})();</script>\n"
    )
}

/// The state sent to pages: `{"generation", "ok", "errors", "site", "overlay", "messages"}`.
pub(super) fn state_json(status: &Status) -> String {
    let messages: Vec<serde_json::Value> = status
        .errors
        .iter()
        .map(|d| {
            serde_json::json!({
                "path": d.path.display().to_string(),
                "line": d.line(),
                "column": d.column(),
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    serde_json::json!({
        "generation": status.generation,
        "ok": status.ok,
        "errors": status.errors.len(),
        "site": status.site_token,
        "overlay": overlay_html(&status.errors),
        "messages": messages,
    })
    .to_string()
}

/// Inserts `snippet` before the last `</body>` of `html` (or at its end).
pub(super) fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let needle = b"</body";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    let (before, after) = html.split_at_checked(at).unwrap_or((html, &[]));
    out.extend_from_slice(before);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(after);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_everything() {
        let d = Diagnostic::error("content/news/<x>.vi.md", "bad <script>alert(1)</script>")
            .at(2, 3)
            .help("use \"quotes\" & <b>")
            .with_source("a\n<img src=x onerror=alert(1)>\n");
        let html = overlay_html(&[d]);
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("content/news/&lt;x&gt;.vi.md:2:3"));
        assert!(html.contains("use &quot;quotes&quot; &amp; &lt;b&gt;"));
        assert!(overlay_html(&[]).is_empty());
    }

    #[test]
    fn inject_before_last_body() {
        assert_eq!(
            inject(b"<body>a</body></html>", "S"),
            b"<body>aS</body></html>"
        );
        assert_eq!(inject(b"no body", "S"), b"no bodyS");
    }
}
