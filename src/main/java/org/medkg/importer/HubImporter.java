package org.medkg.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.medkg.catalog.CatalogTable;

/**
 * {@code medkg import hf}: Hugging Face Hub model metadata, in the JSON shape of the Hub API (a list from
 * {@code /api/models?author=...&expand[]=cardData&expand[]=tags...}, or one model), as catalog rows in
 * {@code data/imported/huggingface/}. The lineage a model card declares ({@code base_model}, one id or a list, with
 * {@code base_model_relation}; or the {@code base_model:<relation>:<id>} tags the Hub derives) becomes edges with
 * evidence {@code declared}, the Hub's four relations mapped to medkg's: finetune to fine-tuning, adapter to
 * adapter, merge to merge, quantized to quantization. A repository a curated model has as its {@code hf_id} is not
 * imported: what the Hub declares about it becomes a declaration, for {@code medkg compare}.
 */
public final class HubImporter {
    public static final String SOURCE = "huggingface";
    public static final String IMPORT_ID = "huggingface-hub";
    static final Map<String, String> RELATIONS = Map.of("finetune", "fine-tuning", "adapter", "adapter",
            "merge", "merge", "quantized", "quantization");

    public record Report(List<ImportWriter.Line> changes, List<String> problems, int models, int edges, int declarations) {}

    private HubImporter() {}

    /** Imports the models in {@code entries} (Hub API objects); the provenance names the query or file they came from. */
    public static Report run(Path dataDir, List<JsonNode> entries, OpenMedImporter.Provenance p, boolean dryRun)
            throws IOException {
        CsvTable curated = CsvTable.read(dataDir.resolve(CatalogTable.MODELS.fileName()));
        Map<String, String> curatedByHf = new HashMap<>();
        for (Map<String, String> r : curated.rows)
            if (!r.getOrDefault("hf_id", "").isEmpty()) curatedByHf.put(r.get("hf_id").toLowerCase(Locale.ROOT), r.get("id"));
        Set<String> licences = CsvTable.ids(dataDir.resolve(CatalogTable.LICENSES.fileName()));

        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> byRepo = new java.util.LinkedHashMap<>();
        for (JsonNode e : entries) {
            String id = repoId(e);
            if (id == null || !OpenMedManifest.REPO_ID.matcher(id).matches()) {
                problems.add("an entry has no valid 'id' (owner/name): " + abbreviate(e.toString()));
                continue;
            }
            if (byRepo.putIfAbsent(id.toLowerCase(Locale.ROOT), e) != null) problems.add(id + ": listed twice; the first is kept");
        }
        ImportWriter out = new ImportWriter(dataDir, SOURCE);
        out.add(CatalogTable.IMPORTS, ImportWriter.row(CatalogTable.IMPORTS, "id", IMPORT_ID, "name",
                "Hugging Face Hub model metadata", "source", "https://huggingface.co", "snapshot", p.snapshotUrl(),
                "commit", p.commit(), "retrieved", p.date(), "importer", "medkg import hf",
                "notes", "Model-card metadata (base_model, base_model_relation, license, pipeline_tag) as the Hub API "
                        + "returns it. Declared by the authors' metadata, not curated."));
        int models = 0, edges = 0, declarations = 0;
        Set<String> externalBases = new java.util.TreeSet<>();
        for (JsonNode e : byRepo.values()) {
            String repo = repoId(e);
            List<String[]> bases = bases(e);                 // {base repo id, hub relation or ""}
            String curatedId = curatedByHf.get(repo.toLowerCase(Locale.ROOT));
            if (curatedId != null) {
                if (bases.isEmpty()) {
                    out.addKeyed(CatalogTable.DECLARATIONS, ImportWriter.row(CatalogTable.DECLARATIONS, "model", curatedId,
                            "source", "https://huggingface.co/" + repo, "quote", "no base_model in the card metadata",
                            "imported_by", IMPORT_ID));
                    declarations++;
                }
                for (String[] b : bases) {
                    String baseId = resolve(b[0], curatedByHf, byRepo);
                    out.addKeyed(CatalogTable.DECLARATIONS, ImportWriter.row(CatalogTable.DECLARATIONS, "model", curatedId,
                            "declared_base", baseId, "declared_base_name", b[0],
                            "relation", RELATIONS.getOrDefault(b[1], ""), "source", "https://huggingface.co/" + repo,
                            "quote", quote(b), "imported_by", IMPORT_ID));
                    declarations++;
                }
                continue;
            }
            Map<String, String> m = ImportWriter.row(CatalogTable.MODELS, "id", OpenMedImporter.slug(repo),
                    "name", repo.split("/", 2)[1], "type", "model", "hf_id", repo,
                    "released", date(e.path("createdAt").asText("")),
                    "license", licences.contains(e.at("/cardData/license").asText("")) ? e.at("/cardData/license").asText() : "",
                    "task", e.path("pipeline_tag").asText(""), "source", "https://huggingface.co/" + repo,
                    "imported_by", IMPORT_ID,
                    "notes", "Imported from Hugging Face Hub metadata: declared by the authors' card, not curated. "
                            + "developer-unknown: the Hub names the account, not the organisation behind it.");
            List<String> builtOn = new ArrayList<>();
            List<String> quotes = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String[] b : bases) {
                String baseId = resolve(b[0], curatedByHf, byRepo);
                if (baseId.isEmpty()) {
                    baseId = OpenMedImporter.slug(b[0]);
                    externalBases.add(b[0]);
                }
                if (!seen.add(baseId)) continue;
                builtOn.add(baseId + " (" + RELATIONS.getOrDefault(b[1], "fine-tuning") + ")");
                quotes.add(quote(b));
            }
            if (!builtOn.isEmpty()) {
                m.put("built_on", String.join(";", builtOn));
                m.put("built_on_evidence", "declared");
                m.put("built_on_source", "https://huggingface.co/" + repo);
                m.put("built_on_quote", String.join(" || ", quotes));
                edges += builtOn.size();
            }
            out.add(CatalogTable.MODELS, m);
            models++;
        }
        for (String base : externalBases) {
            String id = OpenMedImporter.slug(base);
            if (out.has(CatalogTable.MODELS, id)) continue;
            out.add(CatalogTable.MODELS, ImportWriter.row(CatalogTable.MODELS, "id", id, "name", base.split("/", 2)[1],
                    "type", "model", "hf_id", base, "source", "https://huggingface.co/" + base, "imported_by", IMPORT_ID,
                    "notes", "Declared as a base by Hugging Face metadata of another repository; not curated. "
                            + "developer-unknown: only the repository id is known."));
        }
        return new Report(out.commit(!dryRun), problems, models, edges, declarations);
    }

    static String repoId(JsonNode e) {
        String id = e.path("id").asText(null);
        if (id == null || id.isEmpty()) id = e.path("modelId").asText(null);
        return id;
    }

    /**
     * The bases a model declares, with the Hub relation of each: card metadata first ({@code base_model} and
     * {@code base_model_relation}), then the {@code base_model:<relation>:<id>} tags (which carry a relation even
     * when the card does not), then an expanded {@code baseModels} object.
     */
    static List<String[]> bases(JsonNode e) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonNode card = e.path("cardData");
        String relation = card.path("base_model_relation").asText("");
        JsonNode bm = card.path("base_model");
        if (bm.isTextual()) out.put(bm.asText(), relation);
        else if (bm.isArray()) bm.forEach(b -> { if (b.isTextual()) out.put(b.asText(), relation); });
        for (JsonNode t : e.path("tags")) {
            String[] parts = t.asText("").split(":", 3);
            if (parts.length == 3 && parts[0].equals("base_model") && RELATIONS.containsKey(parts[1])) {
                String r = out.get(parts[2]);
                if (r == null || r.isEmpty()) out.put(parts[2], parts[1]);
            }
        }
        JsonNode expanded = e.path("baseModels");
        for (JsonNode m : expanded.path("models")) {
            String id = m.path("id").asText("");
            if (!id.isEmpty() && !out.containsKey(id)) out.put(id, expanded.path("relation").asText(""));
        }
        List<String[]> list = new ArrayList<>();
        out.forEach((k, v) -> { if (OpenMedManifest.REPO_ID.matcher(k).matches()) list.add(new String[] {k, v}); });
        return list;
    }

    private static String resolve(String base, Map<String, String> curatedByHf, Map<String, JsonNode> byRepo) {
        String c = curatedByHf.get(base.toLowerCase(Locale.ROOT));
        if (c != null) return c;
        JsonNode listed = byRepo.get(base.toLowerCase(Locale.ROOT));
        return listed != null ? OpenMedImporter.slug(repoId(listed)) : "";
    }

    private static String quote(String[] base) {
        return "base_model: " + base[0] + (base[1].isEmpty() ? "" : "; base_model_relation: " + base[1]);
    }

    private static String date(String iso) {
        return iso.length() >= 10 && iso.substring(0, 10).matches("\\d{4}-\\d{2}-\\d{2}") ? iso.substring(0, 10) : "";
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
