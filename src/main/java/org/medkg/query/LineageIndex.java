package org.medkg.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.medkg.vocab.MKG;

/**
 * The answer of the canned query {@code built-on} from memory: the lineage closure, the derivations (parent,
 * level, relation label, evidence, sources), labels, family membership, export relations and tasks, read once from
 * the store. The query ({@code queries/010-built-on.rq}) stays the definition of the answer; this index computes the
 * same rows in the same order (ordered by the query's own ORDER BY, with Jena's comparator) without a per-row
 * lookup in the store, and {@code LineageIndexTest} proves it identical on every base of the real catalog and the
 * fixtures, for every parameter. The one liberty: the sources of a row are listed in sorted order, where SPARQL
 * leaves GROUP_CONCAT's order to the engine.
 */
public final class LineageIndex {
    private static final Node DERIVATION = iri("derivation");
    private static final Node BASE_MODEL = iri("baseModel");
    private static final Node BASE_FAMILY = iri("baseFamily");
    private static final Node EVIDENCE = iri("evidence");
    private static final Node TASK = iri("task");
    private static final Node CONVERSION = iri("Conversion");
    private static final Node QUANTIZATION = iri("Quantization");
    private static final Node MODEL = lit("model");
    private static final Node FAMILY = lit("family");
    private static final Node SOURCE = NodeFactory.createURI("http://www.w3.org/ns/prov#hadPrimarySource");
    private static final Node NOTATION = NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#notation");
    public static final List<Var> VARS = Var.varList(List.of("model", "name", "depth", "parent", "parentName", "level",
            "relation", "evidence", "sources"));
    /** The columns of {@code descendants} (before the tree order adds {@code treeDepth}). */
    public static final List<Var> DESCENDANTS_VARS = Var.varList(List.of("parent", "parentName", "child", "childName",
            "relation", "evidence", "released", "sources"));

    /** One derivation of a model: its parent, whether the parent is a model or a family, and the hop's details. */
    private record Hop(Node parent, Node level, List<Node> relations, Node evidence, List<Node> evidenceNotations,
                       List<String> sources) {}

    /** Every node the index holds, once: a node's id is its place here. */
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Integer> ids = new HashMap<>();
    /** Descendants of an ancestor (by id): (model id, depth id) packed in longs, from the closure graph. */
    private final Map<Integer, long[]> descendants = new HashMap<>();
    private final Map<Node, Set<Node>> members = new HashMap<>();      // family -> members (mkg:inFamily)
    private final Map<Node, List<Node>> labels = new HashMap<>();
    private final Map<Node, List<Hop>> hops = new HashMap<>();
    private final Set<Node> exports = new HashSet<>();
    private final Map<Node, Set<Node>> tasks = new HashMap<>();
    private final Map<Node, List<Node>> issued = new HashMap<>();
    private final BindingComparator order;
    private BindingComparator descendantsOrder;
    private final long closureEntries;

    private LineageIndex(DatasetGraph dsg, Query builtOn) {
        this.order = new BindingComparator(builtOn.getOrderBy());
        Graph closure = dsg.getGraph(MKG.GRAPH_CLOSURE);
        Map<Node, Node> depthOf = new HashMap<>();
        closure.find(Node.ANY, MKG.depth, Node.ANY).forEachRemaining(t -> depthOf.put(t.getSubject(), t.getObject()));
        long n = 0;
        Map<Integer, int[]> fill = new HashMap<>();   // ancestor -> entries used in descendants' array
        for (var it = closure.find(); it.hasNext(); ) {
            Triple t = it.next();
            Node d = depthOf.get(t.getPredicate());
            if (d == null) continue;
            int anc = id(t.getObject());
            long entry = ((long) id(t.getSubject()) << 32) | id(d);
            long[] a = descendants.get(anc);
            int[] used = fill.computeIfAbsent(anc, k -> new int[1]);
            if (a == null || used[0] == a.length) {
                a = a == null ? new long[4] : java.util.Arrays.copyOf(a, a.length * 2);
                descendants.put(anc, a);
            }
            a[used[0]++] = entry;
            n++;
        }
        for (var e : fill.entrySet()) descendants.put(e.getKey(), java.util.Arrays.copyOf(descendants.get(e.getKey()), e.getValue()[0]));
        this.closureEntries = n;
        Graph g = dsg.getDefaultGraph();
        g.find(Node.ANY, MKG.inFamily, Node.ANY).forEachRemaining(t ->
                members.computeIfAbsent(t.getObject(), k -> new HashSet<>()).add(t.getSubject()));
        g.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEachRemaining(t ->
                labels.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t.getObject()));
        g.find(Node.ANY, MKG.issued, Node.ANY).forEachRemaining(t ->
                issued.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t.getObject()));
        g.find(Node.ANY, TASK, Node.ANY).forEachRemaining(t ->
                tasks.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(t.getObject()));
        // Each property is scanned once (a lookup per derivation would cost one index probe each).
        Map<Node, List<Node>> relationOf = GraphScans.bySubject(g, MKG.relation);
        Map<Node, List<Node>> sourceOf = GraphScans.bySubject(g, SOURCE);
        Map<Node, List<Node>> evidenceOf = GraphScans.bySubject(g, EVIDENCE);
        Map<Node, List<Node>> baseModelOf = GraphScans.bySubject(g, BASE_MODEL);
        Map<Node, List<Node>> baseFamilyOf = GraphScans.bySubject(g, BASE_FAMILY);
        Map<Node, List<Node>> notationOf = new HashMap<>();
        Map<Node, List<Node>> relationLabels = new HashMap<>();
        g.find(Node.ANY, DERIVATION, Node.ANY).forEachRemaining(t -> {
            Node model = t.getSubject();
            Node d = t.getObject();
            List<Node> relations = new ArrayList<>();
            for (Node r : relationOf.getOrDefault(d, List.of())) {
                if (r.equals(CONVERSION) || r.equals(QUANTIZATION)) exports.add(model);
                relations.addAll(relationLabels.computeIfAbsent(r, k -> GraphScans.objects(g, k, RDFS.label.asNode())));
            }
            List<String> sources = GraphScans.strings(sourceOf.getOrDefault(d, List.of()));
            for (Node e : evidenceOf.getOrDefault(d, List.of())) {
                List<Node> notations = notationOf.computeIfAbsent(e, k -> GraphScans.objects(g, k, NOTATION));
                for (Node p : baseModelOf.getOrDefault(d, List.of()))
                    hops.computeIfAbsent(model, k -> new ArrayList<>()).add(new Hop(p, MODEL, relations, e, notations, sources));
                for (Node p : baseFamilyOf.getOrDefault(d, List.of()))
                    hops.computeIfAbsent(model, k -> new ArrayList<>()).add(new Hop(p, FAMILY, relations, e, notations, sources));
            }
        });
    }

    /** Reads the index from {@code dsg} (in a read transaction); {@code builtOn} is the canned query, for its order. */
    public static LineageIndex build(DatasetGraph dsg, CannedQuery builtOn) {
        return Txn.calculateRead(dsg, () -> new LineageIndex(dsg, builtOn.query()));
    }

    /** Reads the index, for {@code built-on} and, if given, {@code descendants} (each query gives its order). */
    public static LineageIndex build(DatasetGraph dsg, CannedQuery builtOn, CannedQuery descendants) {
        LineageIndex index = build(dsg, builtOn);
        if (descendants != null) index.descendantsOrder = new BindingComparator(descendants.query().getOrderBy());
        return index;
    }

    /**
     * The rows of {@code descendants} for {@code ?_model}, in the query's ORDER BY; the runner's tree order
     * ({@link TreeOrder}) is applied to them as to the query's rows. Null if the index was built without the query.
     */
    public List<Binding> descendants(Map<Var, Node> params) {
        if (descendantsOrder == null) return null;
        Node model = params.get(Var.alloc("_model"));
        Integer id = ids.get(model);
        Set<Node> below = new HashSet<>();
        long[] entries = id == null ? null : descendants.get(id);
        if (entries != null) for (long entry : entries) below.add(nodes.get((int) (entry >>> 32)));
        Map<List<Node>, TreeSet<String>> rows = new LinkedHashMap<>();
        for (Node child : below)
            for (Node childName : labels.getOrDefault(child, List.of()))
                for (Hop h : hops.getOrDefault(child, List.of())) {
                    if (!h.level().getLiteralLexicalForm().equals("model")) continue;
                    Node parent = h.parent();
                    if (!(parent.equals(model) || below.contains(parent))) continue;
                    List<Node> released = issued.getOrDefault(child, List.of());
                    for (Node parentName : labels.getOrDefault(parent, List.of()))
                        for (Node relation : h.relations())
                            for (Node notation : h.evidenceNotations())
                                for (Node r : released.isEmpty() ? java.util.Collections.<Node>singletonList(null) : released) {
                                    List<Node> key = new ArrayList<>(java.util.Arrays.asList(parent, parentName, child,
                                            childName, relation, notation, r));
                                    rows.computeIfAbsent(key, k -> new TreeSet<>()).addAll(h.sources());
                                }
                }
        List<Binding> out = new ArrayList<>(rows.size());
        for (Map.Entry<List<Node>, TreeSet<String>> r : rows.entrySet()) {
            BindingBuilder b = BindingBuilder.create();
            for (int i = 0; i < 7; i++) if (r.getKey().get(i) != null) b.add(DESCENDANTS_VARS.get(i), r.getKey().get(i));
            b.add(DESCENDANTS_VARS.get(7), lit(String.join(" ", r.getValue())));
            out.add(b.build());
        }
        out.sort(descendantsOrder);
        return out;
    }

    public long closureEntries() { return closureEntries; }

    /**
     * The rows of {@code built-on} for parameters as {@link ParamResolver#bind} binds them ({@code ?_base}, and
     * optionally {@code ?_evidence}, {@code ?_excludeExports}, {@code ?_task}), in the query's order.
     */
    public List<Binding> builtOn(Map<Var, Node> params) {
        Node base = params.get(Var.alloc("_base"));
        Node evidence = params.get(Var.alloc("_evidence"));
        Node excl = params.get(Var.alloc("_excludeExports"));
        boolean excludeExports = excl != null && NodeValue.makeNode(excl).getBoolean();
        Node task = params.get(Var.alloc("_task"));
        boolean anyTask = task == null || (task.isLiteral() && task.getLiteralLexicalForm().isEmpty());

        Set<Node> family = members.getOrDefault(base, Set.of());
        // Depth: the shortest distance from the base or any member of it, as the closure records it.
        Map<Node, Node> depth = new LinkedHashMap<>();
        List<Node> roots = new ArrayList<>();
        roots.add(base);
        roots.addAll(family);
        for (Node root : roots) {
            Integer rootId = ids.get(root);
            long[] entries = rootId == null ? null : descendants.get(rootId);
            if (entries == null) continue;
            for (long entry : entries) {
                Node m = nodes.get((int) (entry >>> 32));
                Node d = nodes.get((int) entry);
                Node was = depth.get(m);
                if (was == null || NodeValue.compare(NodeValue.makeNode(d), NodeValue.makeNode(was)) < 0) depth.put(m, d);
            }
        }
        // One row per distinct (model, name, depth, parent, parentName, level, relation, evidence), with its sources.
        Map<List<Node>, TreeSet<String>> rows = new LinkedHashMap<>();
        for (Map.Entry<Node, Node> e : depth.entrySet()) {
            Node model = e.getKey();
            if (family.contains(model)) continue;
            if (excludeExports && exports.contains(model)) continue;
            if (!anyTask && !tasks.getOrDefault(model, Set.of()).contains(task)) continue;
            for (Node name : labels.getOrDefault(model, List.of()))
                for (Hop h : hops.getOrDefault(model, List.of())) {
                    if (evidence != null && !evidence.equals(h.evidence())) continue;
                    Node parent = h.parent();
                    if (!(parent.equals(base) || family.contains(parent) || depth.containsKey(parent))) continue;
                    for (Node parentName : labels.getOrDefault(parent, List.of()))
                        for (Node relation : h.relations())
                            for (Node notation : h.evidenceNotations())
                                rows.computeIfAbsent(List.of(model, name, e.getValue(), parent, parentName, h.level(),
                                        relation, notation), k -> new TreeSet<>()).addAll(h.sources());
                }
        }
        List<Binding> out = new ArrayList<>(rows.size());
        for (Map.Entry<List<Node>, TreeSet<String>> r : rows.entrySet()) {
            BindingBuilder b = BindingBuilder.create();
            for (int i = 0; i < 8; i++) b.add(VARS.get(i), r.getKey().get(i));
            b.add(VARS.get(8), lit(String.join(" ", r.getValue())));
            out.add(b.build());
        }
        out.sort(order);
        return out;
    }

    /** The id of {@code n}, given on first sight; the same node object is used for every later sight. */
    private int id(Node n) {
        Integer i = ids.get(n);
        if (i != null) return i;
        nodes.add(n);
        ids.put(n, nodes.size() - 1);
        return nodes.size() - 1;
    }

    private static Node iri(String local) {
        return NodeFactory.createURI(MKG.NS + local);
    }

    private static Node lit(String s) {
        return NodeFactory.createLiteralString(s);
    }
}
