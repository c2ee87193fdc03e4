package org.medkg.graph;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.SKOS;
import org.medkg.vocab.MKG;

/**
 * The fixed vocabularies curators write as tokens in the catalog (relation types, evaluation settings, institute
 * kinds), read from the ontology's SKOS schemes: {@code skos:notation} is the token, so the ontology file stays the
 * single place these terms are defined.
 */
public final class Terms {
    private final Map<String, Node> relations;
    private final Map<String, Node> settings;
    private final Map<String, Node> instituteKinds;
    private final Map<String, Node> domains;
    private final Map<String, Node> evidence;
    private final Map<String, Node> methods;
    private final Map<String, Node> metrics;
    private final Map<String, double[]> metricRanges;

    private Terms(Graph g) {
        this.relations = scheme(g, MKG.RelationScheme);
        this.settings = scheme(g, MKG.SettingScheme);
        this.instituteKinds = scheme(g, MKG.InstituteKindScheme);
        this.domains = scheme(g, MKG.DomainScheme);
        this.evidence = scheme(g, MKG.EvidenceScheme);
        this.methods = scheme(g, MKG.TrainingMethodScheme);
        this.metrics = scheme(g, MKG.MetricScheme);
        Map<String, double[]> ranges = new TreeMap<>();
        metrics.forEach((token, concept) -> ranges.put(token,
                new double[] {number(g, concept, MKG.minValue), number(g, concept, MKG.maxValue)}));
        this.metricRanges = Collections.unmodifiableMap(ranges);
    }

    public static Terms from(Graph ontology) {
        return new Terms(ontology);
    }

    private static double number(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        if (!it.hasNext()) throw new IllegalStateException("ontology gives no " + p.getLocalName() + " for " + s.getURI());
        return Double.parseDouble(it.next().getObject().getLiteralLexicalForm());
    }

    private static Map<String, Node> scheme(Graph g, Node scheme) {
        Map<String, Node> out = new TreeMap<>();
        g.find(Node.ANY, SKOS.inScheme.asNode(), scheme).forEachRemaining(t -> {
            for (Triple n : g.find(t.getSubject(), SKOS.notation.asNode(), Node.ANY).toList())
                out.put(n.getObject().getLiteralLexicalForm(), t.getSubject());
        });
        if (out.isEmpty())
            throw new IllegalStateException("ontology defines no concepts in " + scheme.getURI());
        return Collections.unmodifiableMap(out);
    }

    /** Relation token (e.g. {@code fine-tuning}) to concept. */
    public Map<String, Node> relations() { return relations; }

    /** Evaluation setting token (e.g. {@code zero-shot}) to concept. */
    public Map<String, Node> settings() { return settings; }

    /** Institute kind token (e.g. {@code university}) to concept. */
    public Map<String, Node> instituteKinds() { return instituteKinds; }

    /** Evidence level token ({@code stated}, {@code declared}, {@code inferred}) to concept. */
    public Map<String, Node> evidence() { return evidence; }

    /** Training method token ({@code full}, {@code lora}, ...) to concept. */
    public Map<String, Node> methods() { return methods; }

    /** Metric token ({@code accuracy}, ...) to concept. */
    public Map<String, Node> metrics() { return metrics; }

    /** The inclusive range {min, max} of a metric's values. */
    public double[] metricRange(String metric) { return metricRanges.get(metric); }

    /** Domain token ({@code general}, {@code biomedical}) to concept. */
    public Map<String, Node> domains() { return domains; }
}
