package org.medkg.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryParseException;
import org.medkg.query.QueryShape;
import org.medkg.query.ResultFormat;
import org.medkg.query.SparqlRunner;
import org.medkg.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sparql", mixinStandardHelpOptions = true,
        description = {"Run a SPARQL query against the store (read-only; SERVICE is disabled).",
                "Prefixes mkg:, model:, family:, institute:, rdfs:, skos:, prov:, ... are predeclared."})
final class SparqlCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "QUERY", description = "The query text.")
        String text;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from a file.")
        Path file;
    }

    @Mixin ResultOptions results;

    @Override
    public Integer call() throws Exception {
        ResultFormat fmt = results.format();
        long timeoutMillis = results.timeoutMillis();
        String text;
        try {
            text = source.text != null ? source.text : Files.readString(source.file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Medkg.UsageException("no such query file: " + source.file + " (give a path to a .rq file, or the "
                    + "query itself in quotes)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new Medkg.UsageException(source.file + " is not UTF-8 text; a query file must be UTF-8");
        } catch (java.io.IOException e) {
            throw new Medkg.UsageException("cannot read the query file " + source.file + ": " + e.getMessage());
        }
        Query query;
        try {
            query = SparqlRunner.parse(text);
        } catch (QueryParseException e) {
            var err = spec.commandLine().getErr();
            String where = source.file != null ? source.file + ": " : "";
            if (QueryShape.isUpdate(text)) {
                err.println("medkg: " + where + "the store is read-only: SPARQL Update is not offered; change the catalog "
                        + "(data/*.csv) and run 'medkg build'");
                return 1;
            }
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            // The parser's message names the offending token's position; fall back to the exception's.
            int line = e.getLine(), column = e.getColumn();
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)").matcher(message);
            if (at.find()) {
                line = Integer.parseInt(at.group(1));
                column = Integer.parseInt(at.group(2));
            }
            err.println("medkg: " + where + "query does not parse" + (line > 0 ? " at line " + line + ", column " + column : "")
                    + ": " + message.replaceAll("\\s*at line \\d+, column \\d+\\.?", ""));
            String[] lines = text.split("\n", -1);
            if (line > 0 && line <= lines.length) {
                err.println("  " + lines[line - 1]);
                err.println("  " + " ".repeat(Math.max(0, column - 1)) + "^");
            }
            return 1;
        }
        try (Store store = Store.open(paths.store())) {
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            new SparqlRunner(store.dataset(), timeoutMillis).run(query, fmt, out);
            out.flush();
        } catch (Store.StoreBusyException busy) {
            // A running server holds the store: ask it.
            String base = RunningServer.endpointFor(paths.store(), busy);
            spec.commandLine().getErr().println("medkg: the store is held by the server at " + base + "; asking it");
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            SparqlRunner.runRemote(base + "medkg/sparql", query, timeoutMillis, fmt, out);
            out.flush();
        } catch (QueryCancelledException e) {
            spec.commandLine().getErr().println("medkg: query timed out after " + results.timeout + " s");
            return 1;
        }
        return 0;
    }
}
