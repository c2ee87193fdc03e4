package org.medkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.medkg.query.Paging;
import org.medkg.query.Prefixes;
import org.medkg.query.ResultFormat;
import org.medkg.store.Serving;
import org.medkg.store.Store;

/**
 * One store, many readers: while {@code medkg serve} holds the store, the command line's read commands ask that
 * server (found through the {@code serving-*.properties} file it writes in the store) and get its answers, in the
 * same formats as from the store itself.
 */
final class RunningServer {
    private RunningServer() {}

    /** The base URL of the live server holding {@code storeDir}, or a {@link Medkg.BusyException} saying what to do. */
    static String endpointFor(Path storeDir, Store.StoreBusyException busy) {
        Set<String> endpoints;
        try {
            endpoints = Serving.endpoints(storeDir);
        } catch (IOException e) {
            endpoints = Set.of();
        }
        if (endpoints.isEmpty()) throw new Medkg.BusyException(busy.getMessage());
        return endpoints.iterator().next();
    }

    /** Work on a dataset: the store's, or a copy of the running server's. */
    interface DatasetWork {
        void run(org.apache.jena.sparql.core.DatasetGraph dataset, String describedAs) throws Exception;
    }

    /**
     * Runs {@code work} on the store; if a running server holds it, on a read-only in-memory copy of everything
     * the server serves (every graph, read with the Graph Store Protocol as N-Quads), so the answer is the server's.
     */
    static void withDataset(Path storeDir, java.io.PrintWriter err, DatasetWork work) throws Exception {
        Store store;
        try {
            store = Store.open(storeDir);
        } catch (Store.StoreBusyException busy) {
            String base = endpointFor(storeDir, busy);
            err.println("medkg: the store is held by the server at " + base + "; reading its data");
            org.apache.jena.sparql.core.DatasetGraph copy = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
            org.apache.jena.riot.RDFParser.source(base + "medkg").acceptHeader("application/n-quads")
                    .lang(org.apache.jena.riot.Lang.NQUADS).parse(copy);
            work.run(copy, "the server at " + base);
            return;
        }
        try (store) {
            work.run(store.dataset(), store.database() + (store.info() == null ? "" : " (built " + store.info().builtAt() + ")"));
        }
    }

    /**
     * Runs a canned query on the server's API and writes the rows in {@code format}; returns the total number of rows
     * the server reports for a page, or -1 when it reports none (a whole answer).
     */
    static long cannedQuery(String base, String name, Map<String, String> params, Paging paging, long timeoutMillis,
                            ResultFormat format, OutputStream out) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(base).append("api/queries/").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        char sep = '?';
        for (var e : params.entrySet()) {
            url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        if (paging.limited()) url.append(sep).append("limit=").append(paging.limit()).append("&offset=").append(paging.offset());
        else if (paging.offset() > 0) url.append(sep).append("offset=").append(paging.offset());
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.toString()))
                .header("Accept", "application/sparql-results+json").timeout(Duration.ofMillis(timeoutMillis + 5000)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            String message = body.replaceAll("(?s).*\"error\"\\s*:\\s*\"(.*?)\".*", "$1");
            if (r.statusCode() == 400 || r.statusCode() == 404) throw new Medkg.UsageException(message);
            throw new IOException("the server at " + base + " answered " + r.statusCode() + ": " + message);
        }
        ResultSet rs = ResultSetMgr.read(r.body(), ResultSetLang.RS_JSON);
        format.write(out, rs, Prefixes.standard());
        return r.headers().firstValueAsLong(Paging.TOTAL_COUNT_HEADER).orElse(-1);
    }
}
