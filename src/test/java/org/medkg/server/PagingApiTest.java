package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.medkg.query.CannedQuery;
import org.medkg.query.Paging;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/**
 * Paging of the canned queries over HTTP on the real server: for every query, pages followed through their
 * {@code Link rel="next"} concatenate to exactly the full answer (so they never overlap and miss nothing), every page
 * carries the total, the last has no next link; bad limits and offsets get 400 saying what was expected; a
 * {@code format=} parameter wins over Accept.
 */
class PagingApiTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "valid/minimal", 10_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> queryNames() throws IOException {
        return CannedQueryApiTest.queryNames();
    }

    private static String queryString(String name) throws IOException {
        StringBuilder qs = new StringBuilder();
        CannedQueryApiTest.paramsFor(name).forEach((k, v) ->
                qs.append(qs.isEmpty() ? "?" : "&").append(k).append('=').append(TestServer.enc(v)));
        return qs.toString();
    }

    private static List<String> rows(String tsv) {
        List<String> lines = new ArrayList<>(tsv.lines().toList());
        lines.remove(0);                          // the header
        return lines;
    }

    private static String nextLink(HttpResponse<String> r) {
        String link = r.headers().firstValue("Link").orElse(null);
        if (link == null) return null;
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find(), "a Link header that is not rel=next: " + link);
        return m.group(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryNames")
    void pagesConcatenateToTheFullAnswer(String name) throws Exception {
        String path = "/api/queries/" + name + queryString(name);
        HttpResponse<String> whole = server.get(path, "text/tab-separated-values");
        assertEquals(200, whole.statusCode(), whole.body());
        assertTrue(whole.headers().firstValue(Paging.TOTAL_COUNT_HEADER).isEmpty(), "a whole answer is not a page");
        List<String> full = rows(whole.body());
        assertFalse(full.isEmpty(), name + " gives rows on the fixture");
        int limit = 2;
        List<String> collected = new ArrayList<>();
        String url = path + (path.contains("?") ? "&" : "?") + "limit=" + limit;
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = server.get(url, "text/tab-separated-values");
            assertEquals(200, r.statusCode(), url + " -> " + r.body());
            assertEquals(String.valueOf(full.size()), r.headers().firstValue(Paging.TOTAL_COUNT_HEADER).orElse(null),
                    "every page carries the total: " + url);
            List<String> page = rows(r.body());
            url = nextLink(r);
            if (url != null) assertEquals(limit, page.size(), "a page before the last is full: " + url);
            else assertTrue(page.size() >= 1 && page.size() <= limit, "the last page: " + page);
            collected.addAll(page);
            assertTrue(++pages <= full.size(), "more pages than rows: the next links loop");
        }
        assertEquals(full, collected, name + ": the pages, in order, are the full answer (no overlap, no gap)");
        assertEquals((full.size() + limit - 1) / limit, pages);
    }

    @Test
    void jsonPageCarriesTotalAndNextAndStillParsesAsSparqlResults() throws Exception {
        String path = "/api/queries/built-on?base=llama-2";
        long total = ResultSetFormatter.consume(ResultSetMgr.read(
                new ByteArrayInputStream(server.get(path, null).body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON));
        assertTrue(total >= 2, "the fixture has at least two rows built on Llama 2");
        HttpResponse<String> r = server.get(path + "&limit=1", "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals(1, doc.at("/results/bindings").size());
        assertEquals(total, doc.at("/paging/total").asLong());
        assertEquals(0, doc.at("/paging/offset").asLong());
        assertEquals(1, doc.at("/paging/limit").asInt());
        assertEquals("/api/queries/built-on?base=llama-2&limit=1&offset=1", doc.at("/paging/next").asText());
        assertEquals(doc.at("/paging/next").asText(), nextLink(r));
        assertEquals(String.valueOf(total), r.headers().firstValue(Paging.TOTAL_COUNT_HEADER).orElseThrow());
        // Readers of SPARQL JSON results skip the extra member: Jena's, and rdflib's (Debian python3-rdflib).
        assertEquals(1, ResultSetFormatter.consume(ResultSetMgr.read(
                new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)));
        Path f = tmp.resolve("page.srj");
        Files.writeString(f, r.body());
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys\ntry:\n import rdflib\nexcept ImportError:\n"
                + " sys.exit('python3-rdflib is missing: apt-get install python3-rdflib')\n"
                + "from rdflib.query import Result\nprint(len(list(Result.parse(open(sys.argv[1], 'rb'), format='json'))))",
                f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals("1", out, "rdflib reads the page's one row");
        // The last page: the total, no next link, next null in the JSON.
        HttpResponse<String> last = server.get(path + "&limit=1&offset=" + (total - 1), null);
        assertTrue(last.headers().firstValue("Link").isEmpty(), "no next link on the last page");
        assertTrue(JSON.readTree(last.body()).at("/paging/next").isNull());
    }

    @Test
    void limitZeroGivesTheTotalOnlyAndAnOffsetPastTheEndAnEmptyPage() throws Exception {
        String path = "/api/queries/open-weights";
        int total = rows(server.get(path, "text/tab-separated-values").body()).size();
        HttpResponse<String> count = server.get(path + "?limit=0", "text/tab-separated-values");
        assertEquals(200, count.statusCode());
        assertEquals(String.valueOf(total), count.headers().firstValue(Paging.TOTAL_COUNT_HEADER).orElseThrow());
        assertTrue(rows(count.body()).isEmpty());
        assertTrue(count.headers().firstValue("Link").isEmpty(), "limit=0 has no next page");
        HttpResponse<String> past = server.get(path + "?limit=10&offset=" + (total + 5), "text/tab-separated-values");
        assertEquals(200, past.statusCode());
        assertTrue(rows(past.body()).isEmpty());
        assertTrue(past.headers().firstValue("Link").isEmpty());
        // Without a limit, an offset streams the rest.
        List<String> rest = rows(server.get(path + "?offset=1", "text/tab-separated-values").body());
        List<String> all = rows(server.get(path, "text/tab-separated-values").body());
        assertEquals(all.subList(1, all.size()), rest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit=-1|limit must be a whole number from 0 to 10000",
            "limit=abc|limit must be a whole number from 0 to 10000",
            "limit=1.5|limit must be a whole number from 0 to 10000",
            "limit=|limit must be a whole number from 0 to 10000",
            "limit=10001|limit must be at most 10000",
            "offset=-3|offset must be a whole number, 0 or more",
            "offset=ten|offset must be a whole number, 0 or more",
            "limit=1&limit=2|parameter 'limit' is given more than once",
            "format=turtle|expected json, xml, csv or tsv",
            "format=csv&output=json|ask for different results formats"})
    void badPagingOrFormatGets400SayingWhatWasExpected(String query, String message) throws Exception {
        HttpResponse<String> r = server.get("/api/queries/built-on?base=llama-2&" + query, null);
        assertEquals(400, r.statusCode(), query + " -> " + r.body());
        String error = JSON.readTree(r.body()).path("error").asText();
        assertTrue(error.contains(message), query + " -> " + error);
    }

    @Test
    void formatParameterWinsOverAccept() throws Exception {
        String path = "/api/queries/built-on?base=llama-2";
        HttpResponse<String> csv = server.get(path + "&format=csv", "application/sparql-results+json");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("model,name,depth,parent"), csv.body());
        // As SPARQLWrapper sends them: every key, and for TSV the media type as a second value.
        HttpResponse<String> json = server.get(path + "&format=json&output=json&results=json", "text/csv");
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
        assertTrue(JSON.readTree(json.body()).at("/results/bindings").size() >= 2);
        HttpResponse<String> tsv = server.get(path + "&format=tsv&format=text%2Ftab-separated-values&output=tsv"
                + "&output=text%2Ftab-separated-values&results=tsv&results=text%2Ftab-separated-values", null);
        assertEquals(200, tsv.statusCode(), tsv.body());
        assertTrue(tsv.body().startsWith("?model\t?name"), tsv.body());
        HttpResponse<String> xml = server.get(path + "&output=application%2Fsparql-results%2Bxml&limit=1", "text/csv");
        assertTrue(xml.body().contains("<sparql"), xml.body());
        assertTrue(xml.headers().firstValue(Paging.TOTAL_COUNT_HEADER).isPresent(), "paging works in every format");
    }

    @Test
    void browsePageShowsOnePageWithNMoreAndANextLink() throws Exception {
        String path = "/browse/queries/built-on?base=llama-2&run=1";
        int total = rows(server.get("/api/queries/built-on?base=llama-2", "text/tab-separated-values").body()).size();
        String whole = server.get(path, "text/html").body();
        assertTrue(whole.contains("<p class=\"src\">" + total + " rows.</p>"), "under 100 rows: one page, all rows");
        String first = server.get(path + "&limit=1", "text/html").body();
        assertTrue(first.contains("Rows 1–1 of " + total + "; " + (total - 1) + " more."), first);
        Matcher next = Pattern.compile("<a href=\"([^\"]+)\">next 1 →</a>").matcher(first);
        assertTrue(next.find(), first);
        String second = server.get(next.group(1).replace("&amp;", "&"), "text/html").body();
        assertTrue(second.contains("Rows 2–2 of " + total), second);
        assertTrue(second.contains("← previous"), second);
        assertEquals(400, server.get(path + "&offset=-1", "text/html").statusCode());
    }

    @Test
    void everyCannedQueryOrdersItsRowsTotally() throws Exception {
        for (CannedQuery q : QueryLibrary.load(Catalogs.QUERIES).all()) {
            Query query = q.query();
            Set<Var> ordered = new LinkedHashSet<>();
            assertTrue(query.hasOrderBy(), q.name() + " has no ORDER BY");
            query.getOrderBy().forEach(c -> { if (c.getExpression().isVariable()) ordered.add(c.getExpression().asVar()); });
            // A grouped query has one row per group key; any other query is ordered by every column it returns.
            List<Var> keys = query.hasGroupBy() ? query.getGroupBy().getVars() : query.getProjectVars();
            for (Var k : keys)
                assertTrue(ordered.contains(k), q.name() + ": ORDER BY lacks ?" + k.getVarName()
                        + ", so rows equal on the other keys could swap between pages");
        }
    }

    @Test
    void aQueryCannotDeclareAReservedParameter() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reserved"));
        Files.writeString(dir.resolve("010-x.rq"), "#+ title: x\n#+ description: x\n#+ params:\n#+   - name: limit\n"
                + "#+     type: integer\n#+     example: 3\nSELECT ?s WHERE { ?s ?p ?_limit } ORDER BY ?s\n");
        Exception e = assertThrows(Exception.class, () -> QueryLibrary.load(dir));
        assertTrue(e.getMessage().contains("parameter name 'limit' is reserved"), e.getMessage());
    }
}
