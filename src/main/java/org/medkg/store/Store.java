package org.medkg.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The published store: the TDB2 database that {@code store/current} points to. Its default graph holds the
 * catalog, the ontology and the query library; named graphs hold the ontology, the query library and the
 * materialised lineage closure.
 */
public final class Store implements AutoCloseable {
    private final Path database;
    private final DatasetGraph dataset;
    private final BuildInfo info;

    private Store(Path database, DatasetGraph dataset, BuildInfo info) {
        this.database = database;
        this.dataset = dataset;
        this.info = info;
    }

    /** Whether a store has been published in {@code storeDir}. */
    public static boolean exists(Path storeDir) {
        return Files.isDirectory(storeDir.resolve(AtomicStoreBuilder.CURRENT));
    }

    public static Store open(Path storeDir) throws IOException {
        Path current = storeDir.resolve(AtomicStoreBuilder.CURRENT);
        if (!Files.isDirectory(current))
            throw new IOException("no store in " + storeDir + "; run 'medkg build' first");
        Path database = current.toRealPath();
        DatasetGraph dsg;
        try {
            dsg = DatabaseMgr.connectDatasetGraph(database.toString());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("lock"))
                throw new StoreBusyException("the store " + storeDir + " is open in another process (a running "
                        + "'medkg serve'?): stop that process, or query the running server over HTTP"
                        + servers(storeDir) + " (/medkg/sparql, /api/queries); " + e.getMessage());
            throw e;
        }
        // REGEX and REPLACE stop at the query timeout, for the server and the command line alike.
        org.medkg.query.CancellableRegex.install(dsg.getContext());
        return new Store(database, dsg, BuildInfo.read(database));
    }

    private static String servers(Path storeDir) {
        try {
            var e = Serving.endpoints(storeDir);
            return e.isEmpty() ? "" : " at " + String.join(", ", e);
        } catch (IOException ex) {
            return "";
        }
    }

    /** The store is locked by another process. */
    public static final class StoreBusyException extends IOException {
        public StoreBusyException(String message) {
            super(message);
        }
    }

    public DatasetGraph dataset() { return dataset; }

    public Path database() { return database; }

    /** The build info, or null for a database built by something other than medkg. */
    public BuildInfo info() { return info; }

    @Override
    public void close() {
        TDBInternal.expel(dataset);
    }
}
