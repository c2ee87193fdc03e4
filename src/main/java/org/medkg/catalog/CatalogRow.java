package org.medkg.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One data row of a catalog file, with its location for error messages. */
public final class CatalogRow {
    private final CatalogTable table;
    private final Path file;
    private final long line;
    private final Map<String, Integer> columnIndex;
    private final String[] cells;

    CatalogRow(CatalogTable table, Path file, long line, Map<String, Integer> columnIndex, String[] cells) {
        this.table = table;
        this.file = file;
        this.line = line;
        this.columnIndex = columnIndex;
        this.cells = cells;
    }

    public CatalogTable table() { return table; }
    public Path file() { return file; }
    public long line() { return line; }

    /** The trimmed cell, or "" when empty or when the column is absent. */
    public String get(String column) {
        Integer i = columnIndex.get(column);
        if (i == null || i >= cells.length || cells[i] == null) return "";
        return cells[i].strip();
    }

    public boolean has(String column) {
        return !get(column).isEmpty();
    }

    /** The {@code ;}-separated items of a cell, trimmed, empty items dropped. */
    public List<String> list(String column) {
        return splitList(get(column));
    }

    public static List<String> splitList(String cell) {
        if (cell.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        for (String part : cell.split(";")) {
            String s = part.strip();
            if (!s.isEmpty()) out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    /** 1-based column number of a header name, 0 if absent. */
    public int columnNumber(String column) {
        Integer i = columnIndex.get(column);
        return i == null ? 0 : i + 1;
    }

    public Problem problem(String column, String message) {
        return new Problem(file, line, columnNumber(column), column, message);
    }

    public Problem warning(String column, String message) {
        return problem(column, message).asWarning();
    }

    public Problem problem(String message) {
        return new Problem(file, line, 0, null, message);
    }
}
