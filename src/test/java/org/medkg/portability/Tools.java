package org.medkg.portability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External programs the portability tests run: found on PATH or named with the Debian package to install. */
final class Tools {
    private Tools() {}

    /** Fails with the Debian package to install when {@code program} is not on PATH. */
    static void require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return;
        throw new IllegalStateException("this test needs '" + program + "', which is not on PATH: install the Debian "
                + "package " + debianPackage + " (apt-get install -y " + debianPackage + "; .ci/run does)");
    }

    /** Runs a command in {@code dir}, its output to {@code log}; fails with the log when it fails or overruns. */
    static void run(Path dir, Path log, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over " + timeoutSeconds + " s: "
                    + Files.readString(log));
        }
        if (p.exitValue() != 0)
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(log));
    }
}
