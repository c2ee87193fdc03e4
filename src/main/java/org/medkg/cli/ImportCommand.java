package org.medkg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.medkg.importer.AwesomeImporter;
import org.medkg.importer.EcosystemGraphsImporter;
import org.medkg.importer.ImportWriter;
import org.medkg.importer.OpenMedImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Merge an upstream list or catalogue into the catalog.",
                "  medkg import awesome FILE.md",
                "reads an awesome-list (markdown tables '| [Title](link) | Institute | Date | Code |' or bullet lists"
                        + " '- **[Title](link)**: ...'), adds the systems the catalog lacks as new rows marked 'not yet"
                        + " curated', fills only empty cells of the ones it has, and reports each row as new, changed"
                        + " or unchanged. Running it again changes nothing.",
                "  medkg import openmed [FILE]",
                "reads OpenMed's models.jsonl manifest (default: the vendored snapshot data/sources/openmed/models.jsonl)"
                        + " into data/imported/openmed/: one model per repository, lineage from base_model with evidence"
                        + " 'declared'. Bad rows are listed with their line and nothing is written, unless --skip-bad."
                        + " Curated rows win; disagreements are listed. Running it again changes nothing.",
                "  medkg import ecosystem-graphs [FILE]",
                "reads Stanford CRFM Ecosystem Graphs assets (default: data/sources/ecosystem-graphs/medical.yaml) as"
                        + " declarations about the curated models they describe, for medkg compare."})
final class ImportCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "What to import: 'awesome' (a markdown list) or "
            + "'openmed' (OpenMed's manifest).")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "The file to import (for openmed, "
            + "default: data/sources/openmed/models.jsonl).")
    Path file;

    @Option(names = "--dry-run", description = "Report what would change; write nothing.")
    boolean dryRun;

    @Option(names = "--skip-bad", description = "openmed: import the good rows even if some are bad; the bad ones are "
            + "listed with their line and reason.")
    boolean skipBad;

    @Option(names = "--list", description = "openmed: list every row that is new, changed or removed, not only the counts.")
    boolean list;

    @Option(names = "--snapshot-url", description = "openmed: the URL of the exact snapshot imported (default: from "
            + "PROVENANCE.properties beside the file).")
    String snapshotUrl;

    @Option(names = "--commit", description = "openmed: the commit of the snapshot (default: from PROVENANCE.properties).")
    String commit;

    @Option(names = "--date", description = "openmed: the date of the snapshot, YYYY-MM-DD (default: from PROVENANCE.properties).")
    String date;

    @Override
    public Integer call() throws Exception {
        if (kind.equals("openmed")) return openmed();
        if (kind.equals("ecosystem-graphs")) return ecosystemGraphs();
        if (!kind.equals("awesome"))
            throw new Medkg.UsageException("unknown kind '" + kind + "'; expected 'awesome', 'openmed' or 'ecosystem-graphs'");
        if (file == null) throw new Medkg.UsageException("import awesome needs the markdown FILE");
        if (!Files.isRegularFile(file)) throw new Medkg.UsageException(file + ": no such file");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AwesomeImporter.Report r = AwesomeImporter.run(paths.data(), file, dryRun);
        if (!r.errors().isEmpty()) {
            r.errors().forEach(err::println);
            err.println("medkg: " + r.errors().size() + " problem(s) in " + file + "; the catalog was not changed");
            return 1;
        }
        if (r.repairedEncoding()) err.println("medkg: note: repaired text that was UTF-8 misread as Windows-1252");
        r.lines().forEach(out::println);
        out.printf("%d new, %d changed, %d unchanged%s%n", r.count(AwesomeImporter.Change.NEW),
                r.count(AwesomeImporter.Change.CHANGED), r.count(AwesomeImporter.Change.UNCHANGED),
                dryRun ? " (dry run: nothing written)" : "");
        return 0;
    }

    private int openmed() throws Exception {
        Path manifest = file != null ? file : paths.data().resolve("sources/openmed/models.jsonl");
        if (!Files.isRegularFile(manifest)) throw new Medkg.UsageException(manifest + ": no such file");
        OpenMedImporter.Provenance p = provenance(manifest, "https://github.com/maziyarpanahi/openmed");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OpenMedImporter.Report r = OpenMedImporter.run(paths.data(), manifest, p, skipBad, dryRun);
        for (var b : r.bad()) err.println(manifest + ": " + b);
        if (!r.bad().isEmpty() && !skipBad) {
            err.println("medkg: " + r.bad().size() + " bad row(s) in " + manifest + "; nothing was written "
                    + "(fix them, or import the rest with --skip-bad)");
            return 1;
        }
        if (!r.bad().isEmpty()) err.println("medkg: skipped " + r.bad().size() + " bad row(s), listed above");
        for (var d : r.disagreements()) out.println("disagrees " + d);
        if (list)
            for (var l : r.changes())
                if (l.change() != ImportWriter.Change.UNCHANGED)
                    out.println(l.change().name().toLowerCase(java.util.Locale.ROOT) + " " + l.table() + " " + l.id());
        out.printf("models: %d new, %d changed, %d removed, %d unchanged; %d curated model(s) kept as curated; "
                        + "edges by relation %s; %d disagreement(s) with the curated catalog%s%n",
                r.count(ImportWriter.Change.NEW, "models.csv"), r.count(ImportWriter.Change.CHANGED, "models.csv"),
                r.count(ImportWriter.Change.REMOVED, "models.csv"), r.count(ImportWriter.Change.UNCHANGED, "models.csv"),
                r.curatedKept().size(), r.edgesByRelation(), r.disagreements().size(),
                dryRun ? " (dry run: nothing written)" : " (written to " + paths.data().resolve("imported/openmed") + ")");
        return 0;
    }

    private int ecosystemGraphs() throws Exception {
        Path yaml = file != null ? file : paths.data().resolve("sources/ecosystem-graphs/medical.yaml");
        if (!Files.isRegularFile(yaml)) throw new Medkg.UsageException(yaml + ": no such file");
        OpenMedImporter.Provenance p = provenance(yaml, "https://github.com/stanford-crfm/ecosystem-graphs");
        EcosystemGraphsImporter.Report r = EcosystemGraphsImporter.run(paths.data(), yaml, p, dryRun);
        PrintWriter out = spec.commandLine().getOut();
        r.matched().forEach(m -> out.println("matched   " + m));
        r.notInCatalog().forEach(m -> out.println("not in the catalog: " + m));
        out.printf("%d asset(s) matched to curated models, %d not in the catalog; %d declaration(s)%s%n",
                r.matched().size(), r.notInCatalog().size(), r.declarations(),
                dryRun ? " (dry run: nothing written)" : " (written to " + paths.data().resolve("imported/ecosystem-graphs") + ")");
        return 0;
    }

    /** The snapshot's provenance: options first, then PROVENANCE.properties beside the file. */
    private OpenMedImporter.Provenance provenance(Path file, String defaultProject) throws java.io.IOException {
        OpenMedImporter.Provenance beside = OpenMedImporter.Provenance.beside(file);
        OpenMedImporter.Provenance p = new OpenMedImporter.Provenance(
                beside == null || beside.project() == null ? defaultProject : beside.project(),
                snapshotUrl != null ? snapshotUrl : beside == null ? null : beside.snapshotUrl(),
                commit != null ? commit : beside == null ? null : beside.commit(),
                date != null ? date : beside == null ? null : beside.date());
        if (p.snapshotUrl() == null || p.date() == null)
            throw new Medkg.UsageException("say where the snapshot comes from: --snapshot-url URL --date YYYY-MM-DD "
                    + "[--commit SHA], or a PROVENANCE.properties beside " + file);
        return p;
    }
}
