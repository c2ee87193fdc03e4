package org.medkg.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The medkg vocabulary as Jena nodes, in the manner of Jena's own RDFS or SKOS classes. */
public final class MKG {
    private MKG() {}

    public static final String NS = "https://w3id.org/medkg/ontology#";
    public static final String ONTOLOGY_IRI = "https://w3id.org/medkg/ontology";
    public static final String ID_BASE = "https://w3id.org/medkg/id/";
    public static final String GRAPH_BASE = "https://w3id.org/medkg/graph/";

    /**
     * Named graphs in the store. The default graph holds the catalog with the ontology and the query library
     * (what SPARQL users query); the ontology and the query library are also kept as named graphs, and the
     * materialised lineage closure lives only in its own named graph.
     */
    public static final Node GRAPH_ONTOLOGY = iri(GRAPH_BASE + "ontology");
    public static final Node GRAPH_QUERIES = iri(GRAPH_BASE + "queries");
    public static final Node GRAPH_CLOSURE = iri(GRAPH_BASE + "closure");

    // Classes
    public static final Node Model = term("Model");
    public static final Node BaseModel = term("BaseModel");
    public static final Node ModelFamily = term("ModelFamily");
    public static final Node Institute = term("Institute");
    public static final Node Modality = term("Modality");
    public static final Node Benchmark = term("Benchmark");
    public static final Node EvaluationResult = term("EvaluationResult");
    public static final Node Derivation = term("Derivation");
    public static final Node License = term("License");
    public static final Node System = term("System");
    public static final Node Publication = term("Publication");
    public static final Node Study = term("Study");
    public static final Node ModalityScheme = term("ModalityScheme");
    public static final Node RelationScheme = term("RelationScheme");
    public static final Node SettingScheme = term("SettingScheme");
    public static final Node InstituteKindScheme = term("InstituteKindScheme");
    public static final Node DomainScheme = term("DomainScheme");
    public static final Node GeneralDomain = term("GeneralDomain");
    public static final Node EvidenceScheme = term("EvidenceScheme");
    public static final Node TrainingMethodScheme = term("TrainingMethodScheme");
    public static final Node MetricScheme = term("MetricScheme");
    public static final Node FromScratchClaim = term("FromScratchClaim");
    public static final Node Import = term("Import");
    public static final Node Declaration = term("Declaration");
    public static final Node Stated = term("Stated");
    public static final Node Declared = term("Declared");
    public static final Node Inferred = term("Inferred");

    // Properties
    public static final Node builtOn = term("builtOn");
    public static final Node builtOnFamily = term("builtOnFamily");
    public static final Node baseFamily = term("baseFamily");
    public static final Node evidence = term("evidence");
    public static final Node quote = term("quote");
    public static final Node reasoning = term("reasoning");
    public static final Node trainingMethod = term("trainingMethod");
    public static final Node fromScratchClaim = term("fromScratchClaim");
    public static final Node shots = term("shots");
    public static final Node hasSubset = term("hasSubset");
    public static final Node task = term("task");
    public static final Node format = term("format");
    public static final Node entityLabel = term("entityLabel");
    public static final Node subFamilyOf = term("subFamilyOf");
    public static final Node commit = term("commit");
    public static final Node importer = term("importer");
    public static final Node about = term("about");
    public static final Node declaredBase = term("declaredBase");
    public static final Node declaredBaseName = term("declaredBaseName");
    public static final Node declaredRelation = term("declaredRelation");
    public static final Node minValue = term("minValue");
    public static final Node maxValue = term("maxValue");
    public static final Node derivation = term("derivation");
    public static final Node baseModel = term("baseModel");
    public static final Node relation = term("relation");
    public static final Node inFamily = term("inFamily");
    public static final Node developedBy = term("developedBy");
    public static final Node hasModality = term("hasModality");
    public static final Node parameterCount = term("parameterCount");
    public static final Node architecture = term("architecture");
    public static final Node openWeights = term("openWeights");
    public static final Node huggingFaceId = term("huggingFaceId");
    public static final Node paper = term("paper");
    public static final Node usesModel = term("usesModel");
    public static final Node evaluates = term("evaluates");
    public static final Node discusses = term("discusses");
    public static final Node instituteKind = term("instituteKind");
    public static final Node ror = term("ror");
    public static final Node wikidata = term("wikidata");
    public static final Node partOf = term("partOf");
    public static final Node restrictive = term("restrictive");
    public static final Node spdxId = term("spdxId");
    public static final Node evaluation = term("evaluation");
    public static final Node evaluatedModel = term("evaluatedModel");
    public static final Node benchmark = term("benchmark");
    public static final Node metric = term("metric");
    public static final Node score = term("score");
    public static final Node setting = term("setting");
    public static final Node trainedFromScratch = term("trainedFromScratch");
    public static final Node domain = term("domain");
    public static final Node ancestor = term("ancestor");
    public static final Node depth = term("depth");

    // Terms from other vocabularies that medkg uses.
    public static final String PROV = "http://www.w3.org/ns/prov#";
    public static final String SCHEMA = "https://schema.org/";
    public static final String DCTERMS = "http://purl.org/dc/terms/";
    public static final String FOAF = "http://xmlns.com/foaf/0.1/";
    public static final Node hadPrimarySource = iri(PROV + "hadPrimarySource");
    public static final Node wasGeneratedBy = iri(PROV + "wasGeneratedBy");
    public static final Node used = iri(PROV + "used");
    public static final Node language = iri(DCTERMS + "language");
    public static final Node dctDate = iri(DCTERMS + "date");
    public static final Node codeRepository = iri(SCHEMA + "codeRepository");
    public static final Node schemaUrl = iri(SCHEMA + "url");
    public static final Node addressCountry = iri(SCHEMA + "addressCountry");
    public static final Node issued = iri(DCTERMS + "issued");
    public static final Node license = iri(DCTERMS + "license");
    public static final Node description = iri(DCTERMS + "description");
    public static final Node dctSource = iri(DCTERMS + "source");
    public static final Node homepage = iri(FOAF + "homepage");

    public static Node term(String local) {
        return NodeFactory.createURI(NS + local);
    }

    public static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    /** The IRI of a catalog entity, {@code https://w3id.org/medkg/id/{kind}/{slug}}. */
    public static Node entity(String kind, String slug) {
        return NodeFactory.createURI(ID_BASE + kind + "/" + slug);
    }
}
