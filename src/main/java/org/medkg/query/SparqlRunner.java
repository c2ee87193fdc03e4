package org.medkg.query;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecutionAdapter;
import org.apache.jena.system.Txn;

/** Runs one SPARQL query against the store, read-only, with a timeout, and prints the result. */
public final class SparqlRunner {
    private final DatasetGraph dataset;
    private final long timeoutMillis;

    public SparqlRunner(DatasetGraph dataset, long timeoutMillis) {
        this.dataset = dataset;
        this.timeoutMillis = timeoutMillis;
    }

    /** Parses {@code text}; throws {@link org.apache.jena.query.QueryParseException} with line and column. */
    public static Query parse(String text) {
        String shape = QueryShape.problem(text);
        if (shape != null) throw new org.apache.jena.query.QueryParseException(shape, -1, -1);
        Query q = new Query();
        q.setPrefixMapping(Prefixes.standard());
        return QueryFactory.parse(q, text, null, Syntax.syntaxARQ);
    }

    /** Executes and writes the result: SELECT in {@code format}, ASK as true/false, graphs as Turtle. */
    public void run(Query query, ResultFormat format, OutputStream out) {
        Txn.executeRead(dataset, () -> {
            QueryExec exec = QueryExec.dataset(dataset).query(query)
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .set(ARQ.httpServiceAllowed, false).build();
            try (QueryExecution qe = QueryExecutionAdapter.adapt(exec)) {
                write(qe, query, format, out);
            }
        });
    }

    /**
     * Runs {@code query} on a running medkg server's SPARQL endpoint instead of the store (which the server holds),
     * and writes the result exactly as {@link #run} would.
     */
    public static void runRemote(String endpoint, Query query, long timeoutMillis, ResultFormat format, OutputStream out) {
        try (QueryExecution qe = org.apache.jena.sparql.exec.http.QueryExecutionHTTP.service(endpoint).query(query)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS).build()) {
            write(qe, query, format, out);
        }
    }

    private static void write(QueryExecution qe, Query query, ResultFormat format, OutputStream out) {
        if (query.isSelectType()) {
            ResultSet rs = qe.execSelect();
            format.write(out, rs, query.getPrologue().getPrefixMapping());
        } else if (query.isAskType()) {
            boolean b = qe.execAsk();
            if (format == ResultFormat.JSON) ResultSetFormatter.outputAsJSON(out, b);
            else ResultSetFormatter.out(out, b);
        } else if (query.isConstructType()) {
            RDFDataMgr.write(out, qe.execConstruct(), Lang.TURTLE);
        } else if (query.isDescribeType()) {
            RDFDataMgr.write(out, qe.execDescribe(), Lang.TURTLE);
        } else {
            throw new IllegalArgumentException("unsupported query type");
        }
    }
}
