package org.medkg.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Publishes a copy of a database built elsewhere (another store, another host) into a store, the way a build
 * publishes its own: the copy is made in the store's staging area, checked (the fingerprint of the build it
 * claims to be, and a checksum of every file against the source's), moved in place and published by the same
 * atomic swap of {@code current}. A server following the store switches to it; a copy that does not check out
 * is never published.
 */
public final class ShippedStore {
    /** TDB2's lock file: written by whoever opens the database, so no part of what was built. */
    private static final String TDB_LOCK = "tdb.lock";

    private ShippedStore() {}

    /** A database as shipped: its directory, the input fingerprint of its build and the checksum of its files. */
    public record Shipped(Path database, String fingerprint, String checksum, boolean alreadyCurrent) {}

    /** The copy is not the build it should be. */
    public static final class MismatchException extends IOException {
        public MismatchException(String message) {
            super(message);
        }
    }

    /** The fingerprint and checksum of a medkg database directory (or of a store's {@code current}). */
    public static Shipped describe(Path database) throws IOException {
        Path db = database.toRealPath();
        BuildInfo info = BuildInfo.read(db);
        if (info == null)
            throw new IOException(database + " is not a medkg database (it has no " + BuildInfo.FILE
                    + "); give a database directory, such as store/current");
        return new Shipped(db, info.inputFingerprint(), checksum(db), false);
    }

    /**
     * Copies {@code source} into {@code storeDir}, checks the copy and publishes it as {@code current}. With
     * {@code expectFingerprint} or {@code expectChecksum} (from the build host), a source that differs is refused
     * before anything is written. If {@code current} already holds the same files, nothing changes.
     */
    public static Shipped publish(Path source, Path storeDir, String expectFingerprint, String expectChecksum,
                                  Consumer<String> progress) throws IOException {
        Shipped from = describe(source);
        if (expectFingerprint != null && !expectFingerprint.equals(from.fingerprint()))
            throw new MismatchException(source + " was built from inputs " + from.fingerprint() + ", not the expected "
                    + expectFingerprint + "; ship the build you checked");
        if (expectChecksum != null && !expectChecksum.equals(from.checksum()))
            throw new MismatchException(source + " has checksum " + from.checksum() + ", not the expected "
                    + expectChecksum + ": the copy is damaged or incomplete; copy it again");
        return AtomicStoreBuilder.locked(storeDir, () -> publishLocked(from, storeDir, progress));
    }

    private static Shipped publishLocked(Shipped from, Path storeDir, Consumer<String> progress) throws IOException {
        Path previous = AtomicStoreBuilder.currentDatabase(storeDir);
        if (previous != null && BuildInfo.read(previous) != null && checksum(previous).equals(from.checksum())) {
            progress.accept(storeDir + " already serves " + previous.getFileName() + " (same files); nothing to do");
            return new Shipped(previous, from.fingerprint(), from.checksum(), true);
        }
        String name = from.database().getFileName().toString();
        if (!name.startsWith("db-")) name = "db-" + name;
        if (Files.exists(storeDir.resolve(name))) name += "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path staging = storeDir.resolve(AtomicStoreBuilder.STAGING + "ship-" + name);
        try {
            progress.accept("copying " + from.database() + " to " + staging);
            copyTree(from.database(), staging);
            String copied = checksum(staging);
            if (!copied.equals(from.checksum()))
                throw new MismatchException("the copy in " + staging + " has checksum " + copied + ", the source "
                        + from.checksum() + "; nothing was published");
            BuildInfo info = BuildInfo.read(staging);
            if (info == null || !from.fingerprint().equals(info.inputFingerprint()))
                throw new MismatchException("the copy's build info does not name build " + from.fingerprint());
            Path database = storeDir.resolve(name);
            Files.move(staging, database, StandardCopyOption.ATOMIC_MOVE);
            AtomicStoreBuilder.publish(storeDir, database);
            AtomicStoreBuilder.removeOldDatabases(storeDir, database, previous);
            progress.accept("published " + database + " (build " + from.fingerprint() + ", checksum "
                    + from.checksum() + ")");
            return new Shipped(database, from.fingerprint(), from.checksum(), false);
        } finally {
            AtomicStoreBuilder.deleteTree(staging);
        }
    }

    /** SHA-256 over every file's relative path and contents, in path order; TDB2's lock file left out. */
    public static String checksum(Path database) throws IOException {
        try {
            return FileDigest.sha256(files(database), f -> database.relativize(f).toString().replace('\\', '/'));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(TDB_LOCK))
                    .sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path f : files(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
