package org.medkg.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the lineage around one model or family that a picture shows: nodes (models) and edges from a base
 * to the model built on it, labelled with the relation. Nodes carry what the picture colours by.
 */
public final class LineageGraph {
    /** A model: its IRI, name, distance from the focus (negative for ancestors), and colouring keys. */
    public record Node(String iri, String label, int level, String institute, String modality, boolean focus) {
        public String slug() {
            return iri.substring(iri.lastIndexOf('/') + 1);
        }
    }

    /** From base to derived model. */
    /** One lineage edge; {@code evidence} is its evidence level (stated, declared, inferred), or "" if unknown. */
    public record Edge(String base, String derived, String relation, String evidence) {
        public Edge(String base, String derived, String relation) {
            this(base, derived, relation, "");
        }

        /** The relation with the evidence level, as the text renderings show it: "fine-tuning, stated". */
        public String relationWithEvidence() {
            return evidence.isEmpty() ? relation : relation + ", " + evidence;
        }
    }

    private final String title;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private boolean truncated;
    private final java.util.Set<String> omitted = new java.util.HashSet<>();
    private final Map<String, Integer> folded = new LinkedHashMap<>();

    public LineageGraph(String title) {
        this.title = title;
    }

    public String title() { return title; }

    public void add(Node n) {
        nodes.putIfAbsent(n.iri(), n);
    }

    public void add(Edge e) {
        if (!edges.contains(e)) edges.add(e);
    }

    public boolean contains(String iri) {
        return nodes.containsKey(iri);
    }

    public Node node(String iri) {
        return nodes.get(iri);
    }

    public List<Node> nodes() { return List.copyOf(nodes.values()); }

    /** Edges whose two ends are both in the picture. */
    public List<Edge> edges() {
        return edges.stream().filter(e -> nodes.containsKey(e.base()) && nodes.containsKey(e.derived())).toList();
    }

    public int size() { return nodes.size(); }

    /** Whether nodes were left out to keep the picture readable. */
    public boolean truncated() { return truncated; }

    void markTruncated() { truncated = true; }

    /** A model left out of the picture to keep it readable: counted for the "N more" note. */
    void omit(String iri) {
        truncated = true;
        omitted.add(iri);
    }

    /** How many models were left out (0 when the walk stopped at the depth limit without counting). */
    public int omittedCount() { return omitted.size(); }

    /** An export (conversion or quantization) of {@code iri}, folded into its box instead of drawn. */
    void fold(String iri) {
        folded.merge(iri, 1, Integer::sum);
    }

    /** The exports folded into a model's box. */
    public int foldedInto(String iri) { return folded.getOrDefault(iri, 0); }

    /** The label a box shows: the name, and the number of exports folded into it. */
    public String displayLabel(Node n) {
        int k = foldedInto(n.iri());
        return k == 0 ? n.label() : n.label() + " (+" + k + (k == 1 ? " export)" : " exports)");
    }
}
