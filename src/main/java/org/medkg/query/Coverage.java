package org.medkg.query;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;

/** Counts and coverage figures of the catalog in the store, as {@code medkg stats} prints them. */
public final class Coverage {
    private static final String PREFIX = "PREFIX mkg: <https://w3id.org/medkg/ontology#>\n"
            + "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
            + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n";

    private static final String COUNTS = PREFIX + """
            SELECT
              (SUM(IF(?t = mkg:Model, 1, 0)) AS ?models)
              (SUM(IF(?t = mkg:BaseModel, 1, 0)) AS ?baseModels)
              (SUM(IF(?t = mkg:ModelFamily, 1, 0)) AS ?families)
              (SUM(IF(?t = mkg:Institute, 1, 0)) AS ?institutes)
              (SUM(IF(?t = mkg:Benchmark, 1, 0)) AS ?benchmarks)
              (SUM(IF(?t = mkg:EvaluationResult, 1, 0)) AS ?evaluations)
              (SUM(IF(?t = mkg:System, 1, 0)) AS ?systems)
              (SUM(IF(?t = mkg:Publication, 1, 0)) AS ?publications)
              (SUM(IF(?t = mkg:Derivation, 1, 0)) AS ?lineageEdges)
            WHERE { ?s rdf:type ?t }
            """;

    private static final String MODEL_COVERAGE = PREFIX + """
            SELECT (COUNT(?m) AS ?n)
              (SUM(IF(EXISTS { ?m mkg:builtOn ?b } || EXISTS { ?m mkg:builtOnFamily ?bf }, 1, 0)) AS ?withLineage)
              (SUM(IF(EXISTS { ?m mkg:trainedFromScratch true }, 1, 0)) AS ?trainedFromScratch)
              (SUM(IF(EXISTS { ?m mkg:builtOn ?b2 } || EXISTS { ?m mkg:builtOnFamily ?bf2 } || EXISTS { ?m mkg:trainedFromScratch true }, 1, 0)) AS ?withLineageKnown)
              (SUM(IF(EXISTS { ?m mkg:developedBy ?i }, 1, 0)) AS ?withInstitute)
              (SUM(IF(EXISTS { ?m dcterms:issued ?d }, 1, 0)) AS ?withReleaseDate)
              (SUM(IF(EXISTS { ?m dcterms:license ?l }, 1, 0)) AS ?withLicence)
              (SUM(IF(EXISTS { ?m mkg:parameterCount ?p }, 1, 0)) AS ?withParameterCount)
              (SUM(IF(EXISTS { ?m mkg:hasModality ?x }, 1, 0)) AS ?withModality)
            WHERE { ?m rdf:type mkg:Model }
            """;

    private static final String SOURCED = PREFIX + """
            SELECT (COUNT(?d) AS ?n) (SUM(IF(EXISTS { ?d prov:hadPrimarySource ?s }, 1, 0)) AS ?sourced)
            WHERE { ?d rdf:type ?t VALUES ?t { %s } }
            """;

    /** Lineage edges, from-scratch claims and scores by evidence level, and family-level edges. */
    private static final String EVIDENCE = PREFIX + """
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?kind ?curation ?level (COUNT(?f) AS ?n) WHERE {
              { ?f rdf:type mkg:Derivation BIND("lineageEdges" AS ?kind) }
              UNION { ?f rdf:type mkg:FromScratchClaim BIND("fromScratchClaims" AS ?kind) }
              UNION { ?f rdf:type mkg:EvaluationResult BIND("evaluations" AS ?kind) }
              OPTIONAL { ?f mkg:evidence/skos:notation ?e }
              BIND(COALESCE(?e, "none") AS ?level)
              BIND(IF(EXISTS { ?f prov:wasGeneratedBy ?import }, "imported", "curated") AS ?curation)
            } GROUP BY ?kind ?curation ?level ORDER BY ?kind ?curation ?level
            """;

    /** Models by curation: curated rows, and the rows each import generated. */
    private static final String CURATION = PREFIX + """
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?curation (COUNT(?m) AS ?n) WHERE {
              ?m rdf:type mkg:Model .
              OPTIONAL { ?m prov:wasGeneratedBy ?import }
              BIND(COALESCE(STRAFTER(STR(?import), "/id/import/"), "curated") AS ?curation)
            } GROUP BY ?curation ORDER BY ?curation
            """;

    private static final String FAMILY_EDGES = PREFIX
            + "SELECT (COUNT(*) AS ?n) WHERE { ?m mkg:builtOnFamily ?f }";

    private Coverage() {}

    /** Figures in print order: name to value (counts as longs, coverage as percentages). */
    public static Map<String, Object> compute(DatasetGraph dsg) {
        Map<String, Object> out = new LinkedHashMap<>();
        Txn.executeRead(dsg, () -> {
            QuerySolution c = one(dsg, COUNTS);
            for (String v : new String[] {"models", "baseModels", "families", "institutes", "benchmarks",
                    "evaluations", "systems", "publications", "lineageEdges"})
                out.put(v, c.contains(v) ? c.getLiteral(v).getLong() : 0L);
            QuerySolution m = one(dsg, MODEL_COVERAGE);
            long n = m.getLiteral("n").getLong();
            out.put("models.trainedFromScratch", m.contains("trainedFromScratch") ? m.getLiteral("trainedFromScratch").getLong() : 0L);
            for (String v : new String[] {"withLineage", "withLineageKnown", "withInstitute", "withReleaseDate", "withLicence",
                    "withParameterCount", "withModality"})
                out.put("models." + v + ".percent", percent(m.contains(v) ? m.getLiteral(v).getLong() : 0, n));
            out.put("lineageEdges.withSource.percent", sourced(dsg, "mkg:Derivation"));
            out.put("evaluations.withSource.percent", sourced(dsg, "mkg:EvaluationResult"));
            out.put("lineageEdges.familyLevel", one(dsg, FAMILY_EDGES).getLiteral("n").getLong());
            try (QueryExec qe = QueryExec.dataset(dsg).query(CURATION).build()) {
                ResultSet.adapt(qe.select()).forEachRemaining(r -> out.put(
                        "models.by." + r.getLiteral("curation").getString(), r.getLiteral("n").getLong()));
            }
            try (QueryExec qe = QueryExec.dataset(dsg).query(EVIDENCE).build()) {
                ResultSet.adapt(qe.select()).forEachRemaining(r -> out.put(
                        r.getLiteral("kind").getString() + "." + r.getLiteral("curation").getString() + ".evidence."
                                + r.getLiteral("level").getString(), r.getLiteral("n").getLong()));
            }
            // The dataset's sizes by medkg's one definition (see BuildInfo): triples of the default graph, and quads
            // of all graphs (the lines of /dump.nq).
            long triples = dsg.getDefaultGraph().size();
            long named = 0;
            for (var it = dsg.listGraphNodes(); it.hasNext(); ) named += dsg.getGraph(it.next()).size();
            out.put("triples", triples);
            out.put("quads", triples + named);
        });
        return out;
    }

    private static double sourced(DatasetGraph dsg, String type) {
        QuerySolution s = one(dsg, String.format(SOURCED, type));
        long n = s.getLiteral("n").getLong();
        return percent(s.contains("sourced") ? s.getLiteral("sourced").getLong() : 0, n);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 100.0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static QuerySolution one(DatasetGraph dsg, String query) {
        try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return ResultSet.adapt(qe.select()).next();
        }
    }
}
