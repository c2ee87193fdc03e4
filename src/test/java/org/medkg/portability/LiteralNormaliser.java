package org.medkg.portability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Makes literals that are the same value look the same, where engines may legitimately write one value in
 * different lexical forms or derived datatypes. Applied to every engine's rows alike (medkg's too), and counting
 * what it changed, so that a report says which rules a comparison needed. Anything not covered here must match
 * exactly: IRIs, strings, language tags apart from their case, dates, booleans and every other datatype.
 */
final class LiteralNormaliser {

    /** Each rule, with the sentence the README and the reports give for it. */
    enum Rule {
        INTEGER_SUBTYPE("a literal of a datatype derived from xsd:integer (xsd:long, xsd:int, xsd:short, xsd:byte, "
                + "xsd:nonNegativeInteger, ...) compares as the xsd:integer of the same value"),
        INTEGER_LEXICAL("an xsd:integer compares by value (+042 = 42)"),
        DECIMAL_VALUE("an xsd:decimal compares by value (42.0 = 42 = 42.00)"),
        DOUBLE_VALUE("an xsd:double or xsd:float compares by value, as xsd:double (1.0E1 = 10.0e0)"),
        BOOLEAN_VALUE("an xsd:boolean compares by value (\"1\" = \"true\", \"0\" = \"false\")"),
        EXISTS_AS_INTEGER("only for an engine that types EXISTS as an integer (Virtuoso), and only in a column bound by "
                + "BIND(EXISTS {...} AS ?v): xsd:integer 1 and 0 compare as xsd:boolean true and false"),
        LANGUAGE_TAG_CASE("a language tag compares ignoring case, as RDF 1.1 defines them (en-GB = en-gb)"),
        GROUP_CONCAT_ORDER("a GROUP_CONCAT result compares as the sorted list of its separator-delimited parts, since "
                + "SPARQL 1.1 leaves the order of the concatenation to the engine");

        final String description;

        Rule(String description) {
            this.description = description;
        }
    }

    private static final String XSD = XSDDatatype.XSD + "#";
    private static final Set<String> INTEGER_SUBTYPES = Set.of("long", "int", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
            "unsignedByte").stream().map(t -> XSD + t).collect(Collectors.toUnmodifiableSet());

    private final Map<Rule, Integer> applied = new EnumMap<>(Rule.class);

    /** How often each rule changed a value so far. */
    Map<Rule, Integer> applied() {
        return Map.copyOf(applied);
    }

    /** An xsd:integer 1 or 0 as xsd:boolean true or false; see {@link Rule#EXISTS_AS_INTEGER}. */
    Node existsAsInteger(Node n) {
        if (!n.isLiteral() || !XSDDatatype.XSDinteger.getURI().equals(n.getLiteralDatatypeURI())) return n;
        String lex = n.getLiteralLexicalForm();
        if (!lex.equals("1") && !lex.equals("0")) return n;
        return count(Rule.EXISTS_AS_INTEGER, NodeFactory.createLiteralDT(lex.equals("1") ? "true" : "false", XSDDatatype.XSDboolean));
    }

    /** A GROUP_CONCAT value with its parts (split at {@code separator}) in sorted order. */
    Node groupConcat(Node n, String separator) {
        if (!n.isLiteral() || separator.isEmpty()) return n;
        String lex = n.getLiteralLexicalForm();
        String sorted = String.join(separator, Arrays.stream(lex.split(Pattern.quote(separator), -1)).sorted().toList());
        if (sorted.equals(lex)) return n;
        String lang = n.getLiteralLanguage();
        return count(Rule.GROUP_CONCAT_ORDER, lang != null && !lang.isEmpty() ? NodeFactory.createLiteralLang(sorted, lang)
                : NodeFactory.createLiteralDT(sorted, n.getLiteralDatatype()));
    }

    Node normalise(Node n) {
        if (!n.isLiteral()) return n;
        String lang = n.getLiteralLanguage();
        if (lang != null && !lang.isEmpty()) {
            String lower = lang.toLowerCase(Locale.ROOT);
            return lower.equals(lang) ? n : count(Rule.LANGUAGE_TAG_CASE, NodeFactory.createLiteralLang(n.getLiteralLexicalForm(), lower));
        }
        String dt = n.getLiteralDatatypeURI();
        String lex = n.getLiteralLexicalForm().strip();
        try {
            if (INTEGER_SUBTYPES.contains(dt))
                return count(Rule.INTEGER_SUBTYPE, NodeFactory.createLiteralDT(new BigInteger(lex).toString(), XSDDatatype.XSDinteger));
            if (dt.equals(XSDDatatype.XSDinteger.getURI()))
                return same(n, Rule.INTEGER_LEXICAL, new BigInteger(lex).toString(), XSDDatatype.XSDinteger);
            if (dt.equals(XSDDatatype.XSDdecimal.getURI()))
                return same(n, Rule.DECIMAL_VALUE, canonicalDecimal(new BigDecimal(lex)), XSDDatatype.XSDdecimal);
            if (dt.equals(XSDDatatype.XSDboolean.getURI()) && (lex.equals("1") || lex.equals("0")))
                return count(Rule.BOOLEAN_VALUE, NodeFactory.createLiteralDT(lex.equals("1") ? "true" : "false", XSDDatatype.XSDboolean));
            if (dt.equals(XSDDatatype.XSDdouble.getURI()) || dt.equals(XSDDatatype.XSDfloat.getURI()))
                return same(n, Rule.DOUBLE_VALUE, Double.toString(Double.parseDouble(lex)), XSDDatatype.XSDdouble);
        } catch (NumberFormatException e) {
            return n;   // an ill-typed literal is compared as it is
        }
        return n;
    }

    private static String canonicalDecimal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private Node same(Node original, Rule rule, String lexical, XSDDatatype type) {
        if (lexical.equals(original.getLiteralLexicalForm()) && type.getURI().equals(original.getLiteralDatatypeURI()))
            return original;
        return count(rule, NodeFactory.createLiteralDT(lexical, type));
    }

    private Node count(Rule rule, Node result) {
        applied.merge(rule, 1, Integer::sum);
        return result;
    }
}
