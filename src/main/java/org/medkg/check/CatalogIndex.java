package org.medkg.check;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.medkg.catalog.CatalogReader;
import org.medkg.catalog.CatalogRow;
import org.medkg.catalog.CatalogTable;
import org.medkg.catalog.Problems;

/**
 * The first pass over the catalog: every id of every file, with the line that defines it, so the second pass can
 * check references row by row without holding the catalog in memory. Duplicate ids are reported here.
 */
public final class CatalogIndex {
    private final Map<CatalogTable, Map<String, Long>> ids = new EnumMap<>(CatalogTable.class);
    private final Set<String> systems = new HashSet<>();
    private long rows;

    public static CatalogIndex scan(Path dir, Problems problems) {
        CatalogIndex index = new CatalogIndex();
        // Problems in file format are reported by the second pass, which reads the same files again.
        Problems formatProblems = new Problems();
        for (CatalogTable table : CatalogTable.values()) {
            Map<String, Long> tableIds = new HashMap<>();
            index.ids.put(table, tableIds);
            if (!table.hasIds()) continue;
            CatalogReader.read(dir, table, formatProblems, row -> index.add(row, tableIds, problems));
        }
        return index;
    }

    private void add(CatalogRow row, Map<String, Long> tableIds, Problems problems) {
        rows++;
        String id = row.get("id");
        if (id.isEmpty()) return;
        Long first = tableIds.putIfAbsent(id, row.line());
        if (first != null) {
            problems.add(row.problem("id", "duplicate id '" + id + "' (first defined at line " + first + ")"));
            return;
        }
        if (row.table() == CatalogTable.MODELS && row.get("type").equals("system")) systems.add(id);
    }

    public boolean contains(CatalogTable table, String id) {
        return ids.get(table).containsKey(id);
    }

    public boolean isModel(String id) {
        return contains(CatalogTable.MODELS, id);
    }

    public boolean isFamily(String id) {
        return contains(CatalogTable.FAMILIES, id);
    }

    public Set<String> ids(CatalogTable table) {
        return ids.get(table).keySet();
    }

    /** Whether a models.csv id is a system rather than a model. */
    public boolean isSystem(String id) {
        return systems.contains(id);
    }

    public long entityRows() {
        return rows;
    }
}
