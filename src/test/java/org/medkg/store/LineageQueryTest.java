package org.medkg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.Catalogs;

/** A store built from the real catalog in data/ answers multi-hop mkg:builtOn+ questions correctly. */
class LineageQueryTest {
    @TempDir static Path tmp;
    static Path storeDir;

    @BeforeAll
    static void buildRealCatalog() throws IOException {
        storeDir = tmp.resolve("store");
        AtomicStoreBuilder.Outcome o = Builds.build(Catalogs.inputs(Catalogs.DATA), storeDir, s -> {}, AtomicStoreBuilder.NONE);
        assertTrue(o.ok(), () -> "data/ must build: " + o.check().problems().sorted());
    }

    /** Descendants of every member of a family, with their shortest hop count. */
    static Map<String, Integer> builtOnFamily(String family) throws IOException {
        String q = """
                PREFIX mkg: <https://w3id.org/medkg/ontology#>
                SELECT ?m (MIN(?hops) AS ?depth) WHERE {
                  ?base mkg:inFamily <https://w3id.org/medkg/id/family/%s> .
                  { ?m mkg:builtOn ?base BIND(1 AS ?hops) }
                  UNION { ?m mkg:builtOn/mkg:builtOn ?base BIND(2 AS ?hops) }
                  UNION { ?m mkg:builtOn/mkg:builtOn/mkg:builtOn ?base BIND(3 AS ?hops) }
                  UNION { ?m mkg:builtOn+ ?base BIND(99 AS ?hops) }
                } GROUP BY ?m""".formatted(family);
        try (Store store = Store.open(storeDir)) {
            return Txn.calculateRead(store.dataset(), () -> {
                Map<String, Integer> out = new TreeMap<>();
                try (QueryExec qe = QueryExec.dataset(store.dataset()).query(q).build()) {
                    qe.select().forEachRemaining(b -> out.put(
                            b.get("m").getURI().replace("https://w3id.org/medkg/id/model/", ""),
                            Integer.parseInt(b.get("depth").getLiteralLexicalForm())));
                }
                return out;
            });
        }
    }

    @Test
    void everythingBuiltOnBertIncludesTwoHopBioClinicalBert() throws IOException {
        Map<String, Integer> bert = builtOnFamily("bert");
        assertEquals(1, bert.get("biobert-base-v1.0-pubmed-pmc"), bert::toString);
        assertEquals(2, bert.get("bio-clinicalbert"), bert::toString);
        assertFalse(bert.containsKey("pubmedbert-base-uncased-abstract-fulltext"), "PubMedBERT was trained from scratch");
    }

    @Test
    void everythingBuiltOnLlama2ExcludesLlama1Models() throws IOException {
        Map<String, Integer> llama2 = builtOnFamily("llama-2");
        assertTrue(llama2.containsKey("meditron-70b"), llama2::toString);
        assertTrue(llama2.containsKey("meditron-7b"), llama2::toString);
        assertTrue(llama2.containsKey("clinical-camel-70b"), llama2::toString);
        for (String llama1 : new String[] {"pmc-llama-13b", "pmc-llama-7b", "medalpaca-7b", "medalpaca-13b", "chatdoctor"})
            assertFalse(llama2.containsKey(llama1), llama1 + " is built on LLaMA-1, not Llama 2");
    }

    /** Lineage crosses sources: imported OpenMed fine-tunes of the curated Bio_ClinicalBERT are built on BERT. */
    @Test
    void everythingBuiltOnBertReachesImportedOpenMedModels() throws IOException {
        Map<String, Integer> bert = builtOnFamily("bert");
        assertEquals(3, bert.get("openmed-pii-bioclinicalbert-base-110m-v1"), bert::toString);
        assertTrue(bert.keySet().stream().filter(m -> m.startsWith("openmed-")).count() > 10, bert::toString);
    }

    @Test
    void pmcLlamaReachesLlamaThroughMedLlama() throws IOException {
        Map<String, Integer> llama = builtOnFamily("llama");
        assertEquals(1, llama.get("medllama-13b"), llama::toString);
        assertEquals(2, llama.get("pmc-llama-13b"), llama::toString);
    }
}
