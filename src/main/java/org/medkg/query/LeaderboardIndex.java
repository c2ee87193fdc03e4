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
    /** The ORDER BY rank of every node a row can hold (see {@link NodeRanks}). */
    private final Map<Node, Integer> rank = new HashMap<>();
    /**
     * The rank of each score by value (scores SPARQL's {@code >} finds equal share one), so that "outscores" is an int
     * comparison; null when some score is not a number, and the scores are then compared as SPARQL values.
     */
    private Map<Node, Integer> valueRank;

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
        Map<Node, List<Node>> labelOf = GraphScans.bySubject(g, RDFS.label.asNode());
        g.find(Node.ANY, MKG.benchmark, Node.ANY).forEachRemaining(t -> {
            Node r = t.getSubject();
            for (Node model : modelOf.getOrDefault(r, List.of())) {
                List<String> sources = GraphScans.strings(sourceOf.getOrDefault(r, List.of()));
                byBenchmark.computeIfAbsent(t.getObject(), k -> new ArrayList<>()).add(new Result(model,
                        scoreOf.getOrDefault(r, List.of()), metricOf.getOrDefault(r, List.of()),
                        settingOf.getOrDefault(r, List.of()), evidenceOf.getOrDefault(r, List.of()),
                        shotsOf.getOrDefault(r, List.of()), sources));
                labels.computeIfAbsent(model, k -> labelOf.getOrDefault(k, List.of()));
            }
        });
        for (List<Result> rs : byBenchmark.values())
            for (Result r : rs) {
                for (Node s : r.settings()) notations.computeIfAbsent(s, k -> GraphScans.objects(g, k, NOTATION));
                for (Node e : r.evidences()) notations.computeIfAbsent(e, k -> GraphScans.objects(g, k, NOTATION));
            }
        // Ranks of every node a row holds, and of the scores by value.
        java.util.LinkedHashSet<Node> keys = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<Node> scores = new java.util.LinkedHashSet<>();
        for (List<Result> rs : byBenchmark.values())
            for (Result r : rs) {
                keys.add(r.model());
                keys.addAll(r.scores());
                keys.addAll(r.metrics());
                keys.addAll(r.shots());
                scores.addAll(r.scores());
            }
        labels.values().forEach(keys::addAll);
        notations.values().forEach(keys::addAll);
        List<Node> all = new ArrayList<>(keys);
        int[] ranks = NodeRanks.of(all);
        for (int i = 0; i < ranks.length; i++) rank.put(all.get(i), ranks[i]);
        this.valueRank = valueRanks(new ArrayList<>(scores));
    }

    /** Scores ranked by value, equal values sharing a rank; null unless every score is a number (NaN excluded). */
    private static Map<Node, Integer> valueRanks(List<Node> scores) {
        List<NodeValue> values = new ArrayList<>(scores.size());
        for (Node s : scores) {
            NodeValue v;
            try {
                v = NodeValue.makeNode(s);
            } catch (RuntimeException e) {
                return null;
            }
            if (!v.isNumber() || (v.isDouble() && Double.isNaN(v.getDouble())) || (v.isFloat() && Float.isNaN(v.getFloat())))
                return null;
            values.add(v);
        }
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> NodeValue.compare(values.get(a), values.get(b)));
        Map<Node, Integer> out = new HashMap<>();
        int r = 0;
        for (int i = 0; i < order.length; i++) {
            if (i > 0 && NodeValue.compare(values.get(order[i - 1]), values.get(order[i])) != 0) r++;
            out.put(scores.get(order[i]), r);
        }
        return out;
    }

    public static LeaderboardIndex build(DatasetGraph dsg, CannedQuery leaderboard) {
        return Txn.calculateRead(dsg, () -> new LeaderboardIndex(dsg, leaderboard));
    }

    /** The rows of {@code leaderboard} as a list (see {@link #leaderboardRows}). */
    public List<Binding> leaderboard(Map<Var, Node> params) {
        return leaderboardRows(params).toList();
    }

    /** One row: its keys (setting, shots, model, name, score, metric, evidence) and its sources. */
    private record Row(Node[] key, TreeSet<String> sources) {}

    /** The rows of {@code leaderboard} for parameters bound as {@link ParamResolver#bind} binds them, in the query's order. */
    public IndexedRows leaderboardRows(Map<Var, Node> params) {
        Node benchmark = params.get(Var.alloc("_benchmark"));
        Node setting = params.get(Var.alloc("_setting"));
        Node evidence = params.get(Var.alloc("_evidence"));
        List<Result> results = byBenchmark.getOrDefault(benchmark, List.of());
        // The best score of each (model, setting, shot key) among results that pass the evidence filter.
        Map<List<Object>, Node> best = new HashMap<>();
        for (Result r : results)
            for (Node s : r.settings()) {
                if (setting != null && !setting.equals(s)) continue;
                for (Node e : r.evidences()) {
                    if (evidence != null && !evidence.equals(e)) continue;
                    for (NodeValue shotKey : shotKeys(r))
                        for (Node score : r.scores())
                            best.merge(key(r.model(), s, shotKey), score, (a, b) -> greater(b, a) ? b : a);
                }
            }
        Map<List<Node>, Row> rows = new HashMap<>();
        for (Result r : results)
            for (Node s : r.settings()) {
                if (setting != null && !setting.equals(s)) continue;
                for (Node e : r.evidences()) {
                    if (evidence != null && !evidence.equals(e)) continue;
                    List<Node> shotsOrNone = r.shots().isEmpty() ? java.util.Collections.singletonList(null) : r.shots();
                    for (Node n : shotsOrNone) {
                        NodeValue shotKey = n == null ? NO_SHOTS : NodeValue.makeNode(n);
                        for (Node score : r.scores()) {
                            Node top = best.get(key(r.model(), s, shotKey));
                            if (top != null && greater(top, score)) continue;   // outscored
                            for (Node settingName : notations.getOrDefault(s, List.of()))
                                for (Node evidenceName : notations.getOrDefault(e, List.of()))
                                    for (Node name : labels.getOrDefault(r.model(), List.of()))
                                        for (Node metric : r.metrics()) {
                                            Node[] k = {settingName, n, r.model(), name, score, metric, evidenceName};
                                            rows.computeIfAbsent(java.util.Arrays.asList(k), x -> new Row(k, new TreeSet<>()))
                                                    .sources().addAll(r.sources());
                                        }
                        }
                    }
                }
            }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(this::compare);
        return new IndexedRows() {
            public long size() {
                return sorted.size();
            }

            public java.util.Iterator<Binding> from(long offset) {
                var it = sorted.subList((int) Math.min(offset, sorted.size()), sorted.size()).iterator();
                return new java.util.Iterator<>() {
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    public Binding next() {
                        return binding(it.next());
                    }
                };
            }
        };
    }

    /** The query's ORDER BY ?setting ?shots DESC(?score) ?name ?model ?metric ?evidence, on ranks. */
    private int compare(Row a, Row b) {
        int[] keys = {0, 1, 4, 3, 2, 5, 6};
        for (int k : keys) {
            int c = Integer.compare(rankOf(a.key()[k]), rankOf(b.key()[k]));
            if (k == 4) c = -c;
            if (c != 0) return c;
        }
        return order.compare(binding(a), binding(b));   // keys SPARQL finds equal: as Jena breaks the tie
    }

    private int rankOf(Node n) {
        return n == null ? -1 : rank.get(n);   // unbound sorts first
    }

    private static Binding binding(Row row) {
        BindingBuilder b = BindingBuilder.create();
        for (int i = 0; i < 7; i++) if (row.key()[i] != null) b.add(VARS.get(i), row.key()[i]);
        b.add(VARS.get(7), NodeFactory.createLiteralString(String.join(" ", row.sources())));
        return b.build();
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
    private boolean greater(Node a, Node b) {
        if (valueRank != null) return valueRank.get(a) > valueRank.get(b);
        try {
            return NodeValue.compare(NodeValue.makeNode(a), NodeValue.makeNode(b)) > 0;
        } catch (RuntimeException notComparable) {
            return false;
        }
    }

}
