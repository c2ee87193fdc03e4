package org.medkg.portability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.expr.E_Exists;
import org.apache.jena.sparql.expr.E_NotExists;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * Compares medkg's rows of a query with another engine's: the same solutions as a multiset, after
 * {@link LiteralNormaliser}; and, when the query has ORDER BY over projected variables, the same order wherever
 * SPARQL 1.1 defines it: one row must come before another when the first ORDER BY key that differs between them
 * is ordered by SPARQL's {@code <} (or by the fixed order unbound, blank node, IRI, literal); rows whose keys are
 * equal, or differ first in values {@code <} does not order (an xsd:date and an xsd:gYearMonth), may come in any
 * order. Where the ORDER BY orders every pair, this is the same as comparing the rows in order. A GROUP_CONCAT
 * column is compared whatever the order of its parts, which SPARQL 1.1 leaves to the engine.
 */
final class RowComparison {
    private static final int SHOWN = 5;

    private RowComparison() {}

    /**
     * What differs, or null when nothing does. {@code ownOrder} is true for a query whose runner presents rows in an
     * order of its own (the {@code order: tree} header), so only the multiset is compared.
     */
    static String differences(Query bound, boolean ownOrder, ResultRows medkg, ResultRows other,
                              LiteralNormaliser normaliser, String otherName, Deviations deviations) {
        List<Var> vars = bound.getProjectVars();
        Set<String> expected = new LinkedHashSet<>(vars.stream().map(Var::getVarName).toList());
        if (!new LinkedHashSet<>(other.vars()).equals(expected))
            return otherName + " returns the variables " + other.vars() + ", the query projects " + expected;
        Map<Var, String> concatenated = groupConcatSeparators(bound);
        Set<Var> exists = deviations.existsAsInteger() ? existsVars(bound) : Set.of();
        List<Binding> a = project(medkg.rows(), vars, concatenated, exists, normaliser);
        List<Binding> b = project(other.rows(), vars, concatenated, exists, normaliser);
        String multiset = multisetDifference(a, b, otherName);
        if (multiset != null) return multiset;
        List<SortCondition> order = orderConditions(bound);
        if (ownOrder || order.isEmpty()) return null;
        String wrong = misordered(b, order, deviations.stringOrderPrefix());
        if (wrong != null) return "same rows, but " + otherName + " orders " + wrong + " (ORDER BY " + orderText(bound) + ")";
        wrong = misordered(a, order, deviations.stringOrderPrefix());
        return wrong == null ? null : "same rows, but medkg orders " + wrong + " (ORDER BY " + orderText(bound) + ")";
    }

    /**
     * The first pair of rows in an order the ORDER BY forbids (a later row that must come before an earlier one),
     * or null. Every pair is checked: where SPARQL leaves the order of two values undefined, the order of other
     * pairs is still checked, and "undefined" is not transitive.
     */
    private static String misordered(List<Binding> rows, List<SortCondition> order, int stringPrefix) {
        for (int j = 1; j < rows.size(); j++)
            for (int i = 0; i < j; i++)
                if (before(rows.get(j), rows.get(i), order, stringPrefix))
                    return "row " + (j + 1) + " " + rows.get(j) + " after row " + (i + 1) + " " + rows.get(i);
        return null;
    }

    /**
     * The ORDER BY conditions, when every one is a projected variable (so its value is in the rows); else none, and
     * only the multiset is compared.
     */
    private static List<SortCondition> orderConditions(Query q) {
        if (q.getOrderBy() == null) return List.of();
        Set<Var> projected = Set.copyOf(q.getProjectVars());
        for (SortCondition c : q.getOrderBy())
            if (!c.getExpression().isVariable() || !projected.contains(c.getExpression().asVar())) return List.of();
        return q.getOrderBy();
    }

    /** Whether SPARQL 1.1 puts {@code a} before {@code b} by these ORDER BY conditions (not merely allows it). */
    private static boolean before(Binding a, Binding b, List<SortCondition> order, int stringPrefix) {
        for (SortCondition sc : order) {
            Var v = sc.getExpression().asVar();
            Integer c = compare(a.get(v), b.get(v), stringPrefix);
            if (c == null) return false;
            if (c != 0) return sc.getDirection() == Query.ORDER_DESCENDING ? c > 0 : c < 0;
        }
        return false;
    }

    /**
     * SPARQL 1.1's ORDER BY comparison of two keys (null: unbound), or null where it leaves the order undefined:
     * literals are ordered by {@code <}, which orders numbers with numbers and values of one datatype among
     * themselves (not an xsd:date with an xsd:gYearMonth). {@code stringPrefix}: see {@link Deviations}.
     */
    private static Integer compare(Node x, Node y, int stringPrefix) {
        int kx = kind(x), ky = kind(y);
        if (kx != ky) return Integer.compare(kx, ky);
        if (x == null || x.equals(y)) return 0;
        if (x.isBlank()) return null;
        if (x.isURI()) return x.getURI().compareTo(y.getURI());
        NodeValue vx = NodeValue.makeNode(x), vy = NodeValue.makeNode(y);
        if (!(vx.isNumber() && vy.isNumber()) && !x.getLiteralDatatypeURI().equals(y.getLiteralDatatypeURI())) return null;
        if (stringPrefix > 0 && vx.isString() && vy.isString()
                && x.getLiteralLexicalForm().regionMatches(0, y.getLiteralLexicalForm(), 0, stringPrefix)) return null;
        try {
            return NodeValue.compare(vx, vy);
        } catch (ExprEvalException e) {
            return null;
        }
    }

    /** The fixed order of kinds of term: unbound, blank node, IRI, literal. */
    private static int kind(Node n) {
        return n == null ? 0 : n.isBlank() ? 1 : n.isURI() ? 2 : 3;
    }

    /** The projected variables that are GROUP_CONCAT aggregates, with their separators. */
    private static Map<Var, String> groupConcatSeparators(Query q) {
        Map<Var, String> out = new HashMap<>();
        for (Var v : q.getProjectVars()) {
            if (!(q.getProject().getExpr(v) instanceof ExprAggregator ea)) continue;
            Aggregator agg = ea.getAggregator();
            if (agg instanceof AggGroupConcat gc) out.put(v, separator(gc.getSeparator()));
            else if (agg instanceof AggGroupConcatDistinct gc) out.put(v, separator(gc.getSeparator()));
        }
        return out;
    }

    private static String separator(String s) {
        return s == null ? " " : s;
    }

    /** Variables bound by {@code BIND(EXISTS {...} AS ?v)} or {@code BIND(NOT EXISTS {...} AS ?v)}. */
    private static Set<Var> existsVars(Query q) {
        Set<Var> out = new HashSet<>();
        ElementWalker.walk(q.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementBind el) {
                if (el.getExpr() instanceof E_Exists || el.getExpr() instanceof E_NotExists) out.add(el.getVar());
            }
        });
        return out;
    }

    private static String orderText(Query q) {
        return String.join(" ", q.getOrderBy().stream().map(SortCondition::toString).toList());
    }

    private static List<Binding> project(List<Binding> rows, List<Var> vars, Map<Var, String> concatenated,
                                         Set<Var> exists, LiteralNormaliser normaliser) {
        List<Binding> out = new ArrayList<>(rows.size());
        for (Binding r : rows) {
            BindingBuilder b = BindingBuilder.create();
            for (Var v : vars) {
                if (!r.contains(v)) continue;
                Node n = normaliser.normalise(r.get(v));
                if (concatenated.containsKey(v)) n = normaliser.groupConcat(n, concatenated.get(v));
                if (exists.contains(v)) n = normaliser.existsAsInteger(n);
                b.add(v, n);
            }
            out.add(b.build());
        }
        return out;
    }

    /** Rows present more often on one side than on the other, or null. */
    private static String multisetDifference(List<Binding> a, List<Binding> b, String otherName) {
        Map<Map<Var, Node>, Integer> count = new HashMap<>();
        for (Binding r : a) count.merge(key(r), 1, Integer::sum);
        for (Binding r : b) count.merge(key(r), -1, Integer::sum);
        List<String> onlyMedkg = new ArrayList<>(), onlyOther = new ArrayList<>();
        count.forEach((row, n) -> {
            for (int i = 0; i < Math.abs(n); i++) (n > 0 ? onlyMedkg : onlyOther).add(row.toString());
        });
        if (onlyMedkg.isEmpty() && onlyOther.isEmpty()) return null;
        return "medkg " + a.size() + " rows, " + otherName + " " + b.size() + "; only on medkg ("
                + onlyMedkg.size() + "): " + sample(onlyMedkg) + "; only on " + otherName + " (" + onlyOther.size() + "): "
                + sample(onlyOther);
    }

    private static Map<Var, Node> key(Binding b) {
        Map<Var, Node> m = new HashMap<>();
        b.forEach(m::put);
        return m;
    }

    private static String sample(List<String> rows) {
        List<String> sorted = rows.stream().sorted().limit(SHOWN).toList();
        return sorted + (rows.size() > SHOWN ? " ..." : "");
    }
}
