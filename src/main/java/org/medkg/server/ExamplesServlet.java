package org.medkg.server;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.medkg.query.Prefixes;
import org.medkg.vocab.MKG;

/**
 * {@code /.well-known/sparql-examples}: the canned query library as RDF, as SIB's endpoints publish theirs: one
 * {@code sh:SPARQLSelectExecutable} per query, with its label, description ({@code rdfs:comment}), text
 * ({@code sh:select}), keywords and parameters. It is the store's query-library graph, so it is exactly what the
 * endpoint runs. Turtle by default; JSON-LD, N-Triples or RDF/XML by content negotiation.
 */
final class ExamplesServlet extends HttpServlet {
    private final transient DatasetGraph dataset;

    ExamplesServlet(DatasetGraph dataset) {
        this.dataset = dataset;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Negotiation.Choice c = Negotiation.byAccept(req.getHeader("Accept"), false);
        if (c == null || c.html()) c = Negotiation.bySuffix("ttl");
        Graph g = GraphFactory.createGraphMem();
        g.getPrefixMapping().setNsPrefixes(Prefixes.standard());
        g.getPrefixMapping().setNsPrefix("sh", "http://www.w3.org/ns/shacl#").setNsPrefix("schema", MKG.SCHEMA);
        Txn.executeRead(dataset, () -> dataset.getGraph(MKG.GRAPH_QUERIES).find().forEachRemaining(g::add));
        resp.setStatus(200);
        resp.setHeader("Vary", "Accept");
        resp.setContentType(c.mediaType() + "; charset=utf-8");
        try (OutputStream out = resp.getOutputStream()) {
            RDFWriter.source(g).format(c.rdf().format()).output(out);
        }
    }
}
