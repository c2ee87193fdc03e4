package org.medkg.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads OpenMed's {@code models.jsonl} manifest (one JSON object per line describing one Hugging Face repository)
 * into rows, and every line it cannot take as it is into a located problem: malformed JSON, a missing or duplicate
 * {@code repo_id}, a {@code base_model} that is not a repository id, a format it does not know. Nothing is dropped
 * silently: a row is either read or reported.
 */
public final class OpenMedManifest {
    /** The weight formats the manifest uses. */
    public static final Set<String> FORMATS = Set.of("pytorch", "onnx", "mlx-fp", "mlx-8bit", "mlx-4bit");
    static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_LINE = 1 << 20;

    /** One repository of the manifest, at its line. */
    public record Row(int line, String repoId, String family, String task, List<String> languages, Long paramCount,
                      String architecture, String baseModel, List<String> formats, List<String> labels, String arxiv,
                      String license, String released, String json, String unusableBase) {}

    /**
     * A line that was not read, and why. With {@code repositoryKept}, only the line's base model is unusable: the
     * repository itself is read (without lineage) when bad rows are skipped.
     */
    public record BadRow(int line, String repoId, String message, boolean repositoryKept) {
        public BadRow(int line, String repoId, String message) {
            this(line, repoId, message, false);
        }

        @Override
        public String toString() {
            return "line " + line + (repoId == null ? "" : " (" + repoId + ")") + ": " + message
                    + (repositoryKept ? "; with --skip-bad the repository is imported without this edge" : "");
        }
    }

    public record Result(List<Row> rows, List<BadRow> bad) {}

    private OpenMedManifest() {}

    public static Result read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                if (text.length() > MAX_LINE) {
                    bad.add(new BadRow(line, null, "line is longer than " + MAX_LINE + " characters"));
                    continue;
                }
                JsonNode o;
                try {
                    o = json.readTree(text);
                } catch (JsonProcessingException e) {
                    bad.add(new BadRow(line, null, "malformed JSON: " + e.getOriginalMessage()
                            + "; expected one JSON object per line"));
                    continue;
                }
                if (o == null || !o.isObject()) {
                    bad.add(new BadRow(line, null, "expected a JSON object, got " + (o == null ? "nothing" : o.getNodeType())));
                    continue;
                }
                String repo = text(o, "repo_id");
                if (repo == null || !REPO_ID.matcher(repo).matches()) {
                    bad.add(new BadRow(line, repo, "repo_id " + (repo == null ? "is missing" : "'" + repo
                            + "' is not a Hugging Face repository id") + "; expected owner/name"));
                    continue;
                }
                Integer first = firstLine.putIfAbsent(repo.toLowerCase(java.util.Locale.ROOT), line);
                if (first != null) {
                    bad.add(new BadRow(line, repo, "duplicate repo_id (first at line " + first + ")"));
                    continue;
                }
                String base = text(o, "base_model");
                String unusableBase = null;
                if (base != null && !REPO_ID.matcher(base).matches()) {
                    bad.add(new BadRow(line, repo, "base_model '" + base + "' is not a Hugging Face repository id "
                            + "(expected owner/name); the base cannot be identified", true));
                    unusableBase = base;
                    base = null;
                } else if (base != null && base.equalsIgnoreCase(repo)) {
                    bad.add(new BadRow(line, repo, "base_model is the repository itself", true));
                    unusableBase = base;
                    base = null;
                }
                List<String> formats = strings(o, "formats");
                List<String> unknown = formats.stream().filter(f -> !FORMATS.contains(f)).toList();
                if (!unknown.isEmpty()) {
                    bad.add(new BadRow(line, repo, "unknown format(s) " + unknown + "; expected some of "
                            + new java.util.TreeSet<>(FORMATS)));
                    continue;
                }
                if (formats.isEmpty()) {
                    bad.add(new BadRow(line, repo, "no formats; expected some of " + new java.util.TreeSet<>(FORMATS)));
                    continue;
                }
                Long params = o.path("param_count").isIntegralNumber() && o.path("param_count").asLong() > 0
                        ? o.path("param_count").asLong() : null;
                rows.add(new Row(line, repo, text(o, "family"), text(o, "task"), strings(o, "languages"), params,
                        text(o, "architecture"), base, formats, strings(o, "canonical_labels"), text(o, "arxiv"),
                        text(o, "license"), text(o, "released"), text, unusableBase));
            }
        }
        return new Result(rows, bad);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull() || !n.isValueNode()) return null;
        String s = n.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static List<String> strings(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        JsonNode n = o.get(field);
        if (n != null && n.isArray()) n.forEach(x -> { if (x.isValueNode() && !x.asText().isBlank()) out.add(x.asText().strip()); });
        return out;
    }
}
