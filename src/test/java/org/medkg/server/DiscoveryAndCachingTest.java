package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.query.Coverage;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/**
 * What tools discover and cache: ETag/304 on everything the build determines, a VoID whose counts agree with the
 * endpoint and name every graph, links that never come from the Host header ({@code --public-url},
 * {@code --trust-forwarded}), the query library at {@code /.well-known/sparql-examples}, {@code output=} and
 * {@code format=} as SPARQLWrapper sends them (and SPARQLWrapper itself), and 404s in the representation asked for.
 */
class DiscoveryAndCachingTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(tmp, "valid/minimal", 5000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Graph turtle(String body, String base) {
        Graph g = GraphFactory.createGraphMem();
        RDFParser.fromString(body, Lang.TURTLE).base(base).parse(g);
        return g;
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    @Test
    void everythingTheBuildDeterminesAnswers304() throws Exception {
        for (String path : List.of("/id/model/meditron-70b", "/lineage/model/meditron-70b.svg", "/browse",
                "/browse/queries/built-on?base=llama-2", "/api/queries/lineage?model=meditron-70b", "/.well-known/void",
                "/.well-known/sparql-examples", "/dump.nq")) {
            HttpResponse<String> r = get(server.base + path, "Accept", "text/turtle");
            assertEquals(200, r.statusCode(), path);
            String etag = r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + ": no ETag"));
            assertTrue(r.headers().firstValue("Last-Modified").isPresent(), path);
            HttpResponse<String> again = get(server.base + path, "Accept", "text/turtle", "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertTrue(again.body().isEmpty(), path);
            HttpResponse<String> since = get(server.base + path, "Accept", "text/turtle",
                    "If-Modified-Since", r.headers().firstValue("Last-Modified").get());
            assertEquals(304, since.statusCode(), path);
        }
        // Another representation has another validator; an old validator gets the full response.
        String ttl = get(server.base + "/id/model/meditron-70b", "Accept", "text/turtle").headers().firstValue("ETag").get();
        String html = get(server.base + "/id/model/meditron-70b", "Accept", "text/html").headers().firstValue("ETag").get();
        assertNotEquals(ttl, html);
        assertEquals(200, get(server.base + "/id/model/meditron-70b", "Accept", "text/turtle", "If-None-Match", "\"0000-old\"").statusCode());
        // Errors carry no validator.
        HttpResponse<String> missing = get(server.base + "/id/model/no-such-model", "Accept", "text/turtle");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.headers().firstValue("ETag").isPresent());
    }

    @Test
    void gzippedResponsesStillRevalidate() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base + "/id/model/meditron-70b"))
                .header("Accept", "text/html").header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(URI.create(server.base + "/id/model/meditron-70b"))
                .header("Accept", "text/html").header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode(), "the gzip variant's ETag " + etag);
    }

    /** One definition of "triples in the dataset": VoID, the endpoint's COUNT, stats, /browse and the build agree. */
    @Test
    void voidCountsAgreeWithTheEndpointAndNameEveryGraph() throws Exception {
        HttpResponse<String> r = get(server.base + "/.well-known/void");
        Graph g = turtle(r.body(), server.base);
        Node ds = iri("https://w3id.org/medkg/dataset");
        long voidTriples = Long.parseLong(g.find(ds, iri(VOID + "triples"), Node.ANY).next().getObject().getLiteralLexicalForm());
        HttpResponse<String> count = server.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv");
        long endpoint = Long.parseLong(count.body().lines().skip(1).findFirst().orElseThrow().strip());
        assertEquals(endpoint, voidTriples, "VoID and the endpoint");
        assertEquals(endpoint, server.store.info().triples(), "the build's record");
        assertEquals(endpoint, ((Number) Coverage.compute(server.store.dataset()).get("triples")).longValue(), "stats and /browse");
        assertTrue(get(server.base + "/browse", "Accept", "text/html").body().contains("<strong>" + endpoint + "</strong>triples"));
        // Every named graph is a subset with its count; with the default graph they add up to the N-Quads dump.
        long quads = voidTriples;
        for (String name : List.of("ontology", "queries", "closure")) {
            Node graphName = iri("https://w3id.org/medkg/graph/" + name);
            Node named = g.find(Node.ANY, iri(SD + "name"), graphName).next().getSubject();
            assertTrue(g.contains(ds, iri(SD + "namedGraph"), named), name);
            Node subset = g.find(named, iri(SD + "graph"), Node.ANY).next().getObject();
            assertTrue(g.contains(ds, iri(VOID + "subset"), subset), name);
            long n = Long.parseLong(g.find(subset, iri(VOID + "triples"), Node.ANY).next().getObject().getLiteralLexicalForm());
            assertTrue(n > 0, name);
            quads += n;
        }
        long dumped = get(server.base + "/dump.nq").body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertEquals(dumped, quads, "default graph plus named graphs = the lines of /dump.nq");
        assertEquals(dumped, server.store.info().quads());
    }

    /** A raw request, so the Host header can be set to anything. */
    static String raw(int port, String path, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nConnection: close\r\n");
            for (String h : headers) req.append(h).append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void linksNeverComeFromTheHostHeader() throws Exception {
        int port = server.server.port();
        String v = raw(port, "/.well-known/void", "Host: evil.example", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https");
        assertTrue(v.startsWith("HTTP/1.1 200"), v.lines().findFirst().orElse(""));
        assertFalse(v.contains("evil.example"), "the Host and X-Forwarded-* headers are not trusted by default");
        assertTrue(v.contains("http://127.0.0.1:" + port + "/medkg/sparql"));
    }

    @Test
    void publicUrlAndTrustedProxyHeadersSetTheLinks() throws Exception {
        MedkgServer fixed = MedkgServer.start(server.store.dataset(), server.store.info(), QueryLibrary.load(Catalogs.QUERIES),
                new MedkgServer.Options("127.0.0.1", 0, 5000, "https://w3id.org/medkg/", "*",
                        new PublicUrl("https://medkg.example.org/", false)));
        MedkgServer proxied = MedkgServer.start(server.store.dataset(), server.store.info(), QueryLibrary.load(Catalogs.QUERIES),
                new MedkgServer.Options("127.0.0.1", 0, 5000, "https://w3id.org/medkg/", "*", new PublicUrl(null, true)));
        try {
            String v = raw(fixed.port(), "/.well-known/void", "Host: evil.example");
            assertTrue(v.contains("https://medkg.example.org/medkg/sparql") && !v.contains("evil.example"), v);
            String sd = raw(fixed.port(), "/medkg/sparql", "Host: evil.example");
            Graph g = turtle(sd.substring(sd.indexOf("\r\n\r\n") + 4).replaceAll("(?m)^[0-9a-f]+\r$", ""), "http://ignored.example/");
            assertTrue(g.contains(iri("https://medkg.example.org/medkg/sparql"), RDF.type.asNode(), iri(SD + "Service")), sd);
            String behind = raw(proxied.port(), "/.well-known/void", "Host: internal:8080",
                    "X-Forwarded-Host: medkg.example.net", "X-Forwarded-Proto: https");
            assertTrue(behind.contains("https://medkg.example.net/medkg/sparql"), behind);
            String forged = raw(proxied.port(), "/.well-known/void", "Host: x", "X-Forwarded-Host: evil.example/<script>");
            assertFalse(forged.contains("evil.example"), "a malformed forwarded host is ignored");
        } finally {
            fixed.stop();
            proxied.stop();
        }
        assertTrue(assertRejected("ftp://example.org") && assertRejected("not a url") && assertRejected("https://"));
    }

    private static boolean assertRejected(String url) {
        try {
            new PublicUrl(url, false);
            return false;
        } catch (IllegalArgumentException e) {
            return e.getMessage().contains("--public-url");
        }
    }

    @Test
    void queryLibraryIsPublishedAsSparqlExamples() throws Exception {
        HttpResponse<String> r = get(server.base + "/.well-known/sparql-examples");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        Graph g = turtle(r.body(), server.base);
        String sh = "http://www.w3.org/ns/shacl#";
        QueryLibrary library = QueryLibrary.load(Catalogs.QUERIES);
        long executables = g.find(Node.ANY, RDF.type.asNode(), iri(sh + "SPARQLSelectExecutable")).toList().size();
        assertEquals(library.all().size(), executables);
        assertEquals(executables, g.find(Node.ANY, iri(sh + "select"), Node.ANY).toList().size(), "each has its query text");
        assertEquals(200, get(server.base + "/.well-known/sparql-examples", "Accept", "application/ld+json").statusCode());
    }

    @Test
    void outputAndFormatParametersChooseTheResultFormat() throws Exception {
        String construct = TestServer.enc("CONSTRUCT { ?m a <https://w3id.org/medkg/ontology#Model> } WHERE { ?m a <https://w3id.org/medkg/ontology#Model> }");
        HttpResponse<String> rdfxml = get(server.base + "/medkg/sparql?query=" + construct + "&output=rdf%2Bxml&format=rdf%2Bxml");
        assertEquals(200, rdfxml.statusCode(), rdfxml.body());
        assertTrue(rdfxml.headers().firstValue("Content-Type").orElse("").startsWith("application/rdf+xml"));
        Graph g = GraphFactory.createGraphMem();
        RDFParser.fromString(rdfxml.body(), Lang.RDFXML).parse(g);
        assertTrue(g.size() > 0);
        String select = TestServer.enc("SELECT ?m WHERE { ?m a <https://w3id.org/medkg/ontology#Model> } LIMIT 2");
        assertTrue(get(server.base + "/medkg/sparql?query=" + select + "&format=json").headers()
                .firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
        assertTrue(get(server.base + "/medkg/sparql?query=" + select + "&output=xml").headers()
                .firstValue("Content-Type").orElse("").startsWith("application/sparql-results+xml"));
        assertTrue(get(server.base + "/medkg/sparql?query=" + construct + "&output=json").headers()
                .firstValue("Content-Type").orElse("").startsWith("application/ld+json"));
        HttpResponse<String> bad = get(server.base + "/medkg/sparql?query=" + select + "&output=yaml");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("output=yaml is not a result format; expected one of json, xml"), bad.body());
    }

    /** The real SPARQLWrapper (Debian's python3-sparqlwrapper), with its defaults: JSON SELECT and RDF/XML CONSTRUCT. */
    @Test
    void sparqlWrapperDefaultsWork() throws Exception {
        String script = """
                import sys
                from SPARQLWrapper import SPARQLWrapper, JSON
                s = SPARQLWrapper(sys.argv[1])
                s.setQuery('SELECT ?m WHERE { ?m a <https://w3id.org/medkg/ontology#Model> }')
                s.setReturnFormat(JSON)
                print('select', len(s.query().convert()['results']['bindings']))
                c = SPARQLWrapper(sys.argv[1])
                c.setQuery('CONSTRUCT { ?m a <https://w3id.org/medkg/ontology#Model> } WHERE { ?m a <https://w3id.org/medkg/ontology#Model> }')
                print('construct', len(c.query().convert()))
                """;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, server.base + "/medkg/sparql").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "SPARQLWrapper (apt-get install python3-sparqlwrapper):\n" + out);
        HttpResponse<String> n = server.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/medkg/ontology#Model> }", "text/csv");
        String models = n.body().lines().skip(1).findFirst().orElseThrow().strip();
        assertTrue(out.contains("select " + models) && out.contains("construct " + models), out);
    }

    @Test
    void notFoundIsInTheRepresentationAskedFor() throws Exception {
        HttpResponse<String> ttl = get(server.base + "/id/model/meditron-7", "Accept", "text/turtle");
        assertEquals(404, ttl.statusCode());
        assertTrue(ttl.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(ttl.body().contains("/id/model/meditron-7b"), ttl.body());
        assertFalse(ttl.body().contains("<html"));
        HttpResponse<String> html = get(server.base + "/id/model/meditron-7", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(get(server.base + "/id/widget/x", "Accept", "application/ld+json").headers()
                .firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void browserSearchSuggestsNamesForATypo() throws Exception {
        HttpResponse<String> r = get(server.base + "/browse/search?q=Meditorn-70B", "Accept", "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Nothing in the catalog has that name") && r.body().contains("Did you mean"), r.body());
        assertTrue(r.body().contains("href=\"/id/model/meditron-70b\""), r.body());
    }
}
