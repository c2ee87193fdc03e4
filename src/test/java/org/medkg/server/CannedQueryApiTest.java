package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medkg.query.CannedQuery;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/**
 * Every canned query parses, is documented, and returns the expected rows on the fixture catalog, run over HTTP
 * on the real server; parameters are resolved by name or alias and crafted values are refused with 400.
 */
class CannedQueryApiTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXPECTED = Catalogs.MINIMAL.resolve("expected");

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "valid/minimal", 10_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> queryNames() throws IOException {
        return QueryLibrary.load(Catalogs.QUERIES).all().stream().map(CannedQuery::name).toList();
    }

    static Map<String, String> paramsFor(String name) throws IOException {
        for (String line : Files.readAllLines(EXPECTED.resolve("params.txt"))) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] parts = line.split(" ", 2);
            if (!parts[0].equals(name)) continue;
            Map<String, String> out = new LinkedHashMap<>();
            if (parts.length > 1) {
                String[] kv = parts[1].split("=", 2);
                out.put(kv[0], kv[1]);
            }
            return out;
        }
        throw new AssertionError("no line for " + name + " in expected/params.txt");
    }

    @Test
    void libraryIsListedWithMetadata() throws Exception {
        HttpResponse<String> r = server.get("/api/queries", null);
        assertEquals(200, r.statusCode());
        JsonNode list = JSON.readTree(r.body());
        assertTrue(list.size() >= 12, "at least 12 canned queries");
        for (JsonNode q : list) {
            assertFalse(q.path("title").asText().isBlank(), q.toString());
            assertFalse(q.path("description").asText().isBlank(), q.toString());
            assertTrue(q.path("sparql").asText().contains("SELECT"), q.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryNames")
    void cannedQueryReturnsExpectedRows(String name) throws Exception {
        StringBuilder qs = new StringBuilder();
        paramsFor(name).forEach((k, v) -> qs.append(qs.isEmpty() ? "?" : "&").append(k).append('=').append(TestServer.enc(v)));
        HttpResponse<String> r = server.get("/api/queries/" + name + qs, "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/tab-separated-values"));
        // -Dmedkg.regenerateExpected=true rewrites the expected file (review the diff before committing it).
        if (Boolean.getBoolean("medkg.regenerateExpected")) Files.writeString(EXPECTED.resolve(name + ".tsv"), r.body());
        String expected = Files.readString(EXPECTED.resolve(name + ".tsv"));
        assertEquals(expected.strip(), r.body().strip(), name + " on valid/minimal");
        assertTrue(expected.lines().count() > 1, name + ": the fixture must give at least one row");
    }

    @Test
    void resultsFollowTheAcceptHeader() throws Exception {
        String path = "/api/queries/built-on?base=llama-2";
        assertTrue(server.get(path, "application/sparql-results+json").body().contains("\"bindings\""));
        assertTrue(server.get(path, "application/sparql-results+xml").body().contains("<sparql"));
        assertTrue(server.get(path, "text/csv").body().startsWith("model,name,depth"));
        assertTrue(server.get(path, null).headers().firstValue("Content-Type").orElse("").contains("json"));
    }

    @Test
    void namesAliasesAndIdsResolveIgnoringCase() throws Exception {
        for (String base : List.of("llama-2", "LLAMA 2", "Llama-2", "llama 2"))
            assertTrue(server.get("/api/queries/built-on?base=" + TestServer.enc(base), "text/csv").body()
                    .contains("meditron-70b"), base);
        assertTrue(server.get("/api/queries/lineage?model=BiomedBERT", "text/csv").statusCode() == 200);
    }

    @Test
    void unknownNameGets400WithClosestMatches() throws Exception {
        HttpResponse<String> r = server.get("/api/queries/built-on?base=Lama-2", null);
        assertEquals(400, r.statusCode());
        String error = JSON.readTree(r.body()).path("error").asText();
        assertTrue(error.contains("closest matches") && error.contains("llama-2"), error);
        assertEquals(404, server.get("/api/queries/no-such-query", null).statusCode());
        assertEquals(400, server.get("/api/queries/built-on", null).statusCode(), "missing required parameter");
        assertEquals(400, server.get("/api/queries/built-on?base=llama-2&nope=1", null).statusCode(), "unknown parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"} ; DROP ALL #", "llama-2\" } ; DROP ALL #", "llama-2' } #", "<http://example.org/x>",
            "?s ?p ?o", "llama-2\u0000", "x\n} SERVICE <http://evil/> {", "{}"})
    void injectionAttemptsGet400AndChangeNothing(String value) throws Exception {
        long before = SparqlServiceTest_count();
        HttpResponse<String> r = server.get("/api/queries/built-on?base=" + TestServer.enc(value), null);
        assertEquals(400, r.statusCode(), value + " -> " + r.body());
        HttpResponse<String> s = server.get("/api/queries/search?text=" + TestServer.enc(value), null);
        assertEquals(400, s.statusCode(), value + " -> " + s.body());
        assertEquals(before, SparqlServiceTest_count());
    }

    private static long SparqlServiceTest_count() throws Exception {
        HttpResponse<String> r = server.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-results+json");
        return JSON.readTree(r.body()).at("/results/bindings/0/n/value").asLong();
    }

    @Test
    void queryLibraryIsPublishedAsRdf() throws Exception {
        HttpResponse<String> r = server.sparql("""
                PREFIX sh: <http://www.w3.org/ns/shacl#>
                PREFIX schema: <https://schema.org/>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?q WHERE { ?q a sh:SPARQLExecutable ; sh:select ?text ; rdfs:comment ?c ; schema:keywords "lineage" }""",
                "text/csv");
        assertEquals(200, r.statusCode());
        List<String> rows = new ArrayList<>(r.body().lines().toList());
        assertTrue(rows.size() > 4, r.body());
        assertTrue(r.body().contains("https://w3id.org/medkg/query/built-on"), r.body());
    }
}
