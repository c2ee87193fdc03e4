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

    /**
     * {@link #fingerprint()}, remembered in {@code cacheFile} against each input's name, size, modification time and
     * file key, so that a command that only checks whether the store is current does not read 6 MB of catalog each
     * time (about 0.1 s of a one-second command). The remembered value is used only if every input is listed with the
     * same attributes; it is written only when no input changed in the last two seconds (a file written in the same
     * clock tick as its last read could otherwise keep its attributes with new contents). Builds always hash the
     * contents ({@link #fingerprint()}).
     */
    public String fingerprint(Path cacheFile) {
        try {
            List<Path> files = files();
            StringBuilder listing = new StringBuilder();
            long newest = Long.MIN_VALUE;
            for (Path f : files) {
                var a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                long mtime = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
                newest = Math.max(newest, mtime);
                listing.append(f.toAbsolutePath()).append('\t').append(a.size()).append('\t').append(mtime).append('\t')
                        .append(a.fileKey()).append('\n');
            }
            String key = listing.toString();
            if (Files.isRegularFile(cacheFile)) {
                String cached = Files.readString(cacheFile);
                int cut = cached.indexOf('\n');
                if (cut > 0 && cached.substring(cut + 1).equals(key)) return cached.substring(0, cut);
            }
            String fingerprint = fingerprint();
            long now = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            if (now - newest > 2_000_000_000L) {
                try {
                    Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp-" + ProcessHandle.current().pid());
                    Files.writeString(tmp, fingerprint + "\n" + key);
                    Files.move(tmp, cacheFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException notWritable) {
                    // A store one may not write to: the fingerprint is computed each time.
                }
            }
            return fingerprint;
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
