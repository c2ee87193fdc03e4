package org.medkg.portability;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.TestServer;

/**
 * Issue 12: the real catalog's full dataset, dumped by a real medkg server as N-Quads and loaded into Oxigraph,
 * answers every canned query with every example case of its header exactly as medkg does. Slow: Oxigraph takes
 * seconds on each closure query, minutes in all.
 */
@Tag("slow")
class OxigraphPortabilityTest {
    @TempDir Path tmp;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void everyCannedQueryAnswersTheSameOnOxigraph() throws Exception {
        try (TestServer medkg = new TestServer(tmp, "data", 60_000);
             OxigraphEngine oxigraph = OxigraphEngine.start(PortabilityHarness.dump(medkg, tmp.resolve("medkg.nq")), tmp)) {
            new PortabilityHarness(medkg).assertSameAnswers(oxigraph, Deviations.NONE);
        }
    }
}
