package org.medkg.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.medkg.store.AtomicStoreBuilder;
import org.medkg.store.Serving;
import org.medkg.store.Store;

/**
 * Follows {@code store/current}: when a build publishes a new database while the server runs, the server opens it
 * and switches to it ({@link SwitchableDataset}) with no restart; queries in flight finish on the old database,
 * which is then closed, so its lock is released and the next build may remove it. The server's registration in the
 * store names both databases while both are in use.
 */
public final class HotSwap implements MedkgServer.Version {
    private final Path storeDir;
    private final SwitchableDataset dataset;
    private final String endpoint;
    private final Consumer<String> log;
    private volatile Store current;
    private volatile boolean stopped;

    public HotSwap(Path storeDir, Store initial, String endpoint, Consumer<String> log) throws IOException {
        this.storeDir = storeDir;
        this.current = initial;
        this.dataset = new SwitchableDataset(initial.dataset());
        this.endpoint = endpoint;
        this.log = log;
    }

    public SwitchableDataset dataset() { return dataset; }

    public Store current() { return current; }

    @Override
    public String fingerprint() { return MedkgServer.Version.of(current.info()).fingerprint(); }

    @Override
    public java.time.Instant built() { return MedkgServer.Version.of(current.info()).built(); }

    /** Registers the server in the store and starts following {@code current} (every {@code pollMillis}). */
    public void start(String endpointUrl, long pollMillis) throws IOException {
        Serving.register(storeDir, List.of(current.database()), endpointUrl);
        Thread t = new Thread(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(pollMillis);
                    check(endpointUrl);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.accept("could not switch to the new database (still serving " + current.database().getFileName()
                            + "): " + e.getMessage());
                }
            }
        }, "medkg-hot-swap");
        t.setDaemon(true);
        t.start();
    }

    private void check(String endpointUrl) throws IOException {
        Path target = AtomicStoreBuilder.currentDatabase(storeDir);
        if (target == null || target.equals(current.database().toRealPath())) return;
        Store next = Store.open(storeDir);
        Store old = current;
        Serving.register(storeDir, List.of(next.database(), old.database()), endpointUrl);
        current = next;
        dataset.switchTo(next.dataset(), released -> {
            old.close();
            try {
                Serving.register(storeDir, List.of(current.database()), endpointUrl);
            } catch (IOException e) {
                log.accept("could not update the server's registration: " + e.getMessage());
            }
            log.accept("released " + old.database().getFileName());
        });
        log.accept("switched to " + next.database().getFileName() + " (" + next.info().triples() + " triples); queries "
                + "in flight finish on " + old.database().getFileName());
    }

    public void stop() {
        stopped = true;
    }
}
