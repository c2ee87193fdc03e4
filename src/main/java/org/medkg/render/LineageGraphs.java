package org.medkg.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.medkg.vocab.MKG;

/**
 * Collects a {@link LineageGraph} from the store by walking {@code mkg:builtOn} edges breadth-first: up to
 * {@code depth} generations of ancestors and of descendants of a model, or the descendants of every member of a
 * family. At most {@link #MAX_NODES} nodes, so that a picture of "everything built on Llama-2" stays readable.
 */
public final class LineageGraphs {
    public static final int MAX_NODES = 150;
    /** At most this many members of a family are drawn as roots; the rest are counted in "N more". */
    public static final int MAX_MEMBERS = 60;

    private LineageGraphs() {}

    /** The lineage around {@code focus} (a model or family IRI). */
    public static LineageGraph around(DatasetGraph dsg, String focusIri, int depth) {
        return Txn.calculateRead(dsg, () -> {
            Graph g = dsg.getDefaultGraph();
            Node focus = NodeFactory.createURI(focusIri);
            LineageGraph lg = new LineageGraph(label(g, focus));
            List<Node> roots = new ArrayList<>();
            if (g.contains(focus, org.apache.jena.vocabulary.RDF.type.asNode(), MKG.ModelFamily)) {
                g.find(Node.ANY, MKG.inFamily, focus).forEachRemaining(t -> roots.add(t.getSubject()));
                roots.sort((a, b) -> a.getURI().compareTo(b.getURI()));
                // Models whose source names only the family hang from the family itself.
                if (g.contains(Node.ANY, MKG.builtOnFamily, focus)) roots.add(0, focus);
                // Exports (ONNX, MLX, GGUF, ...) of another model fold into that model's box.
                List<Node> drawn = new ArrayList<>();
                java.util.Set<Node> members = new java.util.HashSet<>(roots);
                for (Node r : roots) {
                    Node exportOf = exportOf(g, r);
                    if (exportOf != null && members.contains(exportOf)) lg.fold(exportOf.getURI());
                    else if (drawn.size() < MAX_MEMBERS) drawn.add(r);
                    else lg.omit(r.getURI());
                }
                roots.clear();
                roots.addAll(drawn);
                for (Node r : roots) lg.add(node(g, r, 0, true));
                walk(g, lg, roots, depth, false);   // what each member is built on
            } else {
                roots.add(focus);
                lg.add(node(g, focus, 0, true));
                walk(g, lg, List.of(focus), depth, false);
            }
            walk(g, lg, roots, depth, true);
            return lg;
        });
    }

    /** Breadth-first up ({@code down == false}, ancestors) or down (descendants). */
    private static void walk(Graph g, LineageGraph lg, List<Node> start, int depth, boolean down) {
        Deque<Node> frontier = new ArrayDeque<>(start);
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            Deque<Node> next = new ArrayDeque<>();
            for (Node n : frontier) {
                List<Triple> ts = new ArrayList<>();
                for (Node p : new Node[] {MKG.builtOn, MKG.builtOnFamily})
                    ts.addAll(down ? g.find(Node.ANY, p, n).toList() : g.find(n, p, Node.ANY).toList());
                for (Triple t : ts) {
                    Node other = down ? t.getSubject() : t.getObject();
                    if (down && isExport(g, other, n)) {
                        lg.fold(n.getURI());
                        continue;
                    }
                    String[] relation = relation(g, t.getSubject(), t.getObject());
                    boolean isNew = !lg.contains(other.getURI());
                    if (isNew && lg.size() >= MAX_NODES) {
                        lg.omit(other.getURI());
                        continue;
                    }
                    if (isNew) {
                        lg.add(node(g, other, down ? level : -level, false));
                        next.add(other);
                    }
                    lg.add(new LineageGraph.Edge(t.getObject().getURI(), t.getSubject().getURI(), relation[0], relation[1]));
                }
            }
            frontier = next;
        }
        if (!frontier.isEmpty()) {
            for (Node n : frontier) {
                boolean more = down ? g.contains(Node.ANY, MKG.builtOn, n) || g.contains(Node.ANY, MKG.builtOnFamily, n)
                        : g.contains(n, MKG.builtOn, Node.ANY) || g.contains(n, MKG.builtOnFamily, Node.ANY);
                if (more) lg.markTruncated();
            }
        }
    }

    private static LineageGraph.Node node(Graph g, Node n, int level, boolean focus) {
        return new LineageGraph.Node(n.getURI(), label(g, n), level, firstLabel(g, n, MKG.developedBy),
                firstLabel(g, n, MKG.hasModality), focus);
    }

    static String label(Graph g, Node n) {
        List<Triple> ls = g.find(n, RDFS.label.asNode(), Node.ANY).toList();
        if (ls.isEmpty()) return n.getURI().substring(n.getURI().lastIndexOf('/') + 1);
        return ls.get(0).getObject().getLiteralLexicalForm();
    }

    private static String firstLabel(Graph g, Node n, Node p) {
        List<Node> os = g.find(n, p, Node.ANY).mapWith(Triple::getObject).toList();
        if (os.isEmpty()) return "";
        os.sort((a, b) -> a.toString().compareTo(b.toString()));
        return label(g, os.get(0));
    }

    /** The model {@code m} is an export (conversion or quantization) of, or null. */
    private static Node exportOf(Graph g, Node m) {
        for (Triple d : g.find(m, MKG.derivation, Node.ANY).toList()) {
            for (Triple r : g.find(d.getObject(), MKG.relation, Node.ANY).toList()) {
                if (r.getObject().equals(MKG.term("Conversion")) || r.getObject().equals(MKG.term("Quantization"))) {
                    List<Triple> base = g.find(d.getObject(), MKG.baseModel, Node.ANY).toList();
                    if (!base.isEmpty()) return base.get(0).getObject();
                }
            }
        }
        return null;
    }

    private static boolean isExport(Graph g, Node child, Node base) {
        return base.equals(exportOf(g, child));
    }

    /** The relation label and evidence level of the derivation from {@code model} to {@code base}. */
    private static String[] relation(Graph g, Node model, Node base) {
        for (Triple d : g.find(model, MKG.derivation, Node.ANY).toList()) {
            if (g.contains(d.getObject(), MKG.baseModel, base) || g.contains(d.getObject(), MKG.baseFamily, base)) {
                List<Node> rel = g.find(d.getObject(), MKG.relation, Node.ANY).mapWith(Triple::getObject).toList();
                List<Node> ev = g.find(d.getObject(), MKG.evidence, Node.ANY).mapWith(Triple::getObject).toList();
                return new String[] {rel.isEmpty() ? "" : label(g, rel.get(0)),
                        ev.isEmpty() ? "" : label(g, ev.get(0))};
            }
        }
        return new String[] {"", ""};
    }
}
