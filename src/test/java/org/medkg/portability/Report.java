package org.medkg.portability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one engine's comparison, written as Markdown to target/portability/ for people to read. */
record Report(String engine, List<Outcome> outcomes, Map<LiteralNormaliser.Rule, Integer> normalised) {

    /**
     * One query with one example case: medkg's row count and the engine's (-1: no answer), the time each took
     * (medkg's over HTTP through its canned-query API), what differed (null if nothing), and why the engine was
     * expected to differ here (a {@link Deviations known difference}, or null).
     */
    record Outcome(String query, ExampleCase example, int medkgRows, int engineRows, long medkgMillis, long engineMillis,
                   String problem, String knownDifference) {
        Outcome because(String why) {
            return new Outcome(query, example, medkgRows, engineRows, medkgMillis, engineMillis, why, knownDifference);
        }

        Outcome known(String reason) {
            return new Outcome(query, example, medkgRows, engineRows, medkgMillis, engineMillis, problem, reason);
        }

        /** A difference nobody expected, or an expected one that is gone (so the list of known ones must shrink). */
        boolean unexpected() {
            return (problem != null) != (knownDifference != null);
        }

        String result() {
            if (knownDifference != null)
                return problem == null ? "same, though listed as a known difference: " + knownDifference
                        : "known difference (" + knownDifference + "): " + problem;
            return problem != null ? problem : medkgRows == 0 ? "same (no rows: flagged)" : "same";
        }

        @Override
        public String toString() {
            return query + " " + example + ": " + result();
        }
    }

    List<Outcome> problems() {
        return outcomes.stream().filter(Outcome::unexpected).toList();
    }

    /** Cases on which medkg returns no row: their comparison shows only that both engines agree on nothing. */
    List<Outcome> emptyCases() {
        return outcomes.stream().filter(o -> o.medkgRows() == 0).toList();
    }

    /** Queries that return no row on medkg for any of their example cases, so that nothing of them was compared. */
    List<String> queriesWithoutRows() {
        Map<String, Boolean> any = new LinkedHashMap<>();
        outcomes.forEach(o -> any.merge(o.query(), o.medkgRows() > 0, Boolean::logicalOr));
        return any.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    Path write(Path dir) throws IOException {
        StringBuilder md = new StringBuilder("# Canned queries on medkg and " + engine + "\n\n"
                + "| query | example case | rows on medkg | rows on " + engine + " | ms medkg | ms " + engine
                + " | result |\n|---|---|---:|---:|---:|---:|---|\n");
        for (Outcome o : outcomes)
            md.append("| ").append(o.query()).append(" | ").append(o.example()).append(" | ").append(o.medkgRows())
                    .append(" | ").append(o.engineRows()).append(" | ").append(o.medkgMillis()).append(" | ")
                    .append(o.engineMillis()).append(" | ")
                    .append(o.result().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        md.append("\nValues normalised before comparing (README, \"Portability\"):\n\n");
        if (normalised.isEmpty()) md.append("- none\n");
        normalised.forEach((rule, n) -> md.append("- ").append(rule.description).append(": ").append(n).append(" values\n"));
        Files.createDirectories(dir);
        Path file = dir.resolve(engine.replaceAll("[^A-Za-z0-9.-]+", "-") + ".md");
        Files.writeString(file, md);
        return file;
    }
}
