package org.medkg.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.check.CatalogCheck;
import org.medkg.testing.Catalogs;

/**
 * {@code medkg import hf}: Hub-shaped fixtures map the Hub's four relations onto medkg's and link curated bases,
 * and the live client, against a local HTTP server on loopback that replays the Hub's documented behaviour (Link
 * pagination, 429 with Retry-After, a 5xx), fetches every page once and resumes an interrupted listing. This
 * machine cannot reach huggingface.co: the server stands in for it.
 */
class HubImportTest {
    static final Path FIXTURES = Path.of("src/test/resources/hub");
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    static List<JsonNode> allPages() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) JSON.readTree(FIXTURES.resolve("page-" + i + ".json").toFile()).forEach(out::add);
        return out;
    }

    static OpenMedImporter.Provenance provenance() {
        return new OpenMedImporter.Provenance("https://huggingface.co", "https://huggingface.co/api/models?author=fixture-org",
                null, "2026-11-30");
    }

    @Test
    void hubRelationsMapOntoMedkgAndCuratedModelsGetDeclarations() throws IOException {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        HubImporter.Report r = HubImporter.run(data, allPages(), provenance(), false);
        assertEquals(4, r.models(), r.toString());
        assertEquals(2, r.declarations(), "meditron-70b and bio-clinicalbert are curated: declarations, not rows");
        String models = Files.readString(data.resolve("imported/huggingface/models.csv"));
        assertTrue(models.contains("bio-clinicalbert (fine-tuning)"), "finetune, onto the curated Bio_ClinicalBERT: " + models);
        assertTrue(models.contains("fixture-org-clinical-ner-v1 (quantization)"), "quantized: " + models);
        assertTrue(models.contains("llama-2-7b (adapter)"), "adapter, from the tags alone, onto the curated Llama-2-7B: " + models);
        assertTrue(models.contains("llama-2-7b (merge);fixture-org-llama-lora (merge)"), "merge of a list: " + models);
        assertTrue(models.contains(",declared,"), models);
        String declarations = Files.readString(data.resolve("imported/huggingface/declarations.csv"));
        assertTrue(declarations.contains("meditron-70b,llama-2-70b,meta-llama/Llama-2-70b-hf,fine-tuning"), declarations);
        CatalogCheck.Result check = CatalogCheck.run(data, Catalogs.schema(), t -> {});
        assertTrue(check.ok(true), () -> check.problems().sorted().toString());
        // A second import changes nothing.
        byte[] before = Files.readAllBytes(data.resolve("imported/huggingface/models.csv"));
        HubImporter.Report again = HubImporter.run(data, allPages(), provenance(), false);
        assertArrayEquals(before, Files.readAllBytes(data.resolve("imported/huggingface/models.csv")));
        assertTrue(again.changes().stream().allMatch(l -> l.change() == ImportWriter.Change.UNCHANGED));
    }

    /** A local Hub: page N links to N+1; page 2 answers 429 once, page 3 answers 503 once (or always, if broken). */
    private Map<Integer, AtomicInteger> serve(boolean page2Broken) throws IOException {
        Map<Integer, AtomicInteger> hits = new ConcurrentHashMap<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/models", ex -> {
            String q = ex.getRequestURI().getQuery();
            int page = q != null && q.contains("page=") ? Integer.parseInt(q.replaceAll(".*page=(\\d+).*", "$1")) : 1;
            int n = hits.computeIfAbsent(page, k -> new AtomicInteger()).incrementAndGet();
            if (page == 2 && (page2Broken || n == 1)) {
                if (!page2Broken) ex.getResponseHeaders().add("Retry-After", "1");
                ex.sendResponseHeaders(page2Broken ? 500 : 429, -1);
                ex.close();
                return;
            }
            if (page == 3 && n == 1) {
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            byte[] body = Files.readAllBytes(FIXTURES.resolve("page-" + page + ".json"));
            if (page < 3)
                ex.getResponseHeaders().add("Link", "<http://127.0.0.1:" + server.getAddress().getPort()
                        + "/api/models?author=fixture-org&page=" + (page + 1) + ">; rel=\"next\"");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return hits;
    }

    private URI start() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/models?author=fixture-org");
    }

    @Test
    void liveClientFollowsLinkPaginationAndRetries429And5xx() throws Exception {
        Map<Integer, AtomicInteger> hits = serve(false);
        List<String> progress = new ArrayList<>();
        HubClient client = new HubClient(new HubClient.Options(Duration.ZERO, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(10), null), progress::add);
        List<JsonNode> models = client.list(start(), tmp.resolve("pages"));
        assertEquals(allPages().size(), models.size());
        assertEquals(List.of(1, 2, 2), List.of(hits.get(1).get(), hits.get(2).get(), hits.get(3).get()), "each page once, plus one retry after the 429 and one after the 503");
        assertEquals(2, client.retries);
        assertTrue(progress.stream().anyMatch(p -> p.contains("429 (rate limited); retrying in 1 s")), progress::toString);
        assertTrue(progress.stream().anyMatch(p -> p.contains("page 3: 2 model(s), 6 so far; done")), progress::toString);
        assertFalse(Files.exists(tmp.resolve("pages/next.url")), "a finished listing leaves no next link");
    }

    @Test
    void interruptedListingResumesWithoutRefetchingSavedPages() throws Exception {
        Map<Integer, AtomicInteger> hits = serve(true);
        HubClient.Options opts = new HubClient.Options(Duration.ZERO, 1, Duration.ofSeconds(2), Duration.ofSeconds(10), null);
        Path pages = tmp.resolve("pages");
        HubClient.HubException e = assertThrows(HubClient.HubException.class, () -> new HubClient(opts, m -> {}).list(start(), pages));
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("resume"), e.getMessage());
        assertTrue(Files.exists(pages.resolve("page-0001.json")) && Files.exists(pages.resolve("next.url")));
        server.stop(0);
        hits = serve(false);
        hits.computeIfAbsent(2, k -> new AtomicInteger()).set(1);  // the 429 was the broken server's business
        // The saved next link points at the old port: resuming follows it, so rewrite it for the new server.
        Files.writeString(pages.resolve("next.url"), start() + "&page=2");
        List<JsonNode> models = new HubClient(opts, m -> {}).list(start(), pages);
        assertEquals(allPages().size(), models.size());
        assertFalse(hits.containsKey(1), "page 1 was saved and is not fetched again");
    }

    @Test
    void commandLineImportsASingleModelFile() throws Exception {
        Path data = Catalogs.materialise("valid/minimal", tmp.resolve("data"));
        var cl = org.medkg.cli.Medkg.commandLine();
        var out = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        int code = cl.execute("import", "hf", FIXTURES.resolve("single-model.json").toString(), "--data", data.toString(),
                "--date", "2026-11-30");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("hf: 1 model(s) imported with 1 declared edge(s)"), out.toString());
    }
}
