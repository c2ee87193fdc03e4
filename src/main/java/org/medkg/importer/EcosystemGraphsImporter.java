package org.medkg.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.medkg.catalog.CatalogRow;
import org.medkg.catalog.CatalogTable;

/**
 * {@code medkg import ecosystem-graphs [FILE]}: Stanford CRFM's Ecosystem Graphs assets (name, type, model card,
 * dependencies) as declarations about the curated models they describe, in {@code data/imported/ecosystem-graphs/}.
 * An asset is matched to a curated model by its model card's Hugging Face id, else by name or alias; a dependency is a
 * declared base when it resolves to a catalog model or family, or is itself an asset of type model (then named, not
 * resolved); datasets and applications are not bases. An asset with no model dependency declares no base. Nothing
 * here becomes a lineage edge: the declarations are what {@code medkg compare} holds against curated lineage.
 */
public final class EcosystemGraphsImporter {
    public static final String SOURCE = "ecosystem-graphs";
    public static final String IMPORT_ID = "ecosystem-graphs-medical";
    private static final Pattern HF = Pattern.compile("huggingface\\.co/([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern SOURCE_COMMENT = Pattern.compile("^\\s*# source: (assets/\\S+\\.yaml)");
    private static final Pattern NAME_LINE = Pattern.compile("^\\s{4}name: (.+)$");

    public record Report(List<ImportWriter.Line> changes, List<String> matched, List<String> notInCatalog, int declarations) {}

    private EcosystemGraphsImporter() {}

    public static Report run(Path dataDir, Path yaml, OpenMedImporter.Provenance p, boolean dryRun) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        Map<String, String> fileOf = sourceFiles(yaml);
        Map<String, JsonNode> assets = new LinkedHashMap<>();
        List<JsonNode> described = new ArrayList<>();
        for (String section : List.of("medical", "medical_borderline", "life_science_adjacent", "dependencies_one_hop")) {
            for (JsonNode a : root.path(section)) {
                assets.putIfAbsent(a.path("name").asText(), a);
                if (!section.equals("dependencies_one_hop")) described.add(a);
            }
        }
        Catalog c = Catalog.load(dataDir);
        String base = p.project() + "/blob/" + p.commit() + "/";
        ImportWriter out = new ImportWriter(dataDir, SOURCE);
        out.add(CatalogTable.IMPORTS, ImportWriter.row(CatalogTable.IMPORTS, "id", IMPORT_ID,
                "name", "Ecosystem Graphs medical assets", "source", p.project(), "snapshot", p.snapshotUrl(),
                "commit", p.commit(), "retrieved", p.date(), "importer", "medkg import ecosystem-graphs",
                "notes", "Stanford CRFM Ecosystem Graphs: the medical, borderline and life-science assets and their one-hop "
                        + "dependencies, verbatim. Declarations only, compared with curated lineage by medkg compare."));
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode a : described) {
            if (!a.path("type").asText().equals("model")) continue;
            String name = a.path("name").asText();
            String model = c.model(name, hfId(a));
            if (model == null) {
                missing.add(name);
                continue;
            }
            matched.add(name + " -> " + model);
            String src = base + fileOf.getOrDefault(name, "");
            List<String> deps = new ArrayList<>();
            a.path("dependencies").forEach(d -> deps.add(d.asText()));
            List<String> notBases = new ArrayList<>();
            int bases = 0;
            for (String dep : deps) {
                JsonNode depAsset = assets.get(dep);
                String resolved = c.base(dep, depAsset == null ? null : hfId(depAsset));
                boolean modelAsset = depAsset != null && depAsset.path("type").asText().equals("model");
                if (resolved == null && !modelAsset) {
                    notBases.add(dep);
                    continue;
                }
                bases++;
                rows.add(ImportWriter.row(CatalogTable.DECLARATIONS, "model", model,
                        "declared_base", resolved == null ? "" : resolved, "declared_base_name", dep, "source", src,
                        "quote", "name: " + name + " ... dependencies: " + deps, "imported_by", IMPORT_ID,
                        "notes", resolved == null ? "The dependency is an asset of type model that the catalog does not have." : ""));
            }
            if (bases == 0)
                rows.add(ImportWriter.row(CatalogTable.DECLARATIONS, "model", model, "source", src,
                        "quote", "name: " + name + " ... dependencies: " + deps, "imported_by", IMPORT_ID,
                        "notes", "The asset lists no model among its dependencies" + (notBases.isEmpty() ? "" : " (only "
                                + String.join(", ", notBases) + ")") + ": Ecosystem Graphs records no base."));
        }
        for (Map<String, String> r : rows) out.addKeyed(CatalogTable.DECLARATIONS, r);
        List<ImportWriter.Line> changes = out.commit(!dryRun);
        return new Report(changes, matched, missing, rows.size());
    }

    static String hfId(JsonNode asset) {
        Matcher m = HF.matcher(asset.path("model_card").asText(""));
        return m.find() ? m.group(1) : null;
    }

    /** The assets/*.yaml file each asset block was copied from, from the snapshot's "# source:" comments. */
    private static Map<String, String> sourceFiles(Path yaml) throws IOException {
        Map<String, String> out = new HashMap<>();
        String current = null;
        for (String line : Files.readAllLines(yaml)) {
            Matcher s = SOURCE_COMMENT.matcher(line);
            if (s.find()) current = s.group(1);
            Matcher n = NAME_LINE.matcher(line);
            if (n.find() && current != null) out.putIfAbsent(n.group(1).strip(), current);
        }
        return out;
    }

    /** The curated catalog's models and families by Hugging Face id and by normalised name or alias. */
    record Catalog(Map<String, String> byHf, Map<String, Set<String>> models, Map<String, Set<String>> families,
                   Set<String> modelIds) {
        static Catalog load(Path dataDir) throws IOException {
            Map<String, String> byHf = new HashMap<>();
            Map<String, Set<String>> models = new HashMap<>();
            Map<String, Set<String>> families = new HashMap<>();
            Set<String> modelIds = new java.util.HashSet<>();
            for (Map<String, String> r : CsvTable.read(dataDir.resolve("models.csv")).rows) {
                modelIds.add(r.get("id"));
                if (!r.getOrDefault("hf_id", "").isEmpty()) byHf.put(r.get("hf_id").toLowerCase(Locale.ROOT), r.get("id"));
                names(r).forEach(k -> models.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(r.get("id")));
            }
            for (Map<String, String> r : CsvTable.read(dataDir.resolve("families.csv")).rows)
                names(r).forEach(k -> families.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(r.get("id")));
            return new Catalog(byHf, models, families, modelIds);
        }

        private static List<String> names(Map<String, String> r) {
            List<String> out = new ArrayList<>(List.of(norm(r.get("id")), norm(r.getOrDefault("name", ""))));
            for (String a : CatalogRow.splitList(r.getOrDefault("aliases", ""))) out.add(norm(a));
            return out;
        }

        /** The curated model an asset describes: by model card, else by a name that names exactly one model. */
        String model(String name, String hf) {
            if (hf != null && byHf.containsKey(hf.toLowerCase(Locale.ROOT))) return byHf.get(hf.toLowerCase(Locale.ROOT));
            Set<String> m = models.get(norm(name));
            return m != null && m.size() == 1 ? m.iterator().next() : null;
        }

        /** The catalog model or family a dependency names: model card first, then a family, then one model. */
        String base(String name, String hf) {
            if (hf != null && byHf.containsKey(hf.toLowerCase(Locale.ROOT))) return byHf.get(hf.toLowerCase(Locale.ROOT));
            Set<String> f = families.get(norm(name));
            if (f != null && f.size() == 1) {
                String id = f.iterator().next();
                return modelIds.contains(id) ? "family:" + id : id;
            }
            Set<String> m = models.get(norm(name));
            return m != null && m.size() == 1 ? m.iterator().next() : null;
        }

        static String norm(String s) {
            return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        }
    }
}
