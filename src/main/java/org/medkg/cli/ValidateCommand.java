package org.medkg.cli;

import java.util.concurrent.Callable;

import org.medkg.check.CatalogCheck;
import org.medkg.graph.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the catalog without touching the store.",
                "Reports every problem at once, each with file, line and column; exit code 1 if there are errors",
                "(or, with --strict, warnings)."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Option(names = "--full-shacl", description = {"Also run the complete shapes, SPARQL-based "
            + "constraints included, over the whole graph in memory (for small catalogs; the default checks are linear)."})
    boolean fullShacl;

    @picocli.CommandLine.Option(names = "--strict", description = {"Treat warnings (a model without a developer, an "
            + "institute no model references, a model trained on a quantized export) as errors."})
    boolean strict;

    @Override
    public Integer call() {
        Schema schema = Schema.load(paths.ontology());
        org.apache.jena.graph.Graph whole = fullShacl ? org.apache.jena.sparql.graph.GraphFactory.createGraphMem() : null;
        CatalogCheck.Result r = CatalogCheck.run(paths.data(), schema, t -> { if (whole != null) whole.add(t); }, t -> { });
        if (!r.ok(strict)) return BuildCommand.reportProblems(r, spec.commandLine().getErr());
        BuildCommand.reportWarnings(r, spec.commandLine().getErr());
        if (whole != null) {
            var report = org.apache.jena.shacl.ShaclValidator.get().validate(schema.shapes(), whole);
            if (!report.conforms()) {
                report.getEntries().forEach(e -> spec.commandLine().getErr().println(
                        "shape: " + e.focusNode() + ": " + e.message()));
                spec.commandLine().getErr().println("medkg: " + report.getEntries().size() + " SHACL violation(s)");
                return 1;
            }
        }
        spec.commandLine().getOut().printf("%s: valid (%d rows, %d statements generated; the store holds them without duplicates, "
                + "with the ontology and query library: see 'medkg stats')%n", paths.data(), r.rows(), r.triples());
        return 0;
    }
}
