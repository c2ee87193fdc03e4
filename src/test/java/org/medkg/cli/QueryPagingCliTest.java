package org.medkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;
import org.medkg.testing.MedkgProcess;

/**
 * {@code medkg query NAME --limit N --offset M}: the page on stdout, "N more (use --offset ...)" on stderr, and
 * pages that put together are the whole answer; on the store, and through a running server that holds it.
 */
class QueryPagingCliTest {
    @TempDir Path tmp;
    static final Pattern MORE = Pattern.compile("medkg: rows (\\d+)-(\\d+) of (\\d+); (\\d+) more \\(use --offset (\\d+) --limit 1\\)");

    private String[] args(Path data, String... rest) {
        List<String> all = new ArrayList<>(List.of("query", "built-on", "--param", "base=llama-2", "--format", "csv"));
        all.addAll(List.of(rest));
        all.addAll(List.of("--data", data.toString(), "--ontology", "ontology", "--queries", "queries",
                "--store", tmp.resolve("store").toString()));
        return all.toArray(String[]::new);
    }

    private static List<String> rows(String csv) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        lines.remove(0);
        return lines;
    }

    /** Pages of one row, each asked for with the offset the previous one's stderr names, make the whole answer. */
    private void pagesMakeTheWholeAnswer(Path data) {
        CliTest.Run whole = CliTest.run(args(data));
        assertEquals(0, whole.code(), whole.err());
        List<String> full = rows(whole.out());
        assertTrue(full.size() >= 2, whole.out());
        List<String> collected = new ArrayList<>();
        String offset = "0";
        while (offset != null) {
            CliTest.Run page = CliTest.run(args(data, "--limit", "1", "--offset", offset));
            assertEquals(0, page.code(), page.err());
            List<String> rows = rows(page.out());
            assertEquals(1, rows.size(), page.out());
            collected.addAll(rows);
            Matcher m = MORE.matcher(page.err());
            if (m.find()) {
                assertEquals(String.valueOf(full.size()), m.group(3), page.err());
                assertEquals(full.size() - collected.size(), Integer.parseInt(m.group(4)), page.err());
                offset = m.group(5);
            } else {
                assertTrue(page.err().contains("medkg: rows " + full.size() + "-" + full.size() + " of " + full.size()),
                        "the last page says which rows it has and no 'more': " + page.err());
                offset = null;
            }
            assertTrue(collected.size() <= full.size(), "the offsets loop: " + collected);
        }
        assertEquals(full, collected);
    }

    @Test
    void limitAndOffsetPageTheAnswerOnTheStoreAndThroughTheServer() throws Exception {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        assertEquals(0, CliTest.run("build", "--data", data.toString(), "--ontology", "ontology", "--queries", "queries",
                "--store", tmp.resolve("store").toString()).code());
        pagesMakeTheWholeAnswer(data);
        CliTest.Run bad = CliTest.run(args(data, "--limit", "-1"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--limit must be a whole number from 0 to 10000"), bad.err());
        CliTest.Run tooMany = CliTest.run(args(data, "--limit", "20000"));
        assertEquals(2, tooMany.code());
        assertTrue(tooMany.err().contains("--limit must be at most 10000"), tooMany.err());

        Process p = new ProcessBuilder(MedkgProcess.command(data, tmp.resolve("store"), "serve", "--port", "0"))
                .redirectErrorStream(true).start();
        try {
            String out = ServeProcessTest.until(p, "serving db-");
            assertTrue(out.contains("serving db-"), out);
            CliTest.Run viaServer = CliTest.run(args(data, "--limit", "1"));
            assertTrue(viaServer.err().contains("held by the server"), viaServer.err());
            pagesMakeTheWholeAnswer(data);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
