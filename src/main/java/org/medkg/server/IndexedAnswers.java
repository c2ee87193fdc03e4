package org.medkg.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.medkg.query.CannedQuery;
import org.medkg.query.LineageIndex;
import org.medkg.query.ParamResolver;

/**
 * Answers {@code built-on}, {@code descendants} and {@code lineage} from a {@link LineageIndex}, {@code by-institute}
 * from an {@link org.medkg.query.InstituteIndex}, and {@code leaderboard} from a
 * {@link org.medkg.query.LeaderboardIndex}, of the build being served. The index is read in the
 * background once the server listens and again after it switches to a new build; until it is ready (and if it cannot
 * be read), the query itself answers, so the server is ready at once and never answers from an older build.
 */
final class IndexedAnswers {
    static final String BUILT_ON = "built-on";
    static final String DESCENDANTS = "descendants";
    static final String LEADERBOARD = "leaderboard";
    static final String LINEAGE = "lineage";
    static final String BY_INSTITUTE = "by-institute";

    /** An answer from the index: its columns and rows, in the order the query's API would give them. */
    record Answer(List<Var> vars, org.medkg.query.IndexedRows rows, String engine) {}
    private final DatasetGraph dataset;
    private final MedkgServer.Version version;
    private final CannedQuery builtOn;
    private final CannedQuery descendants;
    private final CannedQuery leaderboard;
    private final CannedQuery lineage;
    private final CannedQuery byInstitute;
    private final Consumer<String> log;
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile Object[] current;   // {fingerprint, LineageIndex, LeaderboardIndex or null, InstituteIndex or null}

    IndexedAnswers(DatasetGraph dataset, MedkgServer.Version version, CannedQuery builtOn, CannedQuery descendants,
                   CannedQuery leaderboard, CannedQuery lineage, CannedQuery byInstitute, Consumer<String> log) {
        this.lineage = lineage;
        this.byInstitute = byInstitute;
        this.leaderboard = leaderboard;
        this.dataset = dataset;
        this.version = version;
        this.builtOn = builtOn;
        this.descendants = descendants;
        this.log = log;
    }

    /**
     * Starts reading the indexes of the build being served. The server calls it once it listens: read before, they
     * would take a core from the server's own start on a two-core machine, and the query answers meanwhile anyway.
     */
    void startReading() {
        if (builtOn != null) ready();
    }

    /** The answer of {@code q} for {@code params} from the index, or null when the query must answer. */
    Answer answer(CannedQuery q, Map<String, String> params) {
        boolean isBuiltOn = builtOn != null && q.name().equals(BUILT_ON) && q.text().equals(builtOn.text());
        boolean isDescendants = descendants != null && q.name().equals(DESCENDANTS) && q.text().equals(descendants.text());
        boolean isLeaderboard = leaderboard != null && q.name().equals(LEADERBOARD) && q.text().equals(leaderboard.text());
        boolean isLineage = lineage != null && q.name().equals(LINEAGE) && q.text().equals(lineage.text());
        boolean isByInstitute = byInstitute != null && q.name().equals(BY_INSTITUTE) && q.text().equals(byInstitute.text());
        if (!isBuiltOn && !isDescendants && !isLeaderboard && !isLineage && !isByInstitute) return null;
        Object[] snapshot = ready();   // one build's indexes, read together
        if (snapshot == null) return null;
        LineageIndex index = (LineageIndex) snapshot[1];
        Map<Var, Node> binding = new ParamResolver(dataset).bind(q, params);
        if (isByInstitute) {
            org.medkg.query.InstituteIndex institutes = (org.medkg.query.InstituteIndex) snapshot[3];
            return institutes == null ? null : new Answer(org.medkg.query.InstituteIndex.VARS, institutes.byInstitute(binding), "institute-index");
        }
        if (isLeaderboard) {
            org.medkg.query.LeaderboardIndex scores = (org.medkg.query.LeaderboardIndex) snapshot[2];
            return scores == null ? null : new Answer(org.medkg.query.LeaderboardIndex.VARS, scores.leaderboardRows(binding), "score-index");
        }
        if (isBuiltOn) return new Answer(LineageIndex.VARS, index.builtOnRows(binding), "lineage-index");
        if (isLineage) {
            List<Binding> rows = index.lineage(binding);
            return rows == null ? null : new Answer(LineageIndex.LINEAGE_VARS, org.medkg.query.IndexedRows.of(rows), "lineage-index");
        }
        List<Binding> rows = index.descendants(binding);
        if (rows == null) return null;
        if (!q.treeOrder()) return new Answer(LineageIndex.DESCENDANTS_VARS, org.medkg.query.IndexedRows.of(rows), "lineage-index");
        org.apache.jena.sparql.exec.RowSet tree = org.medkg.query.TreeOrder.depthFirst(
                org.apache.jena.sparql.exec.RowSetStream.create(LineageIndex.DESCENDANTS_VARS, rows.iterator()));
        List<Binding> ordered = new java.util.ArrayList<>(rows.size());
        tree.forEachRemaining(ordered::add);
        return new Answer(tree.getResultVars(), org.medkg.query.IndexedRows.of(ordered), "lineage-index");
    }

    /** Daemon threads that read the score and institute indexes. */
    private static final java.util.concurrent.Executor READERS = r -> {
        Thread t = new Thread(r, "medkg-index-reader");
        t.setDaemon(true);
        t.start();
    };

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /**
     * The indexes of the build being served ({fingerprint, LineageIndex, LeaderboardIndex, InstituteIndex}), or null while they are
     * read (reading starts here if needed).
     */
    private Object[] ready() {
        String fingerprint = version.fingerprint();
        Object[] c = current;
        if (c != null && c[0].equals(fingerprint)) return c;
        if (building.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    long start = System.nanoTime();
                    // The score and institute indexes are read beside the lineage index, on other threads.
                    java.util.concurrent.CompletableFuture<org.medkg.query.LeaderboardIndex> scoresRead =
                            java.util.concurrent.CompletableFuture.supplyAsync(() -> leaderboard == null ? null
                                    : org.medkg.query.LeaderboardIndex.build(dataset, leaderboard), READERS);
                    java.util.concurrent.CompletableFuture<org.medkg.query.InstituteIndex> institutesRead =
                            java.util.concurrent.CompletableFuture.supplyAsync(() -> byInstitute == null ? null
                                    : org.medkg.query.InstituteIndex.build(dataset, byInstitute), READERS);
                    LineageIndex index = LineageIndex.build(dataset, builtOn, descendants, lineage);
                    org.medkg.query.LeaderboardIndex scores = join(scoresRead);
                    org.medkg.query.InstituteIndex institutes = join(institutesRead);
                    // Kept only if the server still serves the build the index was read from.
                    if (version.fingerprint().equals(fingerprint)) {
                        current = new Object[] {fingerprint, index, scores, institutes};
                        log.accept(String.format("lineage index ready: %,d closure entries in %d ms", index.closureEntries(),
                                (System.nanoTime() - start) / 1_000_000));
                    }
                } catch (RuntimeException | OutOfMemoryError e) {
                    log.accept("lineage index not built (" + e + "); built-on is answered by its query");
                } finally {
                    building.set(false);
                }
            }, "medkg-lineage-index");
            t.setDaemon(true);
            t.start();
        }
        return null;
    }
}
