package org.medkg.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.medkg.vocab.MKG;

/**
 * The answer of the canned query {@code by-institute} from memory: each institute's models with their names,
 * release dates, family names and base names, and what its filters test (family and sub-families, exports, tasks),
 * read once from the store. The query ({@code queries/050-by-institute.rq}) stays the definition; this index gives
 * the same rows (with the query's multiplicities: one per path of each optional property path) in the same order,
 * sorted on {@link NodeRanks ranks}; {@code LineageIndexTest} proves it identical on every institute and parameter of
 * the real catalog and the fixtures.
 */
public final class InstituteIndex {
    private static final Node CONVERSION = NodeFactory.createURI(MKG.NS + "Conversion");
    private static final Node QUANTIZATION = NodeFactory.createURI(MKG.NS + "Quantization");
    private static final Node DERIVATION = NodeFactory.createURI(MKG.NS + "derivation");
    private static final Node TASK = NodeFactory.createURI(MKG.NS + "task");
    public static final List<Var> VARS = Var.varList(List.of("institute", "instituteName", "model", "name", "family",
            "released", "base"));

    /** What the query reads of one model (lists keep the multiplicity of the query's paths). */
    private record Model(List<Node> names, List<Node> families, List<Node> familyNames, List<Node> released,
                         List<Node> baseNames, boolean export, Set<Node> tasks) {}

    private final Map<Node, List<Node>> modelsOf = new HashMap<>();      // institute -> models (developedBy)
    private final Map<Node, Model> models = new HashMap<>();
    private final Map<Node, List<Node>> labels;
    private final Map<Node, List<Node>> subFamilies = new HashMap<>();   // family -> its direct sub-families
    private final Map<Node, Integer> rank = new HashMap<>();
    private final BindingComparator order;

    private InstituteIndex(DatasetGraph dsg, CannedQuery byInstitute) {
        this.order = new BindingComparator(byInstitute.query().getOrderBy());
        Graph g = dsg.getDefaultGraph();
        labels = GraphScans.bySubject(g, RDFS.label.asNode());
        Map<Node, List<Node>> familiesOf = GraphScans.bySubject(g, MKG.inFamily);
        Map<Node, List<Node>> issued = GraphScans.bySubject(g, MKG.issued);
        Map<Node, List<Node>> bases = GraphScans.bySubject(g, MKG.builtOn);
        Map<Node, List<Node>> tasks = GraphScans.bySubject(g, TASK);
        Map<Node, List<Node>> derivations = GraphScans.bySubject(g, DERIVATION);
        Map<Node, List<Node>> relations = GraphScans.bySubject(g, MKG.relation);
        g.find(Node.ANY, MKG.subFamilyOf, Node.ANY).forEachRemaining(t ->
                subFamilies.computeIfAbsent(t.getObject(), k -> new ArrayList<>()).add(t.getSubject()));
        Set<Node> isModel = new HashSet<>();
        g.find(Node.ANY, RDF.type.asNode(), MKG.Model).forEachRemaining(t -> isModel.add(t.getSubject()));
        g.find(Node.ANY, MKG.developedBy, Node.ANY).forEachRemaining(t -> {
            Node m = t.getSubject();
            if (!isModel.contains(m)) return;
            modelsOf.computeIfAbsent(t.getObject(), k -> new ArrayList<>()).add(m);
            models.computeIfAbsent(m, k -> {
                List<Node> families = familiesOf.getOrDefault(k, List.of());
                List<Node> familyNames = new ArrayList<>();
                for (Node f : families) familyNames.addAll(labels.getOrDefault(f, List.of()));
                List<Node> baseNames = new ArrayList<>();
                for (Node b : bases.getOrDefault(k, List.of())) baseNames.addAll(labels.getOrDefault(b, List.of()));
                boolean export = false;
                for (Node d : derivations.getOrDefault(k, List.of()))
                    for (Node r : relations.getOrDefault(d, List.of()))
                        if (r.equals(CONVERSION) || r.equals(QUANTIZATION)) export = true;
                return new Model(labels.getOrDefault(k, List.of()), families, familyNames, issued.getOrDefault(k, List.of()),
                        baseNames, export, new HashSet<>(tasks.getOrDefault(k, List.of())));
            });
        });
        java.util.LinkedHashSet<Node> keys = new java.util.LinkedHashSet<>();
        for (var e : modelsOf.entrySet()) {
            keys.add(e.getKey());
            keys.addAll(labels.getOrDefault(e.getKey(), List.of()));
        }
        for (var e : models.entrySet()) {
            keys.add(e.getKey());
            Model m = e.getValue();
            keys.addAll(m.names());
            keys.addAll(m.familyNames());
            keys.addAll(m.released());
            keys.addAll(m.baseNames());
        }
        List<Node> all = new ArrayList<>(keys);
        int[] ranks = NodeRanks.of(all);
        for (int i = 0; i < ranks.length; i++) rank.put(all.get(i), ranks[i]);
    }

    public static InstituteIndex build(DatasetGraph dsg, CannedQuery byInstitute) {
        return Txn.calculateRead(dsg, () -> new InstituteIndex(dsg, byInstitute));
    }

    /** One row: its values in the ORDER BY's order (instituteName, released, name, model, family, base, institute). */
    private record Row(Node[] key, int[] ranks) {}

    /** The rows of {@code by-institute} for parameters bound as {@link ParamResolver#bind} binds them, in the query's order. */
    public IndexedRows byInstitute(Map<Var, Node> params) {
        Node institute = params.get(Var.alloc("_institute"));
        Node family = params.get(Var.alloc("_family"));
        boolean excludeExports = ParamResolver.isTrue(params, "_excludeExports");
        Node task = ParamResolver.nonEmpty(params, "_task");
        boolean anyTask = task == null;
        Set<Node> inFamily = family == null || family.equals(NodeFactory.createURI(MKG.NS + "none")) ? null : familyAndSubFamilies(family);
        List<Row> rows = new ArrayList<>();
        for (Node inst : institute == null ? modelsOf.keySet() : List.of(institute))
            for (Node m : modelsOf.getOrDefault(inst, List.of())) {
                Model model = models.get(m);
                if (inFamily != null && Collections.disjoint(model.families(), inFamily)) continue;
                if (excludeExports && model.export()) continue;
                if (!anyTask && !model.tasks().contains(task)) continue;
                for (Node instName : labels.getOrDefault(inst, List.of()))
                    for (Node name : model.names())
                        for (Node fam : orNone(model.familyNames()))
                            for (Node rel : orNone(model.released()))
                                for (Node base : orNone(model.baseNames())) {
                                    Node[] k = {instName, rel, name, m, fam, base, inst};
                                    int[] r = new int[k.length];
                                    for (int i = 0; i < k.length; i++) r[i] = k[i] == null ? -1 : rank.get(k[i]);
                                    rows.add(new Row(k, r));
                                }
            }
        rows.sort((a, b) -> {
            for (int i = 0; i < 7; i++) {
                int c = Integer.compare(a.ranks()[i], b.ranks()[i]);
                if (c != 0) return c;
            }
            return java.util.Arrays.equals(a.key(), b.key()) ? 0 : order.compare(binding(a), binding(b));
        });
        return IndexedRows.of(rows, InstituteIndex::binding);
    }

    /** {@code family} and every family below it ({@code mkg:subFamilyOf*}, read backwards). */
    private Set<Node> familyAndSubFamilies(Node family) {
        Set<Node> out = new HashSet<>();
        ArrayDeque<Node> todo = new ArrayDeque<>(List.of(family));
        while (!todo.isEmpty()) {
            Node f = todo.pop();
            if (out.add(f)) todo.addAll(subFamilies.getOrDefault(f, List.of()));
        }
        return out;
    }

    private static List<Node> orNone(List<Node> values) {
        return values.isEmpty() ? Collections.singletonList(null) : values;
    }

    /** The row as the query's columns bind it: ?institute, ?instituteName, ?model, ?name, ?family, ?released, ?base. */
    private static Binding binding(Row row) {
        Node[] k = row.key();
        Node[] byVar = {k[6], k[0], k[3], k[2], k[4], k[1], k[5]};
        BindingBuilder b = BindingBuilder.create();
        for (int i = 0; i < 7; i++) if (byVar[i] != null) b.add(VARS.get(i), byVar[i]);
        return b.build();
    }
}
