package org.medkg.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.query.CannedQueryRunner;
import org.medkg.query.QueryLibrary;
import org.medkg.server.ProjectBuild;
import org.medkg.store.AtomicStoreBuilder;
import org.medkg.store.Store;
import org.medkg.testing.Catalogs;

/**
 * Ecosystem Graphs assets become declarations about curated models, and the canned query compare lists exactly
 * the known disagreements on a fixture: a base the source does not record, and a different base; an agreement at
 * family level (BioBERT on "BERT", curated on bert-base-cased) is not listed.
 */
class CompareTest {
    static final Path YAML = Path.of("src/test/resources/ecosystem-graphs/medical.yaml");
    @TempDir Path tmp;

    @Test
    void compareListsTheKnownDisagreementsOnly() throws Exception {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        EcosystemGraphsImporter.Report r = EcosystemGraphsImporter.run(data, YAML, OpenMedImporter.Provenance.beside(YAML), false);
        assertEquals(List.of("MediTron -> meditron-70b", "BioBERT v1.0 -> biobert-v1.0", "Bio_ClinicalBERT -> bio-clinicalbert"), r.matched());
        assertEquals(List.of("Not In The Catalog"), r.notInCatalog());
        AtomicStoreBuilder.Outcome o = ProjectBuild.run(Catalogs.inputs(data), tmp.resolve("store"), s -> {});
        assertTrue(o.ok(), () -> o.check().problems().sorted().toString());
        List<String> rows = new ArrayList<>();
        try (Store store = Store.open(tmp.resolve("store"))) {
            new CannedQueryRunner(store.dataset(), 10_000).select(QueryLibrary.load(Catalogs.QUERIES).get("compare"),
                    Map.of("source", EcosystemGraphsImporter.IMPORT_ID),
                    rs -> rs.forEachRemaining(s -> rows.add(s.getResource("model").getURI().replaceAll(".*/", "") + ": "
                            + s.getLiteral("disagreement").getString())));
        }
        assertEquals(List.of("bio-clinicalbert: different base", "meditron-70b: source records no base"), rows);
    }
}
