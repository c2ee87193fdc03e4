package org.medkg.query;

import java.util.List;

import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;

/** One page of an answer: its rows, where it starts, and how many rows the whole answer has. */
public record Page(List<Var> vars, List<Binding> rows, long offset, int limit, long total) {

    /** The rows as a result set, for the writers. */
    public ResultSet resultSet() {
        return ResultSet.adapt(RowSetStream.create(vars, rows.iterator()));
    }

    /** Rows after this page. */
    public long more() {
        return Math.max(0, total - offset - rows.size());
    }

    /** The offset of the next page, or -1 on the last page (and for a limit of 0, which asks only for the total). */
    public long nextOffset() {
        return limit > 0 && more() > 0 ? offset + rows.size() : -1;
    }

    /**
     * Reads {@code in} to its end, keeping only the rows {@code paging} asks for: the total is counted, not held,
     * so a page of a long answer costs the page's rows in memory.
     */
    static Page take(RowSet in, long offset, int limit) {
        List<Var> vars = in.getResultVars();
        List<Binding> rows = new java.util.ArrayList<>(Math.min(limit, 1024));
        long n = 0;
        while (in.hasNext()) {
            Binding b = in.next();
            if (n >= offset && n - offset < limit) rows.add(b);
            n++;
        }
        return new Page(vars, List.copyOf(rows), offset, limit, n);
    }
}
