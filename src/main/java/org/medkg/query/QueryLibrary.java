package org.medkg.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.medkg.vocab.MKG;

/**
 * The canned queries in {@code queries/}: each file is parsed once, its header read, and every {@code ?_param}
 * checked against the header. Also publishes the library as RDF, as sib-swiss/sparql-examples does, so queries
 * can be found with SPARQL ({@code sh:SPARQLExecutable}, {@code sh:select}, {@code rdfs:comment},
 * {@code schema:keywords}).
 */
public final class QueryLibrary {
    public static final String BASE = "https://w3id.org/medkg/query/";
    private static final Pattern FILE = Pattern.compile("(\\d+)-([a-z0-9-]+)\\.rq");
    private static final Pattern PARAM_VAR = Pattern.compile("\\?_([A-Za-z][A-Za-z0-9]*)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SH = "http://www.w3.org/ns/shacl#";

    /** Every query's file, by name, in file order; a query is parsed when it is first asked for. */
    private final Map<String, Path> files;
    private final Map<String, CannedQuery> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    private QueryLibrary(Map<String, Path> files) {
        this.files = files;
    }

    /** Loads every {@code NNN-name.rq} in {@code dir}; a file that does not parse or lacks a header is an error. */
    public static QueryLibrary load(Path dir) throws IOException {
        List<String> errors = new ArrayList<>();
        QueryLibrary library = new QueryLibrary(scan(dir, errors));
        for (String name : library.files.keySet()) {
            try {
                library.get(name);
            } catch (QueryFileException e) {
                errors.add(e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        if (!errors.isEmpty()) throw new QueryFileException(String.join("\n", errors));
        return library;
    }

    /**
     * The library in {@code dir} with only its file names checked: each query is parsed (and a malformed one
     * reported) when it is first asked for. For a command that runs one query, where parsing all of them would be a
     * tenth of its start; {@link #load} checks them all.
     */
    public static QueryLibrary open(Path dir) throws IOException {
        List<String> errors = new ArrayList<>();
        Map<String, Path> files = scan(dir, errors);
        if (!errors.isEmpty()) throw new QueryFileException(String.join("\n", errors));
        return new QueryLibrary(files);
    }

    /** The {@code .rq} files in {@code dir} by query name; a misnamed or doubly named file is added to {@code errors}. */
    private static Map<String, Path> scan(Path dir, List<String> errors) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return files;
        List<Path> rq;
        try (Stream<Path> s = Files.list(dir)) {
            rq = s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        for (Path f : rq) {
            Matcher fm = FILE.matcher(f.getFileName().toString());
            if (!fm.matches()) errors.add(f + ": file name must be NNN-name.rq (e.g. 010-built-on.rq)");
            else if (files.putIfAbsent(fm.group(2), f) != null) errors.add(f + ": another query is already named " + fm.group(2));
        }
        return Collections.unmodifiableMap(files);
    }

    /** Parameter names the API keeps for itself: paging and the results format (as SPARQLWrapper sends it). */
    public static final Set<String> RESERVED_PARAMS =
            Collections.unmodifiableSet(new TreeSet<>(List.of("limit", "offset", "format", "output", "results")));

    static CannedQuery parse(Path file) throws IOException {
        Matcher fm = FILE.matcher(file.getFileName().toString());
        if (!fm.matches()) throw new QueryFileException(file + ": file name must be NNN-name.rq (e.g. 010-built-on.rq)");
        String name = fm.group(2);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder yaml = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("#+")) yaml.append(line.length() > 3 ? line.substring(3) : "").append('\n');
        }
        if (yaml.isEmpty()) throw new QueryFileException(file + ": no '#+' header (title, description, params, tags)");
        JsonNode h;
        try {
            h = YAML.readTree(yaml.toString());
        } catch (IOException e) {
            throw new QueryFileException(file + ": header is not valid YAML: " + e.getMessage());
        }
        String title = h.path("title").asText("");
        String description = h.path("description").asText("").strip();
        if (title.isBlank() || description.isBlank())
            throw new QueryFileException(file + ": header needs a title and a description");
        List<CannedQuery.Param> params = new ArrayList<>();
        for (JsonNode p : h.path("params")) {
            String pname = p.path("name").asText("");
            if (RESERVED_PARAMS.contains(pname))
                throw new QueryFileException(file + ": parameter name '" + pname + "' is reserved (the API reads "
                        + String.join(", ", RESERVED_PARAMS) + " itself); choose another");
            ParamType type;
            try {
                type = ParamType.parse(p.path("type").asText("string"));
            } catch (IllegalArgumentException e) {
                throw new QueryFileException(file + ": parameter '" + pname + "' has unknown type '"
                        + p.path("type").asText() + "'");
            }
            params.add(new CannedQuery.Param(pname, type, p.path("example").asText(""),
                    p.path("description").asText(""), p.path("required").asBoolean(true),
                    p.hasNonNull("default") ? p.path("default").asText() : null));
        }
        List<String> tags = new ArrayList<>();
        h.path("tags").forEach(t -> tags.add(t.asText()));
        Query query;
        try {
            query = SparqlRunner.parse(text);
        } catch (QueryParseException e) {
            throw new QueryFileException(file + ": " + e.getMessage());
        }
        Matcher vm = PARAM_VAR.matcher(text);
        while (vm.find()) {
            String v = vm.group(1);
            if (params.stream().noneMatch(p -> p.name().equals(v)))
                throw new QueryFileException(file + ": ?_" + v + " is used but not declared under params");
        }
        String order = h.path("order").asText("");
        if (!order.isEmpty() && !order.equals(CannedQuery.TREE_ORDER))
            throw new QueryFileException(file + ": unknown order '" + order + "'; expected " + CannedQuery.TREE_ORDER);
        return new CannedQuery(name, file, title, description, List.copyOf(params), List.copyOf(tags), text, query,
                order.isEmpty() ? null : order);
    }

    public List<CannedQuery> all() {
        return files.keySet().stream().map(this::get).toList();
    }

    /** The query named {@code name}, or null; parsed on first use (a {@link QueryFileException} if it is malformed). */
    public CannedQuery get(String name) {
        Path file = files.get(name);
        if (file == null) return null;
        return parsed.computeIfAbsent(name, n -> {
            try {
                return parse(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    public java.util.Set<String> names() {
        return files.keySet();
    }

    /** The library as RDF: one {@code sh:SPARQLExecutable} per query. */
    public Graph toGraph() {
        Graph g = GraphFactory.createGraphMem();
        Node keywords = NodeFactory.createURI(MKG.SCHEMA + "keywords");
        Node target = NodeFactory.createURI(MKG.SCHEMA + "target");
        for (CannedQuery q : all()) {
            Node s = NodeFactory.createURI(BASE + q.name());
            g.add(s, RDF.type.asNode(), NodeFactory.createURI(SH + "SPARQLExecutable"));
            String form = q.query().isSelectType() ? "SPARQLSelectExecutable"
                    : q.query().isAskType() ? "SPARQLAskExecutable"
                    : q.query().isConstructType() ? "SPARQLConstructExecutable" : "SPARQLDescribeExecutable";
            g.add(s, RDF.type.asNode(), NodeFactory.createURI(SH + form));
            String prop = q.query().isSelectType() ? "select" : q.query().isAskType() ? "ask"
                    : q.query().isConstructType() ? "construct" : "describe";
            g.add(s, NodeFactory.createURI(SH + prop), NodeFactory.createLiteralString(q.text()));
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralString(q.title()));
            g.add(s, RDFS.comment.asNode(), NodeFactory.createLiteralString(q.description()));
            for (String t : q.tags()) g.add(s, keywords, NodeFactory.createLiteralString(t));
            g.add(s, target, NodeFactory.createURI("https://w3id.org/medkg/sparql"));
            for (CannedQuery.Param p : q.params())
                g.add(s, NodeFactory.createURI(MKG.NS + "parameter"), NodeFactory.createLiteralString(p.name()));
        }
        return g;
    }

    /** The variable a parameter is bound to. */
    public static Var paramVar(String name) {
        return Var.alloc("_" + name);
    }

    /** A query file is malformed. */
    public static final class QueryFileException extends RuntimeException {
        public QueryFileException(String message) {
            super(message);
        }
    }
}
