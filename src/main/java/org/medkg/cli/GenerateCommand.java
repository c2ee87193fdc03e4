package org.medkg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.medkg.bench.SyntheticCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic catalog with Hugging Face-like lineage, for benchmarks.",
                "A few hundred Zipf-popular roots (the largest has about 10%% of all models as descendants), depth up to 8,"
                        + " every relation type. Deterministic for a given seed; passes 'medkg validate'."})
final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--models", required = true, paramLabel = "N", description = "Number of models (at least 100).")
    int models;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: bench/work/synthetic-N).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (models < 100 || models > 20_000_000) throw new Medkg.UsageException("--models must be between 100 and 20000000");
        Path dir = output != null ? output : Paths.home().resolve("bench/work/synthetic-" + models);
        long t0 = System.nanoTime();
        SyntheticCatalog.Summary s = new SyntheticCatalog(models, seed).write(dir);
        spec.commandLine().getOut().printf("wrote %s: %d models, %d roots, %d families, %d institutes, %d evaluations; "
                        + "largest root %s has %d descendants; deepest leaf %s at depth %d (%d ms)%n",
                dir, s.models(), s.roots(), s.families(), s.institutes(), s.evaluations(), s.largestRoot(),
                s.largestRootDescendants(), s.deepestLeaf(), s.maxDepth(), (System.nanoTime() - t0) / 1_000_000);
        return 0;
    }
}
