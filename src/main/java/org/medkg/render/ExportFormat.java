package org.medkg.render;

import java.util.Locale;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;

/** The formats the whole graph can be exported in. */
public enum ExportFormat {
    TTL("ttl", Lang.TURTLE, RDFFormat.TURTLE_PRETTY, "text/turtle"),
    NT("nt", Lang.NTRIPLES, RDFFormat.NTRIPLES, "application/n-triples"),
    JSONLD("jsonld", Lang.JSONLD, RDFFormat.JSONLD11_PRETTY, "application/ld+json"),
    RDFXML("rdf", Lang.RDFXML, RDFFormat.RDFXML_PLAIN, "application/rdf+xml"),
    /** The whole dataset, every graph: the default graph as the store has it, and the named graphs (ontology, query library, lineage closure). */
    NQ("nq", Lang.NQUADS, RDFFormat.NQUADS, "application/n-quads"),
    TRIG("trig", Lang.TRIG, RDFFormat.TRIG_BLOCKS, "application/trig");

    private final String extension;
    private final Lang lang;
    private final RDFFormat format;
    private final String mediaType;

    ExportFormat(String extension, Lang lang, RDFFormat format, String mediaType) {
        this.extension = extension;
        this.lang = lang;
        this.format = format;
        this.mediaType = mediaType;
    }

    public String extension() { return extension; }
    public Lang lang() { return lang; }
    public RDFFormat format() { return format; }
    public String mediaType() { return mediaType; }

    /** Whether the format holds named graphs: the dump is then the whole dataset, not one graph. */
    public boolean quads() { return this == NQ || this == TRIG; }

    /** Accepts the CLI names {@code ttl|nt|jsonld|rdfxml} and the file extensions. */
    public static ExportFormat parse(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        for (ExportFormat f : values())
            if (f.name().toLowerCase(Locale.ROOT).equals(v) || f.extension.equals(v)) return f;
        throw new IllegalArgumentException("unknown format '" + s + "'; expected ttl, nt, jsonld, rdfxml, nq or trig");
    }
}
