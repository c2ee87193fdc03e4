package org.medkg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.TestServer;

/**
 * The analytics that an audit caught giving wrong answers, each pinned on the valid/evidence fixture over HTTP on
 * the real server: comparisons only within one setting and one number of shots, same-source by default, one
 * leaderboard list per setting, family-level lineage, depth-first descendants, one search row per entity.
 */
class AnalyticsQueriesTest {
    @TempDir static Path tmp;
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "valid/evidence", 10_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The rows of a canned query, each column by its short value (ids for entity IRIs, lexical forms for literals). */
    static List<Map<String, String>> rows(String nameAndParams) throws Exception {
        HttpResponse<String> r = server.get("/api/queries/" + nameAndParams, "application/sparql-results+json");
        assertEquals(200, r.statusCode(), nameAndParams + " -> " + r.body());
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode b : JSON.readTree(r.body()).at("/results/bindings")) {
            Map<String, String> row = new LinkedHashMap<>();
            b.properties().forEach(e -> {
                String v = e.getValue().path("value").asText();
                row.put(e.getKey(), v.startsWith("https://w3id.org/medkg/id/") ? v.substring(v.lastIndexOf('/') + 1) : v);
            });
            out.add(row);
        }
        return out;
    }

    @Test
    void fineTuneThatLosesToItsBaseUnderFullFineTuningIsNotReportedAsBeatingIt() throws Exception {
        List<Map<String, String>> beats = rows("beats-its-base");
        // PMC_LLaMA_7B 69.53 < LLaMA-7B 73.41 on PubMedQA, both full fine-tuning in the same README.
        assertFalse(beats.stream().anyMatch(r -> r.get("model").equals("pmc-llama-7b") && r.get("benchmarkName").equals("PubMedQA")),
                beats::toString);
        // 44.70 > 44.55 on MedQA, both full fine-tuning, same source: reported, and sameSource is true.
        Map<String, String> medqa = beats.stream().filter(r -> r.get("model").equals("pmc-llama-7b")
                && r.get("benchmarkName").startsWith("MedQA")).findFirst().orElseThrow(() -> new AssertionError(beats));
        assertEquals("full-fine-tuning", medqa.get("setting"));
        assertEquals("true", medqa.get("sameSource"));
        // PEFT 50.54 is never compared with the base's full fine-tuning 48.15; the PEFT base score comes from
        // another source, so the pair appears only when cross-source pairs are asked for, with sameSource false.
        assertFalse(beats.stream().anyMatch(r -> r.get("benchmarkName").equals("MedMCQA")), beats::toString);
        List<Map<String, String>> cross = rows("beats-its-base?crossSource=true");
        List<Map<String, String>> medmcqa = cross.stream().filter(r -> r.get("benchmarkName").equals("MedMCQA")).toList();
        assertEquals(1, medmcqa.size(), cross::toString);
        assertEquals("peft-fine-tuning", medmcqa.get(0).get("setting"));
        assertEquals(40.0, Double.parseDouble(medmcqa.get(0).get("baseScore")));
        assertEquals("false", medmcqa.get(0).get("sameSource"));
        // 5-shot 60.0 against 3-shot 50.0: different numbers of shots are not the same setting.
        assertFalse(cross.stream().anyMatch(r -> r.get("model").equals("meditron-7b")), cross::toString);
        // Scores whose setting is not stated are never compared.
        assertFalse(cross.stream().anyMatch(r -> "not-stated".equals(r.get("setting"))), cross::toString);
    }

    @Test
    void leaderboardNeverRanksDifferentSettingsAsOneList() throws Exception {
        List<Map<String, String>> all = rows("leaderboard?benchmark=medqa");
        // Rows come grouped by setting: once a setting's list ends it does not come back.
        List<String> order = all.stream().map(r -> r.get("setting") + "/" + r.getOrDefault("shots", "")).toList();
        List<String> seen = new ArrayList<>();
        for (String s : order) {
            if (!seen.isEmpty() && seen.get(seen.size() - 1).equals(s)) continue;
            assertFalse(seen.contains(s), "setting " + s + " appears in two places: " + order);
            seen.add(s);
        }
        // MEDITRON-70B's 99.0 (setting not stated) is not its zero-shot entry: zero-shot shows its best zero-shot score.
        List<Map<String, String>> zeroShot = rows("leaderboard?benchmark=medqa&setting=zero-shot");
        assertTrue(zeroShot.stream().allMatch(r -> r.get("setting").equals("zero-shot")), zeroShot::toString);
        assertEquals(List.of("meditron-70b:70.2", "llama-2-70b:59.2"),
                zeroShot.stream().map(r -> r.get("model") + ":" + r.get("score")).toList());
        List<Map<String, String>> fewShot = rows("leaderboard?benchmark=medqa&setting=few-shot");
        assertEquals(List.of("3", "5"), fewShot.stream().map(r -> r.get("shots")).toList(), "3-shot and 5-shot lists");
        assertEquals(400, server.get("/api/queries/leaderboard?benchmark=medqa&setting=fine-tuned", null).statusCode());
    }

    @Test
    void builtOnAFamilyIncludesFamilyLevelModelsButAMemberDoesNot() throws Exception {
        List<Map<String, String>> family = rows("built-on?base=llama-2");
        Map<String, String> hippo = family.stream().filter(r -> r.get("model").equals("hippo-llama-7b")).findFirst()
                .orElseThrow(() -> new AssertionError(family));
        assertEquals("family", hippo.get("level"));
        assertEquals("llama-2", hippo.get("parent"));
        assertTrue(family.stream().anyMatch(r -> r.get("model").equals("hippo-llama-7b-chat")), "descendants of a family-level model");
        List<Map<String, String>> member = rows("built-on?base=llama-2-7b");
        assertFalse(member.stream().anyMatch(r -> r.get("model").startsWith("hippo")), "which member is not known: " + member);
        assertTrue(member.stream().anyMatch(r -> r.get("model").equals("meditron-7b")));
        // Stated facts only: the inferred MEDITRON-7B edge and the declared Hippo chat edge drop out.
        List<Map<String, String>> stated = rows("built-on?base=llama-2&evidence=stated");
        assertTrue(stated.stream().allMatch(r -> r.get("evidence").equals("stated")), stated::toString);
        assertFalse(stated.stream().anyMatch(r -> r.get("model").equals("meditron-7b")), stated::toString);
        assertTrue(stated.stream().anyMatch(r -> r.get("model").equals("meditron-70b")), stated::toString);
    }

    @Test
    void lineageShowsTheFamilyHopWithItsEvidence() throws Exception {
        List<Map<String, String>> hops = rows("lineage?model=hippo-llama-7b-chat");
        assertEquals(List.of("1:hippo-llama-7b:model:declared", "2:llama-2:family:stated"),
                hops.stream().map(r -> r.get("hop") + ":" + r.get("base") + ":" + r.get("level") + ":" + r.get("evidence")).toList());
    }

    @Test
    void descendantsComeDepthFirstParentBeforeChildren() throws Exception {
        List<Map<String, String>> tree = rows("descendants?model=llama-2-7b");
        List<String> walk = tree.stream().map(r -> r.get("treeDepth") + ":" + r.get("child")).toList();
        // By name Beta-Quant would come before Zeta-Med; depth-first it comes right after its parent.
        int zeta = walk.indexOf("1:zeta-med");
        assertTrue(zeta >= 0, walk::toString);
        assertEquals("2:beta-quant", walk.get(zeta + 1), walk::toString);
        assertTrue(walk.indexOf("1:alpha-med") < zeta, walk::toString);
        for (Map<String, String> r : tree)
            assertTrue(r.get("parent").equals("llama-2-7b") || walk.indexOf("1:" + r.get("parent")) < walk.indexOf(r.get("treeDepth") + ":" + r.get("child")),
                    "parent before child: " + walk);
    }

    @Test
    void fromScratchGivesOneRowPerModelAndFiltersByDomain() throws Exception {
        List<Map<String, String>> all = rows("from-scratch");
        Map<String, Long> perModel = all.stream().collect(Collectors.groupingBy(r -> r.get("model"), Collectors.counting()));
        assertTrue(perModel.values().stream().allMatch(n -> n == 1), perModel::toString);
        assertTrue(all.stream().filter(r -> r.get("model").equals("llama-2-7b")).findFirst().orElseThrow()
                .get("sources").contains(" "), "both sources in one row");
        List<Map<String, String>> bio = rows("from-scratch?domain=biomedical");
        assertEquals(List.of("pubmedbert"), bio.stream().map(r -> r.get("model")).toList());
    }

    @Test
    void searchGivesOneRowPerEntityWithTheNameThatMatched() throws Exception {
        // The model has the name PubMedBERT and the alias PubMedBERT-base: both match, one row.
        List<Map<String, String>> hits = rows("search?text=pubmedbert");
        List<Map<String, String>> model = hits.stream().filter(r -> r.get("entity").equals("pubmedbert") && r.get("kind").equals("model")).toList();
        assertEquals(1, model.size(), hits::toString);
        assertEquals("PubMedBERT", model.get(0).get("matched"));
        assertEquals(1, hits.stream().filter(r -> r.get("kind").equals("family")).count(), hits::toString);
        assertEquals("BiomedBERT", rows("search?text=biomed").stream()
                .filter(r -> r.get("entity").equals("pubmedbert") && r.get("kind").equals("model"))
                .findFirst().orElseThrow().get("matched"));
    }

    @Test
    void timelineCountsUndatedModels() throws Exception {
        List<Map<String, String>> timeline = rows("timeline");
        assertTrue(timeline.stream().anyMatch(r -> r.get("year").equals("undated") && r.get("familyName").equals("Llama 2")),
                timeline::toString);
    }
}
