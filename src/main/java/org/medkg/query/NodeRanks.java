package org.medkg.query;

import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.expr.NodeValue;

/**
 * Ranks of nodes in SPARQL's ORDER BY order, so that the in-memory indexes sort rows by comparing ints. The rank of
 * a node is its place among all the ranked nodes as Jena's ORDER BY compares them ({@link
 * BindingComparator#compareNodesRaw}); nodes it compares as equal share a rank. Comparing the ranks of each key in
 * turn is therefore comparing the keys as the query's ORDER BY does. Plain strings (xsd:string), the bulk of the
 * keys, and IRIs are compared directly as Jena does ({@code String.compareTo}); everything else goes through Jena
 * ({@code NodeRanksTest} checks the shortcuts against Jena).
 */
final class NodeRanks {
    private NodeRanks() {}

    /** An order on int positions, with no boxing. */
    interface IntOrder {
        int compare(int a, int b);
    }

    /** The rank of each of {@code nodes}, by position. */
    static int[] of(List<Node> nodes) {
        int n = nodes.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        IntOrder cmp = (a, b) -> compare(nodes.get(a), nodes.get(b));
        sort(order, cmp);
        int[] rank = new int[n];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && cmp.compare(order[i - 1], order[i]) != 0) r++;
            rank[order[i]] = r;
        }
        return rank;
    }

    /** Two nodes as ORDER BY compares them. */
    static int compare(Node a, Node b) {
        if (a == b) return 0;
        if (plainString(a) && plainString(b))
            return Integer.signum(a.getLiteralLexicalForm().compareTo(b.getLiteralLexicalForm()));
        if (a.isURI() && b.isURI()) return Integer.signum(a.getURI().compareTo(b.getURI()));   // as Jena orders IRIs
        return BindingComparator.compareNodesRaw(NodeValue.makeNode(a), NodeValue.makeNode(b));
    }

    private static boolean plainString(Node n) {
        return n.isLiteral() && n.getLiteralDatatype() == XSDDatatype.XSDstring && n.getLiteralLanguage().isEmpty();
    }

    /** Sorts {@code a} by {@code cmp}: a stable merge sort on ints. */
    static void sort(int[] a, IntOrder cmp) {
        if (a.length < 2) return;
        int[] tmp = new int[a.length];
        mergeSort(a, tmp, 0, a.length, cmp);
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntOrder cmp) {
        if (to - from <= 16) {   // insertion sort for short runs
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < to) a[k++] = tmp[j++];
    }
}
