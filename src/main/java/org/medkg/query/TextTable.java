package org.medkg.query;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.shared.PrefixMapping;

/**
 * SELECT results as a table for people: IRIs as prefixed names, literals as their text (no quotes, language tags or
 * datatypes: {@code fine-tuned}, not {@code "fine-tuned"@en}), and columns that fit the terminal ({@code $COLUMNS},
 * else 160 characters): a cell too long for its column wraps onto continuation lines, at a space where it can, so
 * nothing is cut off. Machine formats (csv, tsv, json, xml) keep the exact RDF terms.
 */
public final class TextTable {
    static final int DEFAULT_WIDTH = 160;
    static final int MIN_COLUMN = 12;
    static final int MAX_WORD = 48;

    private TextTable() {}

    /** The terminal width: {@code $COLUMNS} when it is a sensible number, else {@link #DEFAULT_WIDTH}. */
    public static int terminalWidth() {
        String c = System.getenv("COLUMNS");
        if (c != null && c.matches("\\d{2,4}")) return Math.max(40, Integer.parseInt(c));
        return DEFAULT_WIDTH;
    }

    public static void write(OutputStream out, ResultSet rs, PrefixMapping prefixes, int width) {
        List<String> vars = rs.getResultVars();
        List<String[]> rows = new ArrayList<>();
        while (rs.hasNext()) {
            QuerySolution s = rs.next();
            String[] row = new String[vars.size()];
            for (int i = 0; i < row.length; i++) row[i] = text(s.get(vars.get(i)), prefixes);
            rows.add(row);
        }
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.print(render(vars, rows, width));
        w.flush();
    }

    /** The text of one cell. */
    static String text(RDFNode n, PrefixMapping prefixes) {
        if (n == null) return "";
        if (n.isLiteral()) return n.asLiteral().getLexicalForm().replaceAll("\\s+", " ").strip();
        if (n.isAnon()) return "_:" + n.asResource().getId().getLabelString();
        String iri = n.asResource().getURI();
        String shortForm = prefixes.shortForm(iri);
        return shortForm.equals(iri) ? "<" + iri + ">" : shortForm;
    }

    static String render(List<String> vars, List<String[]> rows, int width) {
        int n = vars.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = vars.get(i).length();
            for (String[] r : rows) w[i] = Math.max(w[i], r[i].length());
        }
        // A column is never narrower than its longest word (up to MAX_WORD for the first, usually the id, and
        // half that for the others), so ids are not broken mid-word; longer words break after '-' or '/'.
        int[] min = new int[n];
        for (int i = 0; i < n; i++) {
            int word = vars.get(i).length();
            for (String[] r : rows) for (String t : r[i].split(" ")) word = Math.max(word, t.length());
            min[i] = Math.min(w[i], Math.max(MIN_COLUMN, Math.min(i == 0 ? MAX_WORD : MAX_WORD / 2, word)));
        }
        // Shrink the widest shrinkable column, one character at a time, until the table fits or none can shrink.
        int frame = 3 * n + 1;
        while (sum(w) + frame > width) {
            int widest = -1;
            for (int i = 0; i < n; i++) if (w[i] > min[i] && (widest < 0 || w[i] > w[widest])) widest = i;
            if (widest < 0) break;
            w[widest]--;
        }
        int total = sum(w) + frame;
        StringBuilder b = new StringBuilder();
        b.append("-".repeat(total)).append('\n');
        line(b, vars.toArray(new String[0]), w);
        b.append("=".repeat(total)).append('\n');
        for (String[] r : rows) line(b, r, w);
        b.append("-".repeat(total)).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] w) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> parts = wrap(cells[i], w[i]);
            wrapped.add(parts);
            height = Math.max(height, parts.size());
        }
        for (int l = 0; l < height; l++) {
            b.append('|');
            for (int i = 0; i < cells.length; i++) {
                String part = l < wrapped.get(i).size() ? wrapped.get(i).get(l) : "";
                b.append(' ').append(part).append(" ".repeat(w[i] - part.length())).append(" |");
            }
            b.append('\n');
        }
    }

    /**
     * {@code s} in lines of at most {@code width} characters, broken after the last space, '/' or '-' before the limit
     * if there is one, else at the limit.
     */
    static List<String> wrap(String s, int width) {
        List<String> out = new ArrayList<>();
        String rest = s;
        while (rest.length() > width) {
            int cut = Math.max(rest.lastIndexOf(' ', width),
                    Math.max(rest.lastIndexOf('/', width - 1), rest.lastIndexOf('-', width - 1)) + 1);
            if (cut <= width / 3) cut = width;
            out.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) s += x;
        return s;
    }
}
