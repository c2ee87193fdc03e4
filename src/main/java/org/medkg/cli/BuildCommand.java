package org.medkg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.medkg.catalog.Problem;
import org.medkg.check.CatalogCheck;
import org.medkg.store.AtomicStoreBuilder;
import org.medkg.store.BuildInfo;
import org.medkg.server.ProjectBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Check the catalog and build the TDB2 store from it.",
                "The build is atomic: on any error the previous store keeps answering unchanged."})
final class BuildCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        AtomicStoreBuilder.Outcome outcome = ProjectBuild.run(paths.inputs(), paths.store(),
                msg -> err.println("medkg: " + msg));
        if (!outcome.ok()) return reportProblems(outcome.check(), err);
        reportWarnings(outcome.check(), err);
        BuildInfo i = outcome.info();
        spec.commandLine().getOut().printf("built %s: %d rows; %d triples (default graph), %d quads (all graphs); %d ms (parse %d, convert %d, validate %d, closure %d, load %d, beside the check)%n",
                outcome.database(), i.rows(), i.triples(), i.quads(), i.totalMillis(), i.parseMillis(), i.convertMillis(),
                i.validateMillis(), i.closureMillis(), i.loadMillis());
        return 0;
    }

    static int reportProblems(CatalogCheck.Result check, PrintWriter err) {
        for (Problem p : check.problems().sorted()) err.println(p);
        long warnings = check.problems().warningCount();
        err.println("medkg: " + check.problems().errorCount() + " error(s)"
                + (warnings > 0 ? " and " + warnings + " warning(s)" : "") + " in the catalog; nothing was written");
        return 1;
    }

    /** Prints the warnings of an accepted catalog; they do not block ({@code validate --strict} makes them errors). */
    static void reportWarnings(CatalogCheck.Result check, PrintWriter err) {
        long n = check.problems().warningCount();
        if (n == 0) return;
        for (Problem p : check.problems().sorted()) err.println(p);
        err.println("medkg: " + n + " warning(s); they do not block the build (validate --strict treats them as errors)");
    }
}
