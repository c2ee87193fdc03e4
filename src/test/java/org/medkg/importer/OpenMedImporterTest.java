package org.medkg.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medkg.catalog.CatalogTable;
import org.medkg.check.CatalogCheck;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.QueryLibrary;
import org.medkg.server.ProjectBuild;
import org.medkg.store.AtomicStoreBuilder;
import org.medkg.store.Store;
import org.medkg.testing.Catalogs;

/**
 * {@code medkg import openmed} on fixture manifests made of real rows of the OpenMed snapshot, and on the vendored
 * snapshot itself: bad rows are reported with their line, a second import changes no byte, a newer snapshot reports
 * what changed, lineage crosses from curated BERT models into OpenMed models, and the snapshot imports with every
 * skipped row explained.
 */
class OpenMedImporterTest {
    static final Path MANIFESTS = Path.of("src/test/resources/manifests");
    static final Path SNAPSHOT = Path.of("data/sources/openmed/models.jsonl");
    @TempDir Path tmp;

    static OpenMedImporter.Provenance provenance(Path manifest) throws IOException {
        return OpenMedImporter.Provenance.beside(manifest);
    }

    static List<String> badFixtures() throws IOException {
        return Files.readAllLines(MANIFESTS.resolve("expected.txt")).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFixtures")
    void badRowIsReportedWithItsLineAndNothingIsWritten(String expectation) throws IOException {
        String[] parts = expectation.split(" ", 2);
        Path data = Catalogs.materialise("valid/openmed", tmp.resolve("data"));
        OpenMedImporter.Report r = OpenMedImporter.run(data, MANIFESTS.resolve(parts[0]), provenance(MANIFESTS.resolve("good.jsonl")), false, false);
        List<String> bad = r.bad().stream().map(Object::toString).toList();
        assertTrue(bad.stream().anyMatch(b -> b.startsWith(parts[1])), () -> "expected " + parts[1] + " in " + bad);
        assertFalse(r.written());
        assertFalse(Files.exists(data.resolve("imported")), "nothing may be written while rows are bad");
    }

    @Test
    void secondImportChangesNoByteAndTheCatalogStaysValid() throws IOException {
        Path data = Catalogs.materialise("valid/openmed", tmp.resolve("data"));
        Path good = MANIFESTS.resolve("good.jsonl");
        OpenMedImporter.Report first = OpenMedImporter.run(data, good, provenance(good), false, false);
        assertTrue(first.bad().isEmpty(), first.bad()::toString);
        Map<Path, byte[]> before = snapshotFiles(data.resolve("imported/openmed"));
        OpenMedImporter.Report second = OpenMedImporter.run(data, good, provenance(good), false, false);
        Map<Path, byte[]> after = snapshotFiles(data.resolve("imported/openmed"));
        assertEquals(before.keySet(), after.keySet());
        for (Path p : before.keySet()) assertArrayEquals(before.get(p), after.get(p), p + " changed on a second import");
        assertTrue(second.changes().stream().allMatch(l -> l.change() == ImportWriter.Change.UNCHANGED), second.changes()::toString);
        CatalogCheck.Result check = CatalogCheck.run(data, Catalogs.schema(), t -> {});
        assertTrue(check.ok(true), () -> check.problems().sorted().toString());
        // The foreign base (xlm-roberta-large) and the non-OpenMed base of the MLX export became declared rows.
        String models = Files.readString(data.resolve("imported/openmed/models.csv"));
        assertTrue(models.contains("facebookai-xlm-roberta-large,xlm-roberta-large,"), models);
        assertTrue(models.contains("deepgrove-maple-preview,maple-preview,"), models);
        assertTrue(models.contains("openmed-maple-preview-8bit-mlx,") && models.contains("deepgrove-maple-preview (quantization)"), models);
        assertTrue(models.contains("openmed-pii-bioclinicalbert-base-110m-v1 (conversion)"), models);
        // Bio_ClinicalBERT is the curated bio-clinicalbert: linked, not duplicated.
        assertTrue(models.contains("bio-clinicalbert (fine-tuning)"), models);
        assertFalse(models.contains("emilyalsentzer-bio_clinicalbert,"), models);
    }

    @Test
    void newerSnapshotReportsNewChangedAndRemovedRows() throws IOException {
        Path data = Catalogs.materialise("valid/openmed", tmp.resolve("data"));
        Path good = MANIFESTS.resolve("good.jsonl");
        OpenMedImporter.run(data, good, provenance(good), false, false);
        List<String> lines = new ArrayList<>(Files.readAllLines(good));
        String removed = lines.remove(3);                                          // the NER model without a base
        lines.set(0, lines.get(0).replace("\"param_count\":110000000", "\"param_count\":110000001"));
        lines.add(removed.replace("AnatomyDetect-BigMed-278M", "AnatomyDetect-BigMed-278M-v2"));
        Path newer = tmp.resolve("newer/models.jsonl");
        Files.createDirectories(newer.getParent());
        Files.write(newer, lines);
        OpenMedImporter.Report r = OpenMedImporter.run(data, newer, provenance(good), false, false);
        assertEquals(1, r.count(ImportWriter.Change.NEW, "models.csv"), r.changes()::toString);
        assertEquals(1, r.count(ImportWriter.Change.CHANGED, "models.csv"), r.changes()::toString);
        assertEquals(1, r.count(ImportWriter.Change.REMOVED, "models.csv"), r.changes()::toString);
    }

    @Test
    void lineageCrossesFromBertIntoOpenMedThroughBioClinicalBert() throws Exception {
        Path data = Catalogs.materialise("valid/openmed", tmp.resolve("data"));
        Path good = MANIFESTS.resolve("good.jsonl");
        OpenMedImporter.run(data, good, provenance(good), false, false);
        AtomicStoreBuilder.Outcome o = ProjectBuild.run(Catalogs.inputs(data), tmp.resolve("store"), s -> {});
        assertTrue(o.ok(), () -> o.check().problems().sorted().toString());
        try (Store store = Store.open(tmp.resolve("store"))) {
            DatasetGraph dsg = store.dataset();
            var q = QueryLibrary.load(Catalogs.QUERIES).get("built-on");
            Map<String, String> depthOf = new HashMap<>();
            new CannedQueryRunner(dsg, 10_000).select(q, Map.of("base", "bert-base-cased"), rs -> rs.forEachRemaining(s ->
                    depthOf.put(s.getResource("model").getURI().replaceAll(".*/", ""), s.getLiteral("depth").getLexicalForm())));
            assertEquals("3", depthOf.get("openmed-pii-bioclinicalbert-base-110m-v1"), depthOf::toString);
            assertEquals("4", depthOf.get("openmed-pii-bioclinicalbert-base-110m-v1-onnx-android"), depthOf::toString);
        }
    }

    /** The vendored snapshot: every repository is in the catalog, and every declared base is an edge or a listed skip. */
    @Test
    void snapshotImportsWithEverySkippedRowExplained() throws IOException {
        Path data = tmp.resolve("data");
        Catalogs.copyCsv(Catalogs.DATA, data);
        OpenMedImporter.Report strict = OpenMedImporter.run(data, SNAPSHOT, provenance(SNAPSHOT), false, false);
        assertFalse(strict.bad().isEmpty());
        assertFalse(strict.written());
        OpenMedImporter.Report r = OpenMedImporter.run(data, SNAPSHOT, provenance(SNAPSHOT), true, false);
        // The only bad rows of the snapshot: base_model 'privacy-filter', not a repository id; the repositories stay.
        assertEquals(5, r.bad().size(), r.bad()::toString);
        assertTrue(r.bad().stream().allMatch(b -> b.repositoryKept() && b.message().contains("'privacy-filter'")), r.bad()::toString);

        ObjectMapper json = new ObjectMapper();
        Set<String> repos = new HashSet<>();
        Set<String> reposWithBase = new HashSet<>();
        for (String line : Files.readAllLines(SNAPSHOT)) {
            JsonNode o = json.readTree(line);
            repos.add(o.get("repo_id").asText());
            if (!o.get("base_model").isNull()) reposWithBase.add(o.get("repo_id").asText());
        }
        Set<String> hfIds = new HashSet<>();
        long importedEdges = 0;
        long curatedWithDeclaredBase = 0;
        for (Map<String, String> row : CsvTable.read(data.resolve("models.csv")).rows) {
            hfIds.add(row.get("hf_id"));
            if (reposWithBase.contains(row.get("hf_id"))) curatedWithDeclaredBase++;
        }
        for (Map<String, String> row : CsvTable.read(data.resolve("imported/openmed/models.csv")).rows) {
            hfIds.add(row.get("hf_id"));
            if (!row.get("built_on").isEmpty()) importedEdges++;
        }
        for (String repo : repos) assertTrue(hfIds.contains(repo), repo + " is in the manifest but not in the catalog");
        // Each declared base is an imported edge, a skipped row (listed above), or belongs to a curated row (kept as
        // curated; a disagreement is reported where the curated lineage differs).
        assertEquals(reposWithBase.size(), importedEdges + r.bad().size() + curatedWithDeclaredBase);
        CatalogCheck.Result check = CatalogCheck.run(data, Catalogs.schema(), t -> {});
        assertTrue(check.ok(true), () -> check.problems().sorted().toString());
    }

    private static Map<Path, byte[]> snapshotFiles(Path dir) throws IOException {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) out.put(p.getFileName(), Files.readAllBytes(p));
        }
        return out;
    }
}
