package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medkg.testing.TestServer;
import org.medkg.vocab.MKG;

/** Dereferenceable IRIs, content negotiation, status codes, crafted paths, dumps and VoID, over real HTTP. */
class LinkedDataTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final Node MEDITRON = NodeFactory.createURI(MKG.ID_BASE + "model/meditron-70b");

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "valid/minimal", 10_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createGraphMem();
        RDFParser.source(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).lang(lang)
                .base("http://example.org/").parse(g);
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text/turtle,text/turtle,TTL", "application/ld+json,application/ld+json,JSONLD",
            "application/n-triples,application/n-triples,NT", "application/rdf+xml,application/rdf+xml,RDFXML",
            "'text/turtle;q=0.9, application/ld+json;q=0.5',text/turtle,TTL"})
    void acceptHeaderChoosesRdfFormat(String accept, String expectedType, String lang) throws Exception {
        HttpResponse<String> r = server.get("/id/model/meditron-70b", accept);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(expectedType), r.headers().toString());
        assertTrue(r.headers().allValues("Vary").contains("Accept"));
        Lang l = switch (lang) { case "TTL" -> Lang.TURTLE; case "JSONLD" -> Lang.JSONLD; case "NT" -> Lang.NTRIPLES; default -> Lang.RDFXML; };
        Graph g = parse(r.body(), l);
        assertTrue(g.contains(MEDITRON, MKG.builtOn, NodeFactory.createURI(MKG.ID_BASE + "model/llama-2-70b")));
        Node derivation = NodeFactory.createURI(MEDITRON.getURI() + "#from-llama-2-70b");
        assertTrue(g.contains(derivation, MKG.relation, MKG.term("ContinuedPretraining")), "qualified derivation included");
        assertTrue(g.contains(derivation, MKG.hadPrimarySource, NodeFactory.createURI("https://huggingface.co/epfl-llm/meditron-70b")));
        assertTrue(g.contains(MEDITRON, MKG.evaluation, Node.ANY), "evaluation results included");
    }

    @Test
    void browsersGetHtml() throws Exception {
        HttpResponse<String> r = server.get("/id/model/meditron-70b",
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("<h1>MEDITRON-70B</h1>"));
        assertTrue(r.body().contains("<svg"), "lineage picture inline");
        assertTrue(r.body().contains("https://huggingface.co/epfl-llm/meditron-70b"), "edge source shown");
        assertEquals("/id/model/meditron-70b.html", r.headers().firstValue("Content-Location").orElse(""));
    }

    @ParameterizedTest
    @CsvSource({"ttl,text/turtle", "jsonld,application/ld+json", "nt,application/n-triples", "rdf,application/rdf+xml", "html,text/html"})
    void suffixesChooseTheFormat(String suffix, String type) throws Exception {
        HttpResponse<String> r = server.get("/id/model/meditron-70b." + suffix, "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type));
    }

    @Test
    void everyKindHasAPage() throws Exception {
        for (String path : List.of("/id/family/llama-2", "/id/institute/epfl", "/id/benchmark/medqa", "/id/modality/text",
                "/id/license/llama-2-community", "/id/system/triage-agent", "/id/publication/survey-2023",
                "/browse", "/browse/queries", "/browse/queries/built-on", "/browse/queries/built-on?base=llama-2"))
            assertEquals(200, server.get(path, "text/html").statusCode(), path);
        assertTrue(server.get("/id/family/llama-2", "text/html").body().contains("data-id=\"meditron-70b\""),
                "a family's picture shows everything built on it");
        assertTrue(server.get("/id/benchmark/medqa", "text/html").body().contains("70.2"));
    }

    @Test
    void unknownIdGets404WithCloseMatches() throws Exception {
        HttpResponse<String> r = server.get("/id/model/meditron-7", "text/html");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("/id/model/meditron-7b") && r.body().contains("/id/model/meditron-70b"), r.body());
        assertEquals(404, server.get("/id/widget/meditron-70b", "text/html").statusCode());
        assertEquals(301, server.get("/id/model/MEDITRON-70B", "text/html").statusCode(), "ids are lowercase: redirected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/id/model/..%2f..%2fpom.xml", "/id/model/%2e%2e/%2e%2e/pom.xml", "/id/model/meditron-70b%00.ttl",
            "/id/model/meditron-70b;jsessionid=1", "/id/model/..", "/id/..%2fpom.xml", "/id/model/%2e%2e",
            "/lineage/model/..%2f..%2fpom.xml.svg", "/dump.nt%00", "/id/model/.hidden"})
    void craftedPathsGet4xxAndNeverAFile(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.base + path)).header("Accept", "text/turtle").GET().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, path + " -> " + r.statusCode());
        assertFalse(r.body().contains("<artifactId>") || r.body().contains("<project"), "no file content leaks");
    }

    @ParameterizedTest
    @CsvSource({"ttl,TTL", "nt,NT", "jsonld,JSONLD", "rdf,RDFXML"})
    void dumpsAreCompleteAndCacheable(String ext, String lang) throws Exception {
        HttpResponse<String> r = server.get("/dump." + ext, null);
        assertEquals(200, r.statusCode());
        String etag = r.headers().firstValue("ETag").orElseThrow();
        String lastModified = r.headers().firstValue("Last-Modified").orElseThrow();
        Lang l = switch (lang) { case "TTL" -> Lang.TURTLE; case "JSONLD" -> Lang.JSONLD; case "NT" -> Lang.NTRIPLES; default -> Lang.RDFXML; };
        Graph dump = parse(r.body(), l);
        Graph expected = GraphFactory.createGraphMem();
        Txn.executeRead(server.store.dataset(), () -> {
            org.medkg.render.Exporter.forEach(server.store.dataset(), true, expected::add);
        });
        assertTrue(expected.isIsomorphicWith(dump), ext + ": dump has " + dump.size() + " triples, store " + expected.size());
        HttpClient c = HttpClient.newHttpClient();
        HttpResponse<String> again = c.send(HttpRequest.newBuilder(URI.create(server.base + "/dump." + ext))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        HttpResponse<String> since = c.send(HttpRequest.newBuilder(URI.create(server.base + "/dump." + ext))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, since.statusCode());
    }

    @Test
    void voidDescribesTheDataset() throws Exception {
        HttpResponse<String> r = server.get("/.well-known/void", null);
        assertEquals(200, r.statusCode());
        Graph g = parse(r.body(), Lang.TURTLE);
        String v = "http://rdfs.org/ns/void#";
        Node ds = NodeFactory.createURI("https://w3id.org/medkg/dataset");
        assertTrue(g.contains(ds, NodeFactory.createURI(v + "triples"), Node.ANY));
        assertTrue(g.contains(ds, NodeFactory.createURI(v + "sparqlEndpoint"), NodeFactory.createURI(server.base + "/medkg/sparql")));
        assertTrue(g.contains(ds, NodeFactory.createURI(v + "dataDump"), NodeFactory.createURI(server.base + "/dump.nt")));
        assertTrue(g.contains(ds, NodeFactory.createURI(v + "exampleResource"), MEDITRON));
        assertTrue(g.contains(ds, NodeFactory.createURI("http://purl.org/dc/terms/license"), Node.ANY));
        assertTrue(g.contains(ds, org.apache.jena.vocabulary.RDF.type.asNode(), NodeFactory.createURI("http://www.w3.org/ns/dcat#Dataset")));
        assertTrue(g.contains(Node.ANY, NodeFactory.createURI("http://www.w3.org/ns/dcat#downloadURL"), NodeFactory.createURI(server.base + "/dump.ttl")));
    }

    @Test
    void lineagePictureIsAnSvgWithLinkedNodes() throws Exception {
        HttpResponse<String> r = server.get("/lineage/model/bio-clinicalbert.svg?depth=2&color=modality", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        Graph unused = GraphFactory.createGraphMem();
        assertTrue(unused.isEmpty());
        for (String id : List.of("bio-clinicalbert", "biobert-v1.0", "bert-base-cased"))
            assertTrue(r.body().contains("data-id=\"" + id + "\""), id);
        assertTrue(r.body().contains("href=\"/id/model/bert-base-cased\""));
        assertTrue(r.body().contains("continued pretraining"));
        assertTrue(r.body().contains("Colour: modality"));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))); // well-formed XML
    }

    /**
     * A very long id is refused by the URL bound (414); a long one within it gets a short 404 at once: no
     * closest-match search, and only a prefix is echoed.
     */
    @Test
    void longIdGetsABoundedNotFound() throws Exception {
        assertEquals(414, server.get("/id/model/" + "a".repeat(400_000), "text/html").statusCode());
        var r = server.get("/id/model/" + "a".repeat(10_000), "text/html");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().length() < 10_000, "the id is not echoed whole: " + r.body().length());
        assertTrue(r.body().contains("at most 200 characters"), r.body());
    }

    /** Ids are lowercase: a wrongly cased id redirects to the canonical one. */
    @Test
    void wronglyCasedIdRedirectsToTheCanonicalOne() throws Exception {
        var r = server.get("/id/model/MEDITRON-70B", "text/turtle");
        assertEquals(301, r.statusCode());
        assertEquals("/id/model/meditron-70b", r.headers().firstValue("Location").orElse(""));
    }
}
