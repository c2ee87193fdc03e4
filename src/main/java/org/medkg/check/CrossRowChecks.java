package org.medkg.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medkg.catalog.CatalogRow;
import org.medkg.catalog.CatalogTable;
import org.medkg.catalog.LineageCell;
import org.medkg.catalog.Problem;
import org.medkg.catalog.Problems;

/**
 * Checks that compare rows with each other, for the kinds of error a fact audit finds: a model released before its
 * base, {@code part_of} / {@code broader} cycles; and warnings that do not block a build unless {@code --strict}:
 * a quantized or converted model that others train further, an institute no model references, a model without a
 * developer. Rows are seen once, in the streaming pass; what the checks need is kept per id (a few strings).
 */
final class CrossRowChecks {
    /** A {@code notes} cell that explains a release-order exception starts an entry with this marker. */
    static final String RELEASE_ORDER_NOTE = "release-order:";
    /** A {@code notes} entry that says why no developer can be named starts with this marker. */
    static final String DEVELOPER_UNKNOWN_NOTE = "developer-unknown:";

    private record Edge(String child, String base, String relation, Problem at) { }

    private final CatalogIndex index;
    private final Problems problems;
    private final Map<String, String> released = new HashMap<>();
    private final Set<String> releaseOrderExplained = new HashSet<>();
    private final Map<String, String> ownRelations = new HashMap<>(); // model -> relation of its own edges, if export
    private final List<Edge> edges = new ArrayList<>();
    private final Set<String> referencedInstitutes = new HashSet<>();
    private final Map<String, Problem> institutes = new LinkedHashMap<>();
    private final Map<CatalogTable, Map<String, List<String>>> hierarchy = new HashMap<>();
    private final Map<CatalogTable, Map<String, Problem>> hierarchyAt = new HashMap<>();

    CrossRowChecks(CatalogIndex index, Problems problems) {
        this.index = index;
        this.problems = problems;
    }

    void row(CatalogRow row) {
        switch (row.table()) {
            case MODELS -> model(row);
            case FAMILIES -> referencedInstitutes.addAll(row.list("developed_by"));
            case INSTITUTES -> {
                if (row.has("id")) institutes.put(row.get("id"), row.warning("id", ""));
            }
            case BENCHMARKS -> {
                List<String> up = new ArrayList<>(row.list("part_of"));
                hierarchy(row, up, "part_of");
                // An aggregate's subsets are below it: record them as the subsets' parents.
                for (String sub : row.list("subsets"))
                    hierarchy.computeIfAbsent(CatalogTable.BENCHMARKS, t -> new HashMap<>())
                            .computeIfAbsent(sub, k -> new ArrayList<>()).add(row.get("id"));
            }
            case MODALITIES -> hierarchy(row, row.list("broader"), "broader");
            default -> { }
        }
    }

    private void hierarchy(CatalogRow row, List<String> parents, String column) {
        String id = row.get("id");
        if (id.isEmpty()) return;
        hierarchy.computeIfAbsent(row.table(), t -> new HashMap<>()).computeIfAbsent(id, k -> new ArrayList<>()).addAll(parents);
        hierarchyAt.computeIfAbsent(row.table(), t -> new HashMap<>()).put(id, row.problem(column, ""));
    }

    private void model(CatalogRow row) {
        String id = row.get("id");
        if (id.isEmpty()) return;
        List<String> developers = row.list("developed_by");
        referencedInstitutes.addAll(developers);
        boolean isModel = row.get("type").equals("model");
        if (isModel && developers.isEmpty() && !row.get("notes").contains(DEVELOPER_UNKNOWN_NOTE))
            problems.add(row.warning("developed_by", "model '" + id + "' has no developer; name the institute(s) its "
                    + "primary source credits, or say in notes why none can be named, in an entry starting '"
                    + DEVELOPER_UNKNOWN_NOTE + "'"));
        if (row.has("released")) released.put(id, row.get("released"));
        if (row.get("notes").contains(RELEASE_ORDER_NOTE)) releaseOrderExplained.add(id);
        for (String item : row.list("built_on")) {
            LineageCell cell = LineageCell.parse(item);
            if (cell == null) continue;
            if (cell.namesFamily(index::isModel, index::isFamily)) continue; // release order and exports are about one base checkpoint
            edges.add(new Edge(id, cell.base(), cell.relation(), row.problem("built_on", "")));
            if (cell.relation().equals("quantization") || cell.relation().equals("conversion"))
                ownRelations.put(id, cell.relation());
        }
    }

    void report() {
        for (Edge e : edges) {
            String child = released.get(e.child());
            String base = released.get(e.base());
            if (child != null && base != null && before(child, base) && !releaseOrderExplained.contains(e.child()))
                problems.add(located(e.at(), false, "'" + e.child() + "' (released " + child + ") is built on '"
                        + e.base() + "', released later (" + base + "); fix a date or the base, or explain in notes "
                        + "with an entry starting '" + RELEASE_ORDER_NOTE + "'"));
            String exported = ownRelations.get(e.base());
            if (exported != null && !e.relation().equals("quantization") && !e.relation().equals("conversion")
                    && !e.relation().equals("merge"))
                problems.add(located(e.at(), true, "'" + e.child() + "' is built (" + e.relation() + ") on '" + e.base()
                        + "', which is itself a " + exported + " of another model; models are usually trained from "
                        + "the original weights, so check the base"));
        }
        for (var inst : institutes.entrySet())
            if (!referencedInstitutes.contains(inst.getKey()))
                problems.add(located(inst.getValue(), true, "institute '" + inst.getKey() + "' is referenced by no "
                        + "model or family; add it to the developed_by of what it built, or remove it"));
        for (var table : hierarchy.entrySet()) cycles(table.getKey(), table.getValue());
    }

    /** A release date is earlier only when it is earlier at the precision both dates have (2023-11 vs 2023-11-27 ties). */
    static boolean before(String a, String b) {
        int n = Math.min(a.length(), b.length());
        return a.substring(0, n).compareTo(b.substring(0, n)) < 0;
    }

    private void cycles(CatalogTable table, Map<String, List<String>> up) {
        Map<String, Integer> state = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (String start : up.keySet()) {
            if (state.containsKey(start)) continue;
            List<String> path = new ArrayList<>();
            dfs(table, start, up, state, path, reported);
        }
    }

    private void dfs(CatalogTable table, String v, Map<String, List<String>> up, Map<String, Integer> state,
                     List<String> path, Set<String> reported) {
        state.put(v, 1);
        path.add(v);
        for (String w : up.getOrDefault(v, List.of())) {
            Integer s = state.get(w);
            if (s == null) {
                dfs(table, w, up, state, path, reported);
            } else if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(w), path.size()));
                cycle.add(w);
                String key = String.join(">", new java.util.TreeSet<>(cycle));
                if (reported.add(key)) {
                    Problem at = hierarchyAt.getOrDefault(table, Map.of()).get(v);
                    String what = table == CatalogTable.BENCHMARKS ? "benchmark part_of/subsets cycle: "
                            : "modality broader cycle: ";
                    String msg = what + String.join(" -> ", cycle) + " (a " + (table == CatalogTable.BENCHMARKS
                            ? "benchmark cannot be part of itself" : "modality cannot be broader than itself") + ")";
                    problems.add(at != null ? located(at, false, msg) : new Problem(
                            java.nio.file.Path.of(table.fileName()), 0, 0, null, msg));
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(v, 2);
    }

    private static Problem located(Problem at, boolean warning, String message) {
        return new Problem(at.file(), at.line(), at.column(), at.field(), message, warning);
    }
}
