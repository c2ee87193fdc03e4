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
    private final java.util.Set<Node> settingNodes = new java.util.HashSet<>();
    private final BindingComparator order;
    /** The ORDER BY rank of every node a row can hold (see {@link NodeRanks}). */
    private final Map<Node, Integer> rank = new HashMap<>();
    /**
     * The rank of each score by value (scores SPARQL's {@code >} finds equal share one), so that "outscores" is an int
     * comparison; null when some score is not a number, and the scores are then compared as SPARQL values.
     */
    private Map<Node, Integer> valueRank;

    /** A result under one of its settings and one of its numbers of shots (null: none). */
    private record Entry(Result result, Node shots) {}

    /** The entries of one model in one setting with one number of shots (by value): the best of them is kept. */
    private record Group(Node setting, List<Entry> entries) {}

    /** Per benchmark, its results grouped by (model, setting, shots), as the query's "no better result" reads them. */
    private final Map<Node, List<Group>> groups = new HashMap<>();

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
                settingNodes.addAll(r.settings());
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
        for (var b : byBenchmark.entrySet()) {
            Map<List<Object>, Group> byKey = new LinkedHashMap<>();
            for (Result r : b.getValue())
                for (Node st : r.settings())
                    for (Node n : r.shots().isEmpty() ? java.util.Collections.<Node>singletonList(null) : r.shots())
                        byKey.computeIfAbsent(key(r.model(), st, n == null ? NO_SHOTS : NodeValue.makeNode(n)),
                                k -> new Group(st, new ArrayList<>(1))).entries().add(new Entry(r, n));
            groups.put(b.getKey(), new ArrayList<>(byKey.values()));
        }
        java.util.Set<Node> settingNames = new java.util.HashSet<>();
        int settingCount = 0;
        for (var e : notations.entrySet())
            if (settingNodes.contains(e.getKey())) {
                settingCount += e.getValue().size();
                settingNames.addAll(e.getValue());
            }
        this.settingsApart = settingNames.size() == settingCount;
        for (Node b : groups.keySet()) answers.put(java.util.Arrays.asList(b, null), compute(b, null, null));
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

    /** One row: the setting it is in, its keys (setting, shots, model, name, score, metric, evidence), their ranks, its sources. */
    private record Row(Node setting, Node[] key, int[] ranks, List<String> sources) {}

    /**
     * The answers without a setting, by (benchmark, evidence level or null), sorted: each is computed once (those
     * without an evidence level when the index is read, the others when first asked) and kept with the index, so a
     * page costs its rows. Their size is bounded by the data: at most one row per result and level.
     */
    private final java.util.concurrent.ConcurrentHashMap<List<Node>, List<Row>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether a setting's rows can be read from the answer without a setting (no two settings share a notation). */
    private boolean settingsApart;

    /**
     * The rows of {@code leaderboard} for parameters bound as {@link ParamResolver#bind} binds them, in the query's
     * order. The best result of a (model, setting, shots) group does not depend on the other settings, so the answer
     * for one setting is the rows of that setting in the answer without one.
     */
    public IndexedRows leaderboardRows(Map<Var, Node> params) {
        Node benchmark = params.get(Var.alloc("_benchmark"));
        Node setting = params.get(Var.alloc("_setting"));
        Node evidence = params.get(Var.alloc("_evidence"));
        if (setting != null && !settingsApart) return rowsOf(compute(benchmark, setting, evidence), null);
        List<Row> all = answers.computeIfAbsent(java.util.Arrays.asList(benchmark, evidence), k -> compute(benchmark, null, evidence));
        return rowsOf(all, setting);
    }

    /** The rows of {@code all}, or of those in {@code setting}. */
    private static IndexedRows rowsOf(List<Row> all, Node setting) {
        List<Row> rows;
        if (setting == null) rows = all;
        else {
            rows = new ArrayList<>();
            for (Row r : all) if (r.setting().equals(setting)) rows.add(r);
        }
        return IndexedRows.of(rows, LeaderboardIndex::binding);
    }

    /** One pass over the benchmark's groups (the best score of each, then the entries that reach it); one sort on ranks. */
    private List<Row> compute(Node benchmark, Node setting, Node evidence) {
        List<Row> rows = new ArrayList<>();
        for (Group g : groups.getOrDefault(benchmark, List.of())) {
            if (setting != null && !setting.equals(g.setting())) continue;
            // The best score among the group's results that pass the evidence filter.
            Node top = null;
            for (Entry en : g.entries())
                for (Node e : en.result().evidences()) {
                    if (evidence != null && !evidence.equals(e)) continue;
                    for (Node score : en.result().scores()) if (top == null || greater(score, top)) top = score;
                }
            if (top == null) continue;
            for (Entry en : g.entries()) {
                Result r = en.result();
                for (Node e : r.evidences()) {
                    if (evidence != null && !evidence.equals(e)) continue;
                    for (Node score : r.scores()) {
                        if (greater(top, score)) continue;   // outscored
                        for (Node settingName : notations.getOrDefault(g.setting(), List.of()))
                            for (Node evidenceName : notations.getOrDefault(e, List.of()))
                                for (Node name : labels.getOrDefault(r.model(), List.of()))
                                    for (Node metric : r.metrics()) {
                                        Node[] k = {settingName, en.shots(), r.model(), name, score, metric, evidenceName};
                                        int[] rk = new int[7];
                                        for (int i = 0; i < 7; i++) rk[i] = rankOf(k[i]);
                                        rows.add(new Row(g.setting(), k, rk, r.sources()));
                                    }
                    }
                }
            }
        }
        rows.sort(this::compare);
        // Rows with the same keys are one row (GROUP BY), with the sources of each; equal keys sort together.
        List<Row> merged = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Row last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && java.util.Arrays.equals(last.key(), r.key())) {
                List<String> both = new ArrayList<>(last.sources());
                both.addAll(r.sources());
                merged.set(merged.size() - 1, new Row(last.setting(), last.key(), last.ranks(), both));
            } else merged.add(r);
        }
        return merged;
    }

    /** The query's ORDER BY ?setting ?shots DESC(?score) ?name ?model ?metric ?evidence, on ranks. */
    private int compare(Row a, Row b) {
        int[] keys = {0, 1, 4, 3, 2, 5, 6};
        for (int k : keys) {
            int c = Integer.compare(a.ranks()[k], b.ranks()[k]);
            if (k == 4) c = -c;
            if (c != 0) return c;
        }
        if (java.util.Arrays.equals(a.key(), b.key())) return 0;
        return order.compare(binding(a), binding(b));   // keys SPARQL finds equal: as Jena breaks the tie
    }

    private int rankOf(Node n) {
        return n == null ? -1 : rank.get(n);   // unbound sorts first
    }

    private static Binding binding(Row row) {
        BindingBuilder b = BindingBuilder.create();
        for (int i = 0; i < 7; i++) if (row.key()[i] != null) b.add(VARS.get(i), row.key()[i]);
        b.add(VARS.get(7), NodeFactory.createLiteralString(String.join(" ", new TreeSet<>(row.sources()))));
        return b.build();
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
