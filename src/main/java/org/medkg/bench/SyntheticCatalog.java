package org.medkg.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.medkg.catalog.CatalogTable;

/**
 * A synthetic catalog in medkg's own format with Hugging Face-like lineage, for benchmarks: a few hundred roots
 * whose popularity is Zipf-distributed (the most popular root has about 10% of all models as descendants), trees
 * up to 8 generations deep, every relation type (merges have two parents), and families, institutes,
 * modalities, benchmarks and evaluation results in proportions like the real catalog's. Deterministic for a
 * given seed; it passes {@code medkg validate}.
 */
public final class SyntheticCatalog {
    public static final int MAX_DEPTH = 8;
    static final String[] RELATIONS = {"fine-tuning", "continued-pretraining", "instruction-tuning", "adapter",
        "merge", "quantization", "distillation", "composed-from-components"};
    /** Relation frequencies, roughly as on the Hub: fine-tunes and adapters dominate, merges and quantizations follow. */
    static final double[] RELATION_WEIGHTS = {0.34, 0.08, 0.14, 0.18, 0.06, 0.14, 0.03, 0.03};
    static final String[] MODALITIES = {"text", "image", "imaging-3d", "vision-language", "ehr", "biosignal", "genomics"};
    static final String[] BENCHMARKS = {"medqa", "medmcqa", "pubmedqa", "mmlu-clinical-knowledge", "mmlu-medical-genetics",
        "mmlu-anatomy", "mmlu-professional-medicine", "mmlu-college-biology", "mmlu-college-medicine"};
    static final String[] SETTINGS = {"zero-shot", "few-shot", "chain-of-thought", "full-fine-tuning"};

    /** What was generated, for the benchmark's report. */
    public record Summary(int models, int roots, int families, int institutes, long evaluations, String largestRoot,
                          int largestRootDescendants, String deepestLeaf, int maxDepth) {}

    private final int n;
    private final SplittableRandom random;
    private final int roots;
    private final int institutes;

    public SyntheticCatalog(int models, long seed) {
        if (models < 100) throw new IllegalArgumentException("--models must be at least 100");
        this.n = models;
        this.random = new SplittableRandom(seed);
        this.roots = Math.max(20, Math.min(300, models / 100));
        this.institutes = Math.max(20, models / 250);
    }

    public Summary write(Path dir) throws IOException {
        Files.createDirectories(dir);
        // Lineage first, in memory as int arrays (a million models is a few tens of megabytes).
        int[] tree = new int[n];
        int[] depth = new int[n];
        int[] parent = new int[n];
        int[] parent2 = new int[n];
        byte[] relation = new byte[n];
        Arrays.fill(parent, -1);
        Arrays.fill(parent2, -1);
        double[] cumulative = zipf(roots, exponentForTopShare(roots, 0.10));
        List<List<Integer>> members = new ArrayList<>();
        for (int r = 0; r < roots; r++) {
            tree[r] = r;
            members.add(new ArrayList<>(List.of(r)));
        }
        int[] descendants = new int[roots];
        for (int i = roots; i < n; i++) {
            int t = pick(cumulative);
            List<Integer> m = members.get(t);
            int p = t;
            if (random.nextDouble() >= 0.45) {           // about half the models build directly on the root
                for (int tries = 0; tries < 4; tries++) {
                    int cand = m.get(random.nextInt(m.size()));
                    if (depth[cand] < MAX_DEPTH) { p = cand; break; }
                }
            }
            tree[i] = t;
            parent[i] = p;
            depth[i] = depth[p] + 1;
            relation[i] = (byte) pickRelation();
            if (RELATIONS[relation[i]].equals("merge") && m.size() > 1) {
                int q = m.get(random.nextInt(m.size()));
                if (q != p) {
                    parent2[i] = q;
                    depth[i] = Math.min(depth[i], depth[q] + 1);
                }
            }
            m.add(i);
            descendants[t]++;
        }
        int largest = 0;
        for (int r = 1; r < roots; r++) if (descendants[r] > descendants[largest]) largest = r;
        int deepest = roots;
        for (int i = roots; i < n; i++) if (depth[i] > depth[deepest]) deepest = i;

        int families = writeFamilies(dir, n / 20);
        writeSmallTables(dir);
        writeModels(dir, tree, depth, parent, parent2, relation, n / 20);
        long evaluations = writeEvaluations(dir);
        return new Summary(n, roots, families, institutes, evaluations, id(largest), descendants[largest], id(deepest),
                depth[deepest]);
    }

    static String id(int i) {
        return "m" + i;
    }

    private int pickRelation() {
        double x = random.nextDouble();
        for (int k = 0; k < RELATION_WEIGHTS.length; k++) {
            x -= RELATION_WEIGHTS[k];
            if (x < 0) return k;
        }
        return 0;
    }

    private int pick(double[] cumulative) {
        double x = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    /** Cumulative Zipf distribution over {@code k} items with exponent {@code s}. */
    static double[] zipf(int k, double s) {
        double[] c = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) c[i] = sum += 1 / Math.pow(i + 1, s);
        for (int i = 0; i < k; i++) c[i] /= sum;
        return c;
    }

    /** The Zipf exponent that gives the first of {@code k} items the share {@code top}. */
    static double exponentForTopShare(int k, double top) {
        double lo = 0, hi = 4;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            if (zipf(k, mid)[0] < top) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static void csv(Path dir, CatalogTable table, Consumer<CSVPrinter> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(table.fileName()), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            // The columns the synthetic rows fill: every column but the optional ones (task, formats, ...).
            p.printRecord(table.columns().stream().filter(c -> !table.optionalColumns().contains(c)).toList());
            rows.accept(p);
        }
    }

    private static void print(CSVPrinter p, Object... cells) {
        try {
            p.printRecord(cells);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int writeFamilies(Path dir, int medicalFamilies) throws IOException {
        int baseFamilies = (roots + 2) / 3;
        csv(dir, CatalogTable.FAMILIES, p -> {
            for (int f = 0; f < baseFamilies; f++)
                print(p, "base-" + f, "Base family " + f, "", "inst-" + (f % institutes), "general", "", "", "");
            for (int f = 0; f < medicalFamilies; f++)
                print(p, "med-" + f, "Medical family " + f, "", "inst-" + (f % institutes), "biomedical", "", "", "");
        });
        return baseFamilies + medicalFamilies;
    }

    private void writeSmallTables(Path dir) throws IOException {
        csv(dir, CatalogTable.LICENSES, p -> {
            print(p, "apache-2.0", "Apache License 2.0", "https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0", "false", "");
            print(p, "llama-2-community", "Llama 2 Community License Agreement", "https://ai.meta.com/llama/license/", "", "true", "");
            print(p, "cc-by-nc-4.0", "Creative Commons Attribution-NonCommercial 4.0", "https://creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0", "true", "");
            print(p, "mit", "MIT License", "https://opensource.org/licenses/MIT", "MIT", "false", "");
        });
        csv(dir, CatalogTable.MODALITIES, p -> {
            for (String m : MODALITIES) print(p, m, m, "Synthetic modality " + m, m.equals("imaging-3d") ? "image" : "");
        });
        String[] kinds = {"university", "company", "hospital", "lab", "nonprofit"};
        csv(dir, CatalogTable.INSTITUTES, p -> {
            for (int i = 0; i < institutes; i++)
                print(p, "inst-" + i, "Institute " + i, "", kinds[i % kinds.length], "US", "https://example.org/inst/" + i,
                        "", "", "", "");
        });
        csv(dir, CatalogTable.BENCHMARKS, p -> {
            for (String b : BENCHMARKS)
                print(p, b, b.toUpperCase(), "", b.startsWith("mmlu-") ? "" : "", "", "Synthetic benchmark " + b,
                        "https://example.org/bench/" + b, "", "");
        });
    }

    private void writeModels(Path dir, int[] tree, int[] depth, int[] parent, int[] parent2, byte[] relation,
                             int medicalFamilies) throws IOException {
        String[] licenses = {"apache-2.0", "llama-2-community", "cc-by-nc-4.0", "mit"};
        // Release months since 2019-01: a model comes out after every model it is built on (parents have lower ids).
        int[] month = new int[n];
        csv(dir, CatalogTable.MODELS, p -> {
            for (int i = 0; i < n; i++) {
                boolean root = i < roots;
                String family = root ? "base-" + (i / 3) : random.nextDouble() < 0.3 ? "med-" + random.nextInt(Math.max(1, medicalFamilies)) : "";
                String inst = "inst-" + zipfIndex(institutes);
                month[i] = root ? (i % 4) * 12 + random.nextInt(12)
                        : Math.max(month[parent[i]], parent2[i] >= 0 ? month[parent2[i]] : 0) + random.nextInt(4);
                String released = (2019 + month[i] / 12) + "-" + String.format("%02d", 1 + month[i] % 12);
                String params = root ? (1 + random.nextInt(70)) + "B" : (1 + random.nextInt(70)) + "B";
                String modality = MODALITIES[random.nextDouble() < 0.75 ? 0 : random.nextInt(MODALITIES.length)];
                String builtOn = "";
                String source = "";
                String scratch = "";
                String evidence = "";
                String quote = "";
                if (root) {
                    evidence = "stated";
                    quote = "synthetic: trained from scratch";
                    scratch = "true";
                    source = "https://example.org/paper/" + id(i);
                } else {
                    String rel = RELATIONS[relation[i]];
                    builtOn = id(parent[i]) + " (" + rel + ")";
                    if (parent2[i] >= 0) builtOn += ";" + id(parent2[i]) + " (" + rel + ")";
                    source = "https://example.org/card/" + id(i);
                    evidence = "declared";
                }
                print(p, id(i), "Model " + i, "alias-" + i, "model", family, inst, released, params,
                        "decoder-only transformer", modality, licenses[random.nextInt(licenses.length)],
                        random.nextDouble() < 0.8 ? "true" : "false", "org" + (i % 997) + "/model-" + i, "", "",
                        builtOn, "", evidence, source, quote, "", scratch, "", "", "");
            }
        });
    }

    private long writeEvaluations(Path dir) throws IOException {
        long[] count = {0};
        csv(dir, CatalogTable.EVALUATIONS, p -> {
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() >= 0.3) continue;  // about 30% of models report scores
                int k = 1 + random.nextInt(3);
                for (int j = 0; j < k; j++) {
                    String b = BENCHMARKS[random.nextInt(BENCHMARKS.length)];
                    String setting = SETTINGS[random.nextInt(SETTINGS.length)];
                    print(p, id(i), b, "accuracy", String.format(java.util.Locale.ROOT, "%.1f", 20 + random.nextDouble() * 75),
                            setting, setting.equals("few-shot") ? "5" : "", "https://example.org/eval/" + id(i),
                            "declared", "", "", "");
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    private int zipfIndex(int k) {
        // Institutes: a few large labs develop many models.
        double u = random.nextDouble();
        return (int) Math.min(k - 1, Math.floor(Math.pow(k, u) - 1));
    }
}
