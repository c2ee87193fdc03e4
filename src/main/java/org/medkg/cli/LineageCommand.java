package org.medkg.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.medkg.query.BadParameterException;
import org.medkg.query.CannedQuery;
import org.medkg.query.ParamResolver;
import org.medkg.query.ParamType;
import org.medkg.render.LineageGraph;
import org.medkg.render.LineageGraphs;
import org.medkg.render.SvgRenderer;
import org.medkg.render.TextRenderers;
import org.medkg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Draw the lineage of a model (ancestors and descendants) or a family (everything built on it).",
                "Example: medkg lineage Llama-2 --depth 3 --format svg > llama-2.svg"})
final class LineageCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model or family, by id, name or alias.")
    String model;

    @Option(names = "--depth", defaultValue = "4", description = "Generations up and down (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--format", defaultValue = "text", description = "text, dot, mermaid or svg (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--color", defaultValue = "institute", description = "svg colouring: institute or modality.")
    String color;

    @Override
    public Integer call() throws Exception {
        if (depth < 1 || depth > 20) throw new Medkg.UsageException("--depth must be between 1 and 20");
        SvgRenderer.ColorBy colorBy;
        try {
            colorBy = SvgRenderer.ColorBy.valueOf(color.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Medkg.UsageException("--color must be institute or modality");
        }
        RunningServer.withDataset(paths.store(), spec.commandLine().getErr(), (dataset, describedAs) -> {
            String iri;
            try {
                iri = new ParamResolver(dataset).resolve(
                        new CannedQuery.Param("model", ParamType.MODEL_OR_FAMILY, "", "", true, null), model).getURI();
            } catch (BadParameterException e) {
                throw new Medkg.UsageException(e.getMessage());
            }
            LineageGraph g = LineageGraphs.around(dataset, iri, depth);
            String out = switch (format) {
                case "text" -> TextRenderers.text(g);
                case "dot" -> TextRenderers.dot(g);
                case "mermaid" -> TextRenderers.mermaid(g);
                case "svg" -> SvgRenderer.render(g, colorBy, s -> s);
                default -> throw new Medkg.UsageException("--format must be text, dot, mermaid or svg");
            };
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
        });
        return 0;
    }

}
