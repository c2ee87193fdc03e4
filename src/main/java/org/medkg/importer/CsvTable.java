package org.medkg.importer;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** A catalog CSV file held as rows of named cells, for the importer to edit and write back in place. */
final class CsvTable {
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    final Path file;
    final List<String> header;
    final List<Map<String, String>> rows = new ArrayList<>();

    private CsvTable(Path file, List<String> header) {
        this.file = file;
        this.header = header;
    }

    /** A table with this header and no rows yet, to be written to {@code file}. */
    static CsvTable create(Path file, List<String> header) {
        return new CsvTable(file, List.copyOf(header));
    }

    static CsvTable read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(READ).get()) {
            CsvTable t = new CsvTable(file, List.copyOf(p.getHeaderNames()));
            for (CSVRecord rec : p) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String h : t.header) row.put(h, rec.isMapped(h) && rec.isSet(h) ? rec.get(h) : "");
                t.rows.add(row);
            }
            return t;
        }
    }

    /** The ids (first column {@code id}) of a catalog file, such as the licences an importer may name. */
    static Set<String> ids(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Map<String, String> row : read(file).rows) ids.add(row.get("id"));
        return ids;
    }

    Map<String, String> newRow() {
        Map<String, String> row = new LinkedHashMap<>();
        for (String h : header) row.put(h, "");
        rows.add(row);
        return row;
    }

    /** Writes to a temporary file and moves it into place, so a failure never leaves half a file. */
    void write() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, WRITE)) {
            p.printRecord(header);
            for (Map<String, String> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String h : header) cells.add(row.getOrDefault(h, ""));
                p.printRecord(cells);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
