package org.medkg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.medkg.graph.Schema;
import org.medkg.store.Inputs;

/**
 * Fixture catalogs under src/test/resources/catalogs. An invalid fixture holds only the files that differ from
 * valid/minimal, or from the valid fixture its {@code base.txt} names (plus expected.txt); a file named
 * {@code .delete-X} removes X from the copy.
 */
public final class Catalogs {
    public static final Path ROOT = Path.of("src/test/resources/catalogs");
    public static final Path MINIMAL = ROOT.resolve("valid/minimal");
    public static final Path ONTOLOGY = Path.of("ontology");
    public static final Path DATA = Path.of("data");
    public static final Path QUERIES = Path.of("queries");

    private Catalogs() {}

    private static Schema schema;

    public static synchronized Schema schema() {
        if (schema == null) schema = Schema.load(ONTOLOGY);
        return schema;
    }

    /** The fixture {@code name} (e.g. {@code invalid/cycle}) materialised as a complete catalog in {@code dir}. */
    public static Path materialise(String name, Path dir) {
        try {
            Files.createDirectories(dir);
            copyCsv(MINIMAL, dir);
            Path fixture = ROOT.resolve(name);
            // A fixture may name another valid fixture it differs from (base.txt); else it differs from valid/minimal.
            Path base = fixture.resolve("base.txt");
            if (Files.exists(base)) copyCsv(ROOT.resolve(Files.readString(base).strip()), dir);
            if (!fixture.equals(MINIMAL)) {
                try (Stream<Path> s = Files.list(fixture)) {
                    for (Path p : s.toList()) {
                        String f = p.getFileName().toString();
                        if (f.startsWith(".delete-")) Files.deleteIfExists(dir.resolve(f.substring(".delete-".length())));
                        else if (f.endsWith(".csv")) Files.copy(p, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every .csv of {@code from} into {@code to}. */
    public static void copyCsv(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList())
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static List<String> invalidFixtures() throws IOException {
        return fixtures("invalid");
    }

    /** The fixture directories under {@code kind} ({@code invalid}, {@code warnings}), as names for {@link #materialise}. */
    public static List<String> fixtures(String kind) throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve(kind))) {
            return s.filter(Files::isDirectory).map(p -> kind + "/" + p.getFileName()).sorted().toList();
        }
    }

    public static Inputs inputs(Path data) {
        return new Inputs(data, ONTOLOGY, QUERIES);
    }
}
