package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/** HTTP as clients expect it: a Service Description, HEAD on the endpoint, gzip, and CORS (on by default, or off). */
class HttpProtocolTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(tmp, "valid/minimal", 5000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointWithoutAQueryDescribesTheService() throws Exception {
        HttpResponse<String> r = server.get("/medkg/sparql", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.TURTLE).base(server.base + "/medkg/sparql").parse(g);
        assertTrue(g.contains(org.apache.jena.graph.NodeFactory.createURI(server.base + "/medkg/sparql"),
                org.apache.jena.vocabulary.RDF.type.asNode(),
                org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/ns/sparql-service-description#Service")), r.body());
    }

    @Test
    void headOnTheEndpointIsGetWithoutABody() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.base + "/medkg/sparql?query="
                + TestServer.enc("ASK { ?s ?p ?o }"))).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().isEmpty());
    }

    @Test
    void textResponsesAreGzipped() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base + "/dump.nt"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes());
        assertTrue(text.contains("<https://w3id.org/medkg/id/model/meditron-70b>"));
    }

    @Test
    void corsAllowsReadsFromOtherOrigins() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(server.base + "/medkg/sparql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://notebook.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        for (String path : new String[] {"/api/queries/lineage?model=bio_clinicalbert", "/id/model/meditron-70b.ttl",
                "/dump.ttl", "/.well-known/void", "/lineage/model/meditron-70b.svg"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.base + path)).header("Origin", "https://notebook.example"));
            assertEquals(200, r.statusCode(), path);
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), path);
        }
    }

    @Test
    void corsCanBeTurnedOff() throws Exception {
        MedkgServer off = MedkgServer.start(server.store.dataset(), server.store.info(), QueryLibrary.load(Catalogs.QUERIES),
                new MedkgServer.Options("127.0.0.1", 0, 5000, "https://w3id.org/medkg/", "off"));
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + off.port() + "/dump.ttl"))
                    .header("Origin", "https://notebook.example"));
            assertEquals(200, r.statusCode());
            assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        } finally {
            off.stop();
        }
    }

    /** The N-Quads and TriG dumps hold the whole dataset: the default graph and every named graph, closure included. */
    @Test
    void quadDumpsHoldEveryGraph() throws Exception {
        for (String ext : new String[] {"nq", "trig"}) {
            HttpResponse<String> r = server.get("/dump." + ext, null);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("ETag").isPresent());
            org.apache.jena.sparql.core.DatasetGraph d = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral();
            RDFParser.fromString(r.body(), ext.equals("nq") ? Lang.NQUADS : Lang.TRIG).parse(d);
            for (String graph : new String[] {"ontology", "queries", "closure"})
                assertTrue(d.containsGraph(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/medkg/graph/" + graph)), ext + ": " + graph);
            long stored = org.apache.jena.system.Txn.calculateRead(server.store.dataset(), () -> server.store.dataset().stream().count());
            assertEquals(stored, d.stream().count(), ext + ": every quad of the store");
        }
    }
}
