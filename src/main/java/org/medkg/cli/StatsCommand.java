package org.medkg.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.medkg.query.Coverage;
import org.medkg.store.BuildInfo;
import org.medkg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts and coverage of the catalog in the store: how many models have lineage, a source on "
                + "every edge, an institute, a release date, a licence.")
final class StatsCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunningServer.withDataset(paths.store(), spec.commandLine().getErr(), (dataset, describedAs) -> {
            Map<String, Object> figures = Coverage.compute(dataset);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
                return;
            }
            out.println("store:     " + describedAs);
            figures.forEach((k, v) -> out.printf("%-48s %s%s%n", k, v, k.endsWith("percent") ? " %" : ""));
        });
        return 0;
    }
}
