package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medkg.testing.TestServer;

/** The real server on a free port: read-only, no SERVICE, timeouts, and what the UI needs. */
class SparqlServiceTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "valid/minimal", 1500);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long count() throws Exception {
        HttpResponse<String> r = server.sparql(COUNT, "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).at("/results/bindings/0/n/value").asLong();
    }

    /**
     * A catastrophically backtracking REGEX (in BIND, so the optimizer would fold it, and in FILTER) and REPLACE stop
     * at the query timeout: 503, and no thread keeps matching afterwards.
     */
    @Test
    void regexStopsAtTheTimeoutAndFreesItsThread() throws Exception {
        String text = "a".repeat(40) + "b";
        for (String q : new String[] {
                "SELECT ?x { BIND(REGEX(\"" + text + "\", \"(.*a){30}c\") AS ?x) }",
                "SELECT ?x { VALUES ?x { \"" + text + "\" } FILTER(REGEX(?x, \"(.*a){30}c\")) }",
                "SELECT (REPLACE(\"" + text + "\", \"(.*a){30}c\", \"x\") AS ?x) {}"}) {
            HttpResponse<String> r = server.sparql(q, "application/sparql-results+json");
            assertEquals(503, r.statusCode(), q + " -> " + r.body());
        }
        Thread.sleep(500);
        boolean spinning = Thread.getAllStackTraces().values().stream().anyMatch(st -> java.util.Arrays.stream(st)
                .anyMatch(f -> f.getClassName().startsWith("java.util.regex.Pattern")));
        assertFalse(spinning, "a thread is still matching");
        HttpResponse<String> ok = server.sparql("SELECT ?x { BIND(REGEX(\"abc\", \"^A\", \"i\") AS ?x) }", "text/csv");
        assertTrue(ok.body().contains("true"), ok.body());
        assertTrue(count() > 0, "the server keeps answering");
    }

    /**
     * A runaway result (a triple cross product, hundreds of MB) never streams out as a 200 with a broken body: it
     * gets 503 with a hint, and an ordinary result is a complete JSON document.
     */
    @Test
    void runawayResultsGet503NotABrokenBody() throws Exception {
        HttpResponse<String> r = server.sparql("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "application/sparql-results+json");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("LIMIT") || r.body().contains("timed out"), r.body());
        HttpResponse<String> ok = server.sparql("SELECT * { ?s ?p ?o } LIMIT 500", "application/sparql-results+json");
        assertEquals(200, ok.statusCode());
        assertEquals(500, JSON.readTree(ok.body()).at("/results/bindings").size());
    }

    /** An update says the endpoint is read-only, whichever way it is sent. */
    @Test
    void updatesAreToldTheEndpointIsReadOnly() throws Exception {
        HttpResponse<String> asQuery = server.sparql("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }", "text/csv");
        assertEquals(403, asQuery.statusCode());
        assertTrue(asQuery.body().contains("read-only"), asQuery.body());
        HttpResponse<String> asUpdate = server.post("/medkg/sparql", "application/sparql-update", "CLEAR ALL");
        assertEquals(403, asUpdate.statusCode());
        HttpResponse<String> form = server.post("/medkg/sparql", "application/x-www-form-urlencoded", "update=" + TestServer.enc("DROP ALL"));
        assertEquals(403, form.statusCode());
        assertTrue(count() > 0);
    }

    /** A query too wide (5,000 UNIONs) or too deep (3,000 nested groups) gets 400 with the reason, not a 500. */
    @Test
    void deepOrWideQueriesGet400() throws Exception {
        StringBuilder wide = new StringBuilder("SELECT * WHERE { { ?s ?p 0 }");
        for (int i = 1; i < 5000; i++) wide.append(" UNION { ?s ?p ").append(i).append(" }");
        HttpResponse<String> w = server.sparql(wide.append(" }").toString(), "application/sparql-results+json");
        assertEquals(400, w.statusCode());
        assertTrue(w.body().contains("UNIONs"), w.body());
        String deep = "SELECT * WHERE " + "{ ".repeat(3000) + "?s ?p ?o" + " }".repeat(3000);
        HttpResponse<String> d = server.post("/medkg/sparql", "application/sparql-query", deep);
        assertEquals(400, d.statusCode());
        assertTrue(d.body().contains("deep"), d.body());
        assertTrue(count() > 0);
    }

    /** Bodies and URLs are bounded before anything parses them; normal queries keep working. */
    @Test
    void oversizedRequestsAreRefusedBeforeParsing() throws Exception {
        String comment = "# " + "a".repeat(10 * 1024 * 1024) + "\nSELECT * WHERE { ?s ?p ?o } LIMIT 1";
        var http = java.net.http.HttpClient.newHttpClient();
        java.net.URI endpoint = java.net.URI.create(server.base + "/medkg/sparql");
        HttpResponse<String> declared = http.send(java.net.http.HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/sparql-query")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(comment)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode(), "a 10 MB body with its length declared");
        // Without a declared length (chunked transfer), the body is cut off at the bound.
        byte[] bytes = comment.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> chunked = http.send(java.net.http.HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/sparql-query")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), "a 10 MB chunked body");
        assertEquals(414, server.get("/medkg/sparql?query=" + "a".repeat(20_000), null).statusCode());
        HttpResponse<String> trace = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base + "/id/model/meditron-70b"))
                .method("TRACE", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, trace.statusCode());
        assertTrue(count() > 0, "normal queries are still answered");
    }

    @Test
    void pingAndUiAndDatasetListing() throws Exception {
        assertEquals(200, server.get("/$/ping", null).statusCode());
        HttpResponse<String> ui = server.get("/", "text/html");
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("<div id=\"app\""), "Fuseki UI's index.html is served at /");
        HttpResponse<String> status = server.get("/$/server", "application/json");
        assertEquals(200, status.statusCode());
        JsonNode ds = JSON.readTree(status.body()).path("datasets");
        assertEquals("/medkg", ds.get(0).path("ds.name").asText(), status.body());
    }

    @Test
    void sparqlEndpointAnswers() throws Exception {
        assertTrue(count() > 100);
        HttpResponse<String> r = server.get("/medkg/sparql?query=" + TestServer.enc(
                "PREFIX mkg: <https://w3id.org/medkg/ontology#> ASK { ?m mkg:builtOn/mkg:builtOn ?root }"),
                "application/sparql-results+json");
        assertEquals(200, r.statusCode());
        assertTrue(JSON.readTree(r.body()).path("boolean").asBoolean());
    }

    @Test
    void updatesAreRefusedAndChangeNothing() throws Exception {
        long before = count();
        List<HttpResponse<String>> attempts = List.of(
                server.post("/medkg/update", "application/x-www-form-urlencoded", "update=" + TestServer.enc("DROP ALL")),
                server.post("/medkg/update", "application/sparql-update", "DROP ALL"),
                server.post("/medkg", "application/sparql-update", "DROP ALL"),
                server.post("/medkg", "application/x-www-form-urlencoded", "update=" + TestServer.enc("CLEAR DEFAULT")),
                server.post("/medkg/data", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
                server.put("/medkg/data?default", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
                server.post("/medkg/upload", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
                server.post("/$/datasets", "application/x-www-form-urlencoded", "dbName=x&dbType=mem"));
        for (HttpResponse<String> r : attempts)
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500,
                    r.request().method() + " " + r.uri() + " must be refused with 4xx, got " + r.statusCode());
        assertEquals(before, count(), "the data must be unchanged");
    }

    @Test
    void serviceIsRefused() throws Exception {
        HttpResponse<String> r = server.sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                "application/sparql-results+json");
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "SERVICE must be refused, got " + r.statusCode());
    }

    @Test
    void runawayQueryTimesOutAndServerKeepsServing() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = server.sparql(
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                "application/sparql-results+json");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 30);
        assertEquals(200, server.get("/$/ping", null).statusCode());
        assertTrue(count() > 100, "other queries still run");
    }

    @Test
    void noAdminApi() throws Exception {
        for (String path : List.of("/$/datasets", "/$/backup/medkg", "/$/compact/medkg", "/$/reload", "/$/tasks"))
            assertTrue(server.get(path, null).statusCode() >= 400, path + " must not exist");
    }

    /** A second SPARQL client that no one here wrote: curl, with the standard Accept headers. */
    @ParameterizedTest
    @ValueSource(strings = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv"})
    void curlReadsResultsOverTheProtocol(String accept) throws Exception {
        Process p = new ProcessBuilder("curl", "-sS", "-f", "-H", "Accept: " + accept,
                "--data-urlencode", "query=PREFIX mkg: <https://w3id.org/medkg/ontology#> "
                + "SELECT ?m WHERE { ?m mkg:builtOn+ <https://w3id.org/medkg/id/model/bert-base-cased> } ORDER BY ?m",
                server.base + "/medkg/sparql").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("https://w3id.org/medkg/id/model/bio-clinicalbert"), out);
        assertTrue(out.contains("https://w3id.org/medkg/id/model/biobert-v1.0"), out);
    }
}
