package org.medkg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medkg.server.ProjectBuild;
import org.medkg.store.Store;
import org.medkg.testing.Catalogs;
import org.medkg.vocab.MKG;

/**
 * The in-memory answer of {@code built-on} is the query's answer: the same rows in the same order (sources compared
 * as sets, since SPARQL leaves GROUP_CONCAT's order to the engine), for every base the closure knows (every
 * ancestor of some model, and every family), and for every parameter on a sample of them; and the same for
 * {@code descendants}, after the runner's depth-first tree order, and {@code lineage} for every model; and
 * {@link LeaderboardIndex} for every benchmark, setting and evidence level. Pages (the total, and the rows from an
 * offset) are slices of the whole answer.
 */
class LineageIndexTest {
    @TempDir static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"data", "valid/evidence", "valid/minimal", "synthetic"})
    void indexAnswersExactlyAsTheQuery(String fixture) throws Exception {
        Path data = catalog(fixture, "");
        Path storeDir = tmp.resolve("store-" + fixture.replace('/', '-'));
        assertTrue(ProjectBuild.run(Catalogs.inputs(data), storeDir, m -> {}).ok());
        QueryLibrary library = QueryLibrary.load(Catalogs.QUERIES);
        CannedQuery q = library.get("built-on");
        try (Store store = Store.open(storeDir)) {
            var dsg = store.dataset();
            CannedQuery dq = library.get("descendants");
            CannedQuery lq = library.get("lineage");
            LineageIndex index = LineageIndex.build(dsg, q, dq, lq);
            CannedQueryRunner runner = new CannedQueryRunner(dsg, 60_000);
            Set<Node> bases = new LinkedHashSet<>();
            Txn.executeRead(dsg, () -> {
                dsg.getGraph(MKG.GRAPH_CLOSURE).find().forEachRemaining(t -> {
                    if (!t.getPredicate().equals(MKG.depth)) bases.add(t.getObject());
                });
                dsg.getDefaultGraph().find(Node.ANY, MKG.inFamily, Node.ANY).forEachRemaining(t -> bases.add(t.getObject()));
            });
            assertTrue(bases.size() > 3, "bases: " + bases.size());
            List<Map<Var, Node>> cases = new ArrayList<>();
            int i = 0;
            for (Node base : bases) {
                cases.add(Map.of(Var.alloc("_base"), base));
                if (i++ % 7 == 0) {   // every parameter, on a sample of bases
                    for (String level : new String[] {"stated", "declared", "inferred"})
                        cases.add(Map.of(Var.alloc("_base"), base, Var.alloc("_evidence"), NodeFactory.createURI(MKG.NS + level.substring(0, 1).toUpperCase() + level.substring(1))));
                    cases.add(Map.of(Var.alloc("_base"), base, Var.alloc("_excludeExports"), NodeFactory.createLiteralDT("true", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean)));
                    cases.add(Map.of(Var.alloc("_base"), base, Var.alloc("_task"), NodeFactory.createLiteralString("token-classification")));
                }
            }
            long rowsCompared = 0;
            for (Map<Var, Node> params : cases) {
                List<Binding> expected = new ArrayList<>();
                runner.select(q, QueryTransformOps.replaceVars(q.query(), params), rs -> rs.forEachRemaining(s ->
                        expected.add(org.apache.jena.sparql.core.ResultBinding.class.isInstance(s)
                                ? ((org.apache.jena.sparql.core.ResultBinding) s).getBinding() : toBinding(s))));
                List<Binding> actual = Txn.calculateRead(dsg, () -> index.builtOn(params));
                assertEquals(expected.size(), actual.size(), "rows for " + params);
                for (int r = 0; r < expected.size(); r++) {
                    for (Var v : LineageIndex.VARS) {
                        Node e = expected.get(r).get(v);
                        Node a = actual.get(r).get(v);
                        if (v.getVarName().equals("sources"))
                            assertEquals(words(e), words(a), "sources of row " + r + " for " + params);
                        else assertEquals(e, a, v + " of row " + r + " for " + params + "\nexpected " + expected.get(r) + "\nactual   " + actual.get(r));
                    }
                }
                rowsCompared += expected.size();
                // Pages: the total without reading the rows, and the rows from any offset as a slice of the whole.
                IndexedRows rows = index.builtOnRows(params);
                assertEquals(expected.size(), rows.size(), "total for " + params);
                for (int off : new int[] {1, 2, 7, expected.size() / 2, expected.size() - 1, expected.size()}) {
                    if (off < 0 || off > expected.size()) continue;
                    List<Binding> tail = new ArrayList<>();
                    index.builtOnRows(params).from(off).forEachRemaining(tail::add);
                    assertEquals(actual.subList(off, actual.size()), tail, "rows from offset " + off + " for " + params);
                }
            }
            assertTrue(rowsCompared > 0, "some rows compared");
            // lineage: the same rows in the same order for every model and base, and by evidence level on a sample.
            Set<Node> models = new LinkedHashSet<>(bases);
            Txn.executeRead(dsg, () -> dsg.getDefaultGraph().find(Node.ANY, NodeFactory.createURI(MKG.NS + "derivation"), Node.ANY)
                    .forEachRemaining(t -> models.add(t.getSubject())));
            long lineageRows = 0;
            int lineageCases = 0;
            int j = 0;
            for (Node model : models) {
                List<Map<Var, Node>> lcases = new ArrayList<>();
                lcases.add(Map.of(Var.alloc("_model"), model));
                if (j++ % 5 == 0)
                    for (String level : new String[] {"Stated", "Declared", "Inferred"})
                        lcases.add(Map.of(Var.alloc("_model"), model, Var.alloc("_evidence"), NodeFactory.createURI(MKG.NS + level)));
                for (Map<Var, Node> params : lcases) {
                    List<Binding> expected = new ArrayList<>();
                    runner.select(lq, QueryTransformOps.replaceVars(lq.query(), params), rs -> rs.forEachRemaining(x -> expected.add(toBinding(x))));
                    List<Binding> actual = index.lineage(params);
                    assertEquals(expected.size(), actual.size(), "lineage rows for " + params + "\nexpected " + expected + "\nactual " + actual);
                    for (int r = 0; r < expected.size(); r++)
                        for (Var v : LineageIndex.LINEAGE_VARS) {
                            Node e = expected.get(r).get(v);
                            Node a = actual.get(r).get(v);
                            if (v.getVarName().equals("sources")) assertEquals(words(e), words(a), "lineage sources, row " + r + " for " + params);
                            else assertEquals(e, a, "lineage " + v + ", row " + r + " for " + params + "\nexpected " + expected.get(r) + "\nactual   " + actual.get(r));
                        }
                    lineageRows += expected.size();
                    lineageCases++;
                }
            }
            assertTrue(lineageRows > 0);
            // descendants: the same rows in the same order after the runner's tree order, for every base.
            long treeRows = 0;
            for (Node base : bases) {
                Map<Var, Node> params = Map.of(Var.alloc("_model"), base);
                List<Binding> expected = new ArrayList<>();
                runner.select(dq, QueryTransformOps.replaceVars(dq.query(), params), rs -> rs.forEachRemaining(s -> expected.add(toBinding(s))));
                List<Binding> indexed = Txn.calculateRead(dsg, () -> index.descendants(params));
                List<Binding> actual = new ArrayList<>();
                TreeOrder.depthFirst(org.apache.jena.sparql.exec.RowSetStream.create(LineageIndex.DESCENDANTS_VARS,
                        indexed.iterator())).forEachRemaining(actual::add);
                assertEquals(expected.size(), actual.size(), "descendants rows for " + base);
                for (int r = 0; r < expected.size(); r++)
                    for (String v : List.of("parent", "parentName", "child", "childName", "relation", "evidence", "released", "treeDepth", "sources")) {
                        Node e = expected.get(r).get(Var.alloc(v));
                        Node a = actual.get(r).get(Var.alloc(v));
                        if (v.equals("sources")) assertEquals(words(e), words(a), "descendants sources, row " + r + " of " + base);
                        else assertEquals(e, a, "descendants " + v + ", row " + r + " of " + base + "\nexpected " + expected.get(r) + "\nactual   " + actual.get(r));
                    }
                treeRows += expected.size();
            }
            assertTrue(treeRows > 0);
            System.out.printf("LineageIndexTest %s: built-on %d cases, %d rows identical (and every page); descendants %d bases, %d rows"
                    + " identical; lineage %d cases, %d rows identical%n", fixture, cases.size(), rowsCompared, bases.size(), treeRows,
                    lineageCases, lineageRows);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "valid/evidence", "valid/minimal", "synthetic"})
    void leaderboardIndexAnswersExactlyAsTheQuery(String fixture) throws Exception {
        Path data = catalog(fixture, "lb-");
        Path storeDir = tmp.resolve("lb-store-" + fixture.replace('/', '-'));
        assertTrue(ProjectBuild.run(Catalogs.inputs(data), storeDir, m -> {}).ok());
        CannedQuery q = QueryLibrary.load(Catalogs.QUERIES).get("leaderboard");
        try (Store store = Store.open(storeDir)) {
            var dsg = store.dataset();
            LeaderboardIndex index = LeaderboardIndex.build(dsg, q);
            CannedQueryRunner runner = new CannedQueryRunner(dsg, 60_000);
            Set<Node> benchmarks = new LinkedHashSet<>();
            Set<Node> settings = new LinkedHashSet<>();
            Set<Node> evidences = new LinkedHashSet<>();
            Txn.executeRead(dsg, () -> {
                dsg.getDefaultGraph().find(Node.ANY, MKG.benchmark, Node.ANY).forEachRemaining(t -> benchmarks.add(t.getObject()));
                dsg.getDefaultGraph().find(Node.ANY, MKG.setting, Node.ANY).forEachRemaining(t -> settings.add(t.getObject()));
                dsg.getDefaultGraph().find(Node.ANY, NodeFactory.createURI(MKG.NS + "evidence"), Node.ANY)
                        .forEachRemaining(t -> evidences.add(t.getObject()));
            });
            List<Map<Var, Node>> cases = new ArrayList<>();
            for (Node b : benchmarks) {
                cases.add(Map.of(Var.alloc("_benchmark"), b));
                for (Node st : settings) cases.add(Map.of(Var.alloc("_benchmark"), b, Var.alloc("_setting"), st));
                for (Node ev : evidences) cases.add(Map.of(Var.alloc("_benchmark"), b, Var.alloc("_evidence"), ev));
            }
            long rowsCompared = 0;
            for (Map<Var, Node> params : cases) {
                List<Binding> expected = new ArrayList<>();
                runner.select(q, QueryTransformOps.replaceVars(q.query(), params), rs -> rs.forEachRemaining(x -> expected.add(toBinding(x))));
                List<Binding> actual = index.leaderboard(params);
                IndexedRows paged = index.leaderboardRows(params);
                assertEquals(expected.size(), paged.size(), "leaderboard total for " + params);
                if (expected.size() > 2) {
                    List<Binding> tail = new ArrayList<>();
                    paged.from(2).forEachRemaining(tail::add);
                    assertEquals(actual.subList(2, actual.size()), tail, "leaderboard rows from offset 2 for " + params);
                }
                assertEquals(expected.size(), actual.size(), "rows for " + params + "\nexpected " + expected + "\nactual " + actual);
                for (int r = 0; r < expected.size(); r++)
                    for (Var v : LeaderboardIndex.VARS) {
                        Node e = expected.get(r).get(v);
                        Node a = actual.get(r).get(v);
                        if (v.getVarName().equals("sources")) assertEquals(words(e), words(a), "sources, row " + r + " for " + params);
                        else assertEquals(e, a, v + ", row " + r + " for " + params + "\nexpected " + expected.get(r) + "\nactual   " + actual.get(r));
                    }
                rowsCompared += expected.size();
            }
            assertTrue(rowsCompared > 0 || !fixture.equals("data"));
            System.out.printf("LineageIndexTest leaderboard %s: %d cases, %d rows identical%n", fixture, cases.size(), rowsCompared);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "valid/evidence", "valid/minimal", "synthetic"})
    void instituteIndexAnswersExactlyAsTheQuery(String fixture) throws Exception {
        Path data = catalog(fixture, "in-");
        Path storeDir = tmp.resolve("in-store-" + fixture.replace('/', '-'));
        assertTrue(ProjectBuild.run(Catalogs.inputs(data), storeDir, m -> {}).ok());
        CannedQuery q = QueryLibrary.load(Catalogs.QUERIES).get("by-institute");
        try (Store store = Store.open(storeDir)) {
            var dsg = store.dataset();
            InstituteIndex index = InstituteIndex.build(dsg, q);
            CannedQueryRunner runner = new CannedQueryRunner(dsg, 60_000);
            Set<Node> institutes = new LinkedHashSet<>();
            Set<Node> families = new LinkedHashSet<>();
            Txn.executeRead(dsg, () -> {
                dsg.getDefaultGraph().find(Node.ANY, MKG.developedBy, Node.ANY).forEachRemaining(t -> institutes.add(t.getObject()));
                dsg.getDefaultGraph().find(Node.ANY, MKG.inFamily, Node.ANY).forEachRemaining(t -> families.add(t.getObject()));
                dsg.getDefaultGraph().find(Node.ANY, MKG.subFamilyOf, Node.ANY).forEachRemaining(t -> families.add(t.getObject()));
            });
            List<Map<Var, Node>> cases = new ArrayList<>();
            cases.add(Map.of());                                             // every institute
            cases.add(Map.of(Var.alloc("_excludeExports"), NodeFactory.createLiteralDT("true", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean)));
            for (Node f : families) cases.add(Map.of(Var.alloc("_family"), f));
            int i = 0;
            for (Node inst : institutes) {
                cases.add(Map.of(Var.alloc("_institute"), inst));
                if (i++ % 5 == 0) {
                    cases.add(Map.of(Var.alloc("_institute"), inst, Var.alloc("_excludeExports"),
                            NodeFactory.createLiteralDT("true", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean)));
                    cases.add(Map.of(Var.alloc("_institute"), inst, Var.alloc("_task"), NodeFactory.createLiteralString("token-classification")));
                    for (Node f : families) cases.add(Map.of(Var.alloc("_institute"), inst, Var.alloc("_family"), f));
                }
            }
            long rowsCompared = 0;
            for (Map<Var, Node> params : cases) {
                List<Binding> expected = new ArrayList<>();
                runner.select(q, QueryTransformOps.replaceVars(q.query(), params), rs -> rs.forEachRemaining(x -> expected.add(toBinding(x))));
                List<Binding> actual = index.byInstitute(params).toList();
                assertEquals(expected.size(), actual.size(), "by-institute rows for " + params);
                for (int r = 0; r < expected.size(); r++)
                    assertEquals(expected.get(r), actual.get(r), "by-institute row " + r + " for " + params);
                rowsCompared += expected.size();
            }
            assertTrue(rowsCompared > 0 || !fixture.equals("data"));
            System.out.printf("LineageIndexTest by-institute %s: %d cases, %d rows identical%n", fixture, cases.size(), rowsCompared);
        }
    }

    /** The real catalog, a fixture, or a synthetic catalog of 800 models as the benchmark generates them. */
    private static Path catalog(String fixture, String prefix) throws Exception {
        if (fixture.equals("data")) return Catalogs.DATA;
        Path dir = tmp.resolve(prefix + fixture.replace('/', '-'));
        if (fixture.equals("synthetic")) {
            new org.medkg.bench.SyntheticCatalog(800, 11).write(dir);
            return dir;
        }
        return Catalogs.materialise(fixture, dir);
    }

    private static Set<String> words(Node n) {
        return new TreeSet<>(List.of(n.getLiteralLexicalForm().split(" ")));
    }

    private static Binding toBinding(org.apache.jena.query.QuerySolution s) {
        var b = org.apache.jena.sparql.engine.binding.BindingBuilder.create();
        Map<String, Node> m = new HashMap<>();
        s.varNames().forEachRemaining(v -> m.put(v, s.get(v).asNode()));
        m.forEach((k, v) -> b.add(Var.alloc(k), v));
        return b.build();
    }
}
