package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.query.CannedQuery;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/**
 * Over HTTP, {@code built-on} is answered from the lineage index once it is read (the response says so), with the
 * rows the query gives on the SPARQL endpoint, and pages of it that add up to the whole answer.
 */
class IndexedAnswersTest {
    @TempDir static Path tmp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(tmp, "data", 20_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> api(String query) throws Exception {
        return server.get("/api/queries/built-on?" + query, "text/csv");
    }

    /** CSV rows with the sources column (the last) as a sorted set, since GROUP_CONCAT's order is the engine's. */
    static List<String> rows(String csv) {
        List<String> out = new ArrayList<>();
        csv.lines().skip(1).forEach(l -> {
            int cut = l.lastIndexOf(',');
            String sources = l.substring(cut + 1).replace("\"", "");
            out.add(l.substring(0, cut) + "|" + new TreeSet<>(List.of(sources.split(" "))));
        });
        return out;
    }

    @Test
    void builtOnComesFromTheIndexWithTheQuerysRows() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        HttpResponse<String> r = api("base=bert-base-cased");
        while (!r.headers().firstValue(QueryApiServlet.ANSWERED_BY).orElse("").equals("lineage-index")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            r = api("base=bert-base-cased");
        }
        assertEquals("lineage-index", r.headers().firstValue(QueryApiServlet.ANSWERED_BY).orElse(""), "the index was read");
        CannedQuery q = QueryLibrary.load(Catalogs.QUERIES).get("built-on");
        for (String base : new String[] {"model/bert-base-cased", "family/llama-2", "model/llama-2-7b", "model/llama-2-70b"}) {
            String slug = base.substring(base.indexOf('/') + 1);
            String param = slug;
            HttpResponse<String> indexed = api("base=" + TestServer.enc(param));
            assertEquals(200, indexed.statusCode(), indexed.body());
            String sparql = QueryTransformOps.replaceVars(q.query(), Map.of(Var.alloc("_base"),
                    NodeFactory.createURI("https://w3id.org/medkg/id/" + base))).toString();
            HttpResponse<String> direct = server.sparql(sparql, "text/csv");
            assertEquals(200, direct.statusCode(), direct.body());
            List<String> expected = rows(direct.body());
            assertTrue(!expected.isEmpty(), base);
            assertEquals(expected, rows(indexed.body()), base);
            // Pages of 3 add up to the whole answer, with the total on each.
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < expected.size(); offset += 3) {
                HttpResponse<String> p = api("base=" + TestServer.enc(param) + "&limit=3&offset=" + offset);
                assertEquals(String.valueOf(expected.size()), p.headers().firstValue("Medkg-Total-Count").orElse(""));
                paged.addAll(rows(p.body()));
            }
            assertEquals(expected, paged, base + " pages");
        }
        // leaderboard: from the score index, with the query's rows.
        CannedQuery lq = QueryLibrary.load(Catalogs.QUERIES).get("leaderboard");
        HttpResponse<String> board = server.get("/api/queries/leaderboard?benchmark=MedQA", "text/csv");
        assertEquals("score-index", board.headers().firstValue(QueryApiServlet.ANSWERED_BY).orElse(""));
        String lsparql = QueryTransformOps.replaceVars(lq.query(), Map.of(Var.alloc("_benchmark"),
                NodeFactory.createURI("https://w3id.org/medkg/id/benchmark/medqa"))).toString();
        List<String> lexpected = rows(server.sparql(lsparql, "text/csv").body());
        assertTrue(!lexpected.isEmpty());
        assertEquals(lexpected, rows(board.body()), "leaderboard MedQA");
        // descendants: from the index too, with the rows the query gives (the endpoint has no tree order: as sets).
        CannedQuery dq = QueryLibrary.load(Catalogs.QUERIES).get("descendants");
        for (String model : new String[] {"bert-base-cased", "llama-2-7b"}) {
            HttpResponse<String> indexed = server.get("/api/queries/descendants?model=" + model, "text/csv");
            assertEquals("lineage-index", indexed.headers().firstValue(QueryApiServlet.ANSWERED_BY).orElse(""));
            String sparql = QueryTransformOps.replaceVars(dq.query(), Map.of(Var.alloc("_model"),
                    NodeFactory.createURI("https://w3id.org/medkg/id/model/" + model))).toString();
            List<String> expected = new ArrayList<>(rows(server.sparql(sparql, "text/csv").body()));
            // The API's tree order adds treeDepth as the second column: dropped to compare.
            List<String> actual = new ArrayList<>();
            for (String row : rows(indexed.body())) actual.add(row.replaceFirst("^([^,]*),\\d+,", "$1,"));
            assertTrue(!expected.isEmpty(), model);
            java.util.Collections.sort(expected);
            java.util.Collections.sort(actual);
            assertEquals(expected, actual, model);
        }
        // lineage (sources last) and by-institute (no sources: compared as written) from the indexes, over HTTP.
        CannedQuery lin = QueryLibrary.load(Catalogs.QUERIES).get("lineage");
        for (String model : new String[] {"meditron-70b", "bio-clinicalbert"}) {
            HttpResponse<String> indexed = server.get("/api/queries/lineage?model=" + model, "text/csv");
            assertEquals(200, indexed.statusCode(), indexed.body());
            assertEquals("lineage-index", indexed.headers().firstValue(QueryApiServlet.ANSWERED_BY).orElse(""));
            String sparql = QueryTransformOps.replaceVars(lin.query(), Map.of(Var.alloc("_model"),
                    NodeFactory.createURI("https://w3id.org/medkg/id/model/" + model))).toString();
            List<String> expected = rows(server.sparql(sparql, "text/csv").body());
            assertTrue(!expected.isEmpty(), model);
            assertEquals(expected, rows(indexed.body()), "lineage " + model);
        }
        CannedQuery bi = QueryLibrary.load(Catalogs.QUERIES).get("by-institute");
        HttpResponse<String> byInst = server.get("/api/queries/by-institute?institute=EPFL", "text/csv");
        assertEquals("institute-index", byInst.headers().firstValue(QueryApiServlet.ANSWERED_BY).orElse(""));
        String bsparql = QueryTransformOps.replaceVars(bi.query(), Map.of(Var.alloc("_institute"),
                NodeFactory.createURI("https://w3id.org/medkg/id/institute/epfl"))).toString();
        String expectedCsv = server.sparql(bsparql, "text/csv").body();
        assertTrue(expectedCsv.lines().count() > 1);
        assertEquals(expectedCsv, byInst.body(), "by-institute EPFL");
    }
}
