package org.medkg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;
import org.medkg.testing.MedkgProcess;

/**
 * Builds killed (SIGKILL) at random moments while a server runs on the store: the server keeps answering (from the
 * data it held, or from a build that got through before a kill, which it switches to), nothing it holds is deleted,
 * and leftovers of killed builds (staging directories, orphan databases, dangling {@code .current-*} links from a
 * killed publish) are cleaned by the next build.
 */
class KillBuildTest {
    @TempDir Path tmp;
    private List<String> medkg(Path data, String... args) {
        return MedkgProcess.command(data, tmp.resolve("store"), args);
    }

    private static long count(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "medkg/sparql?query="
                + java.net.URLEncoder.encode("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", StandardCharsets.UTF_8)))
                .header("Accept", "text/csv").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().lines().skip(1).findFirst().orElseThrow().strip());
    }

    @Test
    void killedBuildsLoseNothingWhileAServerRuns() throws Exception {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Process server = new ProcessBuilder(medkg(data, "serve", "--port", "0")).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line, base = null, held = null;
            while ((line = out.readLine()) != null) {
                Matcher m = MedkgProcess.SERVING.matcher(line);
                if (m.find()) {
                    held = m.group(1);
                    base = m.group(2);
                    break;
                }
            }
            assertTrue(base != null, "the server started");
            HttpClient http = HttpClient.newHttpClient();
            long before = count(http, base);
            // Change the catalog so that every build really publishes a new database.
            Files.writeString(data.resolve("institutes.csv"), Files.readString(data.resolve("institutes.csv"))
                    .replace("Meta AI,FAIR", "Meta AI,FAIR;Meta"));
            Random random = new Random(20261130);
            int kills = 0;
            for (int i = 0; i < 22; i++) {
                Process build = new ProcessBuilder(medkg(data, "build")).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (build.waitFor(200 + random.nextInt(3500), TimeUnit.MILLISECONDS)) continue;   // finished first
                build.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                kills++;
                // The server answers from the old data or, once a build got through and it switched, the new data.
                long now = count(http, base);
                assertTrue(now == before || now == before + 1, "the server answers after kill " + kills + ": " + now);
                for (Path db : Serving.heldDatabases(tmp.resolve("store")))
                    assertTrue(Files.isDirectory(db), "the database the server holds is kept: " + db);
            }
            assertTrue(kills >= 15, "most builds were killed mid-way: " + kills);
            // What a build killed inside its publish step leaves: a dangling .current-* link and an orphan database.
            Path store = tmp.resolve("store");
            Files.createDirectories(store.resolve("db-00000000T000000Z-dead-orphan"));
            Files.createSymbolicLink(store.resolve(".current-db-00000000T000000Z-dead-orphan"), Path.of("db-gone"));
            Process last = new ProcessBuilder(medkg(data, "build")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(last.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, last.exitValue());
            long deadline = System.currentTimeMillis() + 20_000;
            while (count(http, base) != before + 1 && System.currentTimeMillis() < deadline) Thread.sleep(200);
            assertEquals(before + 1, count(http, base), "the running server switched to the new data");
            for (Path db : Serving.heldDatabases(store))
                assertTrue(Files.isDirectory(db), "the databases the server holds survive the next build: " + db);
            try (Stream<Path> s = Files.list(store)) {
                List<String> left = s.map(p -> p.getFileName().toString()).sorted().toList();
                assertFalse(left.stream().anyMatch(n -> n.startsWith(".build-") || n.startsWith(".current-")
                        || n.equals("db-00000000T000000Z-dead-orphan")), left.toString());
                // Kept: the new database, the one current pointed to before it, and what the server holds.
                assertTrue(left.stream().filter(n -> n.startsWith("db-")).count() <= 3, left.toString());
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
