package org.medkg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files a store is built from, and their fingerprint: a store is stale when its fingerprint differs. */
public record Inputs(Path dataDir, Path ontologyDir, Path queriesDir) {

    /**
     * SHA-256 over the names and contents of data/*.csv, data/imported/&lt;source&gt;/*.csv, ontology/*.ttl and
     * queries/*.rq, in name order.
     */
    public String fingerprint() {
        try {
            return FileDigest.sha256(files(), f -> (dataDir != null && f.startsWith(dataDir) ? dataDir.relativize(f)
                    : f.getFileName()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        add(out, dataDir, ".csv");
        if (dataDir != null && Files.isDirectory(dataDir))
            for (Path source : org.medkg.catalog.CatalogReader.importedSources(dataDir)) add(out, source, ".csv");
        add(out, ontologyDir, ".ttl");
        add(out, queriesDir, ".rq");
        return out;
    }

    private static void add(List<Path> out, Path dir, String suffix) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(out::add);
        }
    }
}
