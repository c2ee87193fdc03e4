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
 * The answers of the canned queries {@code built-on}, {@code descendants} and {@code lineage} from memory: the
 * lineage closure (both ways), the derivations (parent, level, relation label, evidence, training method, sources),
 * labels, family membership, export relations and tasks, read once from the store. The queries
 * ({@code queries/010-built-on.rq}, {@code 030-descendants.rq}, {@code 020-lineage.rq}) stay the definition of the
 * answers; this index computes the same rows in the same order (by the query's own ORDER BY) without a per-row lookup
 * in the store, and {@code LineageIndexTest} proves it identical on every base and model of the real catalog and the
 * fixtures, for every parameter. The one liberty: the sources of a row are listed in sorted order, where SPARQL
 * leaves GROUP_CONCAT's order to the engine.
 *
 * <p>For {@code built-on}, the work a request would repeat is done once here: every ancestor's descendants are held
 * with their shortest depth, one entry per (model, name), already in the query's (depth, name) order, and every
 * model's hops are merged into its possible rows, already in the order of the remaining keys; nodes are compared by
 * {@link NodeRanks rank}. A page then costs its rows, and the total a pass over the entries with no sorting.
 */
public final class LineageIndex {
    private static final Node DERIVATION = iri("derivation");
    private static final Node BASE_MODEL = iri("baseModel");
    private static final Node BASE_FAMILY = iri("baseFamily");
    private static final Node EVIDENCE = iri("evidence");
    private static final Node TASK = iri("task");
    private static final Node TRAINING_METHOD = iri("trainingMethod");
    private static final Node CONVERSION = iri("Conversion");
    private static final Node QUANTIZATION = iri("Quantization");
    private static final Node MODEL = lit("model");
    private static final Node FAMILY = lit("family");
    private static final Node SOURCE = NodeFactory.createURI("http://www.w3.org/ns/prov#hadPrimarySource");
    private static final Node NOTATION = NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#notation");
    private static final Node ONE = NodeValue.makeInteger(1).asNode();
    public static final List<Var> VARS = Var.varList(List.of("model", "name", "depth", "parent", "parentName", "level",
            "relation", "evidence", "sources"));
    /** The columns of {@code descendants} (before the tree order adds {@code treeDepth}). */
    public static final List<Var> DESCENDANTS_VARS = Var.varList(List.of("parent", "parentName", "child", "childName",
            "relation", "evidence", "released", "sources"));
    /** The columns of {@code lineage}. */
    public static final List<Var> LINEAGE_VARS = Var.varList(List.of("hop", "model", "modelName", "base", "baseName",
            "level", "relation", "method", "evidence", "sources"));

    /** One derivation of a model: its parent, whether the parent is a model or a family, and the hop's details. */
    private record Hop(Node parent, Node level, List<Node> relations, Node evidence, List<Node> evidenceNotations,
                       List<Node> methods, List<String> sources) {}

    /**
     * One row of {@code built-on} but for the model's name and depth: (parent, parentName, level, relation, evidence
     * notation), as node ids, with the evidence level and sources of each hop that gives it.
     */
    private static final class Template {
        final int parent, parentName, level, relation, notation;
        int[] evidences = new int[0];
        final List<List<String>> sources = new ArrayList<>();
        Node allSources;

        Template(int parent, int parentName, int level, int relation, int notation) {
            this.parent = parent;
            this.parentName = parentName;
            this.level = level;
            this.relation = relation;
            this.notation = notation;
        }

        boolean has(int evidence) {
            for (int e : evidences) if (e == evidence) return true;
            return false;
        }
    }

    /** The descendants of one ancestor: one entry per (model, name) in (depth, name, model) order, and every model. */
    private record Entries(int[] model, int[] name, int[] depth, int[] members) {}

    private static final Template[] NO_TEMPLATES = new Template[0];
    private static final Entries NONE = new Entries(new int[0], new int[0], new int[0], new int[0]);
    /** No evidence filter; and an evidence filter that nothing can match. */
    private static final int ANY = -1, NOTHING = -2;

    /** Every node the index holds, once: a node's id is its place here. */
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Integer> ids = new HashMap<>();
    private int[] rank;
    private final Map<Integer, Entries> below = new HashMap<>();
    /** Per model: its ancestors as the closure records them, (ancestor id << 32 | depth id). */
    private final Map<Integer, long[]> above = new HashMap<>();
    private final Map<Integer, Template[]> templates = new HashMap<>();
    private final Map<Integer, Node> hopOfDepth = new HashMap<>();
    private final Map<Node, Set<Node>> members = new HashMap<>();      // family -> members (mkg:inFamily)
    private final Map<Node, List<Node>> labels = new HashMap<>();
    private final Map<Node, List<Hop>> hops = new HashMap<>();
    private final Set<Node> exports = new HashSet<>();
    private final Map<Node, Set<Node>> tasks = new HashMap<>();
    private final Map<Node, List<Node>> issued = new HashMap<>();
    private BindingComparator descendantsOrder;
    private BindingComparator lineageOrder;
    private final long closureEntries;

    private LineageIndex(DatasetGraph dsg) {
        Graph closure = dsg.getGraph(MKG.GRAPH_CLOSURE);
        Map<Node, Node> depthOf = new HashMap<>();
        closure.find(Node.ANY, MKG.depth, Node.ANY).forEachRemaining(t -> depthOf.put(t.getSubject(), t.getObject()));
        Map<Integer, LongList> down = new HashMap<>();
        Map<Integer, LongList> up = new HashMap<>();
        long n = 0;
        for (var it = closure.find(); it.hasNext(); ) {
            Triple t = it.next();
            Node d = depthOf.get(t.getPredicate());
            if (d == null) continue;
            int anc = id(t.getObject());
            int m = id(t.getSubject());
            int depth = id(d);
            down.computeIfAbsent(anc, k -> new LongList()).add(((long) m << 32) | depth);
            up.computeIfAbsent(m, k -> new LongList()).add(((long) anc << 32) | depth);
            n++;
        }
        this.closureEntries = n;
        for (Node d : depthOf.values())
            hopOfDepth.put(id(d), org.apache.jena.sparql.expr.nodevalue.XSDFuncOp.numAdd(NodeValue.makeNode(d),
                    NodeValue.makeInteger(1)).asNode());
        for (var e : up.entrySet()) above.put(e.getKey(), e.getValue().toArray());
        Graph g = dsg.getDefaultGraph();
        g.find(Node.ANY, MKG.inFamily, Node.ANY).forEachRemaining(t ->
                members.computeIfAbsent(t.getObject(), k -> new HashSet<>()).add(t.getSubject()));
        g.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEachRemaining(t ->
                labels.computeIfAbsent(t.getSubject(), k -> new ArrayList<>(1)).add(t.getObject()));
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
        Map<Node, List<Node>> methodOf = GraphScans.bySubject(g, TRAINING_METHOD);
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
            List<Node> methods = new ArrayList<>();
            for (Node m : methodOf.getOrDefault(d, List.of()))
                methods.addAll(notationOf.computeIfAbsent(m, k -> GraphScans.objects(g, k, NOTATION)));
            List<String> sources = GraphScans.strings(sourceOf.getOrDefault(d, List.of()));
            for (Node e : evidenceOf.getOrDefault(d, List.of())) {
                List<Node> notations = notationOf.computeIfAbsent(e, k -> GraphScans.objects(g, k, NOTATION));
                for (Node p : baseModelOf.getOrDefault(d, List.of()))
                    hops.computeIfAbsent(model, k -> new ArrayList<>(1)).add(new Hop(p, MODEL, relations, e, notations, methods, sources));
                for (Node p : baseFamilyOf.getOrDefault(d, List.of()))
                    hops.computeIfAbsent(model, k -> new ArrayList<>(1)).add(new Hop(p, FAMILY, relations, e, notations, methods, sources));
            }
        });
        // Every node a row can hold gets an id, then a rank.
        for (List<Node> names : labels.values()) for (Node name : names) id(name);
        for (var e : hops.entrySet()) {
            id(e.getKey());
            for (Hop h : e.getValue()) {
                id(h.parent());
                id(h.level());
                id(h.evidence());
                h.relations().forEach(this::id);
                h.evidenceNotations().forEach(this::id);
            }
        }
        this.rank = NodeRanks.of(nodes);
        for (var e : hops.entrySet()) templates.put(ids.get(e.getKey()), templates(e.getValue()));
        for (var e : down.entrySet()) below.put(e.getKey(), entries(e.getValue().toArray()));
    }

    /** The rows a model's hops can give, merged by key and in the order of the keys after name and model. */
    private Template[] templates(List<Hop> modelHops) {
        Map<List<Integer>, Template> byKey = new LinkedHashMap<>();
        for (Hop h : modelHops)
            for (Node parentName : labels.getOrDefault(h.parent(), List.of()))
                for (Node relation : h.relations())
                    for (Node notation : h.evidenceNotations()) {
                        Template t = byKey.computeIfAbsent(List.of(id(h.parent()), id(parentName), id(h.level()),
                                id(relation), id(notation)), k -> new Template(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4)));
                        t.evidences = java.util.Arrays.copyOf(t.evidences, t.evidences.length + 1);
                        t.evidences[t.evidences.length - 1] = id(h.evidence());
                        t.sources.add(h.sources());
                    }
        Template[] out = byKey.values().toArray(NO_TEMPLATES);
        for (Template t : out) {
            TreeSet<String> all = new TreeSet<>();
            t.sources.forEach(all::addAll);
            t.allSources = lit(String.join(" ", all));
        }
        java.util.Arrays.sort(out, (a, b) -> {
            int c = Integer.compare(rank[a.parentName], rank[b.parentName]);
            if (c == 0) c = Integer.compare(rank[a.parent], rank[b.parent]);
            if (c == 0) c = Integer.compare(rank[a.level], rank[b.level]);
            if (c == 0) c = Integer.compare(rank[a.relation], rank[b.relation]);
            if (c == 0) c = Integer.compare(rank[a.notation], rank[b.notation]);
            return c;
        });
        return out;
    }

    /**
     * An ancestor's descendants from its closure entries (model id << 32 | depth id): each model at its shortest
     * depth, once per name, sorted by (depth, name, model).
     */
    private Entries entries(long[] raw) {
        // (model, depth rank) sorted: the first entry of each model has its shortest depth.
        Map<Integer, Integer> depthByRank = new HashMap<>();
        long[] packed = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int depth = (int) raw[i];
            depthByRank.putIfAbsent(rank[depth], depth);
            packed[i] = (raw[i] & 0xffffffff00000000L) | rank[depth];
        }
        java.util.Arrays.sort(packed);
        int distinct = 0;
        for (int i = 0; i < packed.length; i++) if (i == 0 || (packed[i] >>> 32) != (packed[i - 1] >>> 32)) distinct++;
        int[] all = new int[distinct];
        IntList model = new IntList(), name = new IntList(), depth = new IntList();
        int k = 0;
        for (int i = 0; i < packed.length; i++) {
            if (i > 0 && (packed[i] >>> 32) == (packed[i - 1] >>> 32)) continue;
            int m = (int) (packed[i] >>> 32);
            all[k++] = m;
            int d = depthByRank.get((int) packed[i]);
            for (Node nm : labels.getOrDefault(nodes.get(m), List.of())) {
                model.add(m);
                name.add(ids.get(nm));
                depth.add(d);
            }
        }
        return sorted(model.toArray(), name.toArray(), depth.toArray(), all);
    }

    /** Entries in (depth, name, model) order. */
    private Entries sorted(int[] model, int[] name, int[] depth, int[] all) {
        int[] order = new int[model.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        NodeRanks.sort(order, (a, b) -> {
            int c = Integer.compare(rank[depth[a]], rank[depth[b]]);
            if (c == 0) c = Integer.compare(rank[name[a]], rank[name[b]]);
            if (c == 0) c = Integer.compare(rank[model[a]], rank[model[b]]);
            return c;
        });
        int[] m = new int[order.length], nm = new int[order.length], d = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            m[i] = model[order[i]];
            nm[i] = name[order[i]];
            d[i] = depth[order[i]];
        }
        return new Entries(m, nm, d, all);
    }

    /** Reads the index from {@code dsg} (in a read transaction); {@code builtOn} is the canned query. */
    public static LineageIndex build(DatasetGraph dsg, CannedQuery builtOn) {
        return build(dsg, builtOn, null, null);
    }

    /** Reads the index, for {@code built-on} and, if given, {@code descendants}. */
    public static LineageIndex build(DatasetGraph dsg, CannedQuery builtOn, CannedQuery descendants) {
        return build(dsg, builtOn, descendants, null);
    }

    /** Reads the index, for {@code built-on} and, if given, {@code descendants} and {@code lineage} (each gives its order). */
    public static LineageIndex build(DatasetGraph dsg, CannedQuery builtOn, CannedQuery descendants, CannedQuery lineage) {
        LineageIndex index = Txn.calculateRead(dsg, () -> new LineageIndex(dsg));
        if (descendants != null) index.descendantsOrder = new BindingComparator(descendants.query().getOrderBy());
        if (lineage != null) index.lineageOrder = new BindingComparator(lineage.query().getOrderBy());
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
        Entries entries = id == null ? null : this.below.get(id);
        if (entries != null) for (int m : entries.members()) below.add(nodes.get(m));
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

    /**
     * The rows of {@code lineage} for {@code ?_model} (and {@code ?_evidence} if given), in the query's ORDER BY:
     * the model's own hops (hop 1) and its ancestors' (hop = depth + 1). Null if built without the query.
     */
    public List<Binding> lineage(Map<Var, Node> params) {
        if (lineageOrder == null) return null;
        Node model = params.get(Var.alloc("_model"));
        Node evidence = params.get(Var.alloc("_evidence"));
        List<Node[]> targets = new ArrayList<>();   // {model, hop}
        targets.add(new Node[] {model, ONE});
        Integer id = ids.get(model);
        long[] ancestors = id == null ? null : above.get(id);
        if (ancestors != null)
            for (long a : ancestors) targets.add(new Node[] {nodes.get((int) (a >>> 32)), hopOf((int) a)});
        Map<List<Node>, TreeSet<String>> rows = new LinkedHashMap<>();
        for (Node[] target : targets)
            for (Node name : labels.getOrDefault(target[0], List.of()))
                for (Hop h : hops.getOrDefault(target[0], List.of())) {
                    if (evidence != null && !evidence.equals(h.evidence())) continue;
                    for (Node baseName : labels.getOrDefault(h.parent(), List.of()))
                        for (Node relation : h.relations())
                            for (Node method : h.methods().isEmpty() ? java.util.Collections.<Node>singletonList(null) : h.methods())
                                for (Node notation : h.evidenceNotations())
                                    rows.computeIfAbsent(java.util.Arrays.asList(target[1], target[0], name, h.parent(),
                                            baseName, h.level(), relation, method, notation), k -> new TreeSet<>()).addAll(h.sources());
                }
        List<Binding> out = new ArrayList<>(rows.size());
        for (Map.Entry<List<Node>, TreeSet<String>> r : rows.entrySet()) {
            BindingBuilder b = BindingBuilder.create();
            for (int i = 0; i < 9; i++) if (r.getKey().get(i) != null) b.add(LINEAGE_VARS.get(i), r.getKey().get(i));
            b.add(LINEAGE_VARS.get(9), lit(String.join(" ", r.getValue())));
            out.add(b.build());
        }
        out.sort(lineageOrder);
        return out;
    }

    /** {@code ?d + 1} of a depth node, as the query's BIND computes it (read at build time). */
    private Node hopOf(int depth) {
        return hopOfDepth.get(depth);
    }

    public long closureEntries() { return closureEntries; }

    /** The rows of {@code built-on} as a list (see {@link #builtOnRows}). */
    public List<Binding> builtOn(Map<Var, Node> params) {
        return builtOnRows(params).toList();
    }

    /**
     * The rows of {@code built-on} for parameters as {@link ParamResolver#bind} binds them ({@code ?_base}, and
     * optionally {@code ?_evidence}, {@code ?_excludeExports}, {@code ?_task}), in the query's order.
     */
    public IndexedRows builtOnRows(Map<Var, Node> params) {
        Node base = params.get(Var.alloc("_base"));
        Node evidence = params.get(Var.alloc("_evidence"));
        boolean excludeExports = ParamResolver.isTrue(params, "_excludeExports");
        Node task = ParamResolver.nonEmpty(params, "_task");
        boolean anyTask = task == null;
        int baseId = ids.getOrDefault(base, NOTHING);
        int evidenceId = evidence == null ? ANY : ids.getOrDefault(evidence, NOTHING);

        Set<Integer> family = new HashSet<>();
        for (Node m : members.getOrDefault(base, Set.of())) {
            Integer f = ids.get(m);
            if (f != null) family.add(f);
        }
        Entries entries;
        java.util.function.IntPredicate inTree;
        if (family.isEmpty()) {
            Entries e = below.getOrDefault(baseId, NONE);
            entries = e;
            inTree = p -> p == baseId || java.util.Arrays.binarySearch(e.members(), p) >= 0;
        } else {
            // A family: the shortest depth from the family or any member of it.
            Map<Integer, Integer> depth = new HashMap<>();
            Set<Integer> all = new HashSet<>();
            List<Integer> roots = new ArrayList<>(family);
            roots.add(baseId);
            for (int root : roots) {
                Entries e = below.getOrDefault(root, NONE);
                for (int m : e.members()) all.add(m);
                for (int i = 0; i < e.model().length; i++)
                    depth.merge(e.model()[i], e.depth()[i], (a, b) -> rank[b] < rank[a] ? b : a);
            }
            IntList model = new IntList(), name = new IntList(), d = new IntList();
            for (var e : depth.entrySet())
                for (Node nm : labels.getOrDefault(nodes.get(e.getKey()), List.of())) {
                    model.add(e.getKey());
                    name.add(ids.get(nm));
                    d.add(e.getValue());
                }
            entries = sorted(model.toArray(), name.toArray(), d.toArray(), new int[0]);
            inTree = p -> p == baseId || family.contains(p) || all.contains(p);
        }
        java.util.function.IntPredicate keep = m -> {
            if (family.contains(m)) return false;
            Node node = nodes.get(m);
            if (excludeExports && exports.contains(node)) return false;
            return anyTask || tasks.getOrDefault(node, Set.of()).contains(task);
        };
        return new BuiltOnRows(entries, keep, inTree, evidenceId);
    }

    /** The rows of one {@code built-on} answer, counted and produced from the entries as they are read. */
    private final class BuiltOnRows implements IndexedRows {
        private final Entries e;
        private final java.util.function.IntPredicate keep;
        private final java.util.function.IntPredicate inTree;
        private final int evidence;
        private long size = -1;

        BuiltOnRows(Entries e, java.util.function.IntPredicate keep, java.util.function.IntPredicate inTree, int evidence) {
            this.e = e;
            this.keep = keep;
            this.inTree = inTree;
            this.evidence = evidence;
        }

        private boolean valid(Template t) {
            return inTree.test(t.parent) && (evidence == ANY || t.has(evidence));
        }

        /** The rows entry {@code i} gives. */
        private int count(int i) {
            if (!keep.test(e.model()[i])) return 0;
            int c = 0;
            for (Template t : templates.getOrDefault(e.model()[i], NO_TEMPLATES)) if (valid(t)) c++;
            return c;
        }

        @Override
        public long size() {
            if (size < 0) {
                long s = 0;
                for (int i = 0; i < e.model().length; i++) s += count(i);
                size = s;
            }
            return size;
        }

        @Override
        public java.util.Iterator<Binding> from(long offset) {
            return new java.util.Iterator<>() {
                private int next;                   // the next entry to read
                private long skip = offset;
                private List<Binding> run = List.of();
                private int at;

                @Override
                public boolean hasNext() {
                    while (at == run.size() && next < e.model().length) fill();
                    return at < run.size();
                }

                @Override
                public Binding next() {
                    if (!hasNext()) throw new java.util.NoSuchElementException();
                    return run.get(at++);
                }

                /** Reads the next run of entries that tie on (depth, name): its rows, in the query's order. */
                private void fill() {
                    int from = next;
                    int to = from + 1;
                    while (to < e.model().length && rank[e.depth()[to]] == rank[e.depth()[from]]
                            && rank[e.name()[to]] == rank[e.name()[from]]) to++;
                    next = to;
                    if (skip > 0) {
                        long c = 0;
                        for (int i = from; i < to; i++) c += count(i);
                        if (c <= skip) {
                            skip -= c;
                            run = List.of();
                            at = 0;
                            return;
                        }
                    }
                    List<int[]> rows = new ArrayList<>();          // {entry, template index}
                    for (int i = from; i < to; i++) {
                        if (!keep.test(e.model()[i])) continue;
                        Template[] ts = templates.getOrDefault(e.model()[i], NO_TEMPLATES);
                        for (int k = 0; k < ts.length; k++) if (valid(ts[k])) rows.add(new int[] {i, k});
                    }
                    if (to - from > 1) rows.sort((a, b) -> {   // entries that tie on (depth, name): by the other keys
                        Template ta = templates.get(e.model()[a[0]])[a[1]];
                        Template tb = templates.get(e.model()[b[0]])[b[1]];
                        int c = Integer.compare(rank[ta.parentName], rank[tb.parentName]);
                        if (c == 0) c = Integer.compare(rank[e.model()[a[0]]], rank[e.model()[b[0]]]);
                        if (c == 0) c = Integer.compare(rank[ta.parent], rank[tb.parent]);
                        if (c == 0) c = Integer.compare(rank[ta.level], rank[tb.level]);
                        if (c == 0) c = Integer.compare(rank[ta.relation], rank[tb.relation]);
                        if (c == 0) c = Integer.compare(rank[ta.notation], rank[tb.notation]);
                        return c;
                    });
                    int start = (int) Math.min(skip, rows.size());
                    skip -= start;
                    List<Binding> out = new ArrayList<>(rows.size() - start);
                    for (int[] r : rows.subList(start, rows.size())) out.add(binding(r[0], templates.get(e.model()[r[0]])[r[1]]));
                    run = out;
                    at = 0;
                }
            };
        }

        private Binding binding(int i, Template t) {
            BindingBuilder b = BindingBuilder.create();
            b.add(VARS.get(0), nodes.get(e.model()[i]));
            b.add(VARS.get(1), nodes.get(e.name()[i]));
            b.add(VARS.get(2), nodes.get(e.depth()[i]));
            b.add(VARS.get(3), nodes.get(t.parent));
            b.add(VARS.get(4), nodes.get(t.parentName));
            b.add(VARS.get(5), nodes.get(t.level));
            b.add(VARS.get(6), nodes.get(t.relation));
            b.add(VARS.get(7), nodes.get(t.notation));
            Node sources = t.allSources;
            if (evidence != ANY) {
                TreeSet<String> some = new TreeSet<>();
                for (int k = 0; k < t.evidences.length; k++) if (t.evidences[k] == evidence) some.addAll(t.sources.get(k));
                sources = lit(String.join(" ", some));
            }
            b.add(VARS.get(8), sources);
            return b.build();
        }
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

    /** A growable array of longs. */
    private static final class LongList {
        private long[] a = new long[4];
        private int n;

        void add(long v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /** A growable array of ints. */
    private static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
