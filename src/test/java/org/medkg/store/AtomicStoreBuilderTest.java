package org.medkg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;

/** Builds are atomic: a failed, refused or interrupted build leaves the previous store answering as before. */
class AtomicStoreBuilderTest {
    @TempDir Path tmp;

    private static final String MODELS = "PREFIX mkg: <https://w3id.org/medkg/ontology#> "
            + "SELECT ?m WHERE { ?m a mkg:Model } ORDER BY ?m";

    static List<String> answer(Path storeDir) throws IOException {
        try (Store store = Store.open(storeDir)) {
            return Txn.calculateRead(store.dataset(), () -> {
                try (QueryExec qe = QueryExec.dataset(store.dataset()).query(MODELS).build()) {
                    return qe.select().stream().map(b -> b.get("m").getURI()).toList();
                }
            });
        }
    }

    private Path build(Path data, Path storeDir, AtomicStoreBuilder.Hooks hooks) throws IOException {
        AtomicStoreBuilder.Outcome o = Builds.build(Catalogs.inputs(data), storeDir, s -> {}, hooks);
        return o.ok() ? o.database() : null;
    }

    @Test
    void buildPublishesAQueryableStore() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path storeDir = tmp.resolve("store");
        assertNotNull(build(data, storeDir, AtomicStoreBuilder.NONE));
        assertEquals(8, answer(storeDir).size());
        assertFalse(Builds.isStale(Catalogs.inputs(data), storeDir));
        try (Store store = Store.open(storeDir)) {
            assertNotNull(store.info());
            assertTrue(store.info().quads() > 0);
        }
    }

    @Test
    void failureInjectedBeforePublishLeavesOldStoreAnswering() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path storeDir = tmp.resolve("store");
        build(data, storeDir, AtomicStoreBuilder.NONE);
        List<String> before = answer(storeDir);

        // Change the catalog, then fail the build after the new database is fully loaded but before publishing.
        Files.writeString(data.resolve("models.csv"),
                "extra-model,Extra,,model,,,,,,text,,,,,,,,,,,,,,,\n", java.nio.file.StandardOpenOption.APPEND);
        IOException injected = assertThrows(IOException.class, () -> build(data, storeDir, new AtomicStoreBuilder.Hooks() {
            @Override
            public void beforePublish(Path database) throws IOException {
                throw new IOException("injected failure");
            }
        }));
        assertEquals("injected failure", injected.getMessage());
        assertEquals(before, answer(storeDir), "old store must answer exactly as before");
        assertNoStaging(storeDir);

        // The next good build publishes the change.
        build(data, storeDir, AtomicStoreBuilder.NONE);
        assertEquals(before.size() + 1, answer(storeDir).size());
    }

    @Test
    void refusedCatalogLeavesOldStoreAnswering() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path storeDir = tmp.resolve("store");
        build(data, storeDir, AtomicStoreBuilder.NONE);
        List<String> before = answer(storeDir);
        Path current = AtomicStoreBuilder.currentDatabase(storeDir);
        Path bad = Catalogs.materialise("invalid/unterminated-quote", tmp.resolve("bad"));
        assertEquals(null, build(bad, storeDir, AtomicStoreBuilder.NONE));
        assertEquals(before, answer(storeDir));
        assertNoStaging(storeDir);

        // A lineage cycle is found only after every row was read, converted and handed to the staging load.
        Path cycle = Catalogs.materialise("invalid/cycle", tmp.resolve("cycle"));
        AtomicStoreBuilder.Outcome refused = Builds.build(Catalogs.inputs(cycle), storeDir, s -> {}, AtomicStoreBuilder.NONE);
        assertFalse(refused.ok());
        List<String> problems = refused.check().problems().sorted().stream().map(Object::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("models.csv:7:16: built_on: lineage cycle: "
                + "bert-base-cased -> bio-clinicalbert -> biobert-v1.0 -> bert-base-cased")), problems.toString());
        assertEquals(current, AtomicStoreBuilder.currentDatabase(storeDir));
        assertEquals(before, answer(storeDir));
        assertNoStaging(storeDir);
    }

    @Test
    void leftoversOfAKilledBuildDoNotDisturbTheStore() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path storeDir = tmp.resolve("store");
        build(data, storeDir, AtomicStoreBuilder.NONE);
        List<String> before = answer(storeDir);
        // What a build killed halfway leaves behind: a staging directory with a half-written database.
        Path leftover = storeDir.resolve(".build-20000101T000000Z-dead");
        Files.createDirectories(leftover.resolve("db/Data-0001"));
        Files.writeString(leftover.resolve("catalog.nq"), "<a> <b> <c");
        assertEquals(before, answer(storeDir));
        build(data, storeDir, AtomicStoreBuilder.NONE);
        assertFalse(Files.exists(leftover), "the next build cleans up staging leftovers");
        assertEquals(before, answer(storeDir));
    }

    @Test
    void keepsAtMostTwoDatabases() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path storeDir = tmp.resolve("store");
        for (int i = 0; i < 3; i++) build(data, storeDir, AtomicStoreBuilder.NONE);
        try (Stream<Path> s = Files.list(storeDir)) {
            assertTrue(s.filter(p -> p.getFileName().toString().startsWith("db-")).count() <= 2);
        }
    }

    private static void assertNoStaging(Path storeDir) throws IOException {
        try (Stream<Path> s = Files.list(storeDir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".build-")));
        }
    }
}
