package org.medkg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medkg.catalog.Problem;
import org.medkg.testing.Catalogs;

/** Every fixture catalog: the valid one passes, every invalid one fails with its expected message and location. */
class CatalogFixturesTest {
    @TempDir Path tmp;

    static List<String> invalidFixtures() throws IOException {
        return Catalogs.invalidFixtures();
    }

    @Test
    void minimalCatalogIsValid() {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        List<Triple> triples = new ArrayList<>();
        CatalogCheck.Result r = CatalogCheck.run(data, Catalogs.schema(), triples::add);
        assertTrue(r.ok(), () -> "unexpected problems: " + r.problems().sorted());
        assertEquals(34, r.rows());
        assertFalse(triples.isEmpty());
    }

    @Test
    void conversionIsDeterministic() {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        List<Triple> first = new ArrayList<>();
        List<Triple> second = new ArrayList<>();
        CatalogCheck.run(data, Catalogs.schema(), first::add);
        CatalogCheck.run(data, Catalogs.schema(), second::add);
        assertEquals(first, second, "same input must give the same triples in the same order");
        Graph g = GraphFactory.createGraphMem();
        first.forEach(g::add);
        assertTrue(g.size() > 100);
    }

    /** The evidence fixture (family-level edges, evidence levels, shots, an explained release order) passes strict. */
    @Test
    void evidenceCatalogIsValidEvenUnderStrict() {
        Path data = Catalogs.materialise("valid/evidence", tmp.resolve("data"));
        CatalogCheck.Result r = CatalogCheck.run(data, Catalogs.schema(), t -> {});
        assertTrue(r.ok(true), () -> "unexpected problems: " + r.problems().sorted());
        Path minimal = Catalogs.materialise("valid/minimal", tmp.resolve("minimal"));
        CatalogCheck.Result m = CatalogCheck.run(minimal, Catalogs.schema(), t -> {});
        assertTrue(m.ok(true), () -> "unexpected problems: " + m.problems().sorted());
    }

    static List<String> warningFixtures() throws IOException {
        return Catalogs.fixtures("warnings");
    }

    /** A warning does not block a build, but --strict refuses it, with its location and message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("warningFixtures")
    void warningFixturePassesButFailsStrict(String fixture) throws IOException {
        Path data = Catalogs.materialise(fixture, tmp.resolve("data"));
        CatalogCheck.Result r = CatalogCheck.run(data, Catalogs.schema(), t -> {});
        assertTrue(r.ok(), () -> fixture + ": a warning must not block: " + r.problems().sorted());
        assertFalse(r.ok(true), fixture + " must be refused under --strict");
        assertExpected(fixture, data, r);
    }

    private static void assertExpected(String fixture, Path data, CatalogCheck.Result r) throws IOException {
        String prefix = data.toString() + "/";
        List<String> reported = r.problems().sorted().stream().map(Problem::toString)
                .map(s -> s.replace(prefix, "")).toList();
        List<String> expected;
        try (Stream<String> lines = Files.lines(Catalogs.ROOT.resolve(fixture).resolve("expected.txt"))) {
            expected = lines.filter(l -> !l.isBlank()).toList();
        }
        assertFalse(expected.isEmpty(), "fixture has no expected.txt lines");
        for (String e : expected)
            assertTrue(reported.stream().anyMatch(p -> p.startsWith(e) || p.contains(e)),
                    () -> fixture + ": expected a problem like\n  " + e + "\nbut got\n  " + String.join("\n  ", reported));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void invalidFixtureFailsWithExpectedProblems(String fixture) throws IOException {
        Path data = Catalogs.materialise(fixture, tmp.resolve("data"));
        CatalogCheck.Result r = CatalogCheck.run(data, Catalogs.schema(), t -> {});
        assertFalse(r.ok(), fixture + " must be refused");
        assertExpected(fixture, data, r);
    }

    /** The complete shapes (SPARQL constraints included) accept the converted fixture and reject a broken edge. */
    @Test
    void completeShapesDefineValidGraphs() {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        Graph g = GraphFactory.createGraphMem();
        CatalogCheck.run(data, Catalogs.schema(), g::add);
        var validator = org.apache.jena.shacl.ShaclValidator.get();
        assertTrue(validator.validate(Catalogs.schema().shapes(), g).conforms());
        // A built-on edge without its qualified derivation, and a self-loop: both refused by the SPARQL constraints.
        var meditron = org.medkg.vocab.MKG.entity("model", "meditron-7b");
        g.add(meditron, org.medkg.vocab.MKG.builtOn, org.medkg.vocab.MKG.entity("model", "bert-base-cased"));
        g.add(meditron, org.medkg.vocab.MKG.builtOn, meditron);
        var report = validator.validate(Catalogs.schema().shapes(), g);
        assertFalse(report.conforms());
        assertTrue(report.getEntries().stream().anyMatch(e -> e.message().contains("qualified mkg:derivation")));
        assertTrue(report.getEntries().stream().anyMatch(e -> e.message().contains("built on itself")));
    }
}
