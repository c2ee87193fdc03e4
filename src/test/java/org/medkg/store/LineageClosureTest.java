package org.medkg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medkg.bench.SyntheticCatalog;
import org.medkg.server.ProjectBuild;
import org.medkg.testing.Catalogs;
import org.medkg.vocab.MKG;

/**
 * The lineage closure materialised at build time is exactly {@code mkg:builtOn+} (same pairs, per SPARQL's own
 * property-path evaluation), and its depth is the shortest built-on path — on the fixture, the real catalog and a
 * synthetic catalog with merges.
 */
class LineageClosureTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"valid/minimal", "valid/evidence", "data", "synthetic"})
    void closureEqualsBuiltOnPlus(String fixture) throws IOException {
        Path data = switch (fixture) {
            case "data" -> Catalogs.DATA;
            case "synthetic" -> {
                Path d = tmp.resolve("synthetic");
                new SyntheticCatalog(3000, 7).write(d);
                yield d;
            }
            default -> Catalogs.materialise(fixture, tmp.resolve("data"));
        };
        AtomicStoreBuilder.Outcome o = ProjectBuild.run(Catalogs.inputs(data), tmp.resolve("store"), s -> {});
        assertTrue(o.ok(), () -> o.check().problems().sorted().toString());
        try (Store store = Store.open(tmp.resolve("store"))) {
            Txn.executeRead(store.dataset(), () -> {
                Set<String> pathPairs = new HashSet<>();
                try (QueryExec qe = QueryExec.dataset(store.dataset()).query(
                        "PREFIX mkg: <https://w3id.org/medkg/ontology#> SELECT ?m ?a WHERE { ?m (mkg:builtOn|mkg:builtOnFamily)+ ?a }").build()) {
                    qe.select().forEachRemaining(b -> pathPairs.add(b.get("m").getURI() + " " + b.get("a").getURI()));
                }
                Graph closure = store.dataset().getGraph(MKG.GRAPH_CLOSURE);
                Map<Node, Integer> depthOf = new HashMap<>();
                closure.find(Node.ANY, MKG.depth, Node.ANY).forEachRemaining(t ->
                        depthOf.put(t.getSubject(), Integer.parseInt(t.getObject().getLiteralLexicalForm())));
                Set<String> closurePairs = new HashSet<>();
                Graph g = store.dataset().getDefaultGraph();
                for (Triple t : closure.find().toList()) {
                    if (!depthOf.containsKey(t.getPredicate())) continue;
                    closurePairs.add(t.getSubject().getURI() + " " + t.getObject().getURI());
                    assertEquals(shortestPath(g, t.getSubject(), t.getObject()), depthOf.get(t.getPredicate()),
                            () -> "depth of " + t);
                }
                assertTrue(!pathPairs.isEmpty());
                assertEquals(pathPairs, closurePairs, fixture + ": closure must equal (mkg:builtOn|mkg:builtOnFamily)+");
            });
        }
    }

    private static int shortestPath(Graph g, Node from, Node to) {
        Map<Node, Integer> dist = new HashMap<>();
        ArrayDeque<Node> q = new ArrayDeque<>();
        dist.put(from, 0);
        q.add(from);
        while (!q.isEmpty()) {
            Node x = q.poll();
            List<Triple> out = new java.util.ArrayList<>(g.find(x, MKG.builtOn, Node.ANY).toList());
            out.addAll(g.find(x, MKG.builtOnFamily, Node.ANY).toList());
            for (Triple t : out) {
                if (dist.containsKey(t.getObject())) continue;
                dist.put(t.getObject(), dist.get(x) + 1);
                if (t.getObject().equals(to)) return dist.get(x) + 1;
                q.add(t.getObject());
            }
        }
        return -1;
    }
}
