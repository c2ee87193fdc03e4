package org.medkg.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;

/**
 * Two medkg replicas behind HAProxy, started by deploy/start.sh on loopback, under a bounded load of 8 clients:
 * a per-client throttle answers 429 with Retry-After; a rolling rebuild (deploy/rolling-rebuild.sh) switches
 * every replica to the new build with no failed request; a replica killed with SIGKILL costs no client a failed
 * request (HAProxy retries what it had sent there), except a response the replica had begun to send. One deployment for the class, so the tests run in order and
 * the kill comes last.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasTest {
    private static final int CLIENTS = 8;
    private static final String COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";

    @TempDir static Path tmp;
    private Path data;
    private Deployment deployment;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        // The load comes from one address; the throttle is tested on a frontend of its own.
        deployment = Deployment.start(tmp, data, 2, Map.of("MEDKG_RATE_LIMIT", "0", "MEDKG_CONCURRENT_LIMIT", "0"));
    }

    @AfterAll
    void stop() throws Exception {
        if (deployment != null) deployment.close();
    }

    private List<String> urls() {
        String base = deployment.url;
        return List.of(base + "/medkg/sparql?query=" + URLEncoder.encode(COUNT, StandardCharsets.UTF_8),
                base + "/api/queries/built-on?base=" + URLEncoder.encode("Llama 2", StandardCharsets.UTF_8),
                base + "/id/model/llama-2-70b",
                base + "/$/ping");
    }

    private String build(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/$/ping")).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Medkg-Build").orElse("");
    }

    @Test
    @Order(1)
    void throttledClientGets429WithRetryAfter() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("--listen", "127.0.0.1:" + freePort()));
        for (Deployment.Replica r : deployment.replicas) cmd.addAll(List.of("--server", r.name() + "=" + r.url().substring("http://".length())));
        Deployment.Result cfg = Deployment.run(Map.of("MEDKG_RATE_LIMIT", "5", "MEDKG_RATE_PERIOD", "30",
                "MEDKG_CONCURRENT_LIMIT", "2", "MEDKG_RETRY_AFTER", "17"), 30, "haproxy-config.sh", cmd.toArray(String[]::new));
        assertEquals(0, cfg.exit(), cfg.output());
        Path file = tmp.resolve("throttle.cfg");
        Files.writeString(file, cfg.output());
        String front = "http://" + cmd.get(1);
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("throttle.log").toFile()).start();
        try {
            awaitAnswer(front);
            // One client (127.0.0.2), one request at a time: 5 in the window pass, the rest are told to wait.
            List<Integer> statuses = new ArrayList<>();
            RawHttp.Response refused = null;
            for (int i = 0; i < 8; i++) {
                try (RawHttp c = new RawHttp(front, "127.0.0.2")) {
                    RawHttp.Response r = c.get("/api/queries/built-on?base=Llama-2");
                    statuses.add(r.status());
                    if (r.status() == 429) refused = r;
                }
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 429, 429, 429), statuses);
            assertEquals("17", refused.header("Retry-After"));
            assertTrue(refused.body().contains("at most 5 per 30 s"), refused.body());
            // Another client is not throttled for the first one's requests ...
            try (RawHttp other = new RawHttp(front, "127.0.0.3")) {
                assertEquals(200, other.get("/$/ping").status());
            }
            // ... but a client with more than 2 requests in progress is: two queries whose bodies are still on
            // their way hold their places while a third asks.
            try (RawHttp a = new RawHttp(front, "127.0.0.4"); RawHttp b = new RawHttp(front, "127.0.0.4");
                 RawHttp c = new RawHttp(front, "127.0.0.4")) {
                String partial = "POST /medkg/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                        + "Content-Length: 100\r\n\r\nSELECT";
                a.send(partial);
                b.send(partial);
                Thread.sleep(500);
                RawHttp.Response third = c.get("/$/ping");
                assertEquals(429, third.status(), third.body());
                assertEquals("17", third.header("Retry-After"));
                assertTrue(third.body().contains("in progress"), third.body());
            }
            // Once they are done, the client may ask again.
            try (RawHttp d = new RawHttp(front, "127.0.0.4")) {
                assertEquals(200, d.get("/$/ping").status());
            }
        } finally {
            haproxy.destroy();
            haproxy.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(2)
    void rollingRebuildUnderLoadFailsNoRequestAndEndsOnTheNewBuild() throws Exception {
        String before = build(deployment.url);
        for (Deployment.Replica r : deployment.replicas) assertEquals(before, build(r.url()), r.name());
        Deployment.Result rolled;
        long countBefore;
        try (Load load = new Load(CLIENTS, urls())) {
            Thread.sleep(2000);
            countBefore = count(load.lastBody);
            Files.writeString(data.resolve("institutes.csv"), Files.readString(data.resolve("institutes.csv"))
                    .replace("Meta AI,FAIR", "Meta AI,FAIR;Meta Platforms"));
            rolled = deployment.rollingRebuild();
            Thread.sleep(2000);
            load.close();
            System.out.println("rolling rebuild under " + CLIENTS + " clients: " + load.summary());
            assertEquals(0, rolled.exit(), rolled.output());
            assertEquals(0, load.failed.get() + load.cut.get(), load.summary());
            String after = rolled.lastLine();
            assertTrue(after.matches("[0-9a-f]{64}") && !after.equals(before), rolled.output());
            assertTrue(load.byBuild.containsKey(before) && load.byBuild.containsKey(after),
                    "both builds answered during the roll: " + load.summary());
            assertEquals(after, load.lastBuild, "the last answers come from the new build");
            assertEquals(countBefore + 1, count(load.lastBody), "the new build has one more alias");
            assertTrue(load.ok.get() > 100, load.summary());
            for (Deployment.Replica r : deployment.replicas) assertEquals(after, build(r.url()), r.name());
            // One replica at a time: the second was shipped only once the first served the new build.
            String out = rolled.output();
            assertTrue(out.indexOf("replica-1 serves " + after) < out.indexOf("shipping to replica-2"), out);
        }
    }

    @Test
    @Order(3)
    void killingAReplicaUnderLoadFailsNoRequest() throws Exception {
        Deployment.Replica victim = deployment.replicas.get(0);
        long okAfterKill;
        try (Load load = new Load(CLIENTS, urls())) {
            // Kill once the replicas are warm and answering (at least 100 answers, at most 60 s).
            long warm = System.currentTimeMillis() + 60_000;
            while (load.ok.get() < 100 && System.currentTimeMillis() < warm) Thread.sleep(100);
            long atKill = load.ok.get();
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            Thread.sleep(5000);
            load.close();
            okAfterKill = load.ok.get() - atKill;
            System.out.println("SIGKILL of " + victim.name() + " under " + CLIENTS + " clients: " + load.summary());
            // Every request gets an answer. The one thing no balancer can retry is a response the dead replica had
            // begun to send (the client has its status and part of its body): at most one per client.
            assertEquals(0, load.failed.get(), load.summary());
            assertTrue(load.cut.get() <= CLIENTS, load.summary());
            assertTrue(atKill >= 100 && okAfterKill > 50, "requests kept being answered: " + atKill + " before, "
                    + okAfterKill + " after the kill");
        }
        String log = deployment.haproxyLog();
        // HAProxy's log: the retries field (actconn/feconn/beconn/srv_conn/retries; '+' = redispatched).
        Matcher m = Pattern.compile(" \\d+/\\d+/\\d+/\\d+/(\\+?)(\\d+) \\d+/\\d+ \"").matcher(log);
        int retried = 0, redispatched = 0;
        while (m.find()) {
            if (!m.group(2).equals("0")) retried++;
            if (!m.group(1).isEmpty()) redispatched++;
        }
        System.out.println("HAProxy retried " + retried + " request(s), " + redispatched + " on another replica");
        assertTrue(log.contains(victim.name() + " is DOWN"), "HAProxy took the killed replica out:\n" + tail(log));
        assertTrue(build(deployment.url).matches("[0-9a-f]{64}"), "the survivor answers");
    }

    private static long count(String csv) {
        return Long.parseLong(csv.lines().skip(1).findFirst().orElse("-1").strip());
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 20), lines.length));
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitAnswer(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/$/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (java.io.IOException e) {
                if (System.currentTimeMillis() > deadline) throw e;
            }
            Thread.sleep(200);
        }
    }
}
