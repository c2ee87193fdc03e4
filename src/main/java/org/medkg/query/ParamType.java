package org.medkg.query;

import java.util.List;
import java.util.Locale;

import org.medkg.vocab.MKG;

/** What a canned-query parameter names, and which entity kinds a name may resolve to. */
public enum ParamType {
    MODEL(List.of("model")),
    FAMILY(List.of("family")),
    MODEL_OR_FAMILY(List.of("family", "model")),
    INSTITUTE(List.of("institute")),
    BENCHMARK(List.of("benchmark")),
    MODALITY(List.of("modality")),
    LICENSE(List.of("license")),
    STRING(List.of()),
    INTEGER(List.of()),
    BOOLEAN(List.of()),
    /** A concept of mkg:SettingScheme, by notation or label (zero-shot, few-shot, full-fine-tuning, ...). */
    SETTING(List.of()),
    /** A concept of mkg:EvidenceScheme: stated, declared or inferred. */
    EVIDENCE(List.of()),
    /** A concept of mkg:DomainScheme: general or biomedical. */
    DOMAIN(List.of());

    private final List<String> kinds;

    ParamType(List<String> kinds) {
        this.kinds = kinds;
    }

    /** Entity kinds (IRI path segments) a value may resolve to, in order of preference; empty for literals. */
    public List<String> kinds() { return kinds; }

    public boolean isEntity() { return !kinds.isEmpty(); }

    /** The concept scheme whose members a value names, or null if this type is not a concept. */
    public org.apache.jena.graph.Node scheme() {
        return switch (this) {
            case SETTING -> MKG.SettingScheme;
            case EVIDENCE -> MKG.EvidenceScheme;
            case DOMAIN -> MKG.DomainScheme;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ParamType parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The class of entities of {@code kind}. */
    public static org.apache.jena.graph.Node classOf(String kind) {
        return switch (kind) {
            case "model" -> MKG.Model;
            case "family" -> MKG.ModelFamily;
            case "institute" -> MKG.Institute;
            case "benchmark" -> MKG.Benchmark;
            case "modality" -> MKG.Modality;
            case "license" -> MKG.License;
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
