package org.medkg.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/** The graph reads the in-memory indexes share: whole-property scans, object lists and STR() of sources. */
final class GraphScans {
    private GraphScans() {}

    /** Every (subject, object) of {@code p}, by subject, in one scan (a lookup per subject costs an index probe each). */
    static Map<Node, List<Node>> bySubject(Graph g, Node p) {
        Map<Node, List<Node>> out = new HashMap<>();
        g.find(Node.ANY, p, Node.ANY).forEachRemaining(t -> out.computeIfAbsent(t.getSubject(), k -> new ArrayList<>(1)).add(t.getObject()));
        return out;
    }

    static List<Node> objects(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    /** {@code STR(?src)} of each source, as the queries' GROUP_CONCAT reads them (blank nodes have none). */
    static List<String> strings(List<Node> sources) {
        List<String> out = new ArrayList<>(sources.size());
        for (Node s : sources) {
            if (s.isURI()) out.add(s.getURI());
            else if (s.isLiteral()) out.add(s.getLiteralLexicalForm());
        }
        return out;
    }
}
