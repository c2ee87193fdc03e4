package org.medkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;
import picocli.CommandLine;

/** The command line: exit codes 0 / 1 / 2, errors on stderr, results on stdout. */
class CliTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        // Commands stream query results to System.out; swap it before picocli is set up.
        PrintStream oldOut = System.out;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        System.setOut(new PrintStream(raw, true, StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            CommandLine cl = Medkg.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out + raw.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    private String[] paths(Path data, String... rest) {
        String[] common = {"--data", data.toString(), "--ontology", "ontology", "--queries", "queries",
                "--store", tmp.resolve("store").toString()};
        String[] all = new String[rest.length + common.length];
        System.arraycopy(rest, 0, all, 0, rest.length);
        System.arraycopy(common, 0, all, rest.length, common.length);
        return all;
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"build", "validate", "export", "sparql", "stats"}) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: medkg " + cmd), cmd + ": " + r.out());
        }
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("no-such-command").code());
        assertEquals(2, run("export", "--format", "pdf").code());
        assertEquals(2, run("sparql").code());
    }

    @Test
    void aMissingQueryFileSaysWhatToDo() {
        Run r = run("sparql", "-f", tmp.resolve("no-such.rq").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such query file: ") && r.err().contains("give a path to a .rq file"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("a command is needed") && r.err().contains("Usage:"), r.err());
    }

    @Test
    void invalidCatalogExitsWith1AndNamesFileAndLine() {
        Path bad = Catalogs.materialise("invalid/many-errors", tmp.resolve("bad"));
        Run r = run(paths(bad, "validate"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("models.csv:4:7: released:"), r.err());
        assertTrue(r.err().contains("evaluations.csv:2:4: score:"), r.err());
        assertTrue(r.err().contains("4 error(s)"), r.err());
    }

    @Test
    void buildThenQueryTwoHops() {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        assertEquals(0, run(paths(data, "build")).code());
        Run r = run(paths(data, "sparql", "--format", "csv",
                "SELECT ?m WHERE { ?m mkg:builtOn/mkg:builtOn model:bert-base-cased }"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("https://w3id.org/medkg/id/model/bio-clinicalbert"), r.out());
        Run bad = run(paths(data, "sparql", "SELECT ?m WHERE { ?m mkg:builtOn ?b . FILTER(?b = ) }"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("query does not parse at line 1, column 51"), bad.err());
        assertTrue(bad.err().contains("\n  " + " ".repeat(50) + "^"), "a caret under the offending token: " + bad.err());
        Run update = run(paths(data, "sparql", "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }"));
        assertEquals(1, update.code());
        assertTrue(update.err().contains("read-only"), update.err());
        Run stats = run(paths(data, "stats"));
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("lineageEdges.withSource.percent"), stats.out());
    }
}
