package org.medkg.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.cli.Medkg;
import org.medkg.testing.Catalogs;
import picocli.CommandLine;

/**
 * A seeded mutation fuzzer over the catalog: 240 cases, each a copy of the evidence fixture with a few bytes or
 * cells changed (deleted, duplicated, swapped, replaced by control characters, huge numbers, quotes, long runs).
 * Every case must end with exit 0 or 1 within a bound, every problem must be located (file:line), and no stack trace
 * may reach the user. The seed is fixed so a failure can be replayed; MEDKG_FUZZ_SEED sets another.
 */
class CatalogFuzzTest {
    static final int CASES = 240;
    static final Pattern LOCATED = Pattern.compile("^\\S+\\.csv(:\\d+(:\\d+)?)?: .+|^medkg: .+");
    static final String[] NASTY = {"\u0000", "\n", "\r\n", "\"", "\"\"", ",", ";", "1e99999999", "-0", "99999999999999999999",
            "0000-00", "2023-13", "x".repeat(5000), "family:", "family:nope (fine-tuning)", "(", ")", "||", "\u202e",
            "\uFEFF", "é", "llama-2 (fine-tuning)", "meditron-7b (merge)", "stated", "inferred", "NaN", "-1", " "};
    @TempDir Path tmp;

    @Test
    void everyMutatedCatalogEndsWithALocatedAnswer() throws Exception {
        long seed = Long.parseLong(System.getenv().getOrDefault("MEDKG_FUZZ_SEED", "20261130"));
        Random random = new Random(seed);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int ok = 0, refused = 0;
        try {
            for (int c = 0; c < CASES; c++) {
                Path data = Catalogs.materialise("valid/evidence", tmp.resolve("case-" + c));
                List<Path> files;
                try (var s = Files.list(data)) {
                    files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
                }
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) mutate(files.get(random.nextInt(files.size())), random);
                final Path d = data;
                StringWriter out = new StringWriter(), err = new StringWriter();
                Future<Integer> run = pool.submit(() -> {
                    CommandLine cl = Medkg.commandLine();
                    cl.setOut(new PrintWriter(out, true));
                    cl.setErr(new PrintWriter(err, true));
                    return cl.execute("validate", "--data", d.toString(), "--ontology", "ontology");
                });
                int code = run.get(30, TimeUnit.SECONDS);   // a hang fails the case
                String caseName = "case " + c + " (seed " + seed + ")";
                assertTrue(code == 0 || code == 1, caseName + ": exit " + code + "\n" + err);
                String text = err.toString();
                assertTrue(!text.contains("Exception") && !text.contains("\tat "), caseName + ": a stack trace reached the user\n" + text);
                for (String line : text.split("\n")) {
                    if (line.isBlank()) continue;
                    String shown = line.replace(d + "/", "");
                    assertTrue(LOCATED.matcher(shown).matches(), caseName + ": unlocated message: " + shown);
                }
                if (code == 0) ok++;
                else refused++;
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("catalog fuzz (seed %d): %d cases, %d valid, %d refused with located errors%n", seed, CASES, ok, refused);
        assertTrue(refused > CASES / 4, "most mutations must be caught: " + refused + " refused, " + ok + " valid");
    }

    /** One mutation of a file: at the byte level (splice, delete, duplicate) or at the cell level. */
    static void mutate(Path file, Random random) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String nasty = NASTY[random.nextInt(NASTY.length)];
        switch (random.nextInt(6)) {
            case 0 -> {                                           // insert nasty text at a random place
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + nasty + text.substring(at);
            }
            case 1 -> {                                           // delete a random span
                int at = random.nextInt(Math.max(1, text.length()));
                text = text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(40)));
            }
            case 2 -> {                                           // replace one cell of one row
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                int row = random.nextInt(lines.size());
                String[] cells = lines.get(row).split(",", -1);
                cells[random.nextInt(cells.length)] = nasty;
                lines.set(row, String.join(",", cells));
                text = String.join("\n", lines);
            }
            case 3 -> {                                           // duplicate a line (duplicate ids)
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                int row = random.nextInt(lines.size());
                lines.add(row, lines.get(row));
                text = String.join("\n", lines);
            }
            case 4 -> {                                           // swap two lines (the header may move)
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                int a = random.nextInt(lines.size()), b = random.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                text = String.join("\n", lines);
            }
            default -> {                                          // invalid UTF-8 bytes
                byte[] out = new byte[bytes.length + 2];
                int at = random.nextInt(bytes.length + 1);
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = (byte) 0xC3;
                out[at + 1] = (byte) 0x28;
                System.arraycopy(bytes, at, out, at + 2, bytes.length - at);
                Files.write(file, out);
                return;
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
