package org.medkg.catalog;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of one item of a {@code built_on} cell: {@code base-slug (relation)}, or {@code family:slug (relation)}
 * to name a family whose id is also a model id.
 */
public record LineageCell(String base, String relation, boolean family) {
    private static final Pattern EDGE = Pattern.compile("(family:)?(\\S+?)\\s*\\(\\s*([^()]+?)\\s*\\)");

    /**
     * Whether the base names a family: written {@code family:ID}, or no model has the id and a family does. The one
     * rule the converter, the reference check, the cycle check and the cross-row checks share.
     */
    public boolean namesFamily(Predicate<String> isModel, Predicate<String> isFamily) {
        return family || (!isModel.test(base) && isFamily.test(base));
    }

    /** The parsed item, or null if it does not have the form {@code base (relation)}. */
    public static LineageCell parse(String item) {
        Matcher m = EDGE.matcher(item);
        return m.matches() ? new LineageCell(m.group(2), m.group(3), m.group(1) != null) : null;
    }
}
