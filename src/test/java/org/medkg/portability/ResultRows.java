package org.medkg.portability;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;

/** A SELECT result as any engine returned it: its variables and its rows, in the order the engine sent them. */
record ResultRows(List<String> vars, List<Binding> rows) {

    /** Parses {@code application/sparql-results+json}, the one format every engine here is asked for. */
    static ResultRows fromJson(String json) {
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                ResultSetLang.RS_JSON);
        List<String> vars = List.copyOf(rs.getResultVars());
        List<Binding> rows = new ArrayList<>();
        RowSet.adapt(rs).forEachRemaining(rows::add);
        return new ResultRows(vars, rows);
    }

    int size() {
        return rows.size();
    }
}
