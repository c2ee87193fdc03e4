package org.medkg.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.medkg.catalog.CatalogTable;

/**
 * {@code medkg import openmed FILE}: OpenMed's manifest of its Hugging Face repositories, as catalog rows in
 * {@code data/imported/openmed/}. One model per repository, in a sub-family of OpenMed (NER, PII, zero-shot,
 * general, vision); lineage from {@code base_model}, with evidence {@code declared}: an ONNX or full-precision MLX
 * export is a {@code conversion}, a 4- or 8-bit MLX export a {@code quantization}, a PyTorch model a
 * {@code fine-tuning}. A base that a curated model has as its Hugging Face id is that model, so lineage crosses
 * sources; any other base outside the manifest becomes a row of its own, declared and not curated. Curated rows win:
 * a repository the curated catalog already has is not imported, and where the manifest says otherwise the report
 * lists the disagreement.
 */
public final class OpenMedImporter {
    public static final String SOURCE = "openmed";
    public static final String IMPORT_ID = "openmed-manifest";

    /** Where the snapshot came from: its project page, the URL of the exact file, the commit and its date. */
    public record Provenance(String project, String snapshotUrl, String commit, String date) {
        /** Reads {@code PROVENANCE.properties} beside the manifest, if there is one. */
        public static Provenance beside(Path manifest) throws IOException {
            Path p = manifest.resolveSibling("PROVENANCE.properties");
            if (!Files.exists(p)) return null;
            java.util.Properties props = new java.util.Properties();
            try (var in = Files.newBufferedReader(p)) {
                props.load(in);
            }
            return new Provenance(props.getProperty("project"), props.getProperty("snapshot"),
                    props.getProperty("commit"), props.getProperty("date"));
        }
    }

    public record Disagreement(String curatedId, String repoId, int line, String what) {
        @Override
        public String toString() {
            return curatedId + " (manifest line " + line + ", " + repoId + "): " + what;
        }
    }

    public record Report(List<OpenMedManifest.BadRow> bad, List<ImportWriter.Line> changes,
                         List<Disagreement> disagreements, List<String> curatedKept, Map<String, Integer> edgesByRelation,
                         boolean written) {
        public long count(ImportWriter.Change c, String table) {
            return changes.stream().filter(l -> l.change() == c && l.table().equals(table)).count();
        }
    }

    private static final Map<String, String> SUB_FAMILIES = new LinkedHashMap<>();
    static {
        SUB_FAMILIES.put("NER", "openmed-ner");
        SUB_FAMILIES.put("PII", "openmed-pii");
        SUB_FAMILIES.put("ZeroShot", "openmed-zero-shot");
        SUB_FAMILIES.put("General", "openmed-general");
        SUB_FAMILIES.put("Vision", "openmed-vision");
    }
    private static final Map<String, String> SUB_FAMILY_NAMES = Map.of("openmed-ner", "OpenMed NER",
            "openmed-pii", "OpenMed PII", "openmed-zero-shot", "OpenMed zero-shot NER", "openmed-general",
            "OpenMed general", "openmed-vision", "OpenMed vision");

    private OpenMedImporter() {}

    /** The catalog id of a repository: stable (a function of the repo id alone) and a valid slug. */
    public static String slug(String repoId) {
        String[] p = repoId.split("/", 2);
        String name = p[0].equalsIgnoreCase("OpenMed")
                ? (p[1].toLowerCase(Locale.ROOT).startsWith("openmed") ? p[1] : "openmed-" + p[1])
                : p[0] + "-" + p[1];
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return s.replaceFirst("^[^a-z0-9]+", "");
    }

    /**
     * Imports {@code manifest} into {@code dataDir/imported/openmed/}. With bad rows and without {@code skipBad},
     * or with {@code dryRun}, nothing is written.
     */
    public static Report run(Path dataDir, Path manifest, Provenance provenance, boolean skipBad, boolean dryRun)
            throws IOException {
        OpenMedManifest.Result parsed = OpenMedManifest.read(manifest);
        List<OpenMedManifest.BadRow> bad = new ArrayList<>(parsed.bad());
        CsvTable curatedModels = CsvTable.read(dataDir.resolve(CatalogTable.MODELS.fileName()));
        Set<String> licences = CsvTable.ids(dataDir.resolve(CatalogTable.LICENSES.fileName()));
        Map<String, Map<String, String>> curatedByHf = new HashMap<>();
        Map<String, Map<String, String>> curatedById = new HashMap<>();
        for (Map<String, String> r : curatedModels.rows) {
            curatedById.put(r.get("id"), r);
            String hf = r.getOrDefault("hf_id", "");
            if (!hf.isEmpty()) curatedByHf.put(hf.toLowerCase(Locale.ROOT), r);
        }

        // Ids: one per repository, checked against each other and against curated ids of other repositories.
        Map<String, OpenMedManifest.Row> bySlug = new HashMap<>();
        Map<String, OpenMedManifest.Row> byRepo = new HashMap<>();
        List<OpenMedManifest.Row> rows = new ArrayList<>();
        for (OpenMedManifest.Row r : parsed.rows()) {
            String id = slug(r.repoId());
            OpenMedManifest.Row other = bySlug.putIfAbsent(id, r);
            if (other != null) {
                bad.add(new OpenMedManifest.BadRow(r.line(), r.repoId(), "its id '" + id + "' collides with "
                        + other.repoId() + " (line " + other.line() + ")"));
                continue;
            }
            Map<String, String> curated = curatedById.get(id);
            if (curated != null && !curated.getOrDefault("hf_id", "").equalsIgnoreCase(r.repoId())) {
                bad.add(new OpenMedManifest.BadRow(r.line(), r.repoId(), "its id '" + id + "' is a curated model with "
                        + "another Hugging Face id (" + curated.getOrDefault("hf_id", "none") + ")"));
                continue;
            }
            byRepo.put(r.repoId().toLowerCase(Locale.ROOT), r);
            rows.add(r);
        }
        bad.sort(java.util.Comparator.comparingInt(OpenMedManifest.BadRow::line));
        if (!bad.isEmpty() && !skipBad)
            return new Report(bad, List.of(), List.of(), List.of(), Map.of(), false);

        ImportWriter out = new ImportWriter(dataDir, SOURCE);
        String snapshot = provenance.snapshotUrl();
        out.add(CatalogTable.IMPORTS, ImportWriter.row(CatalogTable.IMPORTS, "id", IMPORT_ID, "name", "OpenMed model manifest",
                "source", provenance.project(), "snapshot", snapshot, "commit", provenance.commit(),
                "retrieved", provenance.date(), "importer", "medkg import openmed",
                "notes", "OpenMed's own manifest of its Hugging Face repositories (models.jsonl). Facts are declared by "
                        + "the authors' metadata, not curated."));
        for (String fam : SUB_FAMILIES.values())
            out.add(CatalogTable.FAMILIES, ImportWriter.row(CatalogTable.FAMILIES, "id", fam, "name", SUB_FAMILY_NAMES.get(fam),
                    "developed_by", "openmed", "domain", "biomedical", "part_of", "openmed",
                    "homepage", "https://huggingface.co/OpenMed", "source", snapshot, "imported_by", IMPORT_ID,
                    "notes", "Sub-family of OpenMed, from the manifest's 'family' field."));

        List<Disagreement> disagreements = new ArrayList<>();
        List<String> curatedKept = new ArrayList<>();
        Map<String, Integer> edges = new java.util.TreeMap<>();
        Map<String, String> externalBases = new java.util.TreeMap<>(); // repo id -> first manifest line that names it
        for (OpenMedManifest.Row r : rows) {
            Map<String, String> curated = curatedByHf.get(r.repoId().toLowerCase(Locale.ROOT));
            String base = r.baseModel();
            String baseId = null;
            if (base != null) {
                Map<String, String> curatedBase = curatedByHf.get(base.toLowerCase(Locale.ROOT));
                OpenMedManifest.Row manifestBase = byRepo.get(base.toLowerCase(Locale.ROOT));
                if (curatedBase != null) baseId = curatedBase.get("id");
                else if (manifestBase != null) baseId = slug(manifestBase.repoId());
                else {
                    baseId = slug(base);
                    externalBases.putIfAbsent(base, r.repoId());
                }
            }
            if (curated != null) {
                curatedKept.add(curated.get("id"));
                compare(curated, r, baseId, curatedById, disagreements);
                // What the manifest declares about the curated row, kept for medkg compare.
                out.addKeyed(CatalogTable.DECLARATIONS, ImportWriter.row(CatalogTable.DECLARATIONS, "model", curated.get("id"),
                        "declared_base", baseId == null ? "" : baseId, "declared_base_name", base == null ? "" : base,
                        "relation", base == null ? "" : relation(r.formats()),
                        "source", "https://huggingface.co/" + r.repoId() + ";" + snapshot,
                        "quote", base == null ? "\"base_model\":null" : quote(r.json()), "imported_by", IMPORT_ID,
                        "notes", base == null ? "The manifest declares no base_model." : ""));
                continue;
            }
            Map<String, String> m = model(r, snapshot, licences);
            if (base != null) {
                String relation = relation(r.formats());
                edges.merge(relation, 1, Integer::sum);
                m.put("built_on", baseId + " (" + relation + ")");
                m.put("built_on_method", relation.equals("fine-tuning") ? "not-stated" : "");
                m.put("built_on_evidence", "declared");
                m.put("built_on_source", "https://huggingface.co/" + r.repoId() + ";" + snapshot);
                m.put("built_on_quote", quote(r.json()));
            }
            out.add(CatalogTable.MODELS, m);
        }
        for (var e : externalBases.entrySet()) {
            String id = slug(e.getKey());
            if (curatedById.containsKey(id)) continue;
            out.add(CatalogTable.MODELS, ImportWriter.row(CatalogTable.MODELS, "id", id, "name", e.getKey().split("/", 2)[1],
                    "type", "model", "hf_id", e.getKey(), "source", "https://huggingface.co/" + e.getKey() + ";" + snapshot,
                    "imported_by", IMPORT_ID,
                    "notes", "Declared as a base model by the OpenMed manifest (e.g. by " + e.getValue() + "); not "
                            + "curated: its own lineage, release and licence are not recorded. developer-unknown: the "
                            + "manifest names only the repository, not who built it."));
        }
        List<ImportWriter.Line> changes = out.commit(!dryRun);
        return new Report(bad, changes, disagreements, curatedKept, edges, !dryRun);
    }

    /** How the released weights came from the base, by the formats the repository ships. */
    static String relation(List<String> formats) {
        if (formats.contains("mlx-4bit") || formats.contains("mlx-8bit")) return "quantization";
        if (!formats.contains("pytorch")) return "conversion";
        return "fine-tuning";
    }

    /** The manifest's own words for the edge: its base_model and formats fields, verbatim from the line. */
    static String quote(String json) {
        int start = json.indexOf("\"base_model\"");
        int formats = json.indexOf("\"formats\"", Math.max(start, 0));
        int end = formats < 0 ? -1 : json.indexOf(']', formats);
        if (start < 0 || end < 0 || end - start > 400) return "";
        return json.substring(start, end + 1);
    }

    private static Map<String, String> model(OpenMedManifest.Row r, String snapshot, Set<String> licences) {
        String sub = SUB_FAMILIES.getOrDefault(r.family() == null ? "" : r.family(), "openmed");
        String licence = r.license() != null && licences.contains(r.license()) ? r.license() : "";
        String notes = "Imported from the OpenMed manifest: declared by the authors' metadata, not curated." + (r.license() != null && licence.isEmpty() ? " Manifest licence '" + r.license()
                + "' has no catalog slug." : "") + (r.unusableBase() != null ? " The manifest's base_model '" + r.unusableBase()
                + "' is not a repository id, so no lineage edge was imported (listed as skipped by the import)."
                : r.baseModel() == null ? " The manifest declares no base_model." : "");
        return ImportWriter.row(CatalogTable.MODELS, "id", slug(r.repoId()), "name", r.repoId().split("/", 2)[1], "type", "model",
                "family", sub, "developed_by", "openmed", "released", r.released() == null ? "" : r.released(),
                "parameters", r.paramCount() == null ? "" : Long.toString(r.paramCount()),
                "architecture", r.architecture() == null ? "" : r.architecture(),
                "modalities", "visual-question-answering".equals(r.task()) ? "vision-language" : "text",
                "license", licence, "hf_id", r.repoId(),
                "paper", r.arxiv() == null ? "" : "https://arxiv.org/abs/" + r.arxiv(),
                "task", r.task() == null || r.task().equals("unknown") ? "" : r.task(),
                "formats", String.join(";", r.formats()), "languages", String.join(";", r.languages()),
                "labels", String.join(";", r.labels()),
                "source", "https://huggingface.co/" + r.repoId() + ";" + snapshot, "imported_by", IMPORT_ID,
                "notes", notes);
    }

    private static void compare(Map<String, String> curated, OpenMedManifest.Row r, String baseId,
                                Map<String, Map<String, String>> curatedById, List<Disagreement> out) {
        String id = curated.get("id");
        String builtOn = curated.getOrDefault("built_on", "");
        if (baseId != null) {
            if (builtOn.isEmpty())
                out.add(new Disagreement(id, r.repoId(), r.line(), "the manifest declares base_model " + r.baseModel()
                        + "; the curated catalog records no base"));
            else if (!builtOn.matches("(^|.*;)\\s*" + java.util.regex.Pattern.quote(baseId) + "\\s*\\(.*"))
                out.add(new Disagreement(id, r.repoId(), r.line(), "the manifest declares base_model " + r.baseModel()
                        + "; the curated catalog has '" + builtOn + "'"));
            else if (!builtOn.contains("(" + relation(r.formats()) + ")"))
                out.add(new Disagreement(id, r.repoId(), r.line(), "the manifest's formats " + r.formats()
                        + " make it a " + relation(r.formats()) + "; the curated catalog has '" + builtOn + "'"));
        } else if (!builtOn.isEmpty()) {
            out.add(new Disagreement(id, r.repoId(), r.line(), "the manifest declares no base_model; the curated "
                    + "catalog has '" + builtOn + "'"));
        }
        String released = curated.getOrDefault("released", "");
        if (r.released() != null && !released.isEmpty() && !r.released().startsWith(released) && !released.startsWith(r.released()))
            out.add(new Disagreement(id, r.repoId(), r.line(), "the manifest says released " + r.released()
                    + "; the curated catalog has " + released));
    }
}
