package org.medkg.server;

import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.mgt.FusekiServerCtl;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.mod.ui.FMod_UI;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.medkg.query.QueryLibrary;
import org.medkg.render.ExportFormat;
import org.medkg.store.BuildInfo;
import org.medkg.vocab.MKG;
import java.time.Instant;

/**
 * The medkg SPARQL service: embedded Fuseki serving one read-only dataset, {@code /medkg}, with Fuseki's web UI
 * at {@code /}, the canned-query API at {@code /api/queries} and the linked-data pages.
 *
 * <p>Safe by default: loopback only unless a host is given; no update, upload or admin endpoints (the dataset is
 * registered read-only and FMod_Admin is not loaded); SERVICE is refused, because ARQ's
 * {@code httpServiceAllowed} would otherwise turn the endpoint into a request forwarder; every query has a
 * timeout and a runaway one gets 503 while the server keeps serving.
 */
public final class MedkgServer {
    public static final String DATASET = "/medkg";

    /** How to run: where to listen, how long a query may take, and the public base IRI of the entities. */
    public record Options(String host, int port, long timeoutMillis, String baseIri, String cors, PublicUrl publicUrl) {
        public Options(String host, int port, long timeoutMillis, String baseIri, String cors) {
            this(host, port, timeoutMillis, baseIri, cors, PublicUrl.none());
        }

        public Options(String host, int port, long timeoutMillis) {
            this(host, port, timeoutMillis, MKG.ID_BASE.substring(0, MKG.ID_BASE.length() - "id/".length()));
        }

        public Options(String host, int port, long timeoutMillis, String baseIri) {
            this(host, port, timeoutMillis, baseIri, "*");
        }

        public boolean loopback() {
            return host == null || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        }
    }

    /** The build being served: its input fingerprint and build time; changes when the server switches database. */
    public interface Version {
        String fingerprint();

        Instant built();

        static Version of(BuildInfo info) {
            Instant built = info == null ? Instant.now() : Instant.parse(info.builtAt());
            String fingerprint = info == null ? Long.toHexString(System.nanoTime()) : info.inputFingerprint();
            return new Version() {
                public String fingerprint() { return fingerprint; }

                public Instant built() { return built; }
            };
        }
    }

    private final FusekiServer server;

    private MedkgServer(FusekiServer server) {
        this.server = server;
    }

    public static MedkgServer start(DatasetGraph dataset, BuildInfo info, QueryLibrary library, Options options) {
        return start(dataset, Version.of(info), library, options);
    }

    /**
     * Starts the server; {@code version} is asked per request, so a switched database gets new ETags. (Jetty 12.1
     * deprecates GzipHandler for a CompressionHandler in a module Fuseki does not ship; it still works.)
     */
    @SuppressWarnings("removal")
    public static MedkgServer start(DatasetGraph dataset, Version version, QueryLibrary library, Options options) {
        // Refuse SERVICE everywhere: globally and on the dataset's own context.
        ARQ.getContext().set(ARQ.httpServiceAllowed, false);
        dataset.getContext().set(ARQ.httpServiceAllowed, false);
        dataset.getContext().set(ARQ.queryTimeout, Long.toString(options.timeoutMillis()));
        org.medkg.query.CancellableRegex.install(dataset.getContext());

        // built-on, descendants, lineage, leaderboard and by-institute answered from memory once the indexes of the
        // served build are read (in the background, from when the server listens).
        IndexedAnswers indexed = new IndexedAnswers(dataset, version, library.get(IndexedAnswers.BUILT_ON),
                library.get(IndexedAnswers.DESCENDANTS), library.get(IndexedAnswers.LEADERBOARD), library.get(IndexedAnswers.LINEAGE),
                library.get(IndexedAnswers.BY_INSTITUTE),
                m -> System.err.println("medkg: " + m));
        FusekiServer.Builder b = FusekiServer.create()
                .port(options.port())
                .loopback(options.loopback())
                .add(DATASET, dataset, false)           // read-only: query and GSP-read only
                .enablePing(true)
                // What the UI needs besides FMod_UI: server control (to locate the UI files) and the status servlet.
                .addServletAttribute(Fuseki.attrFusekiServerCtl, new FusekiServerCtl(null))
                .addServlet("/$/server", new ActionServerStatus())
                .addServlet("/api/queries", new QueryApiServlet(dataset, library, options.timeoutMillis(), indexed))
                .addServlet("/api/queries/*", new QueryApiServlet(dataset, library, options.timeoutMillis(), indexed))
                .addServlet("/browse", new BrowseServlet(dataset, library, options.timeoutMillis()))
                .addServlet("/browse/*", new BrowseServlet(dataset, library, options.timeoutMillis()))
                .addServlet("/id/*", new LinkedDataServlet(dataset, options.baseIri(), false))
                .addServlet("/lineage/*", new LinkedDataServlet(dataset, options.baseIri(), true))
                .addServlet("/.well-known/void", new VoidServlet(dataset, options.baseIri(), version, options.publicUrl()))
                .addServlet("/.well-known/sparql-examples", new ExamplesServlet(dataset))
                .fusekiModules(FusekiModules.create(new FMod_UI()));
        for (ExportFormat f : ExportFormat.values())
            b.addServlet("/dump." + f.extension(), new DumpServlet(dataset, f));
        b.addFilter("/*", new BuildHeaderFilter(version));   // first, so every response names its build
        // Cross-origin reads (--cors ORIGINS, default any; --cors off for none).
        if (!"off".equalsIgnoreCase(options.cors())) b.addFilter("/*", new CorsFilter(options.cors()));
        b.addFilter("/*", new RequestLimitsFilter());
        b.addFilter("/*", new ConditionalFilter(version));
        b.addFilter("/*", new ServiceDescriptionFilter(options.publicUrl()));
        b.addFilter("/*", new FormatParameterFilter());
        b.addFilter("/*", new BoundedResultsFilter());
        FusekiServer server = b.build();
        poolOutputBuffers(server.getJettyServer());
        // gzip for text responses over 1 KiB (SPARQL results, RDF, pages, dumps).
        org.eclipse.jetty.server.Server jetty = server.getJettyServer();
        org.eclipse.jetty.server.handler.gzip.GzipHandler gzip = new org.eclipse.jetty.server.handler.gzip.GzipHandler();
        gzip.setMinGzipSize(1024);
        gzip.addIncludedMethods("GET", "POST");
        gzip.setHandler(jetty.getHandler());
        jetty.setHandler(gzip);
        // Fuseki's loopback mode binds 127.0.0.1; any other address (::1 included) is set on the connector.
        if (options.host() != null && !options.host().equals("127.0.0.1") && !options.host().equals("localhost")) {
            for (Connector c : server.getJettyServer().getConnectors())
                if (c instanceof ServerConnector sc) sc.setHost(options.host());
        }
        server.start();
        indexed.startReading();
        return new MedkgServer(server);
    }

    /**
     * Gives the connectors a buffer pool that keeps Fuseki's output buffers. Fuseki 5.6 sets a 5 MiB output buffer
     * but leaves Jetty's default pool, which pools buffers up to 64 KiB only, so every response sent without a
     * Content-Length allocated (and dropped) a fresh 5 MiB buffer: about 20 ms per request on this machine, for a
     * ping as for a query (apache/jena#4084, fixed after 5.6 by apache/jena#4088, which passes such a pool). The
     * connectors are rebuilt with the same connection factories, host and port on a pool whose largest buffer is
     * the output buffer.
     */
    static void poolOutputBuffers(org.eclipse.jetty.server.Server jetty) {
        int largest = 0;
        for (Connector c : jetty.getConnectors()) {
            org.eclipse.jetty.server.HttpConnectionFactory http = c.getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class);
            if (http != null) largest = Math.max(largest, http.getHttpConfiguration().getOutputBufferSize());
        }
        if (largest <= 0) return;
        org.eclipse.jetty.io.ArrayByteBufferPool pool = new org.eclipse.jetty.io.ArrayByteBufferPool(0, -1, largest, -1, -1, -1);
        for (Connector c : jetty.getConnectors()) {
            if (!(c instanceof ServerConnector old)) continue;
            ServerConnector pooled = new ServerConnector(jetty, null, null, pool, -1, -1,
                    old.getConnectionFactories().toArray(new org.eclipse.jetty.server.ConnectionFactory[0]));
            pooled.setHost(old.getHost());
            pooled.setPort(old.getPort());
            jetty.removeConnector(old);
            jetty.addConnector(pooled);
        }
    }

    public int port() {
        return server.getHttpPort();
    }

    public void join() {
        server.join();
    }

    public void stop() {
        server.stop();
    }
}
