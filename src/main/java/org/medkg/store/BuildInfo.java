package org.medkg.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one build produced, kept beside the database as {@code medkg-build.json}: when it was built, from which
 * inputs (by fingerprint, so a stale store can be detected), how big it is and where the time went.
 *
 * <p>Sizes: {@code triples} is the number of triples in the dataset, by medkg's one definition: the default graph,
 * as {@code SELECT (COUNT(*) AS ?n) { ?s ?p ?o }} counts it on the endpoint (VoID's {@code void:triples}, {@code stats}
 * and {@code /browse} give the same number). {@code quads} adds every named graph (ontology, query library, closure):
 * the lines of {@code /dump.nq}. {@code statementsLoaded} is what the loader was given, duplicates included.
 *
 * <p>Times: parse, convert, validate and closure (computing the lineage closure) are the check's; the load runs
 * beside them (the loader's threads take the statements as the check makes them), so {@code loadMillis}, from the
 * start of the bulk load to the indexes built and counted, overlaps them and the parts add up to more than
 * {@code totalMillis}.
 */
public record BuildInfo(String builtAt, String inputFingerprint, long rows, long triples, long quads,
                        long statementsLoaded, long parseMillis, long convertMillis, long validateMillis, long closureMillis, long loadMillis,
                        long totalMillis) {
    public static final String FILE = "medkg-build.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** The build info in {@code dir}, or null if there is none. */
    public static BuildInfo read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        return Files.isRegularFile(f) ? JSON.readValue(f.toFile(), BuildInfo.class) : null;
    }
}
