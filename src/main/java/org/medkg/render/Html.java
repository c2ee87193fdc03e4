package org.medkg.render;

/**
 * Server-rendered HTML: escaping and the page shell. Self-contained (inline CSS, system fonts, no scripts, no
 * CDN), so pages work offline; semantic landmarks, a skip link and visible focus for keyboard users.
 */
public final class Html {
    private Html() {}

    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    public static String link(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    /**
     * A link to a source, shown as host and path ({@code huggingface.co/epfl-llm/meditron-70b}) rather than the raw
     * URL: no scheme or "www.", commit hashes shortened to 7 characters; the whole URL is the link and its tooltip.
     * It may wrap anywhere, so a long one never widens a table.
     */
    public static String sourceLink(String url) {
        String shown = url.replaceFirst("^https?://(www\\.)?", "").replaceAll("/$", "");
        shown = shown.replaceAll("(?<=/)([0-9a-f]{7})[0-9a-f]{33}(?=/|$)", "$1");
        return "<a class=\"source\" href=\"" + esc(url) + "\" title=\"" + esc(url) + "\">" + esc(shown) + "</a>";
    }

    private static final String CSS = """
            :root { --fg:#1b1b1b; --muted:#555; --accent:#1f5fa8; --line:#d8d8d8; --bg:#fff; --soft:#f4f6f8; }
            * { box-sizing: border-box; }
            body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg);
                   background:var(--bg); line-height:1.5; }
            a { color:var(--accent); }
            a:focus, button:focus, input:focus, select:focus { outline:3px solid #f5a623; outline-offset:2px; }
            .skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px; }
            header { background:#0f2f57; color:#fff; padding:10px 24px; display:flex; gap:24px; align-items:center; flex-wrap:wrap; }
            header a { color:#fff; text-decoration:none; } header nav a { margin-right:16px; }
            header .brand { font-weight:700; font-size:1.2rem; }
            main { max-width:1200px; margin:0 auto; padding:16px 24px 48px; }
            h1 { font-size:1.6rem; margin:.6em 0 .2em; } h2 { font-size:1.2rem; margin-top:1.6em; border-bottom:1px solid var(--line); }
            .kind { color:var(--muted); font-size:.95rem; }
            table { border-collapse:collapse; width:100%; margin:8px 0; font-size:.95rem; }
            th, td { text-align:left; vertical-align:top; padding:6px 8px; border-bottom:1px solid var(--line); }
            th { background:var(--soft); font-weight:600; } th[scope=row] { width:14em; }
            .src { font-size:.85rem; color:var(--muted); } .src a { color:var(--muted); }
            .counts { display:flex; flex-wrap:wrap; gap:12px; padding:0; list-style:none; }
            .counts li { background:var(--soft); padding:10px 16px; border-radius:8px; }
            .counts strong { display:block; font-size:1.4rem; }
            form.inline { display:flex; gap:8px; flex-wrap:wrap; align-items:end; margin:8px 0; }
            label { display:block; font-size:.9rem; color:var(--muted); }
            input, select, button { font:inherit; padding:6px 8px; }
            button { background:var(--accent); color:#fff; border:0; border-radius:4px; cursor:pointer; }
            .figure { overflow:auto; max-height:85vh; border:1px solid var(--line); border-radius:8px; padding:4px; background:#fff; margin:8px 0; }
            .figure svg { display:block; max-width:100%; height:auto; }
            .zoom { margin-right:6px; } .zoom-label { display:inline; }
            .zoom:checked ~ .figure svg { max-width:none; }
            .table-wrap { max-width:100%; overflow-x:auto; }
            td { overflow-wrap:break-word; }
            a.source { overflow-wrap:anywhere; }
            pre { background:var(--soft); padding:12px; overflow:auto; font-size:.85rem; }
            footer { color:var(--muted); font-size:.85rem; max-width:1200px; margin:0 auto; padding:0 24px 24px; }
            .notice { background:#fff4e5; border-left:4px solid #f5a623; padding:8px 12px; }
            """;

    /** A whole page: {@code title} in the tab and as the h1, {@code body} already escaped. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + " · medkg</title>\n<style>" + CSS + "</style>\n</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header><a class=\"brand\" href=\"/browse\">medkg</a><nav aria-label=\"Main\">"
                + "<a href=\"/browse\">Home</a><a href=\"/browse/queries\">Canned queries</a>"
                + "<a href=\"/#/dataset/medkg/query\">SPARQL</a><a href=\"/.well-known/void\">Dataset description</a></nav>"
                + "<form role=\"search\" action=\"/browse/search\" method=\"get\"><label for=\"hdr-q\" class=\"skip\">Search</label>"
                + "<input id=\"hdr-q\" name=\"q\" type=\"search\" placeholder=\"Search models\" size=\"18\"></form></header>\n"
                + "<main id=\"main\">\n" + body + "\n</main>\n<footer>medkg: a knowledge graph of medical foundation models. "
                + "Every lineage edge and score links to its source.</footer>\n</body>\n</html>\n";
    }
}
