package org.medkg.catalog;

import java.nio.file.Path;

/**
 * One thing wrong with the catalog, located for the person who has to fix it:
 * {@code data/models.csv:42:16: built_on: base model 'llama-3-7b' is not in the catalog (did you mean 'llama-3-8b'?)}.
 *
 * @param file   the catalog file
 * @param line   1-based line, 0 if the problem concerns the whole file
 * @param column 1-based column (CSV field), 0 if the problem concerns the whole line or file
 * @param field  the column's header name, or null
 * @param warning true for a warning: printed, but it blocks a build only under {@code --strict}
 */
public record Problem(Path file, long line, int column, String field, String message, boolean warning)
        implements Comparable<Problem> {

    public Problem(Path file, long line, int column, String field, String message) {
        this(file, line, column, field, message, false);
    }

    /** The same problem as a warning. */
    public Problem asWarning() {
        return new Problem(file, line, column, field, message, true);
    }

    public static Problem ofFile(Path file, String message) {
        return new Problem(file, 0, 0, null, message);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        sb.append(": ");
        if (warning) sb.append("warning: ");
        if (field != null) sb.append(field).append(": ");
        return sb.append(printable(message)).toString();
    }

    /**
     * The text with control characters written as escapes ({@code \n}, {@code \u0000}) and cut at 500 characters,
     * so that an echoed cell can never start a line of its own or flood the terminal.
     */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 500; i++) {
            char c = s.charAt(i);
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (b.length() >= 500) b.append("…");
        return b.toString();
    }

    @Override
    public int compareTo(Problem o) {
        int c = String.valueOf(file).compareTo(String.valueOf(o.file));
        if (c != 0) return c;
        c = Long.compare(line, o.line);
        if (c != 0) return c;
        c = Integer.compare(column, o.column);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
