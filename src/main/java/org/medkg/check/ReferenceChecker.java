package org.medkg.check;

import java.util.List;

import org.medkg.catalog.CatalogRow;
import org.medkg.catalog.CatalogTable;
import org.medkg.catalog.LineageCell;
import org.medkg.catalog.Problems;
import org.medkg.catalog.Suggest;

/** Per-row checks that need the whole catalog's ids: every reference names an entity that exists. */
final class ReferenceChecker {
    private final CatalogIndex index;
    private final Problems problems;

    ReferenceChecker(CatalogIndex index, Problems problems) {
        this.index = index;
        this.problems = problems;
    }

    void check(CatalogRow row) {
        for (String col : row.table().requiredCells())
            if (!row.has(col)) problems.add(row.problem(col, "is empty; a value is required"));
        switch (row.table()) {
            case MODALITIES -> refs(row, "broader", CatalogTable.MODALITIES, "modality");
            case FAMILIES -> {
                refs(row, "developed_by", CatalogTable.INSTITUTES, "institute");
                refs(row, "part_of", CatalogTable.FAMILIES, "family");
                refs(row, "imported_by", CatalogTable.IMPORTS, "import");
            }
            case BENCHMARKS -> {
                refs(row, "part_of", CatalogTable.BENCHMARKS, "benchmark");
                refs(row, "subsets", CatalogTable.BENCHMARKS, "benchmark");
            }
            case MODELS -> {
                refs(row, "family", CatalogTable.FAMILIES, "family");
                refs(row, "developed_by", CatalogTable.INSTITUTES, "institute");
                refs(row, "modalities", CatalogTable.MODALITIES, "modality");
                refs(row, "license", CatalogTable.LICENSES, "licence");
                refs(row, "imported_by", CatalogTable.IMPORTS, "import");
                models(row, "uses", row.list("uses"));
                List<LineageCell> cells = row.list("built_on").stream()
                        .map(LineageCell::parse).filter(c -> c != null).toList();
                List<String> bases = new java.util.ArrayList<>();
                for (LineageCell c : cells) {
                    if (c.family() && !index.isFamily(c.base()))
                        problems.add(row.problem("built_on", "family '" + c.base() + "' is not in families.csv"
                                + Suggest.didYouMean(c.base(), index.ids(CatalogTable.FAMILIES))));
                    else if (!c.namesFamily(index::isModel, index::isFamily)) bases.add(c.base());
                }
                if (bases.contains(row.get("id")))
                    problems.add(row.problem("built_on", "model '" + row.get("id") + "' is built on itself"));
                if (!cells.isEmpty() && row.get("type").equals("system"))
                    problems.add(row.problem("built_on", "a system is not built on weights; list the models it uses in 'uses'"));
                models(row, "built_on", bases);
            }
            case EVALUATIONS -> {
                models(row, "model", row.list("model"));
                refs(row, "benchmark", CatalogTable.BENCHMARKS, "benchmark");
            }
            case PUBLICATIONS -> models(row, "discusses", row.list("discusses"));
            case DECLARATIONS -> {
                models(row, "model", row.list("model"));
                refs(row, "imported_by", CatalogTable.IMPORTS, "import");
                String base = row.get("declared_base").replaceFirst("^family:", "");
                if (!base.isEmpty() && !index.contains(CatalogTable.MODELS, base) && !index.contains(CatalogTable.FAMILIES, base))
                    problems.add(row.problem("declared_base", "'" + base + "' is neither a model nor a family of the catalog"));
            }
            default -> { }
        }
    }

    private void refs(CatalogRow row, String column, CatalogTable target, String what) {
        for (String id : row.list(column)) {
            if (!index.contains(target, id))
                problems.add(row.problem(column, what + " '" + id + "' is not in " + target.fileName()
                        + Suggest.didYouMean(id, index.ids(target))));
        }
    }

    private void models(CatalogRow row, String column, List<String> ids) {
        for (String id : ids) {
            if (!index.contains(CatalogTable.MODELS, id)) {
                boolean lineage = "built_on".equals(column);
                java.util.Set<String> candidates = index.ids(CatalogTable.MODELS);
                if (lineage) {
                    candidates = new java.util.HashSet<>(candidates);
                    candidates.addAll(index.ids(CatalogTable.FAMILIES));
                }
                problems.add(row.problem(column, (lineage ? "base '" + id + "' is neither a model in models.csv nor a "
                        + "family in families.csv" : "model '" + id + "' is not in models.csv")
                        + Suggest.didYouMean(id, candidates)));
            } else if (index.isSystem(id)) {
                problems.add(row.problem(column, "'" + id + "' is a system, not a model; expected a model id"));
            }
        }
    }
}
