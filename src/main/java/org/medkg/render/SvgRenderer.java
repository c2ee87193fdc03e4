package org.medkg.render;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Draws a laid-out lineage graph as a self-contained SVG (no scripts, fonts or external resources): one box per
 * model, linked to its page and coloured by institute or modality with a legend; one arrow per edge from base to
 * derived model, labelled with the relation. Boxes are keyboard-focusable links with accessible names.
 */
public final class SvgRenderer {
    /** What the boxes are coloured by. */
    public enum ColorBy { INSTITUTE, MODALITY }

    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2",
        "#edc948", "#9c755f", "#ff9da7", "#86bcb6", "#d37295", "#a0cbe8", "#8cd17d", "#f1ce63", "#bab0ac"};

    private SvgRenderer() {}

    public static String render(LineageGraph g, ColorBy colorBy, Function<String, String> href) {
        ElkLayout.Layout layout = ElkLayout.layout(g);
        Map<String, String> colors = colors(g, colorBy);
        double legendH = 22 + 18 * Math.ceil(colors.size() / 3.0);
        double width = Math.max(layout.width(), 560);
        double height = layout.height() + legendH + (g.truncated() ? 18 : 0);
        StringBuilder s = new StringBuilder(4096);
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage\" role=\"img\" aria-labelledby=\"lineage-title lineage-desc\" "
                        + "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        s.append("<title id=\"lineage-title\">Lineage of ").append(esc(g.title())).append("</title>\n");
        s.append("<desc id=\"lineage-desc\">").append(g.size()).append(" models and ").append(g.edges().size())
                .append(" built-on edges; arrows point from a base model to the model built on it; coloured by ")
                .append(colorBy.name().toLowerCase(Locale.ROOT)).append(".</desc>\n");
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n<g class=\"edges\">\n");
        for (ElkLayout.Route r : layout.routes()) {
            if (r.points().isEmpty()) continue;
            StringBuilder d = new StringBuilder();
            for (double[] p : r.points()) d.append(d.isEmpty() ? "M" : " L").append(fmt(p[0])).append(',').append(fmt(p[1]));
            s.append("<path class=\"edge\" data-base=\"").append(esc(slug(r.edge().base()))).append("\" data-derived=\"")
                    .append(esc(slug(r.edge().derived()))).append("\" d=\"").append(d)
                    .append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>\n");
            if (!Double.isNaN(r.labelX()) && !r.edge().relation().isEmpty()) {
                // The label sits on its own edge (ELK routes the edge through it): a white ground keeps it legible.
                s.append("<g class=\"relation\" data-base=\"").append(esc(slug(r.edge().base()))).append("\" data-derived=\"")
                        .append(esc(slug(r.edge().derived()))).append("\"><rect x=\"").append(fmt(r.labelX() - 1))
                        .append("\" y=\"").append(fmt(r.labelY())).append("\" width=\"").append(fmt(r.labelWidth() + 2))
                        .append("\" height=\"").append(fmt(r.labelHeight())).append("\" fill=\"#fff\" opacity=\"0.9\"/>")
                        .append("<text x=\"").append(fmt(r.labelX() + 2)).append("\" y=\"").append(fmt(r.labelY() + r.labelHeight() - 2))
                        .append("\" font-size=\"10\" fill=\"#333\">").append(esc(r.edge().relation())).append("</text></g>\n");
            }
        }
        s.append("</g>\n<g class=\"nodes\">\n");
        for (ElkLayout.Box b : layout.boxes()) {
            LineageGraph.Node n = b.node();
            String key = key(n, colorBy);
            String fill = colors.get(key);
            s.append("<a class=\"node\" href=\"").append(esc(href.apply(n.iri()))).append("\" data-id=\"").append(esc(n.slug()))
                    .append("\" aria-label=\"").append(esc(n.label() + (key.isEmpty() ? "" : ", " + key))).append("\">")
                    .append("<title>").append(esc(g.displayLabel(n))).append(n.institute().isEmpty() ? "" : " — " + esc(n.institute()))
                    .append("</title>");
            s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"6\" fill=\"%s\" "
                            + "fill-opacity=\"0.25\" stroke=\"%s\" stroke-width=\"%s\"/>",
                    fmt(b.x()), fmt(b.y()), fmt(b.w()), fmt(b.h()), fill, fill, n.focus() ? "3" : "1.5"));
            s.append("<text x=\"").append(fmt(b.x() + b.w() / 2)).append("\" y=\"").append(fmt(b.y() + b.h() / 2 + 4))
                    .append("\" text-anchor=\"middle\" fill=\"#111\"").append(n.focus() ? " font-weight=\"bold\"" : "")
                    .append(">").append(esc(b.text())).append("</text></a>\n");
        }
        s.append("</g>\n");
        double ly = layout.height() + 8;
        s.append("<g class=\"legend\"><text x=\"16\" y=\"").append(fmt(ly + 8)).append("\" font-weight=\"bold\">Colour: ")
                .append(colorBy.name().toLowerCase(Locale.ROOT)).append("</text>\n");
        int i = 0;
        for (Map.Entry<String, String> c : colors.entrySet()) {
            double x = 16 + (i % 3) * ((width - 32) / 3);
            double y = ly + 22 + (i / 3) * 18;
            s.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y - 10)).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(c.getValue()).append("\" fill-opacity=\"0.6\"/><text x=\"").append(fmt(x + 18)).append("\" y=\"")
                    .append(fmt(y)).append("\">").append(esc(c.getKey().isEmpty() ? "(not recorded)" : c.getKey())).append("</text>\n");
            i++;
        }
        if (g.truncated())
            s.append("<text x=\"16\" y=\"").append(fmt(height - 6)).append("\" fill=\"#a00\">")
                    .append(g.omittedCount() > 0 ? g.omittedCount() + " more models not shown" : "Not all models are shown")
                    .append(": lower the depth or open a model further down.</text>\n");
        return s.append("</g>\n</svg>\n").toString();
    }

    static Map<String, String> colors(LineageGraph g, ColorBy colorBy) {
        TreeSet<String> keys = new TreeSet<>();
        for (LineageGraph.Node n : g.nodes()) keys.add(key(n, colorBy));
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (String k : keys) out.put(k, k.isEmpty() ? "#999999" : PALETTE[i++ % PALETTE.length]);
        return out;
    }

    private static String key(LineageGraph.Node n, ColorBy colorBy) {
        return colorBy == ColorBy.INSTITUTE ? n.institute() : n.modality();
    }

    private static String slug(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
