package org.medkg.query;

import java.util.Iterator;
import java.util.List;

import org.apache.jena.sparql.engine.binding.Binding;

/**
 * The rows of an answer from an in-memory index, in the query's order: how many there are, and the rows from an
 * offset on, produced as they are read (a page of a long answer costs its page, not the whole answer).
 */
public interface IndexedRows {
    long size();

    Iterator<Binding> from(long offset);

    /** All rows in a list (for tests and small answers). */
    default List<Binding> toList() {
        List<Binding> out = new java.util.ArrayList<>();
        from(0).forEachRemaining(out::add);
        return out;
    }

    static IndexedRows of(List<Binding> rows) {
        return of(rows, java.util.function.Function.identity());
    }

    /** The rows of a sorted list, each made a binding as it is read. */
    static <T> IndexedRows of(List<T> rows, java.util.function.Function<T, Binding> binding) {
        return new IndexedRows() {
            public long size() {
                return rows.size();
            }

            public Iterator<Binding> from(long offset) {
                Iterator<T> it = rows.subList((int) Math.min(offset, rows.size()), rows.size()).iterator();
                return new Iterator<>() {
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    public Binding next() {
                        return binding.apply(it.next());
                    }
                };
            }
        };
    }
}
