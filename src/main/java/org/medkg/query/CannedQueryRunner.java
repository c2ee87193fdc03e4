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
import org.apache.jena.sparql.exec.RowSet;
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
        select(q, bound, 0, consumer);
    }

    /**
     * Streams the rows of a query bound from {@code q} after the first {@code offset}, in the order its header asks
     * for. Rows are read from the engine as the consumer writes them; only a tree order holds them all (to walk the
     * tree), as does the engine for an ORDER BY or GROUP BY.
     */
    public void select(CannedQuery q, Query bound, long offset, Consumer<ResultSet> consumer) {
        rows(q, bound, rows -> {
            for (long i = 0; i < offset && rows.hasNext(); i++) rows.next();
            consumer.accept(ResultSet.adapt(rows));
        });
    }

    /**
     * One page of a query bound from {@code q}, taken after its order (the tree order too), with the total number of
     * rows. The whole answer is read to count it, but only the page's rows are kept.
     */
    public void page(CannedQuery q, Query bound, Paging paging, Consumer<Page> consumer) {
        if (!paging.limited()) throw new IllegalArgumentException("a page needs a limit");
        rows(q, bound, rows -> consumer.accept(Page.take(rows, paging.offset(), paging.limit())));
    }

    private void rows(CannedQuery q, Query bound, Consumer<RowSet> consumer) {
        if (!bound.isSelectType()) throw new IllegalStateException("not a SELECT query");
        Txn.executeRead(dataset, () -> {
            try (QueryExec qe = QueryExec.dataset(dataset).query(bound)
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .set(ARQ.httpServiceAllowed, false).build()) {
                RowSet rows = qe.select();
                consumer.accept(q != null && q.treeOrder() ? TreeOrder.depthFirst(rows) : rows);
            }
        });
    }

    /** Runs an already bound query (see {@link #bind}). */
    public void select(Query bound, Consumer<ResultSet> consumer) {
        rows(null, bound, rows -> consumer.accept(ResultSet.adapt(rows)));
    }
}
