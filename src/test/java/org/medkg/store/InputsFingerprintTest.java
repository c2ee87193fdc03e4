package org.medkg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered fingerprint is the contents' fingerprint, and any change to an input is seen. */
class InputsFingerprintTest {
    @TempDir Path tmp;

    @Test
    void rememberedFingerprintFollowsEveryChange() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path ontology = Files.createDirectories(tmp.resolve("ontology"));
        Path queries = Files.createDirectories(tmp.resolve("queries"));
        Path models = data.resolve("models.csv");
        Files.writeString(models, "id,name\nm1,One\n");
        Files.writeString(ontology.resolve("medkg.ttl"), "# ontology\n");
        Files.writeString(queries.resolve("010-q.rq"), "SELECT * {}\n");
        Instant old = Instant.now().minusSeconds(60);
        for (Path f : new Path[] {models, ontology.resolve("medkg.ttl"), queries.resolve("010-q.rq")})
            Files.setLastModifiedTime(f, FileTime.from(old));
        Inputs inputs = new Inputs(data, ontology, queries);
        Path cache = tmp.resolve("store/.inputs-fingerprint");
        Files.createDirectories(cache.getParent());

        String full = inputs.fingerprint();
        assertEquals(full, inputs.fingerprint(cache));
        assertTrue(Files.exists(cache), "remembered: no input changed in the last two seconds");
        assertEquals(full, inputs.fingerprint(cache), "read from the cache");

        // Same size, new contents, another modification time: seen.
        Files.writeString(models, "id,name\nm1,Two\n");
        Files.setLastModifiedTime(models, FileTime.from(old.plusSeconds(1)));
        String changed = inputs.fingerprint();
        assertNotEquals(full, changed);
        assertEquals(changed, inputs.fingerprint(cache));

        // A file changed just now: the contents are hashed, and not remembered until the change is two seconds old.
        Files.writeString(models, "id,name\nm1,Six\n");
        String fresh = inputs.fingerprint();
        String before = Files.readString(cache);
        assertEquals(fresh, inputs.fingerprint(cache));
        assertEquals(before, Files.readString(cache), "not remembered while racy");

        // A new input file: seen.
        Path extra = data.resolve("institutes.csv");
        Files.writeString(extra, "id\n");
        Files.setLastModifiedTime(extra, FileTime.from(old));
        assertEquals(inputs.fingerprint(), inputs.fingerprint(cache));
    }
}
