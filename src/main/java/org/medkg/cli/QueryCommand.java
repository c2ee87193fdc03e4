package org.medkg.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.jena.query.QueryCancelledException;
import org.medkg.query.BadParameterException;
import org.medkg.query.CannedQuery;
import org.medkg.query.CannedQueryRunner;
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

    @Override
    public Integer call() throws Exception {
        ResultFormat fmt = results.format();
        long timeoutMillis = results.timeoutMillis();
        QueryLibrary library = QueryLibrary.load(paths.queries());
        CannedQuery q = library.get(name);
        if (q == null)
            throw new Medkg.UsageException("no canned query named '" + name + "'"
                    + Suggest.didYouMean(name, library.names()) + "; see 'medkg queries'");
        try (Store store = Store.open(paths.store())) {
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            new CannedQueryRunner(store.dataset(), timeoutMillis)
                    .select(q, params, rs -> fmt.write(out, rs, Prefixes.standard()));
            out.flush();
        } catch (org.medkg.store.Store.StoreBusyException busy) {
            String base = RunningServer.endpointFor(paths.store(), busy);
            spec.commandLine().getErr().println("medkg: the store is held by the server at " + base + "; asking it");
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            RunningServer.cannedQuery(base, name, params, timeoutMillis, fmt, out);
            out.flush();
        } catch (BadParameterException e) {
            throw new Medkg.UsageException(e.getMessage());
        } catch (QueryCancelledException e) {
            spec.commandLine().getErr().println("medkg: query timed out after " + results.timeout + " s");
            return 1;
        }
        return 0;
    }
}
