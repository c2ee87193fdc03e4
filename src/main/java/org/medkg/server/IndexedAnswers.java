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
 * Answers {@code built-on} from a {@link LineageIndex} of the build being served. The index is read in the
 * background when the server starts and again after it switches to a new build; until it is ready (and if it cannot
 * be read), the query itself answers, so the server is ready at once and never answers from an older build.
 */
final class IndexedAnswers {
    static final String BUILT_ON = "built-on";
    private final DatasetGraph dataset;
    private final MedkgServer.Version version;
    private final CannedQuery builtOn;
    private final Consumer<String> log;
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile Object[] current;   // {fingerprint, LineageIndex}

    IndexedAnswers(DatasetGraph dataset, MedkgServer.Version version, CannedQuery builtOn, Consumer<String> log) {
        this.dataset = dataset;
        this.version = version;
        this.builtOn = builtOn;
        this.log = log;
        if (builtOn != null) ready();
    }

    /** The rows of {@code q} for {@code params} from the index, or null when the query must answer. */
    List<Binding> rows(CannedQuery q, Map<String, String> params) {
        if (builtOn == null || !q.name().equals(BUILT_ON) || !q.text().equals(builtOn.text())) return null;
        LineageIndex index = ready();
        if (index == null) return null;
        Map<Var, Node> binding = new ParamResolver(dataset).bind(q, params);
        return index.builtOn(binding);
    }

    /** The index of the build being served, or null while it is read (reading starts here if needed). */
    private LineageIndex ready() {
        String fingerprint = version.fingerprint();
        Object[] c = current;
        if (c != null && c[0].equals(fingerprint)) return (LineageIndex) c[1];
        if (building.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    long start = System.nanoTime();
                    LineageIndex index = LineageIndex.build(dataset, builtOn);
                    // Kept only if the server still serves the build the index was read from.
                    if (version.fingerprint().equals(fingerprint)) {
                        current = new Object[] {fingerprint, index};
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
