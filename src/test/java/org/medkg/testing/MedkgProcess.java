package org.medkg.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The medkg command line as its own JVM, as an operator runs it, for tests of processes (serve, build, kills). */
public final class MedkgProcess {
    /** The line {@code medkg serve} prints when it serves: group 1 is the database, group 2 the base URL. */
    public static final Pattern SERVING = Pattern.compile("serving (db-\\S+) at (http://\\S+/)");

    private MedkgProcess() {}

    /** The command for {@code medkg args...} on this catalog and store, with the repository's ontology and queries. */
    public static List<String> command(Path data, Path store, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.medkg.cli.Medkg"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--data", data.toString(), "--ontology", "ontology", "--queries", "queries",
                "--store", store.toString()));
        return cmd;
    }
}
