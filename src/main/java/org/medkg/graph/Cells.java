package org.medkg.graph;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Parses catalog cells into RDF terms. Each parser returns null and explains in {@link #error()} when the cell
 * is not what the catalog format expects; callers turn that into a located {@code Problem}.
 */
final class Cells {
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final Pattern HF_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([KMBT]?)", Pattern.CASE_INSENSITIVE);

    private String error;

    String error() { return error; }

    private <T> T fail(String message) {
        error = message;
        return null;
    }

    /** {@code YYYY-MM}, {@code YYYY-MM-DD} or {@code YYYY} as xsd:gYearMonth, xsd:date or xsd:gYear. */
    Node date(String s) {
        if (s.startsWith("0000")) return fail("'" + s + "' has year 0000; expected a real year (YYYY-MM or YYYY-MM-DD)");
        var ym = YEAR_MONTH.matcher(s);
        if (ym.matches()) {
            int month = Integer.parseInt(ym.group(2));
            if (month < 1 || month > 12) return fail("'" + s + "' has no month " + month + "; expected YYYY-MM or YYYY-MM-DD");
            return NodeFactory.createLiteralDT(s, XSDDatatype.XSDgYearMonth);
        }
        if (YEAR.matcher(s).matches()) return NodeFactory.createLiteralDT(s, XSDDatatype.XSDgYear);
        try {
            if (s.length() == 10) {
                LocalDate.parse(s);
                return NodeFactory.createLiteralDT(s, XSDDatatype.XSDdate);
            }
        } catch (DateTimeParseException e) {
            return fail("'" + s + "' is not a calendar date; expected YYYY-MM or YYYY-MM-DD");
        }
        return fail("'" + s + "' is not a date; expected YYYY-MM or YYYY-MM-DD");
    }

    /** A parameter count: an integer, or a number with suffix K, M, B or T. */
    Node size(String s) {
        var m = SIZE.matcher(s.replace("_", "").replace(",", ""));
        if (!m.matches())
            return fail("'" + s + "' is not a parameter count; expected an integer or a number with K, M, B or T (e.g. 7B, 345M)");
        BigDecimal n = new BigDecimal(m.group(1));
        String suffix = m.group(2).toUpperCase();
        int exp = switch (suffix) { case "K" -> 3; case "M" -> 6; case "B" -> 9; case "T" -> 12; default -> 0; };
        BigDecimal count = n.scaleByPowerOfTen(exp);
        try {
            long v = count.longValueExact();
            if (v <= 0) return fail("'" + s + "' must be positive");
            return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
        } catch (ArithmeticException e) {
            return fail("'" + s + "' is not a whole number of parameters");
        }
    }

    Node bool(String s) {
        if (s.equalsIgnoreCase("true")) return NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean);
        if (s.equalsIgnoreCase("false")) return NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean);
        return fail("'" + s + "' is not a boolean; expected true or false");
    }

    private static final java.util.regex.Pattern PLAIN_DECIMAL =
            java.util.regex.Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,15})?");

    /** A plain decimal (no exponent, at most 15 digits on each side), so a cell cannot cost more than it looks. */
    Node decimal(String s) {
        if (!PLAIN_DECIMAL.matcher(s).matches())
            return fail("'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "' is not a number; expected a plain "
                    + "decimal such as 64.4 (no exponent, at most 15 digits before and after the point)");
        try {
            BigDecimal d = new BigDecimal(s);
            return NodeFactory.createLiteralDT(d.toPlainString(), XSDDatatype.XSDdecimal);
        } catch (NumberFormatException e) {
            return fail("'" + s + "' is not a number; expected a decimal such as 64.4");
        }
    }

    /** An absolute http(s) URL, as an IRI. */
    Node url(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null)
                return fail("'" + s + "' is not an absolute http(s) URL");
            return NodeFactory.createURI(s);
        } catch (URISyntaxException e) {
            return fail("'" + s + "' is not a valid URL (" + e.getReason() + "); expected e.g. https://arxiv.org/abs/2311.16079");
        }
    }

    static Node string(String s) {
        return NodeFactory.createLiteralString(s);
    }
}
