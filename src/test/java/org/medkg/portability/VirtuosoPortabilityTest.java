package org.medkg.portability;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.TestServer;

/**
 * Issue 14: the real catalog's full dataset, dumped by a real medkg server as N-Quads and bulk-loaded into a
 * Virtuoso of the test's own (Debian's virtuoso-opensource), answers every canned query with every example case of
 * its header as medkg does, apart from Virtuoso's known deviations ({@link VirtuosoEngine#DEVIATIONS}). Slow: it
 * builds the catalog, starts a database server and loads it.
 */
@Tag("slow")
class VirtuosoPortabilityTest {
    @TempDir Path tmp;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void everyCannedQueryAnswersTheSameOnVirtuoso() throws Exception {
        try (TestServer medkg = new TestServer(tmp, "data", 60_000)) {
            PortabilityHarness harness = new PortabilityHarness(medkg);
            try (VirtuosoEngine virtuoso = VirtuosoEngine.start(PortabilityHarness.dump(medkg, tmp.resolve("medkg.nq")),
                    tmp, harness.namedGraphs())) {
                harness.assertSameAnswers(virtuoso, VirtuosoEngine.DEVIATIONS);
            }
        }
    }
}
