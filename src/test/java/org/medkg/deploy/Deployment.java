package org.medkg.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployment started by the real scripts in deploy/ (start.sh, rolling-rebuild.sh, stop.sh): real medkg
 * replicas as processes of their own and Debian's haproxy. medkg is run from the test classpath through a small
 * launcher, so the scripts run what the tests compiled.
 */
final class Deployment implements AutoCloseable {
    static final Path SCRIPTS = Path.of("deploy").toAbsolutePath();

    /** One replica as deploy/start.sh recorded it. */
    record Replica(String name, String url, Path store, long pid) {}

    final Path dir;
    final String url;
    final List<Replica> replicas;
    private final Map<String, String> env;

    private Deployment(Path dir, String url, List<Replica> replicas, Map<String, String> env) {
        this.dir = dir;
        this.url = url;
        this.replicas = replicas;
        this.env = env;
    }

    /** A shell launcher for medkg on this JVM's classpath, as deploy/'s MEDKG. */
    static Path launcher(Path dir) throws IOException {
        Path f = dir.resolve("medkg");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(f, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' -Dmedkg.home='" + Path.of("").toAbsolutePath() + "' org.medkg.cli.Medkg \"$@\"\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    static void requireHaproxy() {
        for (String d : System.getenv("PATH").split(":"))
            if (Files.isExecutable(Path.of(d, "haproxy"))) return;
        fail("haproxy is not installed: these tests run Debian's haproxy (apt-get install -y haproxy)");
    }

    /** deploy/start.sh with {@code replicas} replicas of the catalog {@code data}, the throttle set by {@code limits}. */
    static Deployment start(Path dir, Path data, int replicas, Map<String, String> limits) throws Exception {
        requireHaproxy();
        Files.createDirectories(dir);
        Map<String, String> env = new java.util.HashMap<>(limits);
        env.put("MEDKG", launcher(dir).toString());
        env.put("MEDKG_DATA", data.toString());
        Result r = run(env, 400, "start.sh", "--dir", dir.resolve("run").toString(), "--replicas",
                Integer.toString(replicas), "--port", "0");
        if (r.exit() != 0) {
            run(env, 60, "stop.sh", dir.resolve("run").toString());
            fail("deploy/start.sh failed (" + r.exit() + "):\n" + r.output());
        }
        String url = Files.readString(dir.resolve("run/url")).strip();
        List<Replica> list = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("run/replicas"))) {
            String[] f = line.split(" ");
            long pid = Long.parseLong(Files.readString(dir.resolve("run").resolve(f[0]).resolve("pid")).strip());
            list.add(new Replica(f[0], f[1], Path.of(f[2]), pid));
        }
        return new Deployment(dir.resolve("run"), url, list, env);
    }

    /** Runs deploy/rolling-rebuild.sh on this deployment. */
    Result rollingRebuild() throws Exception {
        return run(env, 400, "rolling-rebuild.sh", dir.toString());
    }

    /** Output of a script: exit code, stdout and stderr together. */
    record Result(int exit, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    static Result run(Map<String, String> env, int seconds, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SCRIPTS.resolve(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), script + " did not finish in " + seconds + " s");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    String haproxyLog() throws IOException {
        return Files.readString(dir.resolve("haproxy.log"));
    }

    @Override
    public void close() throws Exception {
        Result r = run(env, 60, "stop.sh", dir.toString());
        System.out.print(r.output());
    }
}
