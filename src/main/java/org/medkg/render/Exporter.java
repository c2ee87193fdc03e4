package org.medkg.render;

import java.io.OutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.medkg.query.Prefixes;
import org.medkg.vocab.MKG;

/**
 * Writes the whole graph: the catalog, and optionally the ontology. N-Triples streams straight from the store;
 * the other formats are written from an in-memory copy so they can be pretty-printed with prefixes. JSON-LD gets
 * its context inline (built from the prefixes), so a reader never fetches a remote context.
 */
public final class Exporter {
    private Exporter() {}

    /** Writes the export; returns how many statements it holds (quads for N-Quads and TriG, else triples). */
    public static long export(DatasetGraph dataset, ExportFormat format, boolean withOntology, OutputStream out) {
        return Txn.calculateRead(dataset, () -> {
            long[] n = {0};
            if (format.quads()) {
                // The whole dataset as the store holds it, so another engine loading it answers the canned queries
                // exactly as medkg does: the default graph and every named graph, closure included.
                StreamRDF w = StreamRDFWriter.getWriterStream(out, format.format());
                w.start();
                Prefixes.standard().getNsPrefixMap().forEach(w::prefix);
                dataset.find().forEachRemaining(q -> {
                    n[0]++;
                    w.quad(q);
                });
                w.finish();
                return n[0];
            }
            if (format == ExportFormat.NT) {
                StreamRDF w = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
                w.start();
                forEach(dataset, withOntology, t -> {
                    n[0]++;
                    w.triple(t);
                });
                w.finish();
                return n[0];
            }
            Graph g = GraphFactory.createGraphMem();
            g.getPrefixMapping().setNsPrefixes(Prefixes.standard());
            forEach(dataset, withOntology, g::add);
            RDFWriter.source(g).format(format.format()).output(out);
            return (long) g.size();
        });
    }

    /**
     * Every triple of the catalog, and of the ontology if asked: the default graph, less the query library and,
     * without the ontology, less the ontology's triples. Call inside a read transaction.
     */
    public static void forEach(DatasetGraph dataset, boolean withOntology, java.util.function.Consumer<Triple> action) {
        Graph queries = dataset.getGraph(MKG.GRAPH_QUERIES);
        Graph ontology = dataset.getGraph(MKG.GRAPH_ONTOLOGY);
        dataset.getDefaultGraph().find().forEachRemaining(t -> {
            if (queries.contains(t)) return;
            if (!withOntology && ontology.contains(t)) return;
            action.accept(t);
        });
    }
}
