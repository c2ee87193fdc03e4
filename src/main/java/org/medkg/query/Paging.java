package org.medkg.query;

import java.util.regex.Pattern;

/**
 * Which rows of a canned query's answer to return: {@code limit} rows after the first {@code offset}, in the query's
 * order (every canned query orders its rows totally, so consecutive pages never overlap). A null limit means every
 * row from {@code offset} to the end, streamed.
 */
public record Paging(long offset, Integer limit) {
    /** The largest page; a longer answer is read page by page, or streamed whole by leaving the limit out. */
    public static final int MAX_LIMIT = 10_000;
    public static final Paging ALL = new Paging(0, null);
    /** The HTTP response header that carries the number of rows of the whole answer, with every page. */
    public static final String TOTAL_COUNT_HEADER = "Medkg-Total-Count";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,18}");

    public Paging {
        if (offset < 0 || (limit != null && (limit < 0 || limit > MAX_LIMIT)))
            throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
    }

    /**
     * Reads a limit and an offset as a person typed them (null when not given); {@code limitName} and
     * {@code offsetName} are what the person calls them ({@code limit}, or {@code --limit} on the command line).
     */
    public static Paging parse(String limit, String offset, String limitName, String offsetName) {
        Integer l = null;
        if (limit != null) {
            String v = limit.strip();
            if (!WHOLE_NUMBER.matcher(v).matches())
                throw new BadParameterException(limitName + " must be a whole number from 0 to " + MAX_LIMIT
                        + " (rows per page), got '" + ParamResolver.printable(limit) + "'");
            long n = Long.parseLong(v);
            if (n > MAX_LIMIT)
                throw new BadParameterException(limitName + " must be at most " + MAX_LIMIT + " (rows per page), got "
                        + n + "; read the rest with " + offsetName + ", or leave " + limitName + " out to stream every row");
            l = (int) n;
        }
        long o = 0;
        if (offset != null) {
            String v = offset.strip();
            if (!WHOLE_NUMBER.matcher(v).matches())
                throw new BadParameterException(offsetName + " must be a whole number, 0 or more (rows to skip), got '"
                        + ParamResolver.printable(offset) + "'");
            o = Long.parseLong(v);
        }
        return new Paging(o, l);
    }

    public boolean limited() {
        return limit != null;
    }
}
