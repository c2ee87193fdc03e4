package org.medkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.medkg.catalog.Suggest;
import org.medkg.render.Html;
import org.medkg.render.LineageGraphs;
import org.medkg.render.SvgRenderer;
import org.medkg.vocab.MKG;

/**
 * Dereferenceable IRIs: {@code /id/{kind}/{slug}} is the local form of {@code <base>id/{kind}/{slug}}. Answers with
 * the entity's description as HTML or RDF by content negotiation, or by the suffixes {@code .html}, {@code .ttl},
 * {@code .jsonld}, {@code .nt}, {@code .rdf}. Also {@code /lineage/{kind}/{slug}.svg}. Paths are checked against
 * the slug pattern before any lookup; nothing here touches the file system.
 */
final class LinkedDataServlet extends HttpServlet {
    static final Set<String> KINDS = Set.of("model", "family", "institute", "benchmark", "modality", "system",
            "license", "publication");
    private static final Pattern PATH = Pattern.compile(
            "/([a-z]+)/([a-z0-9][a-z0-9._-]*?)(?:\\.(html|ttl|jsonld|nt|rdf|svg))?");

    private final transient DatasetGraph dataset;
    private final String base;
    private final boolean lineage;

    /** @param base the public base IRI, e.g. {@code https://w3id.org/medkg/}; @param lineage serve SVG pictures */
    LinkedDataServlet(DatasetGraph dataset, String base, boolean lineage) {
        this.dataset = dataset;
        this.base = base;
        this.lineage = lineage;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String raw = req.getRequestURI();
        String path = req.getPathInfo();
        if (raw.contains("%") || raw.contains(";") || raw.contains("..") || path == null) {
            Pages.error(req, resp, 400, "Bad request", "This path cannot name a catalog entity.");
            return;
        }
        Matcher m = PATH.matcher(path);
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (!m.matches() && !lower.equals(path)) {
            // Ids are lowercase: /id/model/Meditron-70B is /id/model/meditron-70b.
            Matcher l = PATH.matcher(lower);
            if (l.matches() && KINDS.contains(l.group(1))) {
                String q = req.getQueryString();
                resp.setStatus(301);
                resp.setHeader("Location", req.getServletPath() + lower + (q == null ? "" : "?" + q));
                return;
            }
        }
        if (!m.matches() || !KINDS.contains(m.group(1))) {
            Pages.error(req, resp, 404, "Not found", "Entity paths look like /id/model/meditron-70b: a kind ("
                    + String.join(", ", KINDS.stream().sorted().toList()) + ") and an id of lowercase letters, digits, '.', '_' or '-'.");
            return;
        }
        String kind = m.group(1);
        String slug = m.group(2);
        String suffix = m.group(3);
        Node entity = NodeFactory.createURI(base + "id/" + kind + "/" + slug);
        Node canonical = MKG.entity(kind, slug);

        Txn.executeRead(dataset, () -> {
            try {
                Graph g = dataset.getDefaultGraph();
                Node e = g.contains(entity, RDF.type.asNode(), Node.ANY) ? entity : canonical;
                if (!g.contains(e, RDF.type.asNode(), Node.ANY)) {
                    notFound(req, resp, g, kind, slug);
                    return;
                }
                if (lineage) {
                    if (!"svg".equals(suffix)) { Pages.error(req, resp, 404, "Not found", "Lineage pictures end in .svg."); return; }
                    svg(req, resp, e);
                    return;
                }
                if ("svg".equals(suffix)) { Pages.error(req, resp, 404, "Not found", "Pictures are at /lineage/" + kind + "/" + slug + ".svg"); return; }
                Negotiation.Choice choice = suffix != null ? Negotiation.bySuffix(suffix)
                        : Negotiation.byAccept(req.getHeader("Accept"), true);
                resp.setHeader("Vary", "Accept");
                if (choice == null) {
                    Pages.error(req, resp, 406, "Not acceptable", "Available: text/html, text/turtle, application/ld+json, "
                            + "application/n-triples, application/rdf+xml.");
                    return;
                }
                if (suffix == null) resp.setHeader("Content-Location", "/id/" + kind + "/" + slug + "." + choice.suffix());
                if (choice.html()) {
                    int depth = intParam(req, "depth", 3, 1, 8);
                    SvgRenderer.ColorBy color = "modality".equals(req.getParameter("color"))
                            ? SvgRenderer.ColorBy.MODALITY : SvgRenderer.ColorBy.INSTITUTE;
                    String pageParam = req.getParameter("page");
                    int page = pageParam != null && pageParam.matches("\\d{1,5}") ? Integer.parseInt(pageParam) : 1;
                    Pages.html(resp, 200, new EntityPage(dataset).render(e, kind, depth, color, page));
                } else {
                    Graph d = EntityDescription.of(g, e);
                    resp.setStatus(200);
                    resp.setContentType(choice.mediaType() + "; charset=utf-8");
                    try (OutputStream out = resp.getOutputStream()) {
                        RDFWriter.source(d).format(choice.rdf().format()).output(out);
                    }
                }
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
    }

    private void svg(HttpServletRequest req, HttpServletResponse resp, Node e) throws IOException {
        int depth = intParam(req, "depth", 3, 1, 8);
        SvgRenderer.ColorBy color = "modality".equals(req.getParameter("color"))
                ? SvgRenderer.ColorBy.MODALITY : SvgRenderer.ColorBy.INSTITUTE;
        String svg = SvgRenderer.render(LineageGraphs.around(dataset, e.getURI(), depth), color, EntityPage::href);
        resp.setStatus(200);
        resp.setContentType("image/svg+xml; charset=utf-8");
        resp.getOutputStream().write(svg.getBytes(StandardCharsets.UTF_8));
    }

    static int intParam(HttpServletRequest req, String name, int dflt, int min, int max) {
        String v = req.getParameter(name);
        if (v == null || !v.matches("\\d{1,2}")) return dflt;
        return Math.max(min, Math.min(max, Integer.parseInt(v)));
    }

    /** Ids are short: suggestions are computed only for ids up to this length, and an id is echoed at most this long. */
    static final int MAX_ID = 200;

    private void notFound(HttpServletRequest req, HttpServletResponse resp, Graph g, String kind, String fullSlug) throws IOException {
        if (fullSlug.length() > MAX_ID && !Pages.wantsHtml(req)) {
            Pages.text(resp, 404, "Error 404: there is no " + kind + " with an id of " + fullSlug.length()
                    + " characters: catalog ids are at most " + MAX_ID + " characters long.\n");
            return;
        }
        if (fullSlug.length() > MAX_ID) {
            Pages.html(resp, 404, Html.page("Not found", "<h1>Not found</h1>\n<p>There is no " + Html.esc(kind)
                    + " with an id of " + fullSlug.length() + " characters: catalog ids are at most " + MAX_ID
                    + " characters long (this one starts <code>" + Html.esc(fullSlug.substring(0, 60)) + "…</code>).</p>\n"));
            return;
        }
        String slug = fullSlug;
        List<String> candidates = new ArrayList<>();
        java.util.Map<String, String> labelToSlug = new java.util.HashMap<>();
        String prefix = MKG.ID_BASE + kind + "/";
        g.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEachRemaining(t -> {
            String iri = t.getSubject().isURI() ? t.getSubject().getURI() : "";
            if (iri.startsWith(prefix) && !iri.contains("#")) {
                String s = iri.substring(prefix.length());
                candidates.add(s);
                labelToSlug.put(t.getObject().getLiteralLexicalForm().toLowerCase(Locale.ROOT), s);
            }
        });
        g.find(Node.ANY, SKOS.altLabel.asNode(), Node.ANY).forEachRemaining(t -> {
            String iri = t.getSubject().isURI() ? t.getSubject().getURI() : "";
            if (iri.startsWith(prefix) && !iri.contains("#"))
                labelToSlug.put(t.getObject().getLiteralLexicalForm().toLowerCase(Locale.ROOT), iri.substring(prefix.length()));
        });
        List<String> close = new ArrayList<>(Suggest.closest(slug, candidates, 6));
        for (String l : Suggest.closest(slug, labelToSlug.keySet(), 6)) {
            String s = labelToSlug.get(l);
            if (!close.contains(s) && close.size() < 8) close.add(s);
        }
        if (!Pages.wantsHtml(req)) {
            StringBuilder t = new StringBuilder("Error 404: there is no ").append(kind).append(" with id '").append(slug)
                    .append("' in the catalog.");
            if (!close.isEmpty()) {
                t.append(" Close matches:");
                for (String s : close) t.append(" /id/").append(kind).append('/').append(s);
            }
            Pages.text(resp, 404, t.append('\n').toString());
            return;
        }
        StringBuilder b = new StringBuilder("<h1>Not found</h1>\n<p>There is no ").append(Html.esc(kind))
                .append(" with id <code>").append(Html.esc(slug)).append("</code> in the catalog.</p>\n");
        if (!close.isEmpty()) {
            b.append("<h2>Close matches</h2>\n<ul>\n");
            for (String s : close) b.append("<li>").append(Html.link("/id/" + kind + "/" + s, s)).append("</li>\n");
            b.append("</ul>\n");
        }
        b.append("<p>").append(Html.link("/browse/search?q=" + java.net.URLEncoder.encode(slug, StandardCharsets.UTF_8), "Search for it"))
                .append(".</p>\n");
        Pages.html(resp, 404, Html.page("Not found", b.toString()));
    }
}
