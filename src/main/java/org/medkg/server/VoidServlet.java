package org.medkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.medkg.render.ExportFormat;
import org.medkg.vocab.MKG;

/**
 * {@code /.well-known/void}: a VoID description of the dataset (size, example resources, SPARQL endpoint, dumps,
 * licence, vocabularies) that is also a DCAT dataset record with one distribution per dump, so catalogues of open
 * data can list medkg. Turtle by default; other RDF formats by content negotiation.
 */
final class VoidServlet extends HttpServlet {
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    /** The named graphs of every build, and what each holds. */
    static final java.util.Map<Node, String> GRAPHS = java.util.Map.of(
            MKG.GRAPH_ONTOLOGY, "The medkg ontology (also in the default graph).",
            MKG.GRAPH_QUERIES, "The canned query library as SHACL SPARQL executables (also in the default graph, and "
                    + "at /.well-known/sparql-examples).",
            MKG.GRAPH_CLOSURE, "The lineage closure: <model> mkg:ancestorAtDepth-N <ancestor>, for the lineage queries.");
    static final String DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/";
    private static final String[] EXAMPLES = {"model/meditron-70b", "family/llama-2", "model/bio-clinicalbert",
        "institute/epfl", "benchmark/medqa"};

    private final transient DatasetGraph dataset;
    private final String base;
    private final transient MedkgServer.Version version;
    private final PublicUrl publicUrl;
    /** The last description: it depends only on the build and the public URL, and counting takes a scan. */
    private transient volatile Object[] cached;

    VoidServlet(DatasetGraph dataset, String base, MedkgServer.Version version, PublicUrl publicUrl) {
        this.dataset = dataset;
        this.base = base;
        this.version = version;
        this.publicUrl = publicUrl;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Negotiation.Choice c = Negotiation.byAccept(req.getHeader("Accept"), false);
        if (c == null || c.html()) c = Negotiation.bySuffix("ttl");
        String server = publicUrl.of(req);
        String key = version.fingerprint() + " " + server;
        Object[] hit = cached;
        Graph g;
        if (hit != null && hit[0].equals(key)) {
            g = (Graph) hit[1];
        } else {
            g = describe(server);
            cached = new Object[] {key, g};
        }
        resp.setStatus(200);
        resp.setHeader("Vary", "Accept");
        resp.setContentType(c.mediaType() + "; charset=utf-8");
        try (OutputStream out = resp.getOutputStream()) {
            RDFWriter.source(g).format(c.rdf().format()).output(out);
        }
    }

    Graph describe(String server) {
        Graph g = GraphFactory.createGraphMem();
        g.getPrefixMapping().setNsPrefix("void", VOID).setNsPrefix("dcat", DCAT).setNsPrefix("dcterms", DCTerms.NS)
                .setNsPrefix("mkg", MKG.NS).setNsPrefix("foaf", MKG.FOAF).setNsPrefix("xsd", XSDDatatype.XSD + "#").setNsPrefix("sd", SD);
        Node doc = iri(server + "/.well-known/void");
        Node ds = iri(base + "dataset");
        g.add(doc, RDF.type.asNode(), iri(VOID + "DatasetDescription"));
        g.add(doc, DCTerms.title.asNode(), lit("Description of the medkg dataset"));
        g.add(doc, iri(MKG.FOAF + "primaryTopic"), ds);
        g.add(ds, RDF.type.asNode(), iri(VOID + "Dataset"));
        g.add(ds, RDF.type.asNode(), iri(DCAT + "Dataset"));
        g.add(ds, DCTerms.title.asNode(), lit("medkg: medical foundation models and their lineage"));
        g.add(ds, DCTerms.description.asNode(), lit("A curated knowledge graph of medical and biomedical foundation "
                + "models: developers, lineage (which model each one's weights start from, with relation and source), "
                + "modalities, licences and reported benchmark results, every fact with its primary source."));
        g.add(ds, DCTerms.license.asNode(), iri(DATA_LICENSE));
        g.add(ds, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(version.built().atOffset(ZoneOffset.UTC).toString(), XSDDatatype.XSDdateTime));
        g.add(ds, iri(DCAT + "landingPage"), iri(server + "/browse"));
        for (String k : new String[] {"medical AI", "foundation models", "large language models", "model lineage"})
            g.add(ds, iri(DCAT + "keyword"), lit(k));
        g.add(ds, iri(VOID + "sparqlEndpoint"), iri(server + "/medkg/sparql"));
        g.add(ds, iri(VOID + "uriSpace"), lit(base + "id/"));
        g.add(ds, iri(VOID + "vocabulary"), iri(MKG.NS));
        g.add(ds, iri(VOID + "vocabulary"), iri("http://www.w3.org/ns/prov#"));
        g.add(ds, iri(VOID + "vocabulary"), iri(MKG.SCHEMA));
        Txn.executeRead(dataset, () -> {
            // One definition of "triples in the dataset": the default graph, which is what a query without GRAPH
            // sees and what SELECT (COUNT(*) AS ?n) { ?s ?p ?o } counts. Each named graph is a subset with its own count.
            g.add(ds, iri(VOID + "triples"), integer(dataset.getDefaultGraph().size()));
            g.add(ds, RDF.type.asNode(), iri(SD + "Dataset"));
            Node defaultGraph = iri(base + "dataset/default-graph");
            g.add(ds, iri(SD + "defaultGraph"), defaultGraph);
            g.add(defaultGraph, RDF.type.asNode(), iri(SD + "Graph"));
            g.add(defaultGraph, iri(VOID + "triples"), integer(dataset.getDefaultGraph().size()));
            g.add(defaultGraph, DCTerms.description.asNode(), lit("The catalog, the ontology and the query library."));
            for (Node name : GRAPHS.keySet()) {
                long n = dataset.getGraph(name).size();
                Node subset = iri(base + "dataset/graph/" + name.getURI().substring(MKG.GRAPH_BASE.length()));
                Node named = NodeFactory.createBlankNode();
                g.add(ds, iri(VOID + "subset"), subset);
                g.add(subset, RDF.type.asNode(), iri(VOID + "Dataset"));
                g.add(subset, iri(VOID + "triples"), integer(n));
                g.add(subset, DCTerms.description.asNode(), lit(GRAPHS.get(name)));
                g.add(ds, iri(SD + "namedGraph"), named);
                g.add(named, RDF.type.asNode(), iri(SD + "NamedGraph"));
                g.add(named, iri(SD + "name"), name);
                g.add(named, iri(SD + "graph"), subset);
            }
            long entities = dataset.getDefaultGraph().find(Node.ANY, RDF.type.asNode(), MKG.Model).toList().size();
            Node models = iri(base + "dataset/models");
            g.add(ds, iri(VOID + "classPartition"), models);
            g.add(models, iri(VOID + "class"), MKG.Model);
            g.add(models, iri(VOID + "entities"), NodeFactory.createLiteralDT(Long.toString(entities), XSDDatatype.XSDinteger));
            for (String ex : EXAMPLES) {
                Node e = MKG.iri(MKG.ID_BASE + ex);
                if (dataset.getDefaultGraph().contains(e, RDF.type.asNode(), Node.ANY)) g.add(ds, iri(VOID + "exampleResource"), e);
            }
        });
        for (ExportFormat f : ExportFormat.values()) {
            Node url = iri(server + "/dump." + f.extension());
            g.add(ds, iri(VOID + "dataDump"), url);
            Node dist = iri(base + "dataset/dump-" + f.extension());
            g.add(ds, iri(DCAT + "distribution"), dist);
            g.add(dist, RDF.type.asNode(), iri(DCAT + "Distribution"));
            g.add(dist, DCTerms.title.asNode(), lit("medkg dump, " + f.name()));
            g.add(dist, DCTerms.description.asNode(), lit(f.quads()
                    ? "The whole dataset: the default graph and every named graph (ontology, query library, lineage "
                      + "closure). Loaded into another SPARQL 1.1 engine, it answers every canned query as medkg does."
                    : "The catalog and the ontology, as one graph (no query library, no lineage closure)."));
            g.add(dist, iri(DCAT + "downloadURL"), url);
            g.add(dist, iri(DCAT + "mediaType"), iri("https://www.iana.org/assignments/media-types/" + f.mediaType()));
            g.add(dist, DCTerms.license.asNode(), iri(DATA_LICENSE));
        }
        Node service = iri(server + "/medkg/sparql");
        Node dist = iri(base + "dataset/sparql");
        g.add(ds, iri(DCAT + "distribution"), dist);
        g.add(dist, RDF.type.asNode(), iri(DCAT + "Distribution"));
        g.add(dist, iri(DCAT + "accessURL"), service);
        g.add(dist, iri(DCAT + "accessService"), service);
        g.add(service, RDF.type.asNode(), iri(DCAT + "DataService"));
        g.add(service, iri(DCAT + "endpointURL"), service);
        g.add(service, DCTerms.conformsTo.asNode(), iri("https://www.w3.org/TR/sparql11-protocol/"));
        return g;
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node lit(String s) {
        return NodeFactory.createLiteralString(s);
    }
}
