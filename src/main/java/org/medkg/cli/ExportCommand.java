package org.medkg.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.medkg.render.ExportFormat;
import org.medkg.render.Exporter;
import org.medkg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the whole graph as Turtle, N-Triples, JSON-LD (inline context) or RDF/XML; or the whole dataset, every named graph included (ontology, query library, lineage closure), as N-Quads or TriG.")
final class ExportCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "ttl, nt, jsonld, rdfxml (the graph) or nq, trig (the whole dataset).",
            converter = FormatConverter.class)
    ExportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: stdout).")
    Path output;

    @Option(names = "--with-ontology", description = "Include the ontology's triples.")
    boolean withOntology;

    @Override
    public Integer call() throws Exception {
        RunningServer.withDataset(paths.store(), spec.commandLine().getErr(), (dataset, describedAs) -> {
            if (output == null) {
                OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
                Exporter.export(dataset, format, withOntology, out);
                out.flush();
            } else {
                Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
                long n;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    n = Exporter.export(dataset, format, withOntology, out);
                }
                Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                spec.commandLine().getErr().printf("medkg: wrote %s: %d %s%n", output, n, format.quads()
                        ? "quads (the whole dataset: the default graph and every named graph)"
                        : withOntology ? "triples (the catalog and the ontology)" : "triples (the catalog; --with-ontology adds the ontology)");
            }
        });
        return 0;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
