package org.medkg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.medkg.query.QueryLibrary;
import org.medkg.server.MedkgServer;
import org.medkg.server.ProjectBuild;
import org.medkg.store.AtomicStoreBuilder;
import org.medkg.store.Builds;
import org.medkg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the store over HTTP: SPARQL endpoint /medkg/sparql, Fuseki's UI at /, canned queries at "
                + "/api/queries.",
                "Read-only, SERVICE refused, queries time out. Builds the store first if it is missing or older "
                        + "than data/, ontology/ or queries/."})
final class ServeCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "3030", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Query timeout in seconds (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--cors", defaultValue = "*", paramLabel = "ORIGINS|off", description = "Origins allowed to read "
            + "from other sites' pages (CORS): * (default: any, as public read-only endpoints do), a comma-separated "
            + "list of origins, or off.")
    String cors;

    @Option(names = "--strict", description = "Refuse to start when the catalog has errors (by default the last good "
            + "store is served, with a warning).")
    boolean strict;

    @Option(names = "--no-build", description = "Serve the store as it is, never building it (a replica serving a "
            + "shipped copy, see 'medkg publish'); it still follows store/current.")
    boolean noBuild;

    @Option(names = "--base-iri", defaultValue = "https://w3id.org/medkg/",
            description = "Public base IRI; /id/{kind}/{slug} answers for <base>id/{kind}/{slug} (default: ${DEFAULT-VALUE}).")
    String baseIri;

    @Option(names = "--public-url", paramLabel = "URL", description = "The URL clients reach this server at (e.g. "
            + "https://medkg.example.org behind a proxy); used for the links in the VoID, DCAT and Service Description. "
            + "Default: the address the request arrived on; never the Host header.")
    String publicUrl;

    @Option(names = "--trust-forwarded", description = "Take the public URL from X-Forwarded-Proto and X-Forwarded-Host "
            + "(only behind a proxy that sets them; ignored when --public-url is given).")
    boolean trustForwarded;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (timeout <= 0) throw new Medkg.UsageException("--timeout must be positive");
        if (!baseIri.endsWith("/")) throw new Medkg.UsageException("--base-iri must end with '/'");
        org.medkg.server.PublicUrl publicUrls;
        try {
            publicUrls = new org.medkg.server.PublicUrl(publicUrl, trustForwarded);
        } catch (IllegalArgumentException e) {
            throw new Medkg.UsageException(e.getMessage());
        }
        // The query library (with Jena's initialisation) is read on another core while the store's inputs are
        // fingerprinted; every query is checked before the server listens, as before.
        java.util.concurrent.CompletableFuture<QueryLibrary> libraryRead = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return QueryLibrary.load(paths.queries());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!noBuild && Builds.isStale(paths.inputs(), paths.store())) {
            err.println("medkg: store is missing or older than data/, ontology/ or queries/; building it first");
            AtomicStoreBuilder.Outcome o = ProjectBuild.run(paths.inputs(), paths.store(), m -> err.println("medkg: " + m));
            if (!o.ok()) {
                if (strict || !Store.exists(paths.store())) return BuildCommand.reportProblems(o.check(), err);
                for (var p : o.check().problems().sorted()) err.println(p);
                err.println("medkg: WARNING: the catalog has " + o.check().problems().errorCount() + " error(s) (above); "
                        + "serving the last good store, built from older data. Fix the catalog and restart, or use "
                        + "--strict to refuse to serve stale data.");
            }
        }
        QueryLibrary library;
        try {
            library = libraryRead.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
        Store store;
        try {
            store = Store.open(paths.store());
        } catch (Store.StoreBusyException e) {
            throw new Medkg.BusyException(e.getMessage());
        }
        MedkgServer server;
        org.medkg.server.HotSwap swap = new org.medkg.server.HotSwap(paths.store(), store, null, m -> err.println("medkg: " + m));
        try {
            server = MedkgServer.start(swap.dataset(), swap, library,
                    new MedkgServer.Options(host, port, (long) (timeout * 1000), baseIri, cors, publicUrls));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause())
                if (t instanceof java.net.BindException) {
                    store.close();
                    throw new Medkg.BusyException("cannot listen on " + host + ":" + port + " (" + t.getMessage()
                            + "): another server is using the port; stop it, or choose another with --port");
                }
            throw e;
        }
        String shown = host.contains(":") ? "[" + host + "]" : host;
        // Follow store/current: a build published while serving is switched to without a restart.
        swap.start("http://" + shown + ":" + server.port() + "/", 1000);
        err.printf("medkg: serving %s at http://%s:%d/  (SPARQL UI at /, endpoint /medkg/sparql, pages at /browse, canned queries at /api/queries)%n",
                store.database().getFileName(), shown, server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            swap.stop();
            server.stop();
            swap.current().close();
        }));
        server.join();
        return 0;
    }
}
