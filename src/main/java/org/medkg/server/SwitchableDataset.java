package org.medkg.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.util.Context;

/**
 * The dataset the server serves, switchable to a newly built database without a restart. A transaction is pinned to
 * the database that was current when it began, so a query in flight during a switch finishes on the data it started
 * with; new transactions see the new database. The old database is handed to {@code release} once no transaction
 * uses it any more.
 */
public final class SwitchableDataset extends DatasetGraphWrapper {
    private final AtomicReference<DatasetGraph> current;
    private final ThreadLocal<DatasetGraph> pinned = new ThreadLocal<>();
    private final ConcurrentHashMap<DatasetGraph, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Context context;

    public SwitchableDataset(DatasetGraph initial) {
        super(initial);
        this.current = new AtomicReference<>(initial);
        this.context = initial.getContext();
    }

    @Override
    protected DatasetGraph get() {
        DatasetGraph p = pinned.get();
        return p != null ? p : current.get();
    }

    /** The context shared by every database this dataset switches to (timeouts, SERVICE refused, ...). */
    @Override
    public Context getContext() { return context; }

    /** Switches new transactions to {@code next}; {@code release} gets the old database once it is idle. */
    public void switchTo(DatasetGraph next, Consumer<DatasetGraph> release) {
        next.getContext().putAll(context);
        DatasetGraph old = current.getAndSet(next);
        if (old == next) return;
        Thread t = new Thread(() -> {
            // Wait for the transactions pinned to the old database to end (a query is bounded by its timeout).
            long deadline = System.currentTimeMillis() + 10 * 60_000;
            while (active.getOrDefault(old, new AtomicInteger()).get() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            active.remove(old);
            release.accept(old);
        }, "medkg-release-old-database");
        t.setDaemon(true);
        t.start();
    }

    public DatasetGraph current() { return current.get(); }

    private void pin() {
        if (pinned.get() != null) return;
        DatasetGraph d = current.get();
        pinned.set(d);
        active.computeIfAbsent(d, k -> new AtomicInteger()).incrementAndGet();
    }

    private void unpin() {
        DatasetGraph d = pinned.get();
        if (d == null) return;
        pinned.remove();
        AtomicInteger n = active.get(d);
        if (n != null) n.decrementAndGet();
    }

    @Override
    public void begin() {
        pinned(super::begin);
    }

    @Override
    public void begin(TxnType type) {
        pinned(() -> super.begin(type));
    }

    @Override
    public void begin(ReadWrite mode) {
        pinned(() -> super.begin(mode));
    }

    /** Pins the current database to this thread, then begins; a begin that fails leaves nothing pinned. */
    private void pinned(Runnable begin) {
        pin();
        try {
            begin.run();
        } catch (RuntimeException e) {
            unpin();
            throw e;
        }
    }

    @Override
    public void end() {
        try {
            if (pinned.get() != null) super.end();
        } finally {
            unpin();
        }
    }

    @Override
    public boolean isInTransaction() {
        return pinned.get() != null && super.isInTransaction();
    }
}
