package org.medkg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.medkg.check.CatalogCheck;
import org.medkg.graph.Schema;
import org.medkg.vocab.MKG;

/**
 * Builds the TDB2 store atomically. The catalog is checked while its triples stream into a bulk load of a fresh
 * database in a staging directory; a refused catalog abandons that load and removes the staging directory; only a
 * clean catalog's complete load is published, by swapping the
 * {@code current} symlink in one rename. A build that fails, or is killed at any point, leaves {@code current}
 * pointing at the previous database, which keeps answering exactly as before.
 *
 * <pre>
 * store/
 *   current -> db-20261121T230102Z-1a2b   (symlink, swapped atomically)
 *   db-20261121T230102Z-1a2b/             (TDB2 database + medkg-build.json)
 *   .build-.../                           (staging; removed on success or failure)
 * </pre>
 */
public final class AtomicStoreBuilder {
    public static final String CURRENT = "current";
    /** Prefix of work directories in the store; whatever a killed build or ship left is removed by the next one. */
    static final String STAGING = ".build-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Points where a test can inject a failure; production code passes {@link #NONE}. */
    public interface Hooks {
        /** Called after the database is loaded and before it is published. */
        default void beforePublish(Path database) throws IOException {}

        /** Called every {@code n} quads during the load. */
        default void duringLoad(long quadsSoFar) throws IOException {}
    }

    public static final Hooks NONE = new Hooks() {};

    /** The outcome: the problems if the catalog was refused, else the published database and its info. */
    public record Outcome(CatalogCheck.Result check, Path database, BuildInfo info) {
        public boolean ok() {
            return check.ok() && database != null;
        }
    }

    private final Path storeDir;
    private final Inputs inputs;
    private final Map<Node, Graph> extraGraphs = new LinkedHashMap<>();
    private Hooks hooks = NONE;
    private Consumer<String> progress = s -> {};

    public AtomicStoreBuilder(Path storeDir, Inputs inputs) {
        this.storeDir = storeDir;
        this.inputs = inputs;
    }

    /** Adds a graph (the ontology, the query library) to every build, as a named graph. */
    public AtomicStoreBuilder graph(Node name, Graph graph) {
        extraGraphs.put(name, graph);
        return this;
    }

    public AtomicStoreBuilder hooks(Hooks hooks) {
        this.hooks = hooks;
        return this;
    }

    public AtomicStoreBuilder progress(Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    public Outcome build(Schema schema) throws IOException {
        return locked(storeDir, () -> buildLocked(schema));
    }

    /** Work that changes what the store publishes; one at a time per store (builds and shipped copies alike). */
    interface LockedWork<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the store's lock, after removing the staging a killed build or ship left. */
    static <T> T locked(Path storeDir, LockedWork<T> work) throws IOException {
        Files.createDirectories(storeDir);
        try (FileChannel lockChannel = FileChannel.open(storeDir.resolve(".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock()) {
            if (lock == null)
                throw new Store.StoreBusyException("another build or publish is running on " + storeDir + " (it holds "
                        + storeDir.resolve(".lock") + "); wait for it to finish, then build again");
            removeStaleStaging(storeDir);
            return work.run();
        }
    }

    private Outcome buildLocked(Schema schema) throws IOException {
        long start = System.nanoTime();
        Instant now = Instant.now();
        // Unique even for builds started in the same second by the same process.
        String name = STAMP.format(now) + "-" + Long.toHexString(ProcessHandle.current().pid())
                + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path staging = storeDir.resolve(STAGING + name);
        Files.createDirectories(staging);
        // What 'current' points at now: kept after publishing, as a running server may still read it.
        Path previous = currentDatabase(storeDir);
        boolean published = false;
        try {
            Path dbDir = staging.resolve("db");
            progress.accept("reading and checking catalog " + inputs.dataDir()
                    + ", loading it meanwhile into a staging database that is published only if the check passes");
            Loaded loaded = checkAndLoad(dbDir, schema);
            CatalogCheck.Result check = loaded.check();
            if (!check.ok()) return new Outcome(check, null, null);
            progress.accept(String.format("catalog is valid: %d rows, %d statements; loaded %,d statements and built "
                    + "the indexes in %.1f s (%,.0f/s), %.1f s of it after the check", check.rows(), check.triples(),
                    loaded.statements(), loaded.loadMillis() / 1e3, loaded.statements() / Math.max(loaded.loadMillis() / 1e3, 1e-3),
                    loaded.afterCheckMillis() / 1e3));
            long statements = loaded.statements();
            long triples = loaded.triples();
            long quads = loaded.quads();
            long loadMillis = loaded.loadMillis();
            hooks.beforePublish(dbDir);

            BuildInfo info = new BuildInfo(now.toString(), inputs.fingerprint(), check.rows(), triples, quads, statements,
                    check.parseNanos() / 1_000_000, check.convertNanos() / 1_000_000,
                    check.validateNanos() / 1_000_000, check.closureNanos() / 1_000_000, loadMillis,
                    (System.nanoTime() - start) / 1_000_000);
            info.write(dbDir);

            Path database = storeDir.resolve("db-" + name);
            Files.move(dbDir, database, StandardCopyOption.ATOMIC_MOVE);
            publish(storeDir, database);
            published = true;
            progress.accept("published " + database + " (" + triples + " triples in the default graph, " + quads
                    + " quads in all graphs, " + info.totalMillis() + " ms)");
            removeOldDatabases(storeDir, database, previous);
            return new Outcome(check, database, info);
        } finally {
            deleteTree(staging);
            if (!published) progress.accept("store unchanged");
        }
    }

    /** What {@link #checkAndLoad} did: the check's result; for a clean catalog, what was loaded and how long it took. */
    private record Loaded(CatalogCheck.Result check, long statements, long triples, long quads, long loadMillis,
                          long afterCheckMillis) {}

    /**
     * Checks the catalog while its statements stream into a bulk load of a fresh database in {@code dbDir} (inside the
     * staging directory, which nothing serves). The loader's node table and index threads run beside the check, so
     * the two overlap on two cores; nothing is written to disk twice. If the check refuses the catalog, the load is
     * abandoned and the caller removes the staging directory. Counts: {statements loaded (duplicates included),
     * distinct triples of the default graph, distinct quads of all graphs}, the last two counted in the new database:
     * they are the dataset's sizes as every reader (VoID, stats, the dumps) sees them.
     */
    private Loaded checkAndLoad(Path dbDir, Schema schema) throws IOException {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dbDir.toString());
        try {
            long started = System.nanoTime();
            // The loader's index-by-index log is for debugging; the build's progress line says what was loaded.
            DataLoader loader = LoaderFactory.phasedLoader(dsg, (fmt, args) -> {});
            loader.startBulk();
            CatalogCheck.Result check;
            long[] n = {0};
            try {
                StreamRDF sink = loader.stream();
                Consumer<Quad> quad = q -> {
                    sink.quad(q);
                    if (++n[0] % 100_000 == 0) {
                        try {
                            hooks.duringLoad(n[0]);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                };
                check = CatalogCheck.run(inputs.dataDir(), schema,
                        t -> quad.accept(Quad.create(Quad.defaultGraphIRI, t)),
                        t -> quad.accept(Quad.create(MKG.GRAPH_CLOSURE, t)));
                if (!check.ok()) {
                    loader.finishException(new IllegalStateException("catalog refused; staging load abandoned"));
                    return new Loaded(check, n[0], 0, 0, 0, 0);
                }
                // Small graphs (ontology, query library): in the default graph for queries, and named for exports.
                for (Map.Entry<Node, Graph> e : extraGraphs.entrySet()) {
                    e.getValue().find().forEachRemaining(t -> {
                        quad.accept(Quad.create(e.getKey(), t));
                        quad.accept(Quad.create(Quad.defaultGraphIRI, t));
                    });
                }
                long checked = System.nanoTime();
                loader.finishBulk();
                // Counted on the indexes' tuples of ids (no node is decoded): 0.3-0.5 s at 10^5 models.
                long[] sizes = org.apache.jena.system.Txn.calculateRead(dsg, () -> {
                    long triples = dsg.getDefaultGraph().size();
                    long named = 0;
                    for (var it = dsg.listGraphNodes(); it.hasNext(); ) named += dsg.getGraph(it.next()).size();
                    return new long[] {triples, triples + named};
                });
                long done = System.nanoTime();
                return new Loaded(check, n[0], sizes[0], sizes[1], (done - started) / 1_000_000,
                        (done - checked) / 1_000_000);
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
        } finally {
            TDBInternal.expel(dsg);
        }
    }

    /** Points {@code current} at {@code database} with one atomic rename of a fresh symlink. */
    static void publish(Path storeDir, Path database) throws IOException {
        Path tmp = storeDir.resolve(".current-" + database.getFileName());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, database.getFileName());
        Files.move(tmp, storeDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The database {@code current} points at, or null if there is none (or the link dangles). */
    public static Path currentDatabase(Path storeDir) {
        try {
            Path c = storeDir.resolve(CURRENT);
            return Files.isDirectory(c) ? c.toRealPath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Which databases to keep is decided from what the links really point to, never from name order: the new one,
     * the one {@code current} pointed to before this build, and every database a live server has registered as
     * the one it holds ({@link Serving}). Every other {@code db-*} is an older build or the orphan of a killed one
     * and is removed, as are dangling {@code .current-*} links a killed publish left.
     */
    static void removeOldDatabases(Path storeDir, Path keep, Path previous) throws IOException {
        java.util.Set<Path> kept = new java.util.HashSet<>();
        kept.add(keep.toRealPath());
        if (previous != null && Files.isDirectory(previous)) kept.add(previous.toRealPath());
        kept.addAll(Serving.heldDatabases(storeDir));
        List<Path> entries;
        try (Stream<Path> s = Files.list(storeDir)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            String n = p.getFileName().toString();
            if (n.startsWith(".current-")) Files.deleteIfExists(p);
            else if (n.startsWith("db-") && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !kept.contains(p.toRealPath())) deleteTree(p);
        }
    }

    private static void removeStaleStaging(Path storeDir) throws IOException {
        try (Stream<Path> s = Files.list(storeDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(STAGING)).toList()) deleteTree(p);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
