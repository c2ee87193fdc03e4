package org.medkg.bench;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.QueryLibrary;
import org.medkg.server.MedkgServer;
import org.medkg.store.Store;

/**
 * Query latency (in process and over HTTP), server throughput under concurrent clients, and the BFS floor, for
 * one store. Run by bench/run.sh; writes a JSON file of results.
 *
 * <pre>java -cp target/medkg.jar org.medkg.bench.QueryBench STORE QUERIES OUT.json ROOT LEAF INSTITUTE BENCHMARK [RUNS] [LOAD_SECONDS]</pre>
 */
public final class QueryBench {
    private QueryBench() {}

    public static void main(String[] a) throws Exception {
        // It runs a server, as 'medkg serve' does: the same logger, and no warning that two are on the class path.
        if (System.getProperty("slf4j.provider") == null)
            System.setProperty("slf4j.provider", "org.apache.logging.slf4j.SLF4JServiceProvider");
        Path storeDir = Path.of(a[0]);
        Path queriesDir = Path.of(a[1]);
        File out = new File(a[2]);
        String root = a[3], leaf = a[4], institute = a[5], benchmark = a[6];
        int runs = a.length > 7 ? Integer.parseInt(a[7]) : 30;
        int loadSeconds = a.length > 8 ? Integer.parseInt(a[8]) : 10;
        int warmup = a.length > 9 ? Integer.parseInt(a[9]) : 5;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("runs", runs);
        results.put("warmup", warmup);
        QueryLibrary library = QueryLibrary.load(queriesDir);
        Map<String, Map<String, String>> four = new LinkedHashMap<>();
        four.put("built-on", Map.of("base", root));
        four.put("lineage", Map.of("model", leaf));
        four.put("by-institute", Map.of("institute", institute));
        four.put("leaderboard", Map.of("benchmark", benchmark));

        try (Store store = Store.open(storeDir)) {
            CannedQueryRunner runner = new CannedQueryRunner(store.dataset(), 600_000);
            Map<String, Object> inProcess = new LinkedHashMap<>();
            for (var e : four.entrySet()) {
                CannedQuery q = library.get(e.getKey());
                long[] rows = {0};
                double[] t = time(warmup, runs, () -> runner.select(q, e.getValue(), rs -> rows[0] = count(rs)));
                inProcess.put(e.getKey(), Map.of("stats", Stats.of(t), "rows", rows[0]));
                System.err.printf("in-process %-12s p50 %.1f ms (%d rows)%n", e.getKey(), Stats.of(t).p50(), rows[0]);
            }
            results.put("inProcess", inProcess);

            // The same simple closure query the peers run, and the BFS floor.
            String iri = "https://w3id.org/medkg/id/model/" + root;
            String simple = "PREFIX mkg: <https://w3id.org/medkg/ontology#> SELECT DISTINCT ?m WHERE { ?m mkg:builtOn+ <" + iri + "> }";
            long[] simpleRows = {0};
            double[] ts = time(warmup, runs, () -> Txn.executeRead(store.dataset(), () -> {
                try (QueryExec qe = QueryExec.dataset(store.dataset()).query(simple).build()) {
                    simpleRows[0] = count(ResultSet.adapt(qe.select()));
                }
            }));
            // The same question answered from the closure materialised at build time.
            String fromClosure = "SELECT ?m WHERE { GRAPH <https://w3id.org/medkg/graph/closure> { ?m ?atDepth <" + iri + "> } }";
            long[] closureRows = {0};
            double[] tc = time(warmup, runs, () -> Txn.executeRead(store.dataset(), () -> {
                try (QueryExec qe = QueryExec.dataset(store.dataset()).query(fromClosure).build()) {
                    closureRows[0] = count(ResultSet.adapt(qe.select()));
                }
            }));
            results.put("closureGraph", Map.of("query", fromClosure, "stats", Stats.of(tc), "rows", closureRows[0]));
            System.err.printf("closure graph p50 %.1f ms (%d rows)%n", Stats.of(tc).p50(), closureRows[0]);
            BfsFloor bfs = new BfsFloor(store.dataset());
            int[] bfsCount = {0};
            double[] tb = time(warmup * 20, runs * 10, () -> bfsCount[0] = bfs.descendants(iri));
            results.put("closureQuery", Map.of("query", simple, "stats", Stats.of(ts), "rows", simpleRows[0]));
            results.put("bfsFloor", Map.of("stats", Stats.of(tb), "descendants", bfsCount[0]));
            System.err.printf("closure query p50 %.1f ms (%d rows); BFS floor p50 %.3f ms (%d)%n",
                    Stats.of(ts).p50(), simpleRows[0], Stats.of(tb).p50(), bfsCount[0]);

            MedkgServer server = MedkgServer.start(store.dataset(), store.info(), library,
                    new MedkgServer.Options("127.0.0.1", 0, 600_000));
            try {
                String base = "http://127.0.0.1:" + server.port();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                // The server reads its lineage index in the background; built-on is timed once it answers from it.
                long waitStart = System.nanoTime();
                String probe = base + "/api/queries/built-on?" + query(four.get("built-on")) + "&limit=0";
                while (!answeredBy(http, probe).equals("lineage-index") && System.nanoTime() - waitStart < 1500e9) Thread.sleep(250);
                results.put("indexReadyAfterStartMs", (System.nanoTime() - waitStart) / 1e6);
                System.err.printf("http       lineage index ready %.0f ms after start%n", (System.nanoTime() - waitStart) / 1e6);
                Map<String, Object> overHttp = new LinkedHashMap<>();
                Map<String, Object> firstPage = new LinkedHashMap<>();
                for (var e : four.entrySet()) {
                    String url = base + "/api/queries/" + e.getKey() + "?" + query(e.getValue());
                    long[] bytes = {0};
                    double[] t = time(warmup, runs, () -> bytes[0] = get(http, url).length());
                    overHttp.put(e.getKey(), Map.of("stats", Stats.of(t), "bytes", bytes[0], "answeredBy", answeredBy(http, url + "&limit=0")));
                    System.err.printf("http       %-12s p50 %.1f ms (%d bytes)%n", e.getKey(), Stats.of(t).p50(), bytes[0]);
                    String page = url + "&limit=100";
                    long[] pageBytes = {0};
                    double[] tp = time(warmup, runs, () -> pageBytes[0] = get(http, page).length());
                    HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
                    firstPage.put(e.getKey(), Map.of("stats", Stats.of(tp), "bytes", pageBytes[0],
                            "total", Long.parseLong(one.headers().firstValue("Medkg-Total-Count").orElse("-1"))));
                    System.err.printf("http       %-12s first 100 rows p50 %.1f ms%n", e.getKey(), Stats.of(tp).p50());
                }
                results.put("http", overHttp);
                results.put("httpFirstPage", firstPage);
                results.put("throughput", throughput(http, base, store, loadSeconds));
            } finally {
                server.stop();
            }
        }
        out.getParentFile().mkdirs();
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, results);
    }

    /** Small canned queries (lineage and descendants of random models) from 1, 8 and 32 concurrent clients. */
    private static Map<String, Object> throughput(HttpClient http, String base, Store store, int seconds) throws Exception {
        List<String> models = new ArrayList<>();
        Txn.executeRead(store.dataset(), () -> {
            try (QueryExec qe = QueryExec.dataset(store.dataset()).query(
                    "PREFIX mkg: <https://w3id.org/medkg/ontology#> SELECT ?m WHERE { ?m mkg:builtOn ?b } LIMIT 5000").build()) {
                qe.select().forEachRemaining(b -> models.add(b.get("m").getURI().substring(b.get("m").getURI().lastIndexOf('/') + 1)));
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (int clients : new int[] {1, 8, 32}) {
            ConcurrentLinkedQueue<Double> lat = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom r = new SplittableRandom(c);
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        String m = models.get(r.nextInt(models.size()));
                        String url = r.nextBoolean() ? base + "/api/queries/lineage?model=" + m
                                : base + "/api/queries/descendants?model=" + m;
                        long t0 = System.nanoTime();
                        try {
                            get(http, url);
                            lat.add((System.nanoTime() - t0) / 1e6);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            double[] l = lat.stream().mapToDouble(Double::doubleValue).toArray();
            Stats s = Stats.of(l);
            out.put(Integer.toString(clients), Map.of("queriesPerSecond", l.length / (double) seconds, "stats", s,
                    "errors", errors.get()));
            System.err.printf("throughput %2d clients: %.0f q/s, p99 %.1f ms%n", clients, l.length / (double) seconds, s.p99());
        }
        return out;
    }

    private static String answeredBy(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Medkg-Answered-By").orElse("");
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static long count(ResultSet rs) {
        long n = 0;
        while (rs.hasNext()) { rs.next(); n++; }
        return n;
    }

    interface Action { void run() throws Exception; }

    private static double[] time(int warmup, int runs, Action a) throws Exception {
        for (int i = 0; i < warmup; i++) a.run();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            a.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return t;
    }
}
