package org.medkg.query;

import java.nio.file.Path;
import java.util.List;

import org.apache.jena.query.Query;

/**
 * One canned query: a file {@code queries/NNN-name.rq} whose {@code #+} header (grlc style, YAML) gives its
 * title, description, parameters and tags. Parameters appear in the query as {@code ?_name} variables and are
 * bound by substitution of typed RDF terms into the parsed query, never by editing the query text.
 */
public record CannedQuery(String name, Path file, String title, String description, List<Param> params,
                          List<String> tags, String text, Query query, String order) {

    /**
     * {@code order: tree} in the header: rows are edges ({@code ?parent}, {@code ?child}) of a tree under the query's
     * root, and are presented depth-first, each parent before its children (ties by the query's own ORDER BY). SPARQL
     * 1.1 has no depth-first order, so the query defines the rows and the runner only reorders them.
     */
    public static final String TREE_ORDER = "tree";

    public boolean treeOrder() {
        return TREE_ORDER.equals(order);
    }

    /** A parameter: its name ({@code ?_name} in the query), type, an example value and what it means. */
    public record Param(String name, ParamType type, String example, String description, boolean required,
                        String defaultValue) {}

    public Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
