package org.medkg.check;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.medkg.catalog.Problem;
import org.medkg.catalog.Problems;

/**
 * Finds cycles in the {@code built_on} edges: a model cannot be (transitively) built on itself. Edges are kept as
 * int arrays so that a catalog of a million models costs a few megabytes.
 */
final class LineageCycles {
    /** Node names of families (the bases of family-level edges) carry this prefix; they have no edges of their own. */
    static final String FAMILY_PREFIX = "family:";
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private long[] lines = new long[1024];
    private int edges;

    private int id(String slug) {
        return ids.computeIfAbsent(slug, s -> {
            names.add(s);
            return names.size() - 1;
        });
    }

    void edge(String child, String base, long line) {
        if (edges == from.length) {
            from = Arrays.copyOf(from, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
            lines = Arrays.copyOf(lines, edges * 2);
        }
        from[edges] = id(child);
        to[edges] = id(base);
        lines[edges] = line;
        edges++;
    }

    /**
     * Emits the lineage closure: for every model and every ancestor at any depth, one triple (an ancestor is a model,
     * or the family of a family-level edge, so the closure of a model built on "Llama 2" reaches the family node)
     * {@code <model> mkg:ancestorAtDepth-N <ancestor>} with N the length of the shortest built-on path, plus the
     * description of each depth property ({@code rdfs:subPropertyOf mkg:ancestor ; mkg:depth N}). Breadth-first
     * upwards from every model, over int arrays: the cost is the size of the closure. Call only when there is no
     * cycle.
     */
    void closure(CatalogCheck.TripleSink out) {
        int n = names.size();
        int[][] csr = bySource(n);
        int[] start = csr[0];
        int[] parents = new int[edges];
        for (int k = 0; k < edges; k++) parents[k] = to[csr[1][k]];
        org.apache.jena.graph.Node[] iri = new org.apache.jena.graph.Node[n];
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            iri[i] = name.startsWith(FAMILY_PREFIX)
                    ? org.medkg.vocab.MKG.entity("family", name.substring(FAMILY_PREFIX.length()))
                    : org.medkg.vocab.MKG.entity("model", name);
        }
        int[] stamp = new int[n];
        int[] queue = new int[n];
        int[] depth = new int[n];
        java.util.Map<Integer, org.apache.jena.graph.Node> depthProperty = new java.util.TreeMap<>();
        for (int v = 0; v < n; v++) {
            if (start[v] == start[v + 1]) continue;
            int head = 0, tail = 0;
            queue[tail++] = v;
            stamp[v] = v + 1;
            depth[v] = 0;
            while (head < tail) {
                int x = queue[head++];
                for (int k = start[x]; k < start[x + 1]; k++) {
                    int p = parents[k];
                    if (stamp[p] == v + 1) continue;
                    stamp[p] = v + 1;
                    depth[p] = depth[x] + 1;
                    queue[tail++] = p;
                    org.apache.jena.graph.Node prop = depthProperty.computeIfAbsent(depth[p],
                            d -> org.medkg.vocab.MKG.term("ancestorAtDepth-" + d));
                    out.triple(org.apache.jena.graph.Triple.create(iri[v], prop, iri[p]));
                }
            }
        }
        for (var e : depthProperty.entrySet()) {
            out.triple(org.apache.jena.graph.Triple.create(e.getValue(),
                    org.apache.jena.vocabulary.RDFS.subPropertyOf.asNode(), org.medkg.vocab.MKG.ancestor));
            out.triple(org.apache.jena.graph.Triple.create(e.getValue(), org.medkg.vocab.MKG.depth,
                    org.apache.jena.graph.NodeFactory.createLiteralDT(Integer.toString(e.getKey()),
                            org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
        }
    }

    /**
     * The edges grouped by their source model (compressed sparse rows): the edges of model {@code v} are
     * {@code [0][v]} to {@code [0][v+1]} in {@code [1]}, which holds edge indexes.
     */
    private int[][] bySource(int n) {
        int[] start = new int[n + 1];
        for (int e = 0; e < edges; e++) start[from[e] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] edgeIndex = new int[edges];
        int[] fill = Arrays.copyOf(start, n);
        for (int e = 0; e < edges; e++) edgeIndex[fill[from[e]]++] = e;
        return new int[][] {start, edgeIndex};
    }

    /** Reports each cycle once, at the line of the edge that closes it. */
    void report(Path file, int column, Problems problems) {
        int n = names.size();
        int[][] csr = bySource(n);
        int[] start = csr[0];
        int[] adjEdge = csr[1];
        int[] adj = new int[edges];
        for (int k = 0; k < edges; k++) adj[k] = to[adjEdge[k]];
        byte[] state = new byte[n]; // 0 new, 1 on stack, 2 done
        int[] parentEdge = new int[n];
        int[] cursor = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) continue;
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(root);
            state[root] = 1;
            cursor[root] = start[root];
            while (!stack.isEmpty()) {
                int v = stack.peek();
                if (cursor[v] < start[v + 1]) {
                    int k = cursor[v]++;
                    int w = adj[k];
                    if (state[w] == 0) {
                        state[w] = 1;
                        parentEdge[w] = adjEdge[k];
                        cursor[w] = start[w];
                        stack.push(w);
                    } else if (state[w] == 1 && w != v) {   // a self-loop is reported by the reference check
                        // The cycle is w -> ... -> v -> w: walk back from v along the edges that reached it.
                        List<String> cycle = new ArrayList<>();
                        for (int x = v; x != w; x = from[parentEdge[x]]) cycle.add(0, names.get(x));
                        cycle.add(0, names.get(w));
                        cycle.add(names.get(w));
                        problems.add(new Problem(file, lines[adjEdge[k]], column, "built_on",
                                "lineage cycle: " + String.join(" -> ", cycle)
                                        + " (a model cannot be built on its own descendant)"));
                    }
                } else {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
    }
}
