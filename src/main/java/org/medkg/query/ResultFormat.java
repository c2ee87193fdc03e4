package org.medkg.query;

import java.io.OutputStream;
import java.util.Locale;

import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.shared.PrefixMapping;

/** How SELECT results are printed on the command line. */
public enum ResultFormat {
    TABLE, CSV, TSV, JSON, XML;

    public static ResultFormat parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public void write(OutputStream out, ResultSet rs, PrefixMapping prefixes) {
        switch (this) {
            case TABLE -> TextTable.write(out, rs, prefixes, TextTable.terminalWidth());
            case CSV -> ResultSetMgr.write(out, rs, ResultSetLang.RS_CSV);
            case TSV -> ResultSetMgr.write(out, rs, ResultSetLang.RS_TSV);
            case JSON -> ResultSetMgr.write(out, rs, ResultSetLang.RS_JSON);
            case XML -> ResultSetMgr.write(out, rs, ResultSetLang.RS_XML);
        }
    }
}
