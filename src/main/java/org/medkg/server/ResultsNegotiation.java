package org.medkg.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.medkg.query.BadParameterException;

/**
 * The SPARQL results format of an API answer. A {@code format}, {@code output} or {@code results} parameter wins
 * over the Accept header: clients that cannot set headers (a link, a spreadsheet's import) name the format in the
 * URL, and SPARQLWrapper sends all three ({@code format=json&output=json&results=json}, and for TSV the media type
 * as a second value).
 */
final class ResultsNegotiation {
    static final List<String> PARAMETERS = List.of("format", "output", "results");
    static final String ACCEPTED = "json, xml, csv or tsv, or one of the media types application/sparql-results+json, "
            + "application/json, application/sparql-results+xml, application/xml, text/xml, text/csv, "
            + "text/tab-separated-values";

    private ResultsNegotiation() {}

    /** The format a name or media type stands for, or null. */
    static Lang byName(String value) {
        String v = value.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "json", "application/sparql-results+json", "application/json" -> ResultSetLang.RS_JSON;
            case "xml", "application/sparql-results+xml", "application/xml", "text/xml" -> ResultSetLang.RS_XML;
            case "csv", "text/csv" -> ResultSetLang.RS_CSV;
            case "tsv", "text/tab-separated-values" -> ResultSetLang.RS_TSV;
            default -> null;
        };
    }

    /**
     * The format the request's parameters name, or null when they name none. Empty values are ignored (SPARQLWrapper
     * sends one); a value that names no format, or two that disagree, are the client's error.
     */
    static Lang byParameters(Map<String, String[]> parameters) {
        Lang chosen = null;
        String chosenBy = null;
        for (String name : PARAMETERS) {
            for (String value : parameters.getOrDefault(name, new String[0])) {
                if (value.isBlank()) continue;
                Lang lang = byName(value);
                String given = name + "=" + printable(value);
                if (lang == null)
                    throw new BadParameterException("unknown results format " + given + "; expected " + ACCEPTED);
                if (chosen != null && !chosen.equals(lang))
                    throw new BadParameterException(chosenBy + " and " + given + " ask for different results formats");
                chosen = lang;
                chosenBy = given;
            }
        }
        return chosen;
    }

    /** The results format for an Accept header; JSON when nothing better matches. */
    static Lang byAccept(String accept) {
        if (accept == null) return ResultSetLang.RS_JSON;
        for (String part : accept.split(",")) {
            Lang lang = byName(part);
            if (lang != null) return lang;
        }
        return ResultSetLang.RS_JSON;
    }

    private static String printable(String v) {
        String s = v.replaceAll("[^\\p{Alnum}+/._-]", "?");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
