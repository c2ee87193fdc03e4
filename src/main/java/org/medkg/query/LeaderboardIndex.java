package org.medkg.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
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
 * The answer of the canned query {@code leaderboard} from memory, in one pass over the benchmark's results: for
 * each model, setting and number of shots, the results no other result of the same model, benchmark, setting and
 * shots outscores (under the evidence filter), grouped and ordered as the query does. The query
 * ({@code queries/090-leaderboard.rq}) stays the definition; {@code AnswerIndexTest} proves the rows identical on
 * every benchmark and parameter of the real catalog and the fixtures (sources compared as sets).
 */
public final class LeaderboardIndex {
    private static final Node EVIDENCE = NodeFactory.createURI(MKG.NS + "evidence");
    private static final Node SOURCE = NodeFactory.createURI("http://www.w3.org/ns/prov#hadPrimarySource");
    private static final Node NOTATION = NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#notation");
    private static final NodeValue NO_SHOTS = NodeValue.makeInteger(-1);
    public static final List<Var> VARS = Var.varList(List.of("setting", "shots", "model", "name", "score", "metric",
            "evidence", "sources"));

    /** One result, with every value the query reads from it (a property with several values gives several). */
    private record Result(Node model, List<Node> scores, List<Node> metrics, List<Node> settings, List<Node> evidences,
                          List<Node> shots, List<String> sources) {}

    private final Map<Node, List<Result>> byBenchmark = new HashMap<>();
    private final Map<Node, List<Node>> labels = new HashMap<>();
    private final Map<Node, List<Node>> notations = new HashMap<>();
    private final BindingComparator order;

    private LeaderboardIndex(DatasetGraph dsg, CannedQuery leaderboard) {
        this.order = new BindingComparator(leaderboard.query().getOrderBy());
        Graph g = dsg.getDefaultGraph();
        // Each property is scanned once (a lookup per result would cost one index probe each).
        Map<Node, List<Node>> modelOf = GraphScans.bySubject(g, MKG.evaluatedModel);
        Map<Node, List<Node>> scoreOf = GraphScans.bySubject(g, MKG.score);
        Map<Node, List<Node>> metricOf = GraphScans.bySubject(g, MKG.metric);
        Map<Node, List<Node>> settingOf = GraphScans.bySubject(g, MKG.setting);
        Map<Node, List<Node>> evidenceOf = GraphScans.bySubject(g, EVIDENCE);
        Map<Node, List<Node>> shotsOf = GraphScans.bySubject(g, MKG.shots);
        Map<Node, List<Node>> sourceOf = GraphScans.bySubject(g, SOURCE);
        g.find(Node.ANY, MKG.benchmark, Node.ANY).forEachRemaining(t -> {
            Node r = t.getSubject();
            for (Node model : modelOf.getOrDefault(r, List.of())) {
                List<String> sources = GraphScans.strings(sourceOf.getOrDefault(r, List.of()));
                byBenchmark.computeIfAbsent(t.getObject(), k -> new ArrayList<>()).add(new Result(model,
                        scoreOf.getOrDefault(r, List.of()), metricOf.getOrDefault(r, List.of()),
                        settingOf.getOrDefault(r, List.of()), evidenceOf.getOrDefault(r, List.of()),
                        shotsOf.getOrDefault(r, List.of()), sources));
                labels.computeIfAbsent(model, k -> GraphScans.objects(g, k, RDFS.label.asNode()));
            }
        });
        for (List<Result> rs : byBenchmark.values())
            for (Result r : rs) {
                for (Node s : r.settings()) notations.computeIfAbsent(s, k -> GraphScans.objects(g, k, NOTATION));
                for (Node e : r.evidences()) notations.computeIfAbsent(e, k -> GraphScans.objects(g, k, NOTATION));
            }
    }

    public static LeaderboardIndex build(DatasetGraph dsg, CannedQuery leaderboard) {
        return Txn.calculateRead(dsg, () -> new LeaderboardIndex(dsg, leaderboard));
    }

    /** The rows of {@code leaderboard} for parameters bound as {@link ParamResolver#bind} binds them. */
    public List<Binding> leaderboard(Map<Var, Node> params) {
        Node benchmark = params.get(Var.alloc("_benchmark"));
        Node setting = params.get(Var.alloc("_setting"));
        Node evidence = params.get(Var.alloc("_evidence"));
        List<Result> results = byBenchmark.getOrDefault(benchmark, List.of());
        // The best score of each (model, setting, shot key) among results that pass the evidence filter.
        Map<List<Object>, NodeValue> best = new HashMap<>();
        for (Result r : results)
            for (Node s : r.settings()) {
                if (setting != null && !setting.equals(s)) continue;
                for (Node e : r.evidences()) {
                    if (evidence != null && !evidence.equals(e)) continue;
                    for (NodeValue shotKey : shotKeys(r))
                        for (Node score : r.scores()) {
                            NodeValue v = NodeValue.makeNode(score);
                            best.merge(key(r.model(), s, shotKey), v, (a, b) -> greater(b, a) ? b : a);
                        }
                }
            }
        Map<List<Node>, TreeSet<String>> rows = new LinkedHashMap<>();
        for (Result r : results)
            for (Node s : r.settings()) {
                if (setting != null && !setting.equals(s)) continue;
                for (Node e : r.evidences()) {
                    if (evidence != null && !evidence.equals(e)) continue;
                    List<Node> shotsOrNone = r.shots().isEmpty() ? java.util.Collections.singletonList(null) : r.shots();
                    for (Node n : shotsOrNone) {
                        NodeValue shotKey = n == null ? NO_SHOTS : NodeValue.makeNode(n);
                        for (Node score : r.scores()) {
                            NodeValue top = best.get(key(r.model(), s, shotKey));
                            if (top != null && greater(top, NodeValue.makeNode(score))) continue;   // outscored
                            for (Node settingName : notations.getOrDefault(s, List.of()))
                                for (Node evidenceName : notations.getOrDefault(e, List.of()))
                                    for (Node name : labels.getOrDefault(r.model(), List.of()))
                                        for (Node metric : r.metrics())
                                            rows.computeIfAbsent(new ArrayList<>(java.util.Arrays.asList(settingName, n,
                                                    r.model(), name, score, metric, evidenceName)), k -> new TreeSet<>())
                                                    .addAll(r.sources());
                        }
                    }
                }
            }
        List<Binding> out = new ArrayList<>(rows.size());
        for (Map.Entry<List<Node>, TreeSet<String>> row : rows.entrySet()) {
            BindingBuilder b = BindingBuilder.create();
            for (int i = 0; i < 7; i++) if (row.getKey().get(i) != null) b.add(VARS.get(i), row.getKey().get(i));
            b.add(VARS.get(7), NodeFactory.createLiteralString(String.join(" ", row.getValue())));
            out.add(b.build());
        }
        out.sort(order);
        return out;
    }

    /** The shot keys of a result: its shots, or -1 when it has none (COALESCE(?n, -1)). */
    private static List<NodeValue> shotKeys(Result r) {
        if (r.shots().isEmpty()) return List.of(NO_SHOTS);
        List<NodeValue> out = new ArrayList<>();
        for (Node n : r.shots()) out.add(NodeValue.makeNode(n));
        return out;
    }

    /** A key that compares shot counts by value, as the query's {@code =} does. */
    private static List<Object> key(Node model, Node setting, NodeValue shotKey) {
        Object shot = shotKey.isNumber() ? (Object) shotKey.getDecimal().stripTrailingZeros() : shotKey.asNode();
        return List.of(model, setting, shot);
    }

    /** {@code a > b} as SPARQL compares them; false where they do not compare. */
    private static boolean greater(NodeValue a, NodeValue b) {
        try {
            return NodeValue.compare(a, b) > 0;
        } catch (RuntimeException notComparable) {
            return false;
        }
    }

}
