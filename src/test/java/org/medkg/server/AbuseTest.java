package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.query.QueryLibrary;
import org.medkg.testing.Catalogs;
import org.medkg.testing.TestServer;

/**
 * Every class of abusive request at once (a backtracking REGEX, a 10 MB body, 3,000 nested groups, 5,000 UNIONs,
 * a 10,000-character id, a runaway cross product) while four clients keep sending ordinary queries: each abuse gets
 * its bounded answer, and no ordinary query fails.
 */
class AbuseTest {
    @TempDir static Path tmp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(tmp, "valid/minimal", 2000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void abusiveRequestsGetBoundedAnswersWhileNormalQueriesAreServed() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger normalOk = new AtomicInteger();
        ConcurrentLinkedQueue<String> normalFailures = new ConcurrentLinkedQueue<>();
        Thread[] normal = new Thread[4];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = server.get("/api/queries/lineage?model=bio_clinicalbert", "text/csv");
                        if (r.statusCode() == 200 && r.body().contains("biobert-v1.0")) normalOk.incrementAndGet();
                        else normalFailures.add(r.statusCode() + " " + r.body());
                    } catch (Exception e) {
                        normalFailures.add(e.toString());
                    }
                }
            });
            normal[i].start();
        }
        try {
            String text = "a".repeat(40) + "b";
            assertEquals(503, server.sparql("SELECT ?x { BIND(REGEX(\"" + text + "\", \"(.*a){30}c\") AS ?x) }", "text/csv").statusCode());
            assertEquals(413, server.post("/medkg/sparql", "application/sparql-query", "# " + "a".repeat(10 << 20)).statusCode());
            assertEquals(400, server.post("/medkg/sparql", "application/sparql-query",
                    "SELECT * WHERE " + "{ ".repeat(3000) + "?s ?p ?o" + " }".repeat(3000)).statusCode());
            StringBuilder wide = new StringBuilder("SELECT * WHERE { { ?s ?p 0 }");
            for (int i = 1; i < 5000; i++) wide.append(" UNION { ?s ?p ").append(i).append(" }");
            assertEquals(400, server.post("/medkg/sparql", "application/sparql-query", wide.append(" }").toString()).statusCode());
            HttpResponse<String> slug = server.get("/id/model/" + "a".repeat(10_000), "text/html");
            assertEquals(404, slug.statusCode());
            assertTrue(slug.body().length() < 10_000);
            HttpResponse<String> runaway = server.sparql("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "application/sparql-results+json");
            assertEquals(503, runaway.statusCode(), runaway.body());
        } finally {
            running.set(false);
            for (Thread t : normal) t.join(30_000);
        }
        assertTrue(normalFailures.isEmpty(), "ordinary queries failed: " + normalFailures.stream().limit(3).toList());
        assertTrue(normalOk.get() > 10, "ordinary queries kept being answered: " + normalOk.get());
    }

    /** {@code --host ::1} listens on the IPv6 loopback (skipped where the machine has no IPv6). */
    @Test
    void ipv6LoopbackIsHonoured() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            Assumptions.assumeTrue(probe.isBound(), "no IPv6 loopback here");
        } catch (java.io.IOException e) {
            Assumptions.assumeTrue(false, "no IPv6 loopback here");
        }
        MedkgServer v6 = MedkgServer.start(server.store.dataset(), server.store.info(), QueryLibrary.load(Catalogs.QUERIES),
                new MedkgServer.Options("::1", 0, 2000));
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://[::1]:" + v6.port() + "/$/ping")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            v6.stop();
        }
    }
}
