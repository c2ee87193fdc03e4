package org.medkg.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The lineage as an indented text tree, Graphviz DOT or Mermaid, for the command line. */
public final class TextRenderers {
    private TextRenderers() {}

    /**
     * The focus model, then its ancestors one generation per indent (marked ↑, with the relation and evidence level
     * of each edge),
     * then its descendants as a tree. For a family, the same for each member.
     */
    public static String text(LineageGraph g) {
        StringBuilder sb = new StringBuilder();
        List<LineageGraph.Node> focus = g.nodes().stream().filter(LineageGraph.Node::focus).toList();
        for (LineageGraph.Node f : focus) {
            sb.append(f.label()).append(" [").append(f.slug()).append("]\n");
            List<String> up = new ArrayList<>();
            ancestors(g, f.iri(), 1, up, new HashSet<>());
            up.forEach(l -> sb.append(l).append('\n'));
            children(g, f.iri(), "", sb, new HashSet<>(Set.of(f.iri())));
        }
        if (g.truncated()) sb.append("… (more models not shown; raise --depth or start further down)\n");
        return sb.toString();
    }

    private static void ancestors(LineageGraph g, String iri, int level, List<String> out, Set<String> seen) {
        for (LineageGraph.Edge e : g.edges()) {
            if (!e.derived().equals(iri) || !seen.add(e.base())) continue;
            LineageGraph.Node b = g.node(e.base());
            out.add("  ".repeat(level) + "↑ built on " + b.label() + " [" + b.slug() + "] (" + e.relationWithEvidence() + ")");
            ancestors(g, e.base(), level + 1, out, seen);
        }
    }

    private static void children(LineageGraph g, String iri, String indent, StringBuilder sb, Set<String> seen) {
        List<LineageGraph.Edge> kids = g.edges().stream().filter(e -> e.base().equals(iri))
                .sorted(Comparator.comparing(e -> g.node(e.derived()).label())).toList();
        for (int i = 0; i < kids.size(); i++) {
            LineageGraph.Edge e = kids.get(i);
            boolean last = i == kids.size() - 1;
            LineageGraph.Node c = g.node(e.derived());
            sb.append(indent).append(last ? "└─ " : "├─ ").append(c.label()).append(" [").append(c.slug()).append("] (")
                    .append(e.relationWithEvidence()).append(")\n");
            if (seen.add(c.iri())) children(g, c.iri(), indent + (last ? "   " : "│  "), sb, seen);
        }
    }

    public static String dot(LineageGraph g) {
        StringBuilder sb = new StringBuilder("digraph lineage {\n  rankdir=TB;\n  node [shape=box, style=rounded];\n");
        sb.append("  label=").append(quote("Lineage of " + g.title())).append(";\n");
        for (LineageGraph.Node n : g.nodes())
            sb.append("  ").append(quote(n.slug())).append(" [label=").append(quote(n.label()))
                    .append(", URL=").append(quote(n.iri())).append(n.focus() ? ", penwidth=3" : "").append("];\n");
        for (LineageGraph.Edge e : g.edges())
            sb.append("  ").append(quote(slug(e.base()))).append(" -> ").append(quote(slug(e.derived())))
                    .append(" [label=").append(quote(e.relation())).append("];\n");
        return sb.append("}\n").toString();
    }

    public static String mermaid(LineageGraph g) {
        StringBuilder sb = new StringBuilder("flowchart TD\n");
        for (LineageGraph.Node n : g.nodes())
            sb.append("  ").append(mid(n.slug())).append("[\"").append(n.label().replace("\"", "#quot;")).append("\"]\n");
        for (LineageGraph.Edge e : g.edges())
            sb.append("  ").append(mid(slug(e.base()))).append(" -->|").append(e.relation().isEmpty() ? " " : e.relation())
                    .append("| ").append(mid(slug(e.derived()))).append('\n');
        for (LineageGraph.Node n : g.nodes())
            sb.append("  click ").append(mid(n.slug())).append(" \"").append(n.iri()).append("\"\n");
        return sb.toString();
    }

    private static String mid(String slug) {
        return "m_" + slug.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String slug(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
