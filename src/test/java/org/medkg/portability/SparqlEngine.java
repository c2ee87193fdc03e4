package org.medkg.portability;

/**
 * A SPARQL 1.1 engine other than medkg's, loaded from medkg's N-Quads dump with the dump's default graph as its
 * default graph and the dump's named graphs (ontology, query library, lineage closure) as named graphs.
 */
interface SparqlEngine extends AutoCloseable {
    /** Name and version, for reports. */
    String name();

    /** Runs a SELECT query and returns its rows, or throws with the engine's own error message. */
    ResultRows select(String query) throws Exception;

    @Override
    void close();
}
