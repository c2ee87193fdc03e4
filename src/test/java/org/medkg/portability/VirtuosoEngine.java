package org.medkg.portability;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenLink Virtuoso (Debian's virtuoso-opensource, {@code virtuoso-t}) started in the foreground on free loopback
 * ports with a database in a temporary directory, loaded from the N-Quads dump with the bulk loader, queried over
 * its SPARQL protocol endpoint, and stopped on close. The system service is never used.
 *
 * <p>Virtuoso's default graph, when a request names none, is the union of every graph it holds (its own system
 * graphs included), unlike the dump's separate default graph. So the dump's default-graph triples are loaded into
 * the graph {@link #DEFAULT_GRAPH}, and every query names its dataset with the standard protocol parameters:
 * {@code default-graph-uri} that graph, {@code named-graph-uri} each of the dump's named graphs.
 */
final class VirtuosoEngine implements SparqlEngine {
    static final String DEFAULT_GRAPH = "urn:medkg:default-graph";

    /**
     * What Virtuoso 7.2.5 does differently from SPARQL 1.1 on the canned queries (README, "Portability"). No case is
     * a known difference any more: the three queries Virtuoso got wrong (leaderboard, compare, by-institute) are
     * written in equivalent forms it evaluates correctly. A case that fails again must be listed here, with why.
     */
    static final Deviations DEVIATIONS = new Deviations(20, true, Map.of());
    private static final Pattern VERSION = Pattern.compile("Version (\\S+)");

    private final Process server;
    private final Path dir;
    private final String endpoint;
    private final List<String> namedGraphs;
    private final String version;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** How long the bulk load of the dump took (ld_dir, rdf_loader_run, checkpoint), in milliseconds. */
    final long loadMillis;

    private VirtuosoEngine(Process server, Path dir, int sqlPort, int httpPort, List<String> namedGraphs, Path nquads)
            throws IOException, InterruptedException {
        this.server = server;
        this.dir = dir;
        this.endpoint = "http://127.0.0.1:" + httpPort + "/sparql";
        this.namedGraphs = List.copyOf(namedGraphs);
        this.version = awaitOnline(dir.resolve("virtuoso.out"));
        long t0 = System.nanoTime();
        // The directory and file name are ours (a temporary directory), never user input; a quote would break the SQL.
        String folder = nquads.getParent().toAbsolutePath().toString(), file = nquads.getFileName().toString();
        if ((folder + file).contains("'")) throw new IllegalArgumentException("no quotes in " + nquads);
        isql(sqlPort, "ld_dir('" + folder + "', '" + file + "', '" + DEFAULT_GRAPH + "'); rdf_loader_run(); checkpoint;"
                + " select 'LOAD-ERROR', ll_file, ll_error from DB.DBA.load_list where ll_error is not null;");
        this.loadMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Starts Virtuoso in {@code dir} and bulk-loads {@code nquads} (which must be in {@code dir}, the one directory
     * the server may read); {@code namedGraphs} are the dump's named graphs, named in every query's dataset.
     */
    static VirtuosoEngine start(Path nquads, Path dir, List<String> namedGraphs) throws IOException, InterruptedException {
        Tools.require("virtuoso-t", "virtuoso-opensource");
        Tools.require("isql-vt", "virtuoso-opensource");
        int sqlPort = freePort(), httpPort = freePort();
        Path ini = dir.resolve("virtuoso.ini");
        Files.writeString(ini, ini(dir, sqlPort, httpPort));
        Process p = new ProcessBuilder("virtuoso-t", "+foreground", "+configfile", ini.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("virtuoso.out").toFile()).start();
        try {
            return new VirtuosoEngine(p, dir, sqlPort, httpPort, namedGraphs, nquads);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(p);
            throw e;
        }
    }

    /** A database of its own in {@code dir}, listening on loopback only, with no row cap on SPARQL results. */
    private static String ini(Path dir, int sqlPort, int httpPort) {
        String d = dir.toAbsolutePath().toString();
        return String.join("\n",
                "[Database]", "DatabaseFile = " + d + "/virtuoso.db", "ErrorLogFile = " + d + "/virtuoso.log",
                "LockFile = " + d + "/virtuoso.lck", "TransactionFile = " + d + "/virtuoso.trx",
                "xa_persistent_file = " + d + "/virtuoso.pxa", "ErrorLogLevel = 7", "FileExtend = 200", "Striping = 0",
                "TempStorage = TempDatabase",
                "[TempDatabase]", "DatabaseFile = " + d + "/virtuoso-temp.db", "TransactionFile = " + d + "/virtuoso-temp.trx",
                "Striping = 0",
                "[Parameters]", "ServerPort = 127.0.0.1:" + sqlPort, "DisableUnixSocket = 1", "CheckpointInterval = 60",
                "DirsAllowed = ., " + d, "NumberOfBuffers = 170000", "MaxDirtyBuffers = 130000", "ThreadsPerQuery = 2",
                "[HTTPServer]", "ServerPort = 127.0.0.1:" + httpPort, "ServerRoot = " + d, "ServerThreads = 10",
                "Charset = UTF-8",
                "[SPARQL]", "ResultSetMaxRows = 10000000", "MaxQueryExecutionTime = 120", "MaxQueryCostEstimationTime = 0",
                "");
    }

    private String awaitOnline(Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String log = Files.exists(out) ? Files.readString(out) : "";
            if (log.contains("HTTP server online at") && log.contains("Server online at")) {
                Matcher m = VERSION.matcher(log);
                return m.find() ? m.group(1) : "unknown";
            }
            if (!server.isAlive()) throw new IllegalStateException("virtuoso-t exited " + server.exitValue() + ": " + log);
            Thread.sleep(200);
        }
        throw new IllegalStateException("virtuoso-t not online within 120 s: " + Files.readString(out));
    }

    /** Runs SQL through isql-vt (the default dba account of a database nobody else can reach); fails on any error. */
    private void isql(int port, String sql) throws IOException, InterruptedException {
        Path log = dir.resolve("isql.log");
        Tools.run(dir, log, 1800, "isql-vt", "127.0.0.1:" + port, "dba", "dba", "exec=" + sql);
        String out = Files.readString(log);
        if (out.contains("*** Error") || out.contains("LOAD-ERROR ")) throw new IllegalStateException("Virtuoso: " + out);
    }

    @Override
    public String name() {
        return "Virtuoso " + version;
    }

    @Override
    public ResultRows select(String query) throws IOException, InterruptedException {
        List<String> form = new ArrayList<>();
        form.add("query=" + enc(query));
        form.add("default-graph-uri=" + enc(DEFAULT_GRAPH));
        for (String g : namedGraphs) form.add("named-graph-uri=" + enc(g));
        HttpRequest r = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", PortabilityHarness.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) throw new IOException("HTTP " + resp.statusCode() + ": " + resp.body().strip());
        return ResultRows.fromJson(resp.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop(server);
    }

    /** SIGTERM, which virtuoso-t answers by shutting down; killed if it has not within 30 s. */
    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
