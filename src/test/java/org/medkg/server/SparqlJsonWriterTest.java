package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.Test;

/** The indexes' JSON results read back, by Jena's own reader, as exactly the rows written, whatever the terms hold. */
class SparqlJsonWriterTest {
    @Test
    void jenaReadsBackExactlyTheRowsWritten() throws Exception {
        List<Var> vars = Var.varList(List.of("a", "b", "c"));
        Node[] terms = {
                NodeFactory.createURI("https://w3id.org/medkg/id/model/x?y=\"1\"&z"),
                NodeFactory.createLiteralString("plain"),
                NodeFactory.createLiteralString("quote \" backslash \\ slash / tab \t newline \n cr \r bell \u0007 nul \u0000 é 漢 😀"),
                NodeFactory.createLiteralLang("Bonjour", "fr"),
                NodeFactory.createLiteralDT("3", XSDDatatype.XSDinteger),
                NodeFactory.createLiteralDT("2023-07-01", XSDDatatype.XSDdate),
                NodeFactory.createLiteralDT("0.50", XSDDatatype.XSDdecimal),
                NodeFactory.createBlankNode("b0"),
                NodeFactory.createLiteralString(""),
        };
        List<Binding> rows = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            BindingBuilder b = BindingBuilder.create();
            b.add(vars.get(0), terms[i]);
            if (i % 2 == 0) b.add(vars.get(1), terms[(i + 3) % terms.length]);   // some rows leave b unbound
            b.add(vars.get(2), terms[(i + 5) % terms.length]);
            rows.add(b.build());
        }
        rows.add(BindingBuilder.create().build());   // a row with nothing bound
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparqlJsonWriter.write(out, vars, rows.iterator());
        RowSet read = RowSet.adapt(ResultSetMgr.read(new ByteArrayInputStream(out.toByteArray()), ResultSetLang.RS_JSON));
        assertEquals(List.of("a", "b", "c"), Var.varNames(read.getResultVars()));
        List<Binding> back = new ArrayList<>();
        read.forEachRemaining(back::add);
        assertEquals(rows.size(), back.size());
        for (int i = 0; i < rows.size(); i++)
            for (Var v : vars) {
                Node expected = rows.get(i).get(v);
                Node actual = back.get(i).get(v);
                if (expected != null && expected.isBlank()) assertEquals(true, actual.isBlank(), "row " + i + " " + v);
                else assertEquals(expected, actual, "row " + i + " " + v);
            }
    }

    @Test
    void anEmptyAnswerIsAValidDocument() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparqlJsonWriter.write(out, Var.varList(List.of("x")), List.<Binding>of().iterator());
        RowSet read = RowSet.adapt(ResultSetMgr.read(new ByteArrayInputStream(out.toByteArray()), ResultSetLang.RS_JSON));
        assertEquals(List.of("x"), Var.varNames(read.getResultVars()));
        assertEquals(false, read.hasNext());
    }
}
