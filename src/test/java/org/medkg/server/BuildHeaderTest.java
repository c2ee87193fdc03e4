package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.TestServer;

/** Every response names the build that answered (Medkg-Build: the input fingerprint), errors included. */
class BuildHeaderTest {
    @TempDir Path tmp;

    @Test
    void everyResponseNamesItsBuild() throws Exception {
        try (TestServer s = new TestServer(tmp, "valid/minimal", 10_000)) {
            String fingerprint = s.store.info().inputFingerprint();
            assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);
            HttpResponse<String> ping = s.get("/$/ping", null);
            HttpResponse<String> canned = s.get("/api/queries/built-on?base=Llama-2", "text/csv");
            HttpResponse<String> missing = s.get("/id/model/no-such-model", "text/html");
            HttpResponse<String> badQuery = s.sparql("SELEC ?x", "text/csv");
            HttpResponse<String> update = s.post("/medkg/sparql", "application/sparql-update", "CLEAR ALL");
            int[] expected = {200, 200, 404, 400, 403};
            HttpResponse<?>[] responses = {ping, canned, missing, badQuery, update};
            for (int i = 0; i < responses.length; i++) {
                assertEquals(expected[i], responses[i].statusCode(), responses[i].uri().toString());
                assertEquals(fingerprint, responses[i].headers().firstValue(BuildHeaderFilter.HEADER).orElse(""),
                        responses[i].uri() + " " + responses[i].statusCode());
            }
        }
    }
}
