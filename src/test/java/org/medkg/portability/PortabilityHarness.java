package org.medkg.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.system.Txn;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/**
 * Runs every canned query, with every {@link ExampleCase} of its header, on a real medkg server (its canned-query
 * API) and on another engine loaded from the server's N-Quads dump, and compares the rows. The other engine gets
 * the query exactly as medkg binds it: {@link CannedQueryRunner#bind} substitutes the resolved RDF terms into the
 * parsed query, and the bound query is written out as SPARQL 1.1 (and must parse again as strict SPARQL 1.1).
 */
final class PortabilityHarness {
    static final String JSON = "application/sparql-results+json";
    /** Every quad of the dataset, default graph and named graphs: the same count on both sides means the whole dump loaded. */
    static final String COUNT_QUADS = "SELECT (COUNT(*) AS ?quads) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";

    private final TestServer medkg;
    private final QueryLibrary library;
    private final CannedQueryRunner binder;

    PortabilityHarness(TestServer medkg) throws IOException {
        this.medkg = medkg;
        this.library = QueryLibrary.load(Catalogs.QUERIES);
        this.binder = new CannedQueryRunner(medkg.store.dataset(), 60_000);
    }

    /** Saves the server's full dataset dump ({@code GET /dump.nq}), as any client gets it, to {@code file}. */
    static Path dump(TestServer medkg, Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = medkg.get("/dump.nq", "application/n-quads");
        if (r.statusCode() != 200) throw new IllegalStateException("GET /dump.nq: " + r.statusCode());
        Files.writeString(file, r.body());
        return file;
    }

    /** The named graphs of medkg's dataset (ontology, query library, lineage closure), as IRIs. */
    List<String> namedGraphs() {
        List<String> out = new ArrayList<>();
        Txn.executeRead(medkg.store.dataset(), () -> medkg.store.dataset().listGraphNodes()
                .forEachRemaining(g -> out.add(g.getURI())));
        return out;
    }

    /** The number of quads medkg serves and the number the engine holds, as one line, or null when they agree. */
    String datasetDifference(SparqlEngine engine) throws Exception {
        HttpResponse<String> r = medkg.sparql(COUNT_QUADS, JSON);
        String mine = ResultRows.fromJson(r.body()).rows().get(0).get("quads").getLiteralLexicalForm();
        String theirs = engine.select(COUNT_QUADS).rows().get(0).get("quads").getLiteralLexicalForm();
        return mine.equals(theirs) ? null : "medkg serves " + mine + " quads, " + engine.name() + " holds " + theirs;
    }

    /**
     * Asserts that {@code engine} holds every quad medkg serves and answers every case as medkg does, apart from
     * its known {@code deviations}, and that every query has rows in some case; writes the report to
     * target/portability/.
     */
    void assertSameAnswers(SparqlEngine engine, Deviations deviations) throws Exception {
        assertNull(datasetDifference(engine), engine.name() + " holds every quad of the dump");
        Report report = run(engine, deviations);
        Path written = report.write(Path.of("target/portability"));
        assertEquals(List.of(), report.problems(), "differences other than the known ones, or known ones that are "
                + "gone (see " + written + ")");
        assertEquals(List.of(), report.queriesWithoutRows(), "queries with no row on medkg for any example case");
    }

    Report run(SparqlEngine engine, Deviations deviations) throws IOException, InterruptedException {
        LiteralNormaliser normaliser = new LiteralNormaliser();
        List<Report.Outcome> outcomes = new ArrayList<>();
        for (CannedQuery q : library.all()) {
            for (ExampleCase example : ExampleCase.of(q))
                outcomes.add(compare(q, example, engine, normaliser, deviations)
                        .known(deviations.knownDifference(q.name(), example)));
        }
        return new Report(engine.name(), outcomes, normaliser.applied());
    }

    private Report.Outcome compare(CannedQuery q, ExampleCase example, SparqlEngine engine, LiteralNormaliser normaliser,
                                   Deviations deviations) throws IOException, InterruptedException {
        Query bound = binder.bind(q, example.params());
        String text = bound.toString(Syntax.syntaxSPARQL_11);
        long t0 = System.nanoTime();
        HttpResponse<String> api = medkg.get("/api/queries/" + q.name() + example.queryString(), JSON);
        long medkgMillis = (System.nanoTime() - t0) / 1_000_000;
        Report.Outcome failed = new Report.Outcome(q.name(), example, -1, -1, medkgMillis, -1, null, null);
        if (api.statusCode() != 200) return failed.because("medkg answers " + api.statusCode() + ": " + api.body());
        ResultRows mine = ResultRows.fromJson(api.body());
        failed = new Report.Outcome(q.name(), example, mine.size(), -1, medkgMillis, -1, null, null);
        try {
            QueryFactory.create(text, Syntax.syntaxSPARQL_11);
        } catch (QueryParseException e) {
            return failed.because("the bound query is not SPARQL 1.1: " + e.getMessage());
        }
        ResultRows theirs;
        long t1 = System.nanoTime();
        try {
            theirs = engine.select(text);
        } catch (Exception e) {
            return failed.because(engine.name() + " fails: " + e.getMessage());
        }
        long engineMillis = (System.nanoTime() - t1) / 1_000_000;
        String problem = RowComparison.differences(bound, q.treeOrder(), mine, theirs, normaliser, engine.name(), deviations);
        return new Report.Outcome(q.name(), example, mine.size(), theirs.size(), medkgMillis, engineMillis, problem, null);
    }
}
