package org.medkg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;

/** A database built in one store and shipped to another is published only if it is the build it claims to be. */
class ShippedStoreTest {
    @TempDir Path tmp;

    private Path build(Path data, Path storeDir) throws IOException {
        AtomicStoreBuilder.Outcome o = Builds.build(Catalogs.inputs(data), storeDir, s -> {}, AtomicStoreBuilder.NONE);
        assertTrue(o.ok(), () -> o.check().problems().sorted().toString());
        return o.database();
    }

    private static List<String> databases(Path storeDir) throws IOException {
        try (Stream<Path> s = Files.list(storeDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("db-")).sorted().toList();
        }
    }

    @Test
    void shippedCopyAnswersLikeTheBuildAndIsPublishedOnce() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path built = build(data, tmp.resolve("build"));
        Path replica = tmp.resolve("replica");
        ShippedStore.Shipped s = ShippedStore.publish(tmp.resolve("build/current"), replica, null, null, m -> {});
        assertFalse(s.alreadyCurrent());
        assertEquals(Catalogs.inputs(data).fingerprint(), s.fingerprint());
        assertEquals(ShippedStore.checksum(built), ShippedStore.checksum(AtomicStoreBuilder.currentDatabase(replica)));
        assertEquals(AtomicStoreBuilderTest.answer(tmp.resolve("build")), AtomicStoreBuilderTest.answer(replica));
        assertEquals(8, AtomicStoreBuilderTest.answer(replica).size());

        ShippedStore.Shipped again = ShippedStore.publish(built, replica, s.fingerprint(), s.checksum(), m -> {});
        assertTrue(again.alreadyCurrent());
        assertEquals(List.of(s.database().getFileName().toString()), databases(replica));
    }

    @Test
    void aCopyOfAnotherBuildOrADamagedCopyIsNeverPublished() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Path first = build(data, tmp.resolve("build"));
        Path replica = tmp.resolve("replica");
        ShippedStore.Shipped old = ShippedStore.publish(first, replica, null, null, m -> {});

        Files.writeString(data.resolve("institutes.csv"), Files.readString(data.resolve("institutes.csv"))
                .replace("Meta AI,FAIR", "Meta AI,FAIR;Meta Platforms"));
        Path second = build(data, tmp.resolve("build"));
        ShippedStore.Shipped expected = ShippedStore.describe(second);
        assertNotEquals(old.fingerprint(), expected.fingerprint());

        // The previous build, where the new one was expected.
        IOException wrongBuild = assertThrows(ShippedStore.MismatchException.class,
                () -> ShippedStore.publish(first, replica, expected.fingerprint(), null, m -> {}));
        assertTrue(wrongBuild.getMessage().contains("not the expected " + expected.fingerprint()), wrongBuild.getMessage());

        // The new build, damaged on its way (one byte more in one file).
        Path incoming = tmp.resolve("incoming");
        try (Stream<Path> files = Files.walk(second)) {
            for (Path f : files.toList()) Files.copy(f, incoming.resolve(second.relativize(f).toString()));
        }
        Path victim;
        try (Stream<Path> files = Files.walk(incoming)) {
            victim = files.filter(f -> f.getFileName().toString().endsWith(".dat")).findFirst().orElseThrow();
        }
        Files.write(victim, new byte[] {1}, StandardOpenOption.APPEND);
        IOException damaged = assertThrows(ShippedStore.MismatchException.class,
                () -> ShippedStore.publish(incoming, replica, expected.fingerprint(), expected.checksum(), m -> {}));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());

        assertEquals(old.database(), AtomicStoreBuilder.currentDatabase(replica), "the replica keeps its build");
        assertEquals(8, AtomicStoreBuilderTest.answer(replica).size());

        // The real thing switches current, and the old database stays until the next publish (a server may hold it).
        ShippedStore.Shipped fresh = ShippedStore.publish(second, replica, expected.fingerprint(), expected.checksum(), m -> {});
        assertEquals(fresh.database(), AtomicStoreBuilder.currentDatabase(replica));
        assertEquals(2, databases(replica).size());
        try (Store store = Store.open(replica)) {
            assertEquals(expected.fingerprint(), store.info().inputFingerprint());
        }
    }
}
