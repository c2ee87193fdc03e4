package org.medkg.portability;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Oxigraph (npm package {@code oxigraph}, pinned in src/test/oxigraph/package-lock.json) in a Node process:
 * {@code sparql.mjs} loads the N-Quads dump into an in-memory Store and answers one query per line.
 */
final class OxigraphEngine implements SparqlEngine {
    static final Path PACKAGE = Path.of("src/test/oxigraph");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final String name;
    final long loadMillis;

    private OxigraphEngine(Process node, String version, Path errors) throws IOException, InterruptedException {
        this.node = node;
        this.in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        this.name = "Oxigraph " + version;
        String loaded = out.readLine();
        if (loaded == null) {
            node.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Oxigraph did not load the dump: " + Files.readString(errors));
        }
        this.loadMillis = JSON.readTree(loaded).path("loadMillis").asLong();
    }

    /** Installs the pinned package if needed ({@code npm ci}), starts Node and loads {@code nquads}. */
    static OxigraphEngine start(Path nquads, Path workDir) throws IOException, InterruptedException {
        Tools.require("node", "nodejs");
        Tools.require("npm", "npm");
        if (!Files.isDirectory(PACKAGE.resolve("node_modules/oxigraph")))
            Tools.run(PACKAGE, workDir.resolve("npm-ci.log"), 300, "npm", "ci", "--no-audit", "--no-fund");
        String version = JSON.readTree(PACKAGE.resolve("node_modules/oxigraph/package.json").toFile()).path("version").asText();
        Path errors = workDir.resolve("oxigraph.err");
        Process p = new ProcessBuilder("node", "sparql.mjs", nquads.toAbsolutePath().toString()).directory(PACKAGE.toFile())
                .redirectError(errors.toFile()).start();
        return new OxigraphEngine(p, version, errors);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ResultRows select(String query) throws IOException {
        in.write(JSON.writeValueAsString(JSON.createObjectNode().put("query", query)));
        in.newLine();
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("Oxigraph's process ended");
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) throw new IOException(answer.path("error").asText());
        return ResultRows.fromJson(answer.path("results").asText());
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!node.waitFor(10, TimeUnit.SECONDS)) node.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            node.destroyForcibly();
        }
    }
}
