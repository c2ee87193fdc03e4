package org.medkg.query;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.system.Txn;

/** Runs a canned query with its parameters bound as RDF terms, read-only and with a timeout. */
public final class CannedQueryRunner {
    private final DatasetGraph dataset;
    private final long timeoutMillis;
    private final ParamResolver resolver;

    public CannedQueryRunner(DatasetGraph dataset, long timeoutMillis) {
        this.dataset = dataset;
        this.timeoutMillis = timeoutMillis;
        this.resolver = new ParamResolver(dataset);
    }

    /** The query with parameters substituted into its syntax tree. */
    public Query bind(CannedQuery q, Map<String, String> values) {
        Map<Var, Node> binding = resolver.bind(q, values);
        return QueryTransformOps.replaceVars(q.query(), binding);
    }

    /** Binds, runs and hands the SELECT results to {@code consumer} inside a read transaction. */
    public void select(CannedQuery q, Map<String, String> values, Consumer<ResultSet> consumer) {
        select(q, bind(q, values), consumer);
    }

    /** Runs a query bound from {@code q}, in the order its header asks for (see {@link CannedQuery#treeOrder()}). */
    public void select(CannedQuery q, Query bound, Consumer<ResultSet> consumer) {
        if (!q.treeOrder()) {
            select(bound, consumer);
            return;
        }
        select(bound, rs -> consumer.accept(TreeOrder.depthFirst(rs)));
    }

    /** Runs an already bound query (see {@link #bind}). */
    public void select(Query bound, Consumer<ResultSet> consumer) {
        if (!bound.isSelectType()) throw new IllegalStateException("not a SELECT query");
        Txn.executeRead(dataset, () -> {
            try (QueryExec qe = QueryExec.dataset(dataset).query(bound)
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .set(ARQ.httpServiceAllowed, false).build()) {
                consumer.accept(ResultSet.adapt(qe.select()));
            }
        });
    }
}
