package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;
import org.medkg.testing.MedkgProcess;

/**
 * A rebuild while the server runs under 32 clients: the server switches to the new database without a restart,
 * no request fails, and the old database is released.
 */
class HotSwapTest {
    @TempDir Path tmp;
    private List<String> medkg(Path data, String... args) {
        return MedkgProcess.command(data, tmp.resolve("store"), args);
    }

    @Test
    void rebuildUnderLoadSwitchesWithZeroFailedRequests() throws Exception {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Process server = new ProcessBuilder(medkg(data, "serve", "--port", "0")).redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        String base = null;
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            log.add(line);
            Matcher m = MedkgProcess.SERVING.matcher(line);
            if (m.find()) {
                base = m.group(2);
                break;
            }
        }
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) log.add(line);
            } catch (Exception e) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        assertTrue(base != null, String.join("\n", log));
        String query = base + "medkg/sparql?query=" + URLEncoder.encode(
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", StandardCharsets.UTF_8);
        String canned = base + "api/queries/built-on?base=" + URLEncoder.encode("Llama 2", StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong(), failed = new AtomicLong(), lastCount = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            final boolean sparql = c % 2 == 0;
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sparql ? query : canned))
                                .header("Accept", "text/csv").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            ok.incrementAndGet();
                            if (sparql) lastCount.set(Long.parseLong(r.body().lines().skip(1).findFirst().orElse("0").strip()));
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        failures.add(e.toString());
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        try {
            Thread.sleep(1500);
            long before = lastCount.get();
            Files.writeString(data.resolve("institutes.csv"), Files.readString(data.resolve("institutes.csv"))
                    .replace("Meta AI,FAIR", "Meta AI,FAIR;Meta Platforms"));
            Process build = new ProcessBuilder(medkg(data, "build")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(build.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, build.exitValue());
            long deadline = System.currentTimeMillis() + 30_000;
            while (lastCount.get() == before && System.currentTimeMillis() < deadline) Thread.sleep(100);
            Thread.sleep(1000);
            running.set(false);
            for (Thread t : clients) t.join(60_000);
            System.out.printf("hot swap under 32 clients: %d requests ok, %d failed%n", ok.get(), failed.get());
            assertEquals(0, failed.get(), "failed requests: " + failures.stream().limit(5).toList());
            assertTrue(ok.get() > 100, "the clients kept querying: " + ok.get());
            assertEquals(before + 1, lastCount.get(), "the server answers from the new database (one more alias)");
            long until = System.currentTimeMillis() + 15_000;
            while (log.stream().noneMatch(l -> l.contains("released ")) && System.currentTimeMillis() < until) Thread.sleep(200);
            assertTrue(log.stream().anyMatch(l -> l.contains("switched to db-")), String.join("\n", log));
            assertTrue(log.stream().anyMatch(l -> l.contains("released db-")), "the old database is released: " + String.join("\n", log));
        } finally {
            running.set(false);
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
