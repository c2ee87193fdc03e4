package org.medkg.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.medkg.query.BadParameterException;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.Paging;
import org.medkg.query.Prefixes;
import org.medkg.query.QueryLibrary;
import org.medkg.query.ResultFormat;
import org.medkg.catalog.Suggest;
import org.medkg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a canned query from queries/ with its parameters bound safely.",
                "Models and families may be named by id, name or alias, ignoring case.",
                "Example: medkg query built-on --param base=Llama-2"})
final class QueryCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The query's name (see 'medkg queries').")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter value; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin ResultOptions results;

    @Option(names = "--limit", paramLabel = "N",
            description = "Print only N rows (at most " + Paging.MAX_LIMIT + "), and on stderr how many more there are.")
    String limit;

    @Option(names = "--offset", paramLabel = "M", description = "Skip the first M rows (default: 0).")
    String offset;

    @Override
    public Integer call() throws Exception {
        ResultFormat fmt = results.format();
        long timeoutMillis = results.timeoutMillis();
        QueryLibrary library = QueryLibrary.open(paths.queries());   // parses only the query asked for
        CannedQuery q = library.get(name);
        if (q == null)
            throw new Medkg.UsageException("no canned query named '" + name + "'"
                    + Suggest.didYouMean(name, library.names()) + "; see 'medkg queries'");
        Paging paging;
        try {
            paging = Paging.parse(limit, offset, "--limit", "--offset");
        } catch (BadParameterException e) {
            throw new Medkg.UsageException(e.getMessage());
        }
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        try (Store store = Store.open(paths.store())) {
            CannedQueryRunner runner = new CannedQueryRunner(store.dataset(), timeoutMillis);
            Query bound = runner.bind(q, params);
            if (paging.limited()) {
                runner.page(q, bound, paging, page -> {
                    fmt.write(out, page.resultSet(), Prefixes.standard());
                    flush(out);
                    reportPage(page.offset(), page.rows().size(), page.total(), page.limit());
                });
            } else {
                runner.select(q, bound, paging.offset(), rs -> fmt.write(out, rs, Prefixes.standard()));
            }
            out.flush();
        } catch (org.medkg.store.Store.StoreBusyException busy) {
            String base = RunningServer.endpointFor(paths.store(), busy);
            spec.commandLine().getErr().println("medkg: the store is held by the server at " + base + "; asking it");
            long total = RunningServer.cannedQuery(base, name, params, paging, timeoutMillis, fmt, out);
            out.flush();
            if (paging.limited() && total >= 0)
                reportPage(paging.offset(), (int) Math.max(0, Math.min(paging.limit(), total - paging.offset())), total,
                        paging.limit());
        } catch (BadParameterException e) {
            throw new Medkg.UsageException(e.getMessage());
        } catch (QueryCancelledException e) {
            spec.commandLine().getErr().println("medkg: query timed out after " + results.timeout + " s");
            return 1;
        }
        return 0;
    }

    /** Which rows were printed, and how to ask for the rest: on stderr, so that stdout stays the result alone. */
    private void reportPage(long offset, int rows, long total, int limit) {
        if (limit == 0) {
            spec.commandLine().getErr().println("medkg: " + total + " row" + (total == 1 ? "" : "s") + " (--limit 0 prints none)");
            return;
        }
        long more = Math.max(0, total - offset - rows);
        String shown = rows == 0 ? "no rows at offset " + offset : "rows " + (offset + 1) + "-" + (offset + rows);
        spec.commandLine().getErr().println("medkg: " + shown + " of " + total
                + (more > 0 ? "; " + more + " more (use --offset " + (offset + rows) + " --limit " + limit + ")" : ""));
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
