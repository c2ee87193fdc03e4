package org.medkg.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a running server holds, written into the store as {@code serving-<pid>.properties}: the database it has
 * open and the endpoint it answers on. A build never deletes a database a live server holds, and the command line
 * can tell the user which server to ask. Files of processes that are gone are ignored and cleaned.
 */
public final class Serving {
    private Serving() {}

    private static volatile boolean hooked;

    /**
     * Registers this process as holding {@code databases} (the one it serves, and one it is switching away from)
     * and answering at {@code endpoint}; called again on every switch. The file goes when the JVM exits.
     */
    public static synchronized Path register(Path storeDir, java.util.Collection<Path> databases, String endpoint)
            throws IOException {
        long pid = ProcessHandle.current().pid();
        Path f = storeDir.resolve("serving-" + pid + ".properties");
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        List<String> dbs = new java.util.ArrayList<>();
        for (Path d : databases) if (Files.isDirectory(d)) dbs.add(d.toRealPath().toString());
        p.setProperty("database", String.join(java.io.File.pathSeparator, dbs));
        p.setProperty("endpoint", endpoint);
        Path tmp = storeDir.resolve(".serving-" + pid + ".tmp");
        try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "written by medkg serve; removed when it stops");
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // the next build ignores files of dead processes
                }
            }));
        }
        return f;
    }

    /** The databases live servers hold; files of dead processes are removed. */
    public static Set<Path> heldDatabases(Path storeDir) throws IOException {
        Set<Path> out = new HashSet<>();
        for (Properties p : live(storeDir)) {
            for (String name : p.getProperty("database", "").split(java.io.File.pathSeparator)) {
                if (name.isEmpty()) continue;
                Path db = Path.of(name);
                if (Files.isDirectory(db)) out.add(db.toRealPath());
            }
        }
        return out;
    }

    /** The endpoints of live servers on this store, e.g. http://127.0.0.1:3030/. */
    public static Set<String> endpoints(Path storeDir) throws IOException {
        Set<String> out = new java.util.TreeSet<>();
        for (Properties p : live(storeDir)) out.add(p.getProperty("endpoint", ""));
        return out;
    }

    private static Set<Properties> live(Path storeDir) throws IOException {
        Set<Properties> out = new HashSet<>();
        if (!Files.isDirectory(storeDir)) return out;
        try (Stream<Path> s = Files.list(storeDir)) {
            for (Path f : s.filter(x -> x.getFileName().toString().matches("serving-\\d+\\.properties")).toList()) {
                Properties p = new Properties();
                try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException e) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(p.getProperty("pid", "-1"));
                } catch (NumberFormatException e) {
                    pid = -1;
                }
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) out.add(p);
                else Files.deleteIfExists(f);
            }
        }
        return out;
    }
}
