package org.medkg.portability;

import java.util.Map;

/**
 * What an engine is known to do differently from SPARQL 1.1, so that a comparison can allow exactly that and no
 * more. Every deviation is listed, with how it is handled, in the README ("Portability").
 *
 * @param stringOrderPrefix when positive, the engine orders strings by only their first this-many characters, so
 *                          ORDER BY ties strings that share them
 * @param existsAsInteger   the engine returns the value of {@code BIND(EXISTS {...} AS ?v)} as xsd:integer 1 or 0,
 *                          which then compares as xsd:boolean true or false in such columns only
 * @param knownDifferences  cases the engine answers wrongly or not at all, by query name ({@code "leaderboard"}, every
 *                          case) or by query and case ({@code "by-institute family=OpenMed"}), with the reason; the
 *                          comparison expects them to differ, and fails when one no longer does
 */
record Deviations(int stringOrderPrefix, boolean existsAsInteger, Map<String, String> knownDifferences) {
    static final Deviations NONE = new Deviations(0, false, Map.of());

    /** Why {@code query} with {@code example} is expected to differ, or null. */
    String knownDifference(String query, ExampleCase example) {
        String r = knownDifferences.get(query + " " + example);
        return r != null ? r : knownDifferences.get(query);
    }
}
