package org.medkg.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;

/**
 * Depth-first order of a result whose rows are tree edges {@code ?parent -> ?child}: each row comes after the row
 * that reached its parent, siblings keep the query's order, and a {@code ?treeDepth} column gives the row's depth in
 * that walk (1 for the root's children). A child reached from several parents (a merge) is listed under each, but
 * its subtree is expanded only the first time. Rows not reachable from a root come last, in the query's order.
 */
public final class TreeOrder {
    static final Var PARENT = Var.alloc("parent");
    static final Var CHILD = Var.alloc("child");
    static final Var TREE_DEPTH = Var.alloc("treeDepth");

    private TreeOrder() {}

    public static RowSet depthFirst(RowSet in) {
        List<Var> vars = new ArrayList<>(in.getResultVars());
        List<Binding> rows = new ArrayList<>();
        in.forEachRemaining(rows::add);
        Map<Node, List<Binding>> byParent = new LinkedHashMap<>();
        Set<Node> children = new HashSet<>();
        for (Binding b : rows) {
            Node p = b.get(PARENT);
            byParent.computeIfAbsent(p, k -> new ArrayList<>()).add(b);
            if (b.get(CHILD) != null) children.add(b.get(CHILD));
        }
        List<Binding> out = new ArrayList<>(rows.size());
        Set<Binding> emitted = new HashSet<>();
        Set<Node> expanded = new HashSet<>();
        for (Binding b : rows) {
            Node p = b.get(PARENT);
            if (p != null && !children.contains(p) && expanded.add(p)) walk(p, 1, byParent, expanded, emitted, out);
        }
        for (Binding b : rows) if (!emitted.contains(b)) out.add(withDepth(b, 0));
        if (!vars.contains(TREE_DEPTH)) vars.add(1, TREE_DEPTH);
        return RowSetStream.create(vars, out.iterator());
    }

    private static void walk(Node parent, int depth, Map<Node, List<Binding>> byParent, Set<Node> expanded,
                             Set<Binding> emitted, List<Binding> out) {
        for (Binding b : byParent.getOrDefault(parent, List.of())) {
            if (!emitted.add(b)) continue;
            out.add(withDepth(b, depth));
            Node child = b.get(CHILD);
            if (child != null && expanded.add(child)) walk(child, depth + 1, byParent, expanded, emitted, out);
        }
    }

    private static Binding withDepth(Binding b, int depth) {
        return BindingFactory.binding(b, TREE_DEPTH,
                org.apache.jena.graph.NodeFactory.createLiteralDT(Integer.toString(depth),
                        org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
    }
}
