package org.medkg.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.medkg.query.Prefixes;
import org.medkg.render.Html;
import org.medkg.render.LineageGraph;
import org.medkg.render.LineageGraphs;
import org.medkg.render.SvgRenderer;
import org.medkg.vocab.MKG;

/**
 * The HTML page of one catalog entity: every fact with its source, the lineage picture for models and families,
 * benchmark results, and the entities that point here (a family's members, an institute's models, a benchmark's
 * leaderboard). Call inside a read transaction.
 */
public final class EntityPage {
    private final Graph g;
    private final org.apache.jena.sparql.core.DatasetGraph dsg;

    EntityPage(org.apache.jena.sparql.core.DatasetGraph dsg) {
        this.dsg = dsg;
        this.g = dsg.getDefaultGraph();
    }

    /** A local link for catalog IRIs, the IRI itself for anything else. */
    static String href(String iri) {
        return iri.startsWith(MKG.ID_BASE) ? "/id/" + iri.substring(MKG.ID_BASE.length()) : iri;
    }

    /** Readable names for the predicates from other vocabularies that pages show. */
    private static final Map<String, String> PREDICATE_NAMES = Map.of(
            MKG.DCTERMS + "issued", "released", MKG.DCTERMS + "license", "licence",
            "http://www.w3.org/2000/01/rdf-schema#seeAlso", "see also", MKG.SCHEMA + "codeRepository", "code repository",
            "http://www.w3.org/2004/02/skos/core#altLabel", "also known as", MKG.FOAF + "homepage", "homepage",
            MKG.DCTERMS + "description", "description", MKG.SCHEMA + "addressCountry", "country",
            MKG.SCHEMA + "url", "web page", "http://www.w3.org/2004/02/skos/core#definition", "definition");

    String label(Node n) {
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        if (PREDICATE_NAMES.containsKey(n.getURI())) return PREDICATE_NAMES.get(n.getURI());
        List<Triple> ls = g.find(n, RDFS.label.asNode(), Node.ANY).toList();
        if (!ls.isEmpty()) return ls.get(0).getObject().getLiteralLexicalForm();
        String s = Prefixes.standard().shortForm(n.getURI());
        return s;
    }

    private String value(Node o) {
        if (o.isURI()) {
            boolean local = o.getURI().startsWith(MKG.ID_BASE) || o.getURI().startsWith(MKG.NS);
            if (!local) return Html.sourceLink(o.getURI());
            return Html.link(o.getURI().startsWith(MKG.NS) ? o.getURI() : href(o.getURI()), label(o));
        }
        if (o.isLiteral()) {
            String lex = o.getLiteralLexicalForm();
            if (o.getLiteralDatatypeURI() != null && o.getLiteralDatatypeURI().endsWith("#long") && lex.length() > 6) {
                long v = Long.parseLong(lex);
                String human = v >= 1_000_000_000 ? String.format("%.1fB", v / 1e9) : String.format("%.0fM", v / 1e6);
                return Html.esc(human.replace(".0B", "B")) + " <span class=\"src\">(" + Html.esc(lex) + ")</span>";
            }
            return Html.esc(lex);
        }
        return Html.esc(o.toString());
    }

    private List<Node> objects(Node s, Node p) {
        List<Node> out = g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
        List<Node> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Node::toString));
        return sorted;
    }

    private List<Node> subjects(Node p, Node o) {
        List<Node> out = new ArrayList<>(g.find(Node.ANY, p, o).mapWith(Triple::getSubject).toList());
        out.sort(Comparator.comparing(this::label, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    private static final List<Node> SPECIAL = List.of(RDF.type.asNode(), RDFS.label.asNode(), MKG.derivation,
            MKG.evaluation, SKOS.note.asNode(), MKG.builtOn, MKG.builtOnFamily, MKG.fromScratchClaim, MKG.dctSource);

    /** Rows per page of a long list (a family's members, an institute's models). */
    public static final int PAGE_SIZE = 100;
    private int page = 1;
    private String path = "";

    /** Renders page {@code page} of the entity's long lists. */
    String render(Node e, String kind, int depth, SvgRenderer.ColorBy colorBy, int page) {
        this.page = Math.max(1, page);
        return render(e, kind, depth, colorBy);
    }

    String render(Node e, String kind, int depth, SvgRenderer.ColorBy colorBy) {
        this.path = href(e.getURI());
        StringBuilder b = new StringBuilder();
        String name = label(e);
        List<String> types = objects(e, RDF.type.asNode()).stream().filter(t -> t.getURI().startsWith(MKG.NS))
                .map(this::label).toList();
        b.append("<h1>").append(Html.esc(name)).append("</h1>\n<p class=\"kind\">")
                .append(Html.esc(String.join(", ", types))).append(" · <code>").append(Html.esc(e.getURI()))
                .append("</code> · data as ").append(Html.link(href(e.getURI()) + ".ttl", "Turtle")).append(", ")
                .append(Html.link(href(e.getURI()) + ".jsonld", "JSON-LD")).append(", ")
                .append(Html.link(href(e.getURI()) + ".nt", "N-Triples")).append(", ")
                .append(Html.link(href(e.getURI()) + ".rdf", "RDF/XML")).append("</p>\n");

        b.append("<h2 id=\"facts\">Facts</h2>\n<table><tbody>\n");
        Map<Node, List<Node>> byPredicate = new LinkedHashMap<>();
        g.find(e, Node.ANY, Node.ANY).forEachRemaining(t -> {
            if (!SPECIAL.contains(t.getPredicate())) byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
        });
        List<Node> preds = new ArrayList<>(byPredicate.keySet());
        preds.sort(Comparator.comparing(this::label));
        for (Node p : preds) {
            List<Node> vs = new ArrayList<>(byPredicate.get(p));
            vs.sort(Comparator.comparing(Node::toString));
            b.append("<tr><th scope=\"row\">").append(Html.esc(label(p))).append("</th><td>");
            for (int i = 0; i < vs.size(); i++) b.append(i == 0 ? "" : "<br>").append(value(vs.get(i)));
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        List<Node> sources = objects(e, MKG.dctSource);
        if (!sources.isEmpty()) {
            b.append("<p class=\"src\">Sources for these facts: ");
            for (int i = 0; i < sources.size(); i++) b.append(i == 0 ? "" : ", ").append(value(sources.get(i)));
            b.append("</p>\n");
        }
        for (Node note : objects(e, SKOS.note.asNode()))
            b.append("<p class=\"notice\"><strong>Curator's note:</strong> ").append(Html.esc(note.getLiteralLexicalForm())).append("</p>\n");

        boolean model = g.contains(e, RDF.type.asNode(), MKG.Model);
        boolean family = g.contains(e, RDF.type.asNode(), MKG.ModelFamily);
        if (model) lineageSections(b, e);
        if (model || family) picture(b, e, kind, depth, colorBy);
        if (model) evaluations(b, e);
        if (family) {
            list(b, "Sub-families", subjects(MKG.subFamilyOf, e));
            list(b, "Members", subjects(MKG.inFamily, e));
        }
        if (g.contains(e, RDF.type.asNode(), MKG.Institute)) {
            list(b, "Models developed", subjects(MKG.developedBy, e).stream()
                    .filter(m -> !g.contains(m, RDF.type.asNode(), MKG.ModelFamily)).toList());
            list(b, "Families developed", subjects(MKG.developedBy, e).stream()
                    .filter(m -> g.contains(m, RDF.type.asNode(), MKG.ModelFamily)).toList());
        }
        if (g.contains(e, RDF.type.asNode(), MKG.Benchmark)) leaderboard(b, e);
        if (g.contains(e, RDF.type.asNode(), MKG.Modality)) list(b, "Models with this modality", subjects(MKG.hasModality, e));
        if (g.contains(e, RDF.type.asNode(), MKG.License)) list(b, "Models under this licence", subjects(MKG.license, e));
        return Html.page(name, b.toString());
    }

    private void lineageSections(StringBuilder b, Node e) {
        b.append("<h2 id=\"built-on\">Built on</h2>\n");
        List<Node> derivations = objects(e, MKG.derivation);
        if (derivations.isEmpty()) {
            List<Node> claims = objects(e, MKG.fromScratchClaim);
            if (claims.isEmpty()) {
                b.append("<p>No base model recorded.</p>\n");
            } else {
                b.append("<p>Trained from scratch: no base model.</p>\n");
                factTable(b, claims, false);
            }
        } else {
            factTable(b, derivations, true);
        }
        list(b, "Built upon by", subjects(MKG.builtOn, e));
        if (g.contains(e, RDF.type.asNode(), MKG.ModelFamily))
            list(b, "Built on this family, where the source names only the family", subjects(MKG.builtOnFamily, e));
    }

    /**
     * One row per sourced lineage fact: the base (a model, or a family when the source names only the family), the
     * relation and training method, the evidence level, the supporting quote (and reasoning, for inferred facts)
     * and the sources.
     */
    private void factTable(StringBuilder b, List<Node> facts, boolean edges) {
        b.append("<table><thead><tr>");
        if (edges) b.append("<th scope=\"col\">Base</th><th scope=\"col\">Relation</th><th scope=\"col\">Method</th>");
        b.append("<th scope=\"col\">Evidence</th><th scope=\"col\">Quote</th><th scope=\"col\">Source</th></tr></thead><tbody>\n");
        for (Node d : facts) {
            b.append("<tr>");
            if (edges) {
                b.append("<td>");
                objects(d, MKG.baseModel).forEach(x -> b.append(value(x)));
                objects(d, MKG.baseFamily).forEach(x -> b.append(value(x)).append(" <span class=\"src\">(family: which member is not stated)</span>"));
                b.append("</td><td>");
                objects(d, MKG.relation).forEach(x -> b.append(Html.esc(label(x))));
                b.append("</td><td>");
                objects(d, MKG.trainingMethod).forEach(x -> b.append(Html.esc(label(x))));
                b.append("</td>");
            }
            b.append("<td>").append(evidence(d)).append("</td><td class=\"src\">").append(quote(d))
                    .append("</td><td class=\"src\">").append(sources(d)).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** The evidence level of a sourced fact (stated, declared, inferred). */
    private String evidence(Node fact) {
        List<Node> levels = objects(fact, MKG.evidence);
        return levels.isEmpty() ? "" : Html.esc(label(levels.get(0)));
    }

    /** The quote of a sourced fact, and for an inferred fact the curator's reasoning. */
    private String quote(Node fact) {
        StringBuilder q = new StringBuilder();
        objects(fact, MKG.quote).forEach(x -> q.append("&ldquo;").append(Html.esc(x.getLiteralLexicalForm())).append("&rdquo;"));
        objects(fact, MKG.reasoning).forEach(x -> q.append(q.isEmpty() ? "" : "<br>").append("<em>Reasoning:</em> ")
                .append(Html.esc(x.getLiteralLexicalForm())));
        return q.toString();
    }

    private void picture(StringBuilder b, Node e, String kind, int depth, SvgRenderer.ColorBy colorBy) {
        LineageGraph lg = LineageGraphs.around(dsg, e.getURI(), depth);
        b.append("<h2 id=\"lineage\">Lineage</h2>\n");
        String path = href(e.getURI());
        b.append("<form class=\"inline\" method=\"get\" action=\"").append(Html.esc(path)).append("\">")
                .append("<div><label for=\"depth\">Depth (generations)</label><select id=\"depth\" name=\"depth\">");
        for (int d = 1; d <= 8; d++)
            b.append("<option").append(d == depth ? " selected" : "").append(">").append(d).append("</option>");
        b.append("</select></div><div><label for=\"color\">Colour by</label><select id=\"color\" name=\"color\">")
                .append("<option value=\"institute\"").append(colorBy == SvgRenderer.ColorBy.INSTITUTE ? " selected" : "")
                .append(">institute</option><option value=\"modality\"").append(colorBy == SvgRenderer.ColorBy.MODALITY ? " selected" : "")
                .append(">modality</option></select></div><button type=\"submit\">Redraw</button>")
                .append(" <a href=\"/lineage/").append(Html.esc(kind)).append('/').append(Html.esc(path.substring(path.lastIndexOf('/') + 1)))
                .append(".svg?depth=").append(depth).append("&amp;color=").append(colorBy.name().toLowerCase())
                .append("\">SVG file</a></form>\n");
        if (lg.edges().isEmpty()) {
            b.append("<p>No lineage recorded around this ").append(Html.esc(kind)).append(".</p>\n");
            return;
        }
        // Fitted to the page width; the checkbox shows it at full size in a frame that pans (no script needed).
        b.append("<input type=\"checkbox\" id=\"zoom\" class=\"zoom\"><label for=\"zoom\" class=\"zoom-label\">"
                + "Full size (scroll inside the frame to pan)</label>\n");
        b.append("<figure class=\"figure\">").append(SvgRenderer.render(lg, colorBy, EntityPage::href))
                .append("<figcaption class=\"src\">Arrows point from a base model to the model built on it. ")
                .append("Click a box to open its page.</figcaption></figure>\n");
    }

    private void evaluations(StringBuilder b, Node e) {
        List<Node> results = objects(e, MKG.evaluation);
        b.append("<h2 id=\"results\">Benchmark results</h2>\n");
        if (results.isEmpty()) {
            b.append("<p>No reported results recorded.</p>\n");
            return;
        }
        b.append("<table><thead><tr><th scope=\"col\">Benchmark</th><th scope=\"col\">Score</th><th scope=\"col\">Metric</th>"
                + "<th scope=\"col\">Setting</th><th scope=\"col\">Evidence</th><th scope=\"col\">Source</th>"
                + "<th scope=\"col\">Notes</th></tr></thead><tbody>\n");
        results.sort(Comparator.comparing(r -> objects(r, MKG.benchmark).stream().map(this::label).findFirst().orElse("")));
        for (Node r : results) {
            b.append("<tr><td>");
            objects(r, MKG.benchmark).forEach(x -> b.append(value(x)));
            b.append("</td><td>");
            objects(r, MKG.score).forEach(x -> b.append(value(x)));
            b.append("</td><td>");
            objects(r, MKG.metric).forEach(x -> b.append(value(x)));
            b.append("</td><td>").append(setting(r)).append("</td><td>").append(evidence(r))
                    .append("</td><td class=\"src\">").append(sources(r)).append("</td><td class=\"src\">");
            objects(r, SKOS.note.asNode()).forEach(x -> b.append(Html.esc(x.getLiteralLexicalForm())));
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private void leaderboard(StringBuilder b, Node bench) {
        List<Node> results = new ArrayList<>(subjects(MKG.benchmark, bench));
        // One list per setting (and number of shots): scores obtained differently are never ranked together.
        results.sort(Comparator.comparing(this::setting).thenComparing(Comparator.comparing((Node r) -> objects(r, MKG.score)
                .stream().map(s -> Double.parseDouble(s.getLiteralLexicalForm())).findFirst().orElse(0.0)).reversed()));
        b.append("<h2 id=\"leaderboard\">Reported results, by setting</h2>\n<p class=\"src\">Ranked only within a setting;"
                + " scores whose setting is not stated are listed on their own.</p>\n<table><thead><tr><th scope=\"col\">Setting</th>"
                + "<th scope=\"col\">Model</th><th scope=\"col\">Score</th><th scope=\"col\">Evidence</th>"
                + "<th scope=\"col\">Source</th></tr></thead><tbody>\n");
        for (Node r : results) {
            b.append("<tr><td>").append(setting(r)).append("</td><td>");
            objects(r, MKG.evaluatedModel).forEach(x -> b.append(value(x)));
            b.append("</td><td>");
            objects(r, MKG.score).forEach(x -> b.append(value(x)));
            b.append("</td><td>").append(evidence(r)).append("</td><td class=\"src\">").append(sources(r))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** An evaluation result's setting with its number of shots, or "not stated". */
    private String setting(Node result) {
        List<Node> settings = objects(result, MKG.setting);
        if (settings.isEmpty()) return "<span class=\"src\">not stated</span>";
        String shots = objects(result, MKG.shots).stream().map(n -> ", " + n.getLiteralLexicalForm() + "-shot").findFirst().orElse("");
        return Html.esc(label(settings.get(0)) + shots);
    }

    /** The links to the primary sources of a derivation or an evaluation result, one per line. */
    private String sources(Node n) {
        StringBuilder b = new StringBuilder();
        for (Node s : objects(n, MKG.hadPrimarySource)) b.append(b.isEmpty() ? "" : "<br>").append(value(s));
        return b.toString();
    }

    /** A list of entities, sorted by name, {@link #PAGE_SIZE} per page with links to the other pages. */
    private void list(StringBuilder b, String heading, List<Node> items) {
        if (items.isEmpty()) return;
        List<Node> sorted = new ArrayList<>(items);
        // Ties of name are broken by IRI, so that the pages of a list never overlap.
        sorted.sort(Comparator.comparing(this::label, String.CASE_INSENSITIVE_ORDER).thenComparing(n -> n.toString()));
        int pages = (sorted.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        int p = Math.min(page, pages);
        int from = (p - 1) * PAGE_SIZE, to = Math.min(sorted.size(), from + PAGE_SIZE);
        b.append("<h2>").append(Html.esc(heading)).append(" (").append(sorted.size()).append(")</h2>\n");
        if (pages > 1)
            b.append("<p class=\"src\">Showing ").append(from + 1).append("–").append(to).append(" of ")
                    .append(sorted.size()).append("; ").append(sorted.size() - (to - from)).append(" more on other pages.</p>\n");
        b.append("<ul>\n");
        for (Node n : sorted.subList(from, to)) b.append("<li>").append(value(n)).append("</li>\n");
        b.append("</ul>\n");
        if (pages > 1) {
            b.append("<nav class=\"pager\" aria-label=\"").append(Html.esc(heading)).append(" pages\">");
            if (p > 1) b.append(Html.link(path + "?page=" + (p - 1), "← previous")).append(" ");
            b.append("page ").append(p).append(" of ").append(pages);
            if (p < pages) b.append(" ").append(Html.link(path + "?page=" + (p + 1), "next " + Math.min(PAGE_SIZE, sorted.size() - to) + " →"));
            b.append("</nav>\n");
        }
    }
}
