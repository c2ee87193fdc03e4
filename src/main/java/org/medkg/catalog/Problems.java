package org.medkg.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every problem found in one run, so a curator sees them all at once rather than one per run. */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    public synchronized void add(Problem p) {
        problems.add(p);
    }

    public synchronized boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Whether there is no error (warnings aside). */
    public synchronized boolean noErrors() {
        return problems.stream().allMatch(Problem::warning);
    }

    public synchronized long errorCount() {
        return problems.stream().filter(p -> !p.warning()).count();
    }

    public synchronized long warningCount() {
        return problems.stream().filter(Problem::warning).count();
    }

    public synchronized int size() {
        return problems.size();
    }

    /** The problems in file, line and column order. */
    public synchronized List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(problems);
        Collections.sort(copy);
        return copy;
    }
}
