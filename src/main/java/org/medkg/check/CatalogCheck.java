package org.medkg.check;

import java.nio.file.Path;

import org.apache.jena.graph.Triple;
import org.medkg.catalog.CatalogReader;
import org.medkg.catalog.CatalogTable;
import org.medkg.catalog.LineageCell;
import org.medkg.catalog.Problems;
import org.medkg.graph.CatalogConverter;
import org.medkg.graph.RowTriples;
import org.medkg.graph.Schema;

/**
 * Reads, converts and checks the whole catalog in two streaming passes, handing every triple to {@code out}.
 * Nothing is trusted until {@link Result#problems()} is empty: callers write to the store only then.
 */
public final class CatalogCheck {
    /** Where the triples go; called once per triple, in a deterministic order. */
    public interface TripleSink {
        void triple(Triple t);
    }

    /**
     * The outcome of one run. Times are nanoseconds: {@code parseNanos} is reading CSV, {@code convertNanos}
     * turning rows into triples, {@code validateNanos} the reference, SHACL and cycle checks,
     * {@code writeNanos} the time spent in the sink.
     */
    /**
     * Times: {@code validateNanos} excludes {@code closureNanos}, the time to compute the lineage closure and hand its
     * triples to the closure sink; {@code writeNanos} is the time the catalog's own triples spent in {@code out}.
     */
    public record Result(Problems problems, long rows, long triples, long parseNanos, long convertNanos,
                         long validateNanos, long closureNanos, long writeNanos) {
        /** No errors; warnings are allowed. */
        public boolean ok() {
            return problems.noErrors();
        }

        /** No errors, and under {@code strict} no warnings either. */
        public boolean ok(boolean strict) {
            return strict ? problems.isEmpty() : problems.noErrors();
        }
    }

    private CatalogCheck() {}

    /** Checks and converts without materialising the lineage closure. */
    public static Result run(Path dataDir, Schema schema, TripleSink out) {
        return run(dataDir, schema, out, null);
    }

    /**
     * Checks and converts; catalog triples go to {@code out}. If the catalog has no lineage cycle and
     * {@code closure} is not null, the materialised lineage closure goes to {@code closure}.
     */
    public static Result run(Path dataDir, Schema schema, TripleSink out, TripleSink closure) {
        Problems problems = new Problems();
        long t0 = System.nanoTime();
        CatalogIndex index = CatalogIndex.scan(dataDir, problems);
        long indexNanos = System.nanoTime() - t0;

        ReferenceChecker refs = new ReferenceChecker(index, problems);
        ShapeChecker shapes = new ShapeChecker(schema.rowShapes(), problems);
        LineageCycles cycles = new LineageCycles();
        CatalogConverter converter = new CatalogConverter(schema.terms(), problems, index::isModel, index::isFamily);
        CrossRowChecks crossRow = new CrossRowChecks(index, problems);
        RowTriples rowTriples = new RowTriples();
        long[] counters = new long[5]; // rows, triples, convert ns, validate ns, write ns
        long t1 = System.nanoTime();
        for (CatalogTable table : CatalogTable.values()) {
            CatalogReader.read(dataDir, table, problems, row -> {
                counters[0]++;
                long a = System.nanoTime();
                rowTriples.clear();
                int before = problems.size();
                converter.convert(row, rowTriples);
                long b = System.nanoTime();
                refs.check(row);
                // SHACL restates what the code checks already said in better words; only ask it about clean rows.
                if (problems.size() == before) shapes.check(row, rowTriples.own);
                crossRow.row(row);
                if (table == CatalogTable.MODELS) {
                    for (String item : row.list("built_on")) {
                        LineageCell cell = LineageCell.parse(item);
                        if (cell == null) continue;
                        boolean family = cell.namesFamily(index::isModel, index::isFamily);
                        cycles.edge(row.get("id"), (family ? LineageCycles.FAMILY_PREFIX : "") + cell.base(), row.line());
                    }
                }
                long c = System.nanoTime();
                for (Triple t : rowTriples.own) out.triple(t);
                for (Triple t : rowTriples.derived) out.triple(t);
                counters[4] += System.nanoTime() - c;
                counters[1] += rowTriples.own.size() + rowTriples.derived.size();
                counters[2] += b - a;
                counters[3] += c - b;
            });
        }
        long t2 = System.nanoTime();
        shapes.finish();
        int before = problems.size();
        cycles.report(dataDir.resolve(CatalogTable.MODELS.fileName()),
                CatalogTable.MODELS.columns().indexOf("built_on") + 1, problems);
        long t3 = System.nanoTime();
        if (closure != null && problems.size() == before) cycles.closure(closure);
        long closureNanos = System.nanoTime() - t3;
        crossRow.report();
        long cycleNanos = System.nanoTime() - t2 - closureNanos;
        long secondPass = t2 - t1;
        long parse = indexNanos + secondPass - counters[2] - counters[3] - counters[4];
        return new Result(problems, counters[0], counters[1], parse, counters[2], counters[3] + cycleNanos, closureNanos,
                counters[4]);
    }
}
