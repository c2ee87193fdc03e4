package org.medkg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

import org.medkg.importer.AwesomeImporter;
import org.medkg.importer.EcosystemGraphsImporter;
import org.medkg.importer.HubClient;
import org.medkg.importer.HubImporter;
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
                        + " declarations about the curated models they describe, for medkg compare.",
                "  medkg import hf FILE|DIR   or   medkg import hf --from-hub URL|--author NAME",
                "reads Hugging Face Hub model metadata in the Hub API's JSON shape (one model, a list, or a directory of"
                        + " saved pages) into data/imported/huggingface/: base_model and base_model_relation become"
                        + " declared edges (finetune, adapter, merge, quantized); for curated models, declarations."
                        + " --from-hub lists live from the Hub API, following Link pagination, honouring 429"
                        + " Retry-After, pacing requests, and saving pages so an interrupted listing resumes."})
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

    @Option(names = "--from-hub", paramLabel = "URL", description = "hf: list live from this Hub API URL, e.g. "
            + "'https://huggingface.co/api/models?author=OpenMed&expand[]=cardData&expand[]=tags&expand[]=createdAt&expand[]=pipeline_tag&limit=100'.")
    String fromHub;

    @Option(names = "--author", description = "hf: list live the models of this Hub account (builds the --from-hub URL).")
    String author;

    @Option(names = "--hub-url", defaultValue = "https://huggingface.co", description = "hf: the Hub's base URL "
            + "(default: ${DEFAULT-VALUE}).")
    String hubUrl;

    @Option(names = "--pages-dir", description = "hf: where live pages are saved and resumed from "
            + "(default: data/sources/huggingface/<author or 'query'>).")
    Path pagesDir;

    @Override
    public Integer call() throws Exception {
        if (kind.equals("openmed")) return openmed();
        if (kind.equals("ecosystem-graphs")) return ecosystemGraphs();
        if (kind.equals("hf")) return hub();
        if (!kind.equals("awesome"))
            throw new Medkg.UsageException("unknown kind '" + kind + "'; expected 'awesome', 'openmed', 'ecosystem-graphs' or 'hf'");
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

    private int hub() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<com.fasterxml.jackson.databind.JsonNode> entries;
        OpenMedImporter.Provenance p;
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        if (fromHub != null || author != null) {
            if (file != null) throw new Medkg.UsageException("give a FILE or --from-hub/--author, not both");
            String url = fromHub != null ? fromHub : hubUrl.replaceAll("/+$", "") + "/api/models?author="
                    + java.net.URLEncoder.encode(author, java.nio.charset.StandardCharsets.UTF_8)
                    + "&expand[]=cardData&expand[]=tags&expand[]=createdAt&expand[]=pipeline_tag&limit=100";
            URI start;
            try {
                start = URI.create(url.replace("[", "%5B").replace("]", "%5D"));
            } catch (IllegalArgumentException e) {
                throw new Medkg.UsageException("--from-hub: not a URL: " + e.getMessage());
            }
            Path dir = pagesDir != null ? pagesDir : paths.data().resolve("sources/huggingface/"
                    + (author != null ? author.replaceAll("[^A-Za-z0-9._-]", "_") : "query"));
            HubClient client = new HubClient(HubClient.Options.defaults(), m -> err.println("medkg: " + m));
            entries = client.list(start, dir);
            p = new OpenMedImporter.Provenance("https://huggingface.co", url, null, today);
        } else {
            if (file == null) throw new Medkg.UsageException("import hf needs a FILE or DIR, or --from-hub URL / --author NAME");
            if (!Files.exists(file)) throw new Medkg.UsageException(file + ": no such file or directory");
            entries = readHubJson(file);
            OpenMedImporter.Provenance beside = Files.isRegularFile(file) ? OpenMedImporter.Provenance.beside(file) : null;
            p = provenance(beside, file, today);
        }
        HubImporter.Report r = HubImporter.run(paths.data(), entries, p, dryRun);
        r.problems().forEach(m -> err.println("medkg: " + m));
        out.printf("hf: %d model(s) imported with %d declared edge(s), %d declaration(s) about curated models; "
                        + "models %d new, %d changed, %d removed%s%n", r.models(), r.edges(), r.declarations(),
                count(r.changes(), ImportWriter.Change.NEW), count(r.changes(), ImportWriter.Change.CHANGED),
                count(r.changes(), ImportWriter.Change.REMOVED),
                dryRun ? " (dry run: nothing written)" : " (written to " + paths.data().resolve("imported/huggingface") + ")");
        return 0;
    }

    private OpenMedImporter.Provenance provenance(OpenMedImporter.Provenance beside, Path file, String today) {
        return new OpenMedImporter.Provenance("https://huggingface.co",
                snapshotUrl != null ? snapshotUrl : beside != null && beside.snapshotUrl() != null ? beside.snapshotUrl()
                        : file.toAbsolutePath().toUri().toString(),
                commit != null ? commit : beside == null ? null : beside.commit(),
                date != null ? date : beside != null && beside.date() != null ? beside.date() : today);
    }

    private static long count(List<ImportWriter.Line> lines, ImportWriter.Change c) {
        return lines.stream().filter(l -> l.change() == c && l.table().equals("models.csv")).count();
    }

    /** One model object, an array of them, or a directory of saved pages (page-0001.json, ...). */
    static List<com.fasterxml.jackson.databind.JsonNode> readHubJson(Path file) throws java.io.IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Path> files = new java.util.ArrayList<>();
        if (Files.isDirectory(file)) {
            try (var s = Files.list(file)) {
                s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
            }
        } else {
            files.add(file);
        }
        List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        for (Path f : files) {
            com.fasterxml.jackson.databind.JsonNode n;
            try {
                n = json.readTree(f.toFile());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Medkg.UsageException(f + ": not JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
            }
            if (n.isArray()) n.forEach(out::add);
            else if (n.isObject()) out.add(n);
            else throw new Medkg.UsageException(f + ": expected a model object or an array of them");
        }
        return out;
    }
}
