package org.medkg.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.medkg.catalog.Suggest;
import org.medkg.vocab.MKG;

/**
 * Turns parameter values into typed RDF terms. A model or family may be named by id, label or alias, ignoring
 * case. Values are checked against what a name can contain before anything is looked up, and the lookups
 * themselves bind the value as a literal term into a parsed query: user text never becomes query text.
 */
public final class ParamResolver {
    /** Characters a name, alias or id can contain; anything else (quotes, braces, ';', '#', '<') is refused. */
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N} ._+\\-/(),:&]{1,200}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

    private static final String PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";
    /** Exact label or alias: two index lookups. */
    private static final String BY_NAME = PREFIX
            + "SELECT DISTINCT ?e WHERE { { ?e rdfs:label ?_name } UNION { ?e skos:altLabel ?_name } ?e a ?_type }";
    /** Any case: a scan of the labels of one type, used only when the exact lookups found nothing. */
    private static final String BY_NAME_ANY_CASE = PREFIX
            + "SELECT DISTINCT ?e WHERE { ?e a ?_type . { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } "
            + "FILTER(LCASE(STR(?l)) = ?_lname) }";
    private static final String NAMES = PREFIX
            + "SELECT ?e ?l WHERE { ?e a ?_type . { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } }";

    private final DatasetGraph dataset;

    public ParamResolver(DatasetGraph dataset) {
        this.dataset = dataset;
    }

    /** Binds every declared parameter of {@code q} from {@code values}; unknown or missing ones are errors. */
    public Map<Var, Node> bind(CannedQuery q, Map<String, String> values) {
        for (String k : values.keySet())
            if (q.param(k) == null)
                throw new BadParameterException("query '" + q.name() + "' has no parameter '" + k + "'"
                        + (q.params().isEmpty() ? "; it takes none"
                        : "; expected " + String.join(", ", q.params().stream().map(CannedQuery.Param::name).toList())));
        Map<Var, Node> out = new LinkedHashMap<>();
        for (CannedQuery.Param p : q.params()) {
            String v = values.get(p.name());
            if (v == null || v.isBlank()) v = p.defaultValue();
            if (v == null) {
                if (p.required())
                    throw new BadParameterException("query '" + q.name() + "' needs parameter '" + p.name() + "' ("
                            + p.type().label() + ", e.g. " + p.example() + ")");
                continue;
            }
            out.put(QueryLibrary.paramVar(p.name()), resolve(p, v.strip()));
        }
        return out;
    }

    /** Resolves one value for parameter {@code p}; throws {@link BadParameterException} with the reason. */
    public Node resolve(CannedQuery.Param p, String value) {
        if (p.type() == ParamType.INTEGER) {
            if (!INTEGER.matcher(value).matches())
                throw new BadParameterException("parameter '" + p.name() + "' must be an integer, got '" + printable(value) + "'");
            return NodeFactory.createLiteralDT(value, XSDDatatype.XSDinteger);
        }
        if (p.type() == ParamType.BOOLEAN) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false"))
                throw new BadParameterException("parameter '" + p.name() + "' must be true or false, got '" + printable(value) + "'");
            return NodeFactory.createLiteralDT(value.toLowerCase(Locale.ROOT), XSDDatatype.XSDboolean);
        }
        if (!SAFE.matcher(value).matches())
            throw new BadParameterException("parameter '" + p.name() + "' contains characters that cannot appear in a "
                    + p.type().label() + " name: " + offending(value) + " (allowed: letters, digits, spaces and . _ + - / ( ) , : &)");
        if (p.type() == ParamType.STRING) return NodeFactory.createLiteralString(value);
        if (p.type().scheme() != null) return concept(p, value);
        return entity(p, value);
    }

    private Node entity(CannedQuery.Param p, String value) {
        List<String> kinds = p.type().kinds();
        return Txn.calculateRead(dataset, () -> {
            String lower = value.toLowerCase(Locale.ROOT);
            if (SLUG.matcher(lower).matches()) {
                for (String kind : kinds) {
                    Node iri = MKG.entity(kind, lower);
                    if (dataset.getDefaultGraph().contains(iri, RDF.type.asNode(), ParamType.classOf(kind))) return iri;
                }
            }
            for (String kind : kinds) {
                List<Node> hits = select(BY_NAME, Map.of(Var.alloc("_name"), NodeFactory.createLiteralString(value),
                        Var.alloc("_type"), ParamType.classOf(kind)));
                if (hits.isEmpty())
                    hits = select(BY_NAME_ANY_CASE, Map.of(Var.alloc("_lname"), NodeFactory.createLiteralString(lower),
                            Var.alloc("_type"), ParamType.classOf(kind)));
                if (hits.size() == 1) return hits.get(0);
                if (hits.size() > 1)
                    throw new BadParameterException("'" + value + "' names several " + kind + "s: "
                            + String.join(", ", hits.stream().map(ParamResolver::slug).toList()) + "; give the id instead");
            }
            throw new BadParameterException("unknown " + String.join(" or ", kinds) + " '" + value + "'"
                    + closest(value, kinds));
        });
    }

    private static final String CONCEPTS = PREFIX
            + "SELECT ?c ?n ?l WHERE { ?c skos:inScheme ?_scheme ; skos:notation ?n . OPTIONAL { ?c rdfs:label ?l } }";

    /** A concept of the parameter's scheme, by notation ({@code few-shot}) or label, ignoring case. */
    private Node concept(CannedQuery.Param p, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        Map<String, Node> byName = new LinkedHashMap<>();
        Set<String> notations = new java.util.TreeSet<>();
        Txn.executeRead(dataset, () -> {
            try (QueryExec qe = QueryExec.dataset(dataset).query(CONCEPTS)
                    .substitution(Var.alloc("_scheme"), p.type().scheme()).build()) {
                qe.select().forEachRemaining(b -> {
                    String n = b.get("n").getLiteralLexicalForm();
                    notations.add(n);
                    byName.putIfAbsent(n.toLowerCase(Locale.ROOT), b.get("c"));
                    if (b.contains("l")) byName.putIfAbsent(b.get("l").getLiteralLexicalForm().toLowerCase(Locale.ROOT), b.get("c"));
                });
            }
        });
        Node c = byName.get(lower);
        if (c == null)
            throw new BadParameterException("unknown " + p.type().label() + " '" + value + "'"
                    + Suggest.didYouMean(lower, notations) + "; expected one of: " + String.join(", ", notations));
        return c;
    }

    private String closest(String value, List<String> kinds) {
        Map<String, String> labelToId = new LinkedHashMap<>();
        for (String kind : kinds) {
            try (QueryExec qe = QueryExec.dataset(dataset).query(NAMES)
                    .substitution(Var.alloc("_type"), ParamType.classOf(kind)).build()) {
                qe.select().forEachRemaining(b -> {
                    String id = slug(b.get("e"));
                    labelToId.putIfAbsent(b.get("l").getLiteralLexicalForm(), id);
                    labelToId.putIfAbsent(id, id);
                });
            }
        }
        List<String> near = Suggest.closest(value, labelToId.keySet(), 8);
        Set<String> ids = new LinkedHashSet<>();
        List<String> shown = new ArrayList<>();
        for (String n : near) {
            String id = labelToId.get(n);
            if (ids.add(id)) shown.add(n.equals(id) ? id : n + " (" + id + ")");
            if (shown.size() == 5) break;
        }
        return shown.isEmpty() ? "" : "; closest matches: " + String.join(", ", shown);
    }

    private List<Node> select(String query, Map<Var, Node> subst) {
        List<Node> out = new ArrayList<>();
        var b = QueryExec.dataset(dataset).query(query);
        subst.forEach(b::substitution);
        try (QueryExec qe = b.build()) {
            RowSet rs = qe.select();
            rs.forEachRemaining(row -> out.add(row.get("e")));
        }
        return out;
    }

    static String slug(Node iri) {
        String u = iri.getURI();
        return u.substring(u.lastIndexOf('/') + 1);
    }

    private static String offending(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().distinct().filter(c -> !SAFE.matcher(new String(Character.toChars(c))).matches())
                .limit(8).forEach(c -> sb.append(sb.isEmpty() ? "" : " ").append(Character.isISOControl(c)
                        ? String.format("U+%04X", c) : "'" + new String(Character.toChars(c)) + "'"));
        return value.length() > 200 ? "value longer than 200 characters" : sb.toString();
    }

    static String printable(String v) {
        String s = v.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Whether the boolean parameter {@code name} (as {@link #bind} binds it, e.g. {@code _excludeExports}) is true. */
    static boolean isTrue(Map<Var, Node> bound, String name) {
        Node v = bound.get(Var.alloc(name));
        return v != null && org.apache.jena.sparql.expr.NodeValue.makeNode(v).getBoolean();
    }

    /** The parameter {@code name} as bound, or null when it is absent or the empty string (as COALESCE(?p, "") = "" reads it). */
    static Node nonEmpty(Map<Var, Node> bound, String name) {
        Node v = bound.get(Var.alloc(name));
        return v == null || (v.isLiteral() && v.getLiteralLexicalForm().isEmpty()) ? null : v;
    }
}
