package org.medkg.catalog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of one catalog file, reporting what makes the file unreadable: a byte-order mark, bytes that
 * are not UTF-8, a missing or renamed header, an unterminated quote, a row with the wrong number of fields.
 * Rows are handed to the consumer one at a time; the file is never held in memory as a whole.
 */
public final class CatalogReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .get();
    private static final Pattern PARSER_LINE = Pattern.compile("line (\\d+)");

    private CatalogReader() {}

    /** Where imported catalogues live: {@code data/imported/<source>/<table file>}, beside the curated files. */
    public static final String IMPORTED_DIR = "imported";

    /**
     * Reads {@code table} from {@code dir} (the curated file), then from each {@code dir/imported/<source>/} in name
     * order (files written by importers, never required); returns false if the curated file is absent or could not
     * be read at all.
     */
    public static boolean read(Path dir, CatalogTable table, Problems problems, Consumer<CatalogRow> rows) {
        boolean ok = readFile(dir, table, problems, rows, table.required());
        for (Path source : importedSources(dir)) readFile(source, table, problems, rows, false);
        return ok;
    }

    /** The source directories under {@code dir/imported}, in name order. */
    public static List<Path> importedSources(Path dir) {
        Path imported = dir.resolve(IMPORTED_DIR);
        if (!Files.isDirectory(imported)) return List.of();
        try (var s = Files.list(imported)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean readFile(Path dir, CatalogTable table, Problems problems, Consumer<CatalogRow> rows,
                                    boolean required) {
        Path file = dir.resolve(table.fileName());
        if (!Files.isRegularFile(file)) {
            if (required)
                problems.add(Problem.ofFile(file, "catalog file is missing (expected columns: "
                        + String.join(",", table.columns()) + ")"));
            return false;
        }
        boolean bom;
        try {
            bom = checkEncoding(file, problems);
        } catch (IOException e) {
            problems.add(Problem.ofFile(file, "cannot read file: " + e.getMessage()));
            return false;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (bom) in.skipNBytes(3);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            Reader reader = new java.io.InputStreamReader(in, decoder);
            parse(file, table, reader, problems, rows);
        } catch (IOException e) {
            problems.add(Problem.ofFile(file, "cannot read file: " + e.getMessage()));
            return false;
        }
        return true;
    }

    private static void parse(Path file, CatalogTable table, Reader reader, Problems problems,
                              Consumer<CatalogRow> rows) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            long lineBefore = parser.getCurrentLineNumber();
            CSVRecord header;
            try {
                if (!it.hasNext()) {
                    problems.add(new Problem(file, 1, 0, null, "file is empty; expected a header row: "
                            + String.join(",", table.columns())));
                    return;
                }
                header = it.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                problems.add(new Problem(file, malformedLine(e, 1), 0, null,
                        "malformed CSV in the header: " + describe(e) + " (expected each quoted cell to end with a closing \")"));
                return;
            }
            Map<String, Integer> index = checkHeader(file, table, header, problems);
            int width = header.size();
            while (true) {
                lineBefore = parser.getCurrentLineNumber();
                CSVRecord rec;
                try {
                    if (!it.hasNext()) break;
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(new Problem(file, malformedLine(e, lineBefore + 1), 0, null,
                            "malformed CSV: " + describe(e) + " (expected each quoted cell to end with a closing \")"));
                    return;
                }
                long line = lineBefore + 1;
                if (rec.size() == 1 && rec.get(0).isBlank()) continue; // blank line
                if (rec.size() != width) {
                    problems.add(new Problem(file, line, 0, null, "row has " + rec.size() + " fields, expected "
                            + width + " (one per header column; quote cells that contain commas)"));
                    continue;
                }
                String[] cells = new String[rec.size()];
                boolean clean = true;
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = rec.get(i);
                    int at = controlCharacter(cells[i], "notes".equals(header.get(i).strip()));
                    if (at >= 0) {
                        clean = false;
                        problems.add(new Problem(file, line, i + 1, header.get(i).strip(), String.format(
                                "contains the control character U+%04X at position %d; cells may not hold control "
                                        + "characters (line breaks included; a tab only in notes)", (int) cells[i].charAt(at), at + 1)));
                    }
                }
                if (clean) rows.accept(new CatalogRow(table, file, line, index, cells));
            }
        }
    }

    /** The index of the first C0 or C1 control character of a cell (tab allowed where {@code tabAllowed}), or -1. */
    static int controlCharacter(String cell, boolean tabAllowed) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if ((c < 0x20 && !(tabAllowed && c == '\t')) || (c >= 0x7f && c <= 0x9f)) return i;
        }
        return -1;
    }

    private static long malformedLine(Exception e, long fallback) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() == null) continue;
            Matcher m = PARSER_LINE.matcher(t.getMessage());
            if (m.find()) return Long.parseLong(m.group(1));
        }
        return fallback;
    }

    private static String describe(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String msg = String.valueOf(t.getMessage());
        if (msg.contains("EOF reached before encapsulated token finished"))
            return "a quoted cell starting here is never closed";
        if (msg.contains("invalid char between encapsulated token and delimiter"))
            return "text after a closing quote (a \" inside a quoted cell must be doubled as \"\")";
        return msg;
    }

    /** Maps column names to positions; reports unknown (renamed) and missing columns. */
    private static Map<String, Integer> checkHeader(Path file, CatalogTable table, CSVRecord header,
                                                    Problems problems) {
        Map<String, Integer> index = new HashMap<>();
        List<String> expected = table.columns();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (expected.contains(name)) {
                if (index.putIfAbsent(name, i) != null)
                    problems.add(new Problem(file, 1, i + 1, name, "column appears twice in the header"));
            } else {
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(headerNames(header));
                missing.removeAll(table.optionalColumns());
                String hint = missing.size() == 1 ? " (did you mean '" + missing.get(0) + "'?)"
                        : Suggest.didYouMean(name, missing.isEmpty() ? expected : missing);
                problems.add(new Problem(file, 1, i + 1, null, "unknown column '" + name + "'" + hint
                        + "; expected columns: " + String.join(",", expected)));
            }
        }
        for (String col : expected) {
            if (!index.containsKey(col) && !table.optionalColumns().contains(col))
                problems.add(new Problem(file, 1, 0, null, "header is missing column '" + col
                        + "'; expected columns: " + String.join(",", expected)));
        }
        return index;
    }

    private static List<String> headerNames(CSVRecord header) {
        List<String> names = new ArrayList<>();
        header.forEach(h -> names.add(h.strip()));
        return names;
    }

    /**
     * Reports a UTF-8 byte-order mark and every line that is not valid UTF-8. Returns whether a BOM is present.
     */
    static boolean checkEncoding(Path file, Problems problems) throws IOException {
        boolean bom = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            byte[] buf = new byte[256];
            int len = 0;
            long line = 1;
            int bad = 0;
            int b;
            boolean first = true;
            while (true) {
                b = in.read();
                if (first) {
                    first = false;
                    if (b == 0xEF) {
                        in.mark(2);
                        if (in.read() == 0xBB && in.read() == 0xBF) {
                            bom = true;
                            problems.add(new Problem(file, 1, 1, null, "file starts with a UTF-8 byte-order mark"
                                    + " (BOM); expected plain UTF-8 without BOM (in a spreadsheet: save as 'CSV UTF-8' "
                                    + "without BOM, or remove the first three bytes)"));
                            continue;
                        }
                        in.reset();
                    }
                }
                if (b == '\n' || b == -1) {
                    try {
                        strict.reset().decode(ByteBuffer.wrap(buf, 0, len));
                    } catch (CharacterCodingException e) {
                        if (bad++ < 20)
                            problems.add(new Problem(file, line, 0, null,
                                    "line is not valid UTF-8; expected the file to be saved as UTF-8"));
                    }
                    if (b == -1) break;
                    line++;
                    len = 0;
                    continue;
                }
                if (len == buf.length) buf = java.util.Arrays.copyOf(buf, len * 2);
                buf[len++] = (byte) b;
            }
        }
        return bom;
    }
}
