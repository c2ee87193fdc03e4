package org.medkg.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.datatypes.xsd.XSDDatatype;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.medkg.catalog.CatalogRow;
import org.medkg.catalog.LineageCell;
import org.medkg.catalog.Problems;
import org.medkg.catalog.Suggest;
import org.medkg.vocab.MKG;

/**
 * Turns catalog rows into RDF under the medkg ontology, one row at a time. Deterministic: the same row always
 * yields the same triples and IRIs (evaluation results are numbered per model, benchmark and setting in file order).
 * Cells that cannot be expressed (a bad date, a non-numeric size, an unknown relation) are reported as problems.
 */
public final class CatalogConverter {
    private final Terms terms;
    private final Problems problems;
    private final Map<String, Integer> evaluationOrdinals = new HashMap<>();
    private final Cells cells = new Cells();

    private final Predicate<String> modelIds;
    private final Predicate<String> familyIds;

    /**
     * @param modelIds  whether an id is a models.csv id, and {@code familyIds} a families.csv id: a base in
     *                  {@code built_on} names a model, or a family when no model has that id
     */
    public CatalogConverter(Terms terms, Problems problems, Predicate<String> modelIds, Predicate<String> familyIds) {
        this.terms = terms;
        this.problems = problems;
        this.modelIds = modelIds;
        this.familyIds = familyIds;
    }

    /** Converts one row into {@code out} (which is not cleared). */
    public void convert(CatalogRow row, RowTriples out) {
        switch (row.table()) {
            case LICENSES -> license(row, out);
            case MODALITIES -> modality(row, out);
            case INSTITUTES -> institute(row, out);
            case FAMILIES -> family(row, out);
            case BENCHMARKS -> benchmark(row, out);
            case MODELS -> model(row, out);
            case EVALUATIONS -> evaluation(row, out);
            case PUBLICATIONS -> publication(row, out);
            case IMPORTS -> importActivity(row, out);
            case DECLARATIONS -> declaration(row, out);
        }
    }

    /** The IRI of the entity a row of models.csv describes: {@code id/model/...} or, for systems, {@code id/system/...}. */
    public static Node modelIri(String type, String slug) {
        return MKG.entity("system".equals(type) ? "system" : "model", slug);
    }

    private Node subject(CatalogRow row, String kind) {
        String id = row.get("id");
        if (!Cells.SLUG.matcher(id).matches()) {
            if (!id.isEmpty())
                problems.add(row.problem("id", "'" + id + "' is not a valid id; expected lowercase letters, digits, "
                        + "'.', '_' or '-', starting with a letter or digit (e.g. meditron-70b)"));
            return null;
        }
        return MKG.entity(kind, id);
    }

    private void names(CatalogRow row, Node s, String nameColumn, RowTriples out) {
        if (row.has(nameColumn)) out.add(s, RDFS.label.asNode(), Cells.string(row.get(nameColumn)));
        for (String alias : row.list("aliases")) out.add(s, SKOS.altLabel.asNode(), Cells.string(alias));
        if (row.has("notes")) out.add(s, SKOS.note.asNode(), Cells.string(row.get("notes")));
    }

    private void url(CatalogRow row, String column, Node s, Node p, RowTriples out) {
        for (String u : row.list(column)) {
            Node o = cells.url(u);
            if (o == null) problems.add(row.problem(column, cells.error()));
            else out.add(s, p, o);
        }
    }

    private void refs(CatalogRow row, String column, String kind, Node s, Node p, RowTriples out) {
        for (String slug : row.list(column)) {
            if (Cells.SLUG.matcher(slug).matches()) out.add(s, p, MKG.entity(kind, slug));
            else problems.add(row.problem(column, "'" + slug + "' is not a valid id; expected a slug such as llama-2-70b"));
        }
    }

    private Node term(CatalogRow row, String column, String value, Map<String, Node> vocabulary, String what) {
        Node t = vocabulary.get(value);
        if (t == null)
            problems.add(row.problem(column, "unknown " + what + " '" + value + "'"
                    + Suggest.didYouMean(value, vocabulary.keySet()) + "; expected one of: "
                    + String.join(", ", vocabulary.keySet())));
        return t;
    }

    private void literal(CatalogRow row, String column, Node s, Node p, Node value, RowTriples out) {
        if (value == null) problems.add(row.problem(column, cells.error()));
        else out.add(s, p, value);
    }

    private void license(CatalogRow row, RowTriples out) {
        Node s = subject(row, "license");
        if (s == null) return;
        out.add(s, RDF.type.asNode(), MKG.License);
        names(row, s, "name", out);
        url(row, "url", s, MKG.schemaUrl, out);
        if (row.has("spdx")) {
            out.add(s, MKG.spdxId, Cells.string(row.get("spdx")));
            out.add(s, RDFS.seeAlso.asNode(), NodeFactory.createURI("http://spdx.org/licenses/" + row.get("spdx")));
        }
        if (row.has("restrictive")) literal(row, "restrictive", s, MKG.restrictive, cells.bool(row.get("restrictive")), out);
    }

    private void modality(CatalogRow row, RowTriples out) {
        Node s = subject(row, "modality");
        if (s == null) return;
        out.add(s, RDF.type.asNode(), MKG.Modality);
        out.add(s, RDF.type.asNode(), SKOS.Concept.asNode());
        out.add(s, SKOS.inScheme.asNode(), MKG.ModalityScheme);
        out.add(s, SKOS.prefLabel.asNode(), Cells.string(row.get("name")));
        out.add(s, SKOS.notation.asNode(), Cells.string(row.get("id")));
        names(row, s, "name", out);
        if (row.has("description")) out.add(s, SKOS.definition.asNode(), Cells.string(row.get("description")));
        refs(row, "broader", "modality", s, SKOS.broader.asNode(), out);
    }

    private void institute(CatalogRow row, RowTriples out) {
        Node s = subject(row, "institute");
        if (s == null) return;
        out.add(s, RDF.type.asNode(), MKG.Institute);
        names(row, s, "name", out);
        if (row.has("kind")) {
            Node kind = term(row, "kind", row.get("kind"), terms.instituteKinds(), "institute kind");
            if (kind != null) out.add(s, MKG.instituteKind, kind);
        }
        if (row.has("country")) {
            String c = row.get("country");
            if (c.matches("[A-Z]{2}")) out.add(s, MKG.addressCountry, Cells.string(c));
            else problems.add(row.problem("country", "'" + c + "' is not a country code; expected ISO 3166-1 alpha-2, e.g. CH"));
        }
        url(row, "homepage", s, MKG.homepage, out);
        if (row.has("ror")) {
            String r = row.get("ror");
            if (r.matches("https://ror\\.org/0[a-z0-9]{8}")) out.add(s, MKG.ror, NodeFactory.createURI(r));
            else problems.add(row.problem("ror", "'" + r + "' is not a ROR id; expected e.g. https://ror.org/02s376052"));
        }
        if (row.has("wikidata")) {
            String w = row.get("wikidata");
            if (w.matches("http://www\\.wikidata\\.org/entity/Q[0-9]+")) out.add(s, MKG.wikidata, NodeFactory.createURI(w));
            else problems.add(row.problem("wikidata", "'" + w + "' is not a Wikidata item IRI; expected e.g. http://www.wikidata.org/entity/Q262760"));
        }
        url(row, "source", s, MKG.dctSource, out);
    }

    private void family(CatalogRow row, RowTriples out) {
        Node s = subject(row, "family");
        if (s == null) return;
        out.add(s, RDF.type.asNode(), MKG.ModelFamily);
        names(row, s, "name", out);
        refs(row, "developed_by", "institute", s, MKG.developedBy, out);
        refs(row, "part_of", "family", s, MKG.subFamilyOf, out);
        generatedBy(row, s, out);
        if (row.has("domain")) {
            Node d = term(row, "domain", row.get("domain"), terms.domains(), "domain");
            if (d != null) out.add(s, MKG.domain, d);
        }
        url(row, "homepage", s, MKG.homepage, out);
        url(row, "source", s, MKG.dctSource, out);
    }

    private void benchmark(CatalogRow row, RowTriples out) {
        Node s = subject(row, "benchmark");
        if (s == null) return;
        out.add(s, RDF.type.asNode(), MKG.Benchmark);
        names(row, s, "name", out);
        refs(row, "part_of", "benchmark", s, MKG.partOf, out);
        refs(row, "subsets", "benchmark", s, MKG.hasSubset, out);
        if (row.has("description")) out.add(s, MKG.description, Cells.string(row.get("description")));
        url(row, "homepage", s, MKG.homepage, out);
        url(row, "paper", s, MKG.paper, out);
    }

    private void model(CatalogRow row, RowTriples out) {
        String type = row.get("type");
        if (!type.equals("model") && !type.equals("system")) {
            if (!type.isEmpty())
                problems.add(row.problem("type", "unknown type '" + type + "'; expected model or system"
                        + " (studies and surveys go in publications.csv)"));
            return;
        }
        Node s = subject(row, type);
        if (s == null) return;
        out.add(s, RDF.type.asNode(), type.equals("model") ? MKG.Model : MKG.System);
        names(row, s, "name", out);
        refs(row, "family", "family", s, MKG.inFamily, out);
        refs(row, "developed_by", "institute", s, MKG.developedBy, out);
        if (row.has("released")) literal(row, "released", s, MKG.issued, cells.date(row.get("released")), out);
        if (row.has("parameters")) literal(row, "parameters", s, MKG.parameterCount, cells.size(row.get("parameters")), out);
        if (row.has("architecture")) out.add(s, MKG.architecture, Cells.string(row.get("architecture")));
        refs(row, "modalities", "modality", s, MKG.hasModality, out);
        refs(row, "license", "license", s, MKG.license, out);
        if (row.has("open_weights")) literal(row, "open_weights", s, MKG.openWeights, cells.bool(row.get("open_weights")), out);
        if (row.has("hf_id")) {
            String hf = row.get("hf_id");
            if (Cells.HF_ID.matcher(hf).matches()) {
                out.add(s, MKG.huggingFaceId, Cells.string(hf));
                out.add(s, RDFS.seeAlso.asNode(), NodeFactory.createURI("https://huggingface.co/" + hf));
            } else {
                problems.add(row.problem("hf_id", "'" + hf + "' is not a Hugging Face repo id; expected owner/name, e.g. epfl-llm/meditron-70b"));
            }
        }
        url(row, "code_repository", s, MKG.codeRepository, out);
        url(row, "paper", s, MKG.paper, out);
        url(row, "source", s, MKG.dctSource, out);
        refs(row, "uses", "model", s, MKG.usesModel, out);
        if (row.has("task")) out.add(s, MKG.task, Cells.string(row.get("task")));
        for (String f : row.list("formats")) out.add(s, MKG.format, Cells.string(f));
        for (String l : row.list("languages")) out.add(s, MKG.language, Cells.string(l));
        for (String l : row.list("labels")) out.add(s, MKG.entityLabel, Cells.string(l));
        generatedBy(row, s, out);
        lineage(row, s, out);
    }

    /**
     * The {@code built_on} cell: {@code base (relation); ...}, each edge with its method, evidence, source, quote
     * and reasoning (one per edge in order, or one for all). A base names a model, or a family when no model has
     * that id (or when written {@code family:id}): a family-level edge.
     */
    private void lineage(CatalogRow row, Node s, RowTriples out) {
        List<String> edges = row.list("built_on");
        List<String> sources = row.list("built_on_source");
        if (row.has("from_scratch")) {
            Node b = cells.bool(row.get("from_scratch"));
            if (b == null) {
                problems.add(row.problem("from_scratch", cells.error()));
            } else if (b.getLiteralLexicalForm().equals("true")) {
                if (!edges.isEmpty())
                    problems.add(row.problem("from_scratch", "is true but built_on names a base model; a model "
                            + "trained from scratch has no built_on"));
                if (sources.isEmpty())
                    problems.add(row.problem("built_on_source", "from_scratch needs the URL of the source that "
                            + "says the model was trained from scratch"));
                out.add(s, MKG.trainedFromScratch, b);
                Node claim = NodeFactory.createURI(s.getURI() + "#from-scratch");
                out.add(s, MKG.fromScratchClaim, claim);
                out.add(claim, RDF.type.asNode(), MKG.FromScratchClaim);
                for (String src : sources) {
                    Node u = cells.url(src);
                    if (u == null) problems.add(row.problem("built_on_source", cells.error()));
                    else out.add(claim, MKG.hadPrimarySource, u);
                }
                evidence(row, claim, "built_on_evidence", row.get("built_on_evidence"), "built_on_quote",
                        row.get("built_on_quote"), "built_on_reasoning", row.get("built_on_reasoning"),
                        "from_scratch", out);
                return;
            } else {
                out.add(s, MKG.trainedFromScratch, b);
            }
        }
        if (edges.isEmpty()) {
            for (String col : List.of("built_on_source", "built_on_method", "built_on_evidence", "built_on_quote",
                    "built_on_reasoning"))
                if (row.has(col))
                    problems.add(row.problem(col, "is set but built_on is empty "
                            + "(set from_scratch to true if the source says the model was trained from scratch)"));
            return;
        }
        if (sources.isEmpty()) {
            problems.add(row.problem("built_on_source", "every lineage edge needs the URL of its primary source; "
                    + "expected " + (edges.size() == 1 ? "a URL" : "one URL per edge or one for all " + edges.size())));
        }
        List<String> methods = perEdge(row, "built_on_method", row.list("built_on_method"), edges.size());
        List<String> levels = perEdge(row, "built_on_evidence", row.list("built_on_evidence"), edges.size());
        List<String> quotes = perEdge(row, "built_on_quote", splitQuotes(row.get("built_on_quote")), edges.size());
        List<String> reasons = perEdge(row, "built_on_reasoning", splitQuotes(row.get("built_on_reasoning")), edges.size());
        // With one edge, every URL listed is a source of it; with several, one URL per edge or one for all.
        List<String> edgeSourceLists = edges.size() == 1 ? List.of("") : perEdge(row, "built_on_source", sources, edges.size());
        if (methods == null || levels == null || quotes == null || reasons == null || edgeSourceLists == null) return;
        for (int i = 0; i < edges.size(); i++) {
            String edge = edges.get(i);
            LineageCell cell = LineageCell.parse(edge);
            if (cell == null) {
                problems.add(row.problem("built_on", "'" + edge + "' is not a lineage edge; expected 'base-id (relation)', "
                        + "e.g. 'llama-2-70b (continued-pretraining)' or, naming only the family, 'llama-2 (fine-tuning)'"));
                continue;
            }
            String base = cell.base();
            if (!Cells.SLUG.matcher(base).matches()) {
                problems.add(row.problem("built_on", "'" + base + "' is not a valid model or family id"));
                continue;
            }
            Node relation = term(row, "built_on", cell.relation(), terms.relations(), "relation");
            if (relation == null) continue;
            boolean family = cell.namesFamily(modelIds, familyIds);
            Node baseNode = MKG.entity(family ? "family" : "model", base);
            Node d = NodeFactory.createURI(s.getURI() + (family ? "#from-family-" : "#from-") + base);
            out.add(s, family ? MKG.builtOnFamily : MKG.builtOn, baseNode);
            out.add(s, MKG.derivation, d);
            out.add(d, RDF.type.asNode(), MKG.Derivation);
            out.add(d, family ? MKG.baseFamily : MKG.baseModel, baseNode);
            out.add(d, MKG.relation, relation);
            generatedBy(row, d, out);
            String method = methods.get(i);
            if (!method.isEmpty()) {
                Node m = term(row, "built_on_method", method, terms.methods(), "training method");
                if (m != null) out.add(d, MKG.trainingMethod, m);
            }
            // One edge: every URL is a source of it. Several edges: one URL each, or one URL for all.
            List<String> edgeSources = edges.size() == 1 || sources.size() == 1 ? sources : List.of(edgeSourceLists.get(i));
            for (String src : edgeSources) {
                Node u = cells.url(src);
                if (u == null) problems.add(row.problem("built_on_source", cells.error()));
                else out.add(d, MKG.hadPrimarySource, u);
            }
            evidence(row, d, "built_on_evidence", levels.get(i), "built_on_quote", quotes.get(i),
                    "built_on_reasoning", reasons.get(i), "edge '" + edge + "'", out);
            if (!family) out.derive(baseNode, RDF.type.asNode(), MKG.BaseModel);
        }
    }

    /** Quotes and reasoning of several edges are separated by {@code ||} (a quote may contain {@code ;}). */
    static List<String> splitQuotes(String cell) {
        if (cell.isEmpty()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (String part : cell.split("\\|\\|", -1)) out.add(part.strip());
        return out;
    }

    /** Expands a per-edge cell to one value per edge: empty, one for all, or one per edge; null if it fits neither. */
    private List<String> perEdge(CatalogRow row, String column, List<String> values, int edges) {
        if (values.isEmpty()) return java.util.Collections.nCopies(edges, "");
        if (values.size() == 1) return java.util.Collections.nCopies(edges, values.get(0));
        if (values.size() == edges) return values;
        problems.add(row.problem(column, "has " + values.size() + " values for " + edges + " edges; expected one per "
                + "edge, in the order of built_on, or one for all"
                + (column.endsWith("quote") || column.endsWith("reasoning") ? " (separate them with ||)" : "")));
        return null;
    }

    /** Evidence level, quote and reasoning of one sourced fact: stated and inferred need a quote, inferred its reasoning. */
    private void evidence(CatalogRow row, Node fact, String levelColumn, String level, String quoteColumn, String quote,
                          String reasoningColumn, String reasoning, String what, RowTriples out) {
        if (level.isEmpty()) {
            problems.add(row.problem(levelColumn, what + " needs an evidence level; expected one of: "
                    + String.join(", ", terms.evidence().keySet())));
        } else {
            Node e = term(row, levelColumn, level, terms.evidence(), "evidence level");
            if (e != null) {
                out.add(fact, MKG.evidence, e);
                if (!level.equals("declared") && quote.isEmpty())
                    problems.add(row.problem(quoteColumn, what + " is " + level + " but has no quote; copy the "
                            + "sentence, table row or metadata line of the source that supports it"));
                if (level.equals("inferred") && reasoning.isEmpty())
                    problems.add(row.problem(reasoningColumn, what + " is inferred but has no reasoning; say how the "
                            + "quote supports the fact"));
            }
        }
        if (!quote.isEmpty()) out.add(fact, MKG.quote, Cells.string(quote));
        if (!reasoning.isEmpty()) out.add(fact, MKG.reasoning, Cells.string(reasoning));
    }

    private void evaluation(CatalogRow row, RowTriples out) {
        String model = row.get("model");
        String bench = row.get("benchmark");
        String setting = row.get("setting");
        if (!Cells.SLUG.matcher(model).matches() || !Cells.SLUG.matcher(bench).matches()) {
            if (!model.isEmpty() && !bench.isEmpty())
                problems.add(row.problem("model and benchmark must be catalog ids, got '" + model + "' and '" + bench + "'"));
            return;
        }
        Node settingNode = setting.isEmpty() ? null : term(row, "setting", setting, terms.settings(), "setting");
        String shots = row.get("shots");
        Node shotsNode = null;
        if (!shots.isEmpty()) {
            if (!shots.matches("[0-9]{1,3}"))
                problems.add(row.problem("shots", "'" + shots + "' is not a number of shots; expected a whole number such as 5"));
            else if (Set.of("zero-shot", "not-stated").contains(setting))
                problems.add(row.problem("shots", "is set but the setting is '" + setting + "'; a " + setting
                        + " score has no worked examples in its prompt"));
            else shotsNode = NodeFactory.createLiteralDT(Integer.toString(Integer.parseInt(shots)), XSDDatatype.XSDinteger);
        } else if (setting.equals("few-shot")) {
            problems.add(row.problem("shots", "a few-shot score needs its number of shots (e.g. 5); write the setting "
                    + "not-stated if the source gives none"));
        }
        String key = model + "#eval-" + bench + "-" + setting + (shotsNode == null ? "" : "-" + shots + "shot");
        int n = evaluationOrdinals.merge(key, 1, Integer::sum);
        Node m = MKG.entity("model", model);
        Node s = NodeFactory.createURI(m.getURI() + "#eval-" + bench + "-" + (setting.isEmpty() ? "unknown" : setting)
                + (shotsNode == null ? "" : "-" + Integer.parseInt(shots) + "shot") + "-" + n);
        out.add(s, RDF.type.asNode(), MKG.EvaluationResult);
        out.add(s, MKG.evaluatedModel, m);
        out.add(s, MKG.benchmark, MKG.entity("benchmark", bench));
        String metric = row.get("metric");
        if (!metric.isEmpty()) {
            if (term(row, "metric", metric, terms.metrics(), "metric") != null) out.add(s, MKG.metric, Cells.string(metric));
        }
        if (row.has("score")) {
            Node score = cells.decimal(row.get("score"));
            literal(row, "score", s, MKG.score, score, out);
            double[] range = terms.metricRange(metric);
            if (score != null && range != null) {
                double v = Double.parseDouble(score.getLiteralLexicalForm());
                if (v < range[0] || v > range[1])
                    problems.add(row.problem("score", row.get("score") + " is outside the range of " + metric + " ("
                            + fmt(range[0]) + " to " + fmt(range[1]) + (metric.equals("accuracy") ? ", in percent" : "") + ")"));
            }
        }
        if (settingNode != null) out.add(s, MKG.setting, settingNode);
        if (shotsNode != null) out.add(s, MKG.shots, shotsNode);
        url(row, "source", s, MKG.hadPrimarySource, out);
        evidence(row, s, "evidence", row.get("evidence"), "quote", row.get("quote"), "reasoning", row.get("reasoning"),
                "the score", out);
        if (row.has("notes")) out.add(s, SKOS.note.asNode(), Cells.string(row.get("notes")));
        out.derive(m, MKG.evaluation, s);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A row written by an importer names its import: the row's facts were generated by that activity. */
    private void generatedBy(CatalogRow row, Node s, RowTriples out) {
        String imp = row.get("imported_by");
        if (imp.isEmpty()) return;
        if (Cells.SLUG.matcher(imp).matches()) out.add(s, MKG.wasGeneratedBy, MKG.entity("import", imp));
        else problems.add(row.problem("imported_by", "'" + imp + "' is not a valid import id"));
    }

    /**
     * What an imported catalogue declares about a curated model's base: {@code <model>#declared-<import>-<n>}, an
     * mkg:Declaration about the model, with the base it resolves to (a model or family, if the catalog has it), the
     * source's own name for it, and the relation if the source gives one. A declaration without a base records that
     * the source lists the model with no base.
     */
    private void declaration(CatalogRow row, RowTriples out) {
        String model = row.get("model");
        String imp = row.get("imported_by");
        if (!Cells.SLUG.matcher(model).matches() || !Cells.SLUG.matcher(imp).matches()) return;
        int n = evaluationOrdinals.merge("declaration#" + model + "#" + imp, 1, Integer::sum);
        Node m = MKG.entity("model", model);
        Node d = NodeFactory.createURI(m.getURI() + "#declared-" + imp + "-" + n);
        out.add(d, RDF.type.asNode(), MKG.Declaration);
        out.add(d, MKG.about, m);
        out.add(d, MKG.wasGeneratedBy, MKG.entity("import", imp));
        String base = row.get("declared_base");
        if (!base.isEmpty()) {
            LineageCell cell = LineageCell.parse(base + " (x)");
            boolean family = cell != null && cell.namesFamily(modelIds, familyIds);
            String slug = cell == null ? base : cell.base();
            if (Cells.SLUG.matcher(slug).matches()) out.add(d, MKG.declaredBase, MKG.entity(family ? "family" : "model", slug));
            else problems.add(row.problem("declared_base", "'" + base + "' is not a model or family id"));
        }
        if (row.has("declared_base_name")) out.add(d, MKG.declaredBaseName, Cells.string(row.get("declared_base_name")));
        if (row.has("relation")) {
            Node r = term(row, "relation", row.get("relation"), terms.relations(), "relation");
            if (r != null) out.add(d, MKG.declaredRelation, r);
        }
        url(row, "source", d, MKG.hadPrimarySource, out);
        if (row.has("quote")) out.add(d, MKG.quote, Cells.string(row.get("quote")));
        if (row.has("notes")) out.add(d, SKOS.note.asNode(), Cells.string(row.get("notes")));
    }

    /** One import of a machine-readable catalogue, as a prov:Activity: which snapshot, which commit, when. */
    private void importActivity(CatalogRow row, RowTriples out) {
        Node s = subject(row, "import");
        if (s == null) return;
        out.add(s, RDF.type.asNode(), MKG.Import);
        out.add(s, RDF.type.asNode(), MKG.iri(MKG.PROV + "Activity"));
        names(row, s, "name", out);
        url(row, "source", s, MKG.dctSource, out);
        url(row, "snapshot", s, MKG.used, out);
        if (row.has("commit")) out.add(s, MKG.commit, Cells.string(row.get("commit")));
        if (row.has("retrieved")) literal(row, "retrieved", s, MKG.dctDate, cells.date(row.get("retrieved")), out);
        if (row.has("importer")) out.add(s, MKG.importer, Cells.string(row.get("importer")));
    }

    private void publication(CatalogRow row, RowTriples out) {
        Node s = subject(row, "publication");
        if (s == null) return;
        String type = row.get("type");
        Node cls = switch (type) {
            case "study" -> MKG.Study;
            case "survey", "article" -> MKG.Publication;
            default -> null;
        };
        if (cls == null) {
            if (!type.isEmpty())
                problems.add(row.problem("type", "unknown type '" + type + "'; expected survey, article or study"));
            return;
        }
        out.add(s, RDF.type.asNode(), cls);
        if (cls != MKG.Publication) out.add(s, RDF.type.asNode(), MKG.Publication);
        names(row, s, "title", out);
        if (row.has("issued")) literal(row, "issued", s, MKG.issued, cells.date(row.get("issued")), out);
        url(row, "url", s, MKG.schemaUrl, out);
        if (row.has("institutes")) out.add(s, MKG.iri(MKG.SCHEMA + "creditText"), Cells.string(row.get("institutes")));
        refs(row, "discusses", "model", s, MKG.discusses, out);
        if (type.equals("study")) refs(row, "discusses", "model", s, MKG.evaluates, out);
    }
}
