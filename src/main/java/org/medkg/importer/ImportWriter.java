package org.medkg.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.medkg.catalog.CatalogReader;
import org.medkg.catalog.CatalogTable;

/**
 * The one writer of imported catalogues: an importer hands it the rows it derived from one source, and it writes
 * them to {@code data/imported/<source>/<table>.csv}, one row per id in id order, with the table's full header,
 * so the same input always gives the same bytes and a new snapshot gives a reviewable diff. Curated files are
 * never written. It reports, per id, whether the row is new, changed, unchanged or removed since the last import.
 */
public final class ImportWriter {
    public enum Change { NEW, CHANGED, UNCHANGED, REMOVED }

    public record Line(Change change, String table, String id) {}

    private final Path dir;
    private final Map<CatalogTable, TreeMap<String, Map<String, String>>> tables = new LinkedHashMap<>();

    public ImportWriter(Path dataDir, String source) {
        this.dir = dataDir.resolve(CatalogReader.IMPORTED_DIR).resolve(source);
    }

    public Path dir() { return dir; }

    /** Adds a row; cells not given are empty. The first row for an id wins. */
    public void add(CatalogTable table, Map<String, String> row) {
        tables.computeIfAbsent(table, t -> new TreeMap<>()).putIfAbsent(row.get(table.columns().get(0)), row);
    }

    /**
     * Adds a row of a table without ids (declarations): rows are kept in the order added, each keyed by its first
     * column and its position among rows with that value ({@code model#2}).
     */
    public void addKeyed(CatalogTable table, Map<String, String> row) {
        TreeMap<String, Map<String, String>> rows = tables.computeIfAbsent(table, t -> new TreeMap<>(KEY_ORDER));
        String first = row.get(table.columns().get(0));
        int n = 1;
        while (rows.containsKey(first + "#" + n)) n++;
        rows.put(first + "#" + n, row);
    }

    /** {@code model#2} before {@code model#10}: by the first column, then by position. */
    private static final java.util.Comparator<String> KEY_ORDER = java.util.Comparator
            .comparing((String k) -> k.contains("#") ? k.substring(0, k.lastIndexOf('#')) : k)
            .thenComparingInt(k -> k.contains("#") ? Integer.parseInt(k.substring(k.lastIndexOf('#') + 1)) : 0);

    public boolean has(CatalogTable table, String id) {
        return tables.getOrDefault(table, new TreeMap<>()).containsKey(id);
    }

    /** Compares with what is on disk; writes only when {@code write} is true. */
    public List<Line> commit(boolean write) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (var e : tables.entrySet()) {
            CatalogTable table = e.getKey();
            Path file = dir.resolve(table.fileName());
            Map<String, Map<String, String>> before = Files.exists(file) ? read(file, table.hasIds()) : Map.of();
            for (var row : e.getValue().entrySet()) {
                Map<String, String> old = before.get(row.getKey());
                Change c = old == null ? Change.NEW : normalise(table, old).equals(normalise(table, row.getValue()))
                        ? Change.UNCHANGED : Change.CHANGED;
                lines.add(new Line(c, table.fileName(), row.getKey()));
            }
            for (String id : before.keySet())
                if (!e.getValue().containsKey(id)) lines.add(new Line(Change.REMOVED, table.fileName(), id));
            if (write) write(table, file, e.getValue());
        }
        return lines;
    }

    private static Map<String, String> normalise(CatalogTable table, Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String c : table.columns()) out.put(c, row.getOrDefault(c, ""));
        return out;
    }

    private static Map<String, Map<String, String>> read(Path file, boolean ids) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        CsvTable t = CsvTable.read(file);
        for (Map<String, String> row : t.rows) {
            String key = row.get(t.header.get(0));
            if (!ids) {
                int n = 1;
                while (out.containsKey(key + "#" + n)) n++;
                key = key + "#" + n;
            }
            out.put(key, row);
        }
        return out;
    }

    private void write(CatalogTable table, Path file, Map<String, Map<String, String>> rows) throws IOException {
        Files.createDirectories(dir);
        CsvTable t = CsvTable.create(file, table.columns());
        t.rows.addAll(rows.values());
        t.write();
    }

    /** A row of {@code table} with every column, empty where {@code kv} (column, value, ...) gives no value. */
    public static Map<String, String> row(CatalogTable table, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : table.columns()) m.put(c, "");
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        return m;
    }
}
