package org.medkg.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load: a fixed number of clients, each sending its next request when the last is answered, round the
 * given URLs, until stopped. Counts answers, failures (any status but 200, or no answer), answers cut off after
 * their status, and which build (Medkg-Build) answered.
 */
final class Load implements AutoCloseable {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Answers whose status and headers came but whose body broke off: sent on before the replica died. */
    final AtomicLong cut = new AtomicLong();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicLong> byBuild = new ConcurrentHashMap<>();
    /** The build of the latest answer to the first URL, and its body. */
    volatile String lastBuild = "";
    volatile String lastBody = "";
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();

    Load(int clients, List<String> urls) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (int c = 0; c < clients; c++) {
            final int first = c;
            Thread t = new Thread(() -> {
                for (int i = first; running.get(); i++) {
                    String url = urls.get(i % urls.size());
                    try {
                        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "text/csv").timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        String build = r.headers().firstValue("Medkg-Build").orElse("(none)");
                        String body;
                        try (java.io.InputStream in = r.body()) {
                            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        } catch (java.io.IOException e) {
                            cut.incrementAndGet();
                            failures.add("cut after " + r.statusCode() + ": " + url + " " + e);
                            continue;
                        }
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                            failures.add(r.statusCode() + " " + url + " " + body);
                            continue;
                        }
                        ok.incrementAndGet();
                        byBuild.computeIfAbsent(build, b -> new AtomicLong()).incrementAndGet();
                        if (url.equals(urls.get(0))) {
                            lastBuild = build;
                            lastBody = body;
                        }
                    } catch (Exception e) {
                        if (!running.get()) return;
                        failed.incrementAndGet();
                        failures.add(url + " " + e);
                    }
                }
            }, "load-" + c);
            t.start();
            this.clients.add(t);
        }
    }

    String summary() {
        return ok.get() + " ok, " + failed.get() + " failed, " + cut.get() + " cut mid-body, by build " + byBuild
                + (failures.isEmpty() ? "" : "; first failures: " + failures.stream().limit(5).toList());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : clients) t.join(60_000);
    }
}
