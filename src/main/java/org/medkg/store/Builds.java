package org.medkg.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

import org.medkg.graph.Schema;
import org.medkg.vocab.MKG;

/** The one place a store build is assembled: schema, catalog, the ontology graph and any further graphs. */
public final class Builds {
    /** Where {@link #isStale} remembers the inputs' fingerprint (see {@link Inputs#fingerprint(Path)}). */
    static final String INPUTS_CACHE = ".inputs-fingerprint";

    private Builds() {}

    public static AtomicStoreBuilder.Outcome build(Inputs inputs, Path storeDir, Consumer<String> progress,
                                                   AtomicStoreBuilder.Hooks hooks) throws IOException {
        return build(inputs, storeDir, progress, hooks, Map.of());
    }

    /** A build with further named graphs beside the catalog and the ontology (e.g. the query library). */
    public static AtomicStoreBuilder.Outcome build(Inputs inputs, Path storeDir, Consumer<String> progress,
                                                   AtomicStoreBuilder.Hooks hooks, Map<Node, Graph> graphs)
            throws IOException {
        Schema schema = Schema.load(inputs.ontologyDir());
        AtomicStoreBuilder builder = new AtomicStoreBuilder(storeDir, inputs)
                .progress(progress)
                .hooks(hooks)
                .graph(MKG.GRAPH_ONTOLOGY, schema.ontology());
        graphs.forEach(builder::graph);
        return builder.build(schema);
    }

    /** Whether the store is missing or was built from inputs other than the current ones. */
    public static boolean isStale(Inputs inputs, Path storeDir) throws IOException {
        if (!Store.exists(storeDir)) return true;
        BuildInfo info = BuildInfo.read(storeDir.resolve(AtomicStoreBuilder.CURRENT).toRealPath());
        return info == null || !inputs.fingerprint(storeDir.resolve(INPUTS_CACHE)).equals(info.inputFingerprint());
    }
}
