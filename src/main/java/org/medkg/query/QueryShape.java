package org.medkg.query;

/**
 * A cheap look at a query's text before it is parsed: a query nested deeper than {@link #MAX_DEPTH} groups or with
 * more than {@link #MAX_UNIONS} UNIONs is refused with a clear message, because the parser and the algebra are
 * recursive and such a query would exhaust a thread's stack (a StackOverflowError, a 500 with an empty body).
 * Braces and keywords inside strings, IRIs and comments are not counted.
 */
public final class QueryShape {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_UNIONS = 1000;

    private static final java.util.regex.Pattern UPDATE = java.util.regex.Pattern.compile(
            "(?is)\\s*((PREFIX\\s+\\S*\\s*<[^>]*>|BASE\\s*<[^>]*>|#[^\\n]*)\\s*)*"
                    + "(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\\b.*");

    private QueryShape() {}

    /**
     * Whether the text is a SPARQL Update (after its prologue), which a read-only store refuses with its own message.
     * Callers serving requests bound the text's length first.
     */
    public static boolean isUpdate(String text) {
        return UPDATE.matcher(text).matches();
    }

    /** Null if the query's shape is acceptable, else why not. */
    public static String problem(String query) {
        int depth = 0, maxDepth = 0, unions = 0;
        int n = query.length();
        for (int i = 0; i < n; i++) {
            char c = query.charAt(i);
            if (c == '#') {                                   // comment to end of line
                while (i < n && query.charAt(i) != '\n') i++;
            } else if (c == '"' || c == '\'') {              // string (long or short)
                boolean longString = i + 2 < n && query.charAt(i + 1) == c && query.charAt(i + 2) == c;
                i += longString ? 3 : 1;
                while (i < n) {
                    char d = query.charAt(i);
                    if (d == '\\') { i += 2; continue; }
                    if (d == c && (!longString || (i + 2 < n && query.charAt(i + 1) == c && query.charAt(i + 2) == c))) {
                        if (longString) i += 2;
                        break;
                    }
                    i++;
                }
            } else if (c == '<') {                            // IRI (or a comparison: stops at space)
                int j = i + 1;
                while (j < n && query.charAt(j) != '>' && !Character.isWhitespace(query.charAt(j))) j++;
                if (j < n && query.charAt(j) == '>') i = j;
            } else if (c == '{' || c == '(') {
                maxDepth = Math.max(maxDepth, ++depth);
            } else if (c == '}' || c == ')') {
                depth--;
            } else if ((c == 'U' || c == 'u') && query.regionMatches(true, i, "UNION", 0, 5)
                    && (i == 0 || !Character.isLetterOrDigit(query.charAt(i - 1)))
                    && (i + 5 >= n || !Character.isLetterOrDigit(query.charAt(i + 5)))) {
                unions++;
                i += 4;
            }
            if (maxDepth > MAX_DEPTH)
                return "the query nests groups or expressions more than " + MAX_DEPTH + " deep; flatten it";
            if (unions > MAX_UNIONS)
                return "the query has more than " + MAX_UNIONS + " UNIONs; use VALUES for long alternatives";
        }
        return null;
    }
}
