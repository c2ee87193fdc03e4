package org.medkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;
import org.medkg.testing.MedkgProcess;
import picocli.CommandLine;

/**
 * {@code medkg serve} as its own process, as an operator runs it: it serves the last good store (loudly) when the
 * catalog has an error, refuses under {@code --strict}, and while it holds the store a CLI read command exits 3 with
 * a message that says what to do.
 */
class ServeProcessTest {
    @TempDir Path tmp;

    private Process serve(Path data, String... extra) throws Exception {
        List<String> cmd = MedkgProcess.command(data, tmp.resolve("store"), "serve", "--port", "0");
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the process's output until a line contains {@code marker} or it exits; returns what it read. */
    static String until(Process p, String marker) throws Exception {
        StringBuilder out = new StringBuilder();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 60_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = r.readLine()) != null) {
            out.append(line).append('\n');
            if (line.contains(marker)) break;
        }
        return out.toString();
    }

    private int cli(String... args) {
        CommandLine cl = Medkg.commandLine();
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        return cl.execute(args);
    }

    @Test
    void staleCatalogIsServedLoudlyAndALockedStoreGetsExitCode3() throws Exception {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        String[] store = {"--data", data.toString(), "--ontology", "ontology", "--queries", "queries",
                "--store", tmp.resolve("store").toString()};
        assertEquals(0, cli(concat(new String[] {"build"}, store)));
        Files.writeString(data.resolve("models.csv"), "broken-model,Broken,,model,,,2023-13,,,text,,,,,,,,,,,,,,,\n",
                StandardOpenOption.APPEND);

        Process strict = serve(data, "--strict");
        String strictOut = until(strict, "nothing was written");
        assertTrue(strict.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, strict.exitValue(), strictOut);

        Process p = serve(data);
        try {
            String out = until(p, "serving db-");
            assertTrue(out.contains("released: '2023-13' has no month 13"), out);
            assertTrue(out.contains("WARNING") && out.contains("serving the last good store"), out);
            assertTrue(out.contains("serving db-"), out);
            java.io.StringWriter err = new java.io.StringWriter();
            CommandLine cl = Medkg.commandLine();
            cl.setErr(new java.io.PrintWriter(err, true));
            // Every read command works while the server holds the store, and gives the server's answers.
            CliTest.Run stats = CliTest.run(concat(new String[] {"stats"}, store));
            assertEquals(0, stats.code(), stats.err());
            assertTrue(stats.out().contains("the server at http://") && stats.out().contains("lineageEdges"), stats.out());
            CliTest.Run lineageText = CliTest.run(concat(new String[] {"lineage", "bio_clinicalbert"}, store));
            assertEquals(0, lineageText.code(), lineageText.err());
            assertTrue(lineageText.out().contains("built on BioBERT"), lineageText.out());
            CliTest.Run export = CliTest.run(concat(new String[] {"export", "--format", "nt"}, store));
            assertEquals(0, export.code(), export.err());
            assertTrue(export.out().contains("<https://w3id.org/medkg/id/model/bio-clinicalbert>"), export.out().substring(0, 200));
            // A build while the server runs is not a busy store: only a second concurrent build is (exit 3).
            // The README's worked example works while the server runs: sparql and query ask the server.
            CliTest.Run sparql = CliTest.run(concat(new String[] {"sparql", "--format", "csv",
                    "SELECT ?m WHERE { ?m mkg:builtOn/mkg:builtOn model:bert-base-cased }"}, store));
            assertEquals(0, sparql.code(), sparql.err());
            assertTrue(sparql.out().contains("https://w3id.org/medkg/id/model/bio-clinicalbert"), sparql.out());
            assertTrue(sparql.err().contains("held by the server at http://"), sparql.err());
            CliTest.Run lineage = CliTest.run(concat(new String[] {"query", "lineage", "--param", "model=bio_clinicalbert",
                    "--format", "csv"}, store));
            assertEquals(0, lineage.code(), lineage.err());
            assertTrue(lineage.out().contains("biobert-v1.0"), lineage.out());
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
