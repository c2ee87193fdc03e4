package org.medkg.server;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.sparql.core.DatasetGraph;
import org.medkg.query.BadParameterException;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.Coverage;
import org.medkg.query.Page;
import org.medkg.query.Paging;
import org.medkg.query.QueryLibrary;
import org.medkg.render.Html;

/**
 * The human side: {@code /browse} (what is here, counts, search), {@code /browse/search?q=},
 * {@code /browse/queries} and {@code /browse/queries/{name}} (a form for the query's parameters, and its results).
 */
final class BrowseServlet extends HttpServlet {
    /** Rows per page of a query's results, as on the entity pages. */
    static final int PAGE_SIZE = EntityPage.PAGE_SIZE;
    private final transient DatasetGraph dataset;
    private final transient QueryLibrary library;
    private final long timeoutMillis;

    BrowseServlet(DatasetGraph dataset, QueryLibrary library, long timeoutMillis) {
        this.dataset = dataset;
        this.library = library;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (path.equals("/") || path.isEmpty()) home(resp);
        else if (path.equals("/search")) search(req, resp);
        else if (path.equals("/queries") || path.equals("/queries/")) queries(resp);
        else if (path.startsWith("/queries/")) query(req, resp, path.substring("/queries/".length()));
        else Pages.error(req, resp, 404, "Not found", "No page here. Start at /browse.");
    }

    private void home(HttpServletResponse resp) throws IOException {
        Map<String, Object> c = Coverage.compute(dataset);
        StringBuilder b = new StringBuilder();
        b.append("<h1>Medical foundation models and their lineage</h1>\n<p>medkg is a knowledge graph of medical and "
                + "biomedical foundation models: what exists, who built it, which model each one's weights start from, "
                + "at any depth, for which modalities, under which licence, how it scores on medical benchmarks, and "
                + "where each fact comes from. Every lineage edge and every score links to the paper, model card or "
                + "README that states it.</p>\n");
        b.append("<form role=\"search\" class=\"inline\" action=\"/browse/search\" method=\"get\"><div>"
                + "<label for=\"q\">Find a model, family or institute by name or alias</label>"
                + "<input id=\"q\" name=\"q\" type=\"search\" size=\"40\" placeholder=\"e.g. Meditron, PubMedGPT, BiomedBERT\" required>"
                + "</div><button type=\"submit\">Search</button></form>\n");
        b.append("<h2>What is here</h2>\n<ul class=\"counts\">");
        for (String[] k : new String[][] {{"models", "models"}, {"families", "families"}, {"institutes", "institutes"},
                {"lineageEdges", "lineage edges"}, {"benchmarks", "benchmarks"}, {"evaluations", "reported scores"},
                {"publications", "publications"}, {"triples", "triples"}})
            b.append("<li><strong>").append(c.get(k[0])).append("</strong>").append(k[1]).append("</li>");
        b.append("</ul>\n<p class=\"src\">").append(c.get("lineageEdges.withSource.percent"))
                .append("% of lineage edges and ").append(c.get("evaluations.withSource.percent"))
                .append("% of scores carry a source; lineage is known (a base, or trained from scratch) for ")
                .append(c.get("models.withLineageKnown.percent")).append("% of models.</p>\n");
        b.append("<h2>Start exploring</h2>\n<ul>\n<li>Everything built on ").append(Html.link("/id/family/llama-2", "Llama-2"))
                .append(", ").append(Html.link("/id/family/bert", "BERT")).append(", ")
                .append(Html.link("/id/family/mistral-7b", "Mistral 7B")).append("</li>\n<li>")
                .append(Html.link("/browse/queries", "Canned queries")).append(": lineage, leaderboards, licence inheritance, …</li>\n<li>")
                .append(Html.link("/#/dataset/medkg/query", "SPARQL query editor")).append(" (endpoint <code>/medkg/sparql</code>)</li>\n<li>")
                .append("Whole graph: ").append(Html.link("/dump.ttl", "Turtle")).append(", ").append(Html.link("/dump.nt", "N-Triples"))
                .append(", ").append(Html.link("/dump.jsonld", "JSON-LD")).append(", ").append(Html.link("/dump.rdf", "RDF/XML"))
                .append("; ").append(Html.link("/.well-known/void", "VoID and DCAT description")).append("</li>\n</ul>\n");
        Pages.html(resp, 200, Html.page("medkg", b.toString()));
    }

    private void search(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String q = req.getParameter("q");
        if (q == null || q.isBlank()) {
            resp.sendRedirect("/browse");
            return;
        }
        CannedQuery search = library.get("search");
        StringBuilder b = new StringBuilder("<h1>Search: ").append(Html.esc(q)).append("</h1>\n");
        try {
            Paging paging = Paging.parse(String.valueOf(PAGE_SIZE), req.getParameter("offset"), "limit", "offset");
            StringBuilder list = new StringBuilder();
            CannedQueryRunner runner = new CannedQueryRunner(dataset, timeoutMillis);
            Page[] page = new Page[1];
            runner.page(search, runner.bind(search, Map.of("text", q)), paging, p -> {
                page[0] = p;
                p.resultSet().forEachRemaining(s -> {
                    String iri = s.getResource("entity").getURI();
                    String name = s.getLiteral("name").getLexicalForm();
                    String matched = s.getLiteral("matched").getLexicalForm();
                    list.append("<li>").append(Html.link(EntityPage.href(iri), name)).append(" <span class=\"kind\">")
                            .append(Html.esc(s.getLiteral("kind").getLexicalForm())).append("</span>")
                            .append(matched.equals(name) ? "" : " <span class=\"src\">(also known as " + Html.esc(matched) + ")</span>")
                            .append("</li>\n");
                });
            });
            long n = page[0].total();
            b.append(n == 0 ? "<p>Nothing in the catalog has that name or alias.</p>\n" + suggestions(q)
                    : "<p>" + n + " match" + (n == 1 ? "" : "es") + ".</p>\n<ul class=\"results\">\n" + list + "</ul>\n"
                    + (n > page[0].rows().size() ? pager(page[0], req) : ""));
            Pages.html(resp, 200, Html.page("Search", b.toString()));
        } catch (BadParameterException e) {
            Pages.error(req, resp, 400, "Cannot search for that", e.getMessage());
        }
    }

    /** Names are compared with at most this many labels, so a search that finds nothing stays cheap at any size. */
    static final int MAX_SUGGESTION_CANDIDATES = 200_000;

    /** "Did you mean" for a search that found nothing: the closest names and aliases by edit distance, as links. */
    private String suggestions(String q) {
        if (q.length() > 100) return "";
        Map<String, String> nameToIri = new LinkedHashMap<>();
        org.apache.jena.system.Txn.executeRead(dataset, () -> {
            for (org.apache.jena.graph.Node p : new org.apache.jena.graph.Node[] {
                    org.apache.jena.vocabulary.RDFS.label.asNode(), org.apache.jena.vocabulary.SKOS.altLabel.asNode()}) {
                var it = dataset.getDefaultGraph().find(org.apache.jena.graph.Node.ANY, p, org.apache.jena.graph.Node.ANY);
                try {
                    while (it.hasNext() && nameToIri.size() < MAX_SUGGESTION_CANDIDATES) {
                        var t = it.next();
                        String iri = t.getSubject().isURI() ? t.getSubject().getURI() : "";
                        if (!t.getObject().isLiteral()) continue;
                        for (String kind : new String[] {"model/", "family/", "institute/"})
                            if (iri.startsWith(org.medkg.vocab.MKG.ID_BASE + kind) && !iri.contains("#"))
                                nameToIri.putIfAbsent(t.getObject().getLiteralLexicalForm(), iri);
                    }
                } finally {
                    it.close();
                }
            }
        });
        List<String> close = org.medkg.catalog.Suggest.closest(q, nameToIri.keySet(), 8);
        if (close.isEmpty()) return "";
        StringBuilder b = new StringBuilder("<p>Did you mean</p>\n<ul class=\"results suggestions\">\n");
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (String name : close)
            if (shown.add(nameToIri.get(name)))
                b.append("<li>").append(Html.link(EntityPage.href(nameToIri.get(name)), name)).append("</li>\n");
        return b.append("</ul>\n").toString();
    }

    private void queries(HttpServletResponse resp) throws IOException {
        StringBuilder b = new StringBuilder("<h1>Canned queries</h1>\n<p>Questions medkg answers out of the box. Each is "
                + "a SPARQL file in <code>queries/</code>; the same queries are at <code>/api/queries</code> for tools.</p>\n"
                + "<table><thead><tr><th scope=\"col\">Query</th><th scope=\"col\">What it answers</th></tr></thead><tbody>\n");
        for (CannedQuery q : library.all())
            b.append("<tr><td>").append(Html.link("/browse/queries/" + q.name(), q.title())).append("</td><td>")
                    .append(Html.esc(q.description())).append("</td></tr>\n");
        Pages.html(resp, 200, Html.page("Canned queries", b.append("</tbody></table>\n").toString()));
    }

    private void query(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        CannedQuery q = library.get(name);
        if (q == null) {
            Pages.error(req, resp, 404, "Not found", "There is no canned query with that name.");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (CannedQuery.Param p : q.params()) {
            String v = req.getParameter(p.name());
            if (v != null && !v.isBlank()) values.put(p.name(), v);
        }
        boolean run = req.getParameter("run") != null || !values.isEmpty();
        StringBuilder b = new StringBuilder("<h1>").append(Html.esc(q.title())).append("</h1>\n<p>")
                .append(Html.esc(q.description())).append("</p>\n");
        b.append("<form class=\"inline\" method=\"get\" action=\"/browse/queries/").append(Html.esc(q.name())).append("\">");
        for (CannedQuery.Param p : q.params()) {
            String id = "p-" + p.name();
            b.append("<div><label for=\"").append(id).append("\">").append(Html.esc(p.name())).append(" (")
                    .append(Html.esc(p.type().label())).append(p.required() ? "" : ", optional").append(")</label><input id=\"")
                    .append(id).append("\" name=\"").append(Html.esc(p.name())).append("\" placeholder=\"").append(Html.esc(p.example()))
                    .append("\" value=\"").append(Html.esc(values.getOrDefault(p.name(), ""))).append("\"")
                    .append(p.required() ? " required" : "").append("></div>");
        }
        b.append("<input type=\"hidden\" name=\"run\" value=\"1\"><button type=\"submit\">Run</button></form>\n");
        int status = 200;
        if (run) {
            try {
                Paging paging = Paging.parse(Objects.requireNonNullElse(req.getParameter("limit"), String.valueOf(PAGE_SIZE)),
                        req.getParameter("offset"), "limit", "offset");
                StringBuilder table = new StringBuilder();
                CannedQueryRunner runner = new CannedQueryRunner(dataset, timeoutMillis);
                runner.page(q, runner.bind(q, values), paging, page -> table.append(resultsTable(page, req)));
                b.append("<h2 id=\"results\">Results</h2>\n").append(table);
            } catch (BadParameterException e) {
                status = 400;
                b.append("<p class=\"notice\" role=\"alert\">").append(Html.esc(e.getMessage())).append("</p>\n");
            } catch (QueryCancelledException e) {
                status = 503;
                b.append("<p class=\"notice\" role=\"alert\">The query timed out.</p>\n");
            }
        }
        b.append("<h2>SPARQL</h2>\n<pre>").append(Html.esc(q.text())).append("</pre>\n");
        Pages.html(resp, status, Html.page(q.title(), b.toString()));
    }

    /** One page of results as a table, with which rows these are, how many more there are, and links to them. */
    static String resultsTable(Page page, HttpServletRequest req) {
        ResultSet rs = page.resultSet();
        List<String> vars = rs.getResultVars();
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table><thead><tr>");
        for (String v : vars) t.append("<th scope=\"col\">").append(Html.esc(v)).append("</th>");
        t.append("</tr></thead><tbody>\n");
        while (rs.hasNext()) {
            QuerySolution s = rs.next();
            t.append("<tr>");
            for (String v : vars) t.append("<td>").append(cell(s.get(v))).append("</td>");
            t.append("</tr>\n");
        }
        return t.append("</tbody></table></div>\n").append(pager(page, req)).toString();
    }

    /** Which rows a page shows, how many more there are, and links to the pages before and after it. */
    static String pager(Page page, HttpServletRequest req) {
        StringBuilder t = new StringBuilder("<p class=\"src\">");
        long first = page.offset() + 1, last = page.offset() + page.rows().size();
        if (page.rows().isEmpty()) t.append(page.total() == 0 ? "No rows." : "No rows here; the answer has " + page.total() + ".");
        else if (page.offset() == 0 && page.more() == 0) t.append(page.total()).append(page.total() == 1 ? " row." : " rows.");
        else t.append("Rows ").append(first).append("–").append(last).append(" of ").append(page.total())
                .append(page.more() > 0 ? "; " + page.more() + " more." : ".");
        t.append("</p>\n");
        if (page.offset() > 0 || page.nextOffset() >= 0) {
            t.append("<nav class=\"pager\" aria-label=\"Result pages\">");
            if (page.offset() > 0)
                t.append(Html.link(QueryApiServlet.pageUrl(req, page.limit(), Math.max(0, page.offset() - page.limit())),
                        "← previous")).append(' ');
            if (page.nextOffset() >= 0)
                t.append(Html.link(QueryApiServlet.pageUrl(req, page.limit(), page.nextOffset()),
                        "next " + Math.min(page.limit(), page.more()) + " →"));
            t.append("</nav>\n");
        }
        return t.toString();
    }

    private static String cell(RDFNode n) {
        if (n == null) return "";
        if (n.isURIResource()) {
            String iri = n.asResource().getURI();
            return Html.link(EntityPage.href(iri), iri.substring(iri.lastIndexOf('/') + 1));
        }
        if (!n.isLiteral()) return "";
        String lex = n.asLiteral().getLexicalForm();
        if (!lex.matches("https?://\\S+( https?://\\S+)*")) return Html.esc(lex);
        StringBuilder links = new StringBuilder();
        for (String u : lex.split(" ")) links.append(Html.sourceLink(u)).append(' ');
        return links.toString();
    }
}
