package org.medkg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.medkg.store.ShippedStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish a copy of a database built elsewhere into the store, atomically, as a build would: "
                + "the copy is checked (build fingerprint, checksum of every file) before store/current switches to "
                + "it; a 'medkg serve' on the store follows it with no restart.",
                "Prints the database's fingerprint and checksum: 'fingerprint F', 'checksum C', 'database D'."})
final class PublishCommand implements Callable<Integer> {
    @Mixin Paths paths;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DATABASE", description = "A built database directory, e.g. another store's current.")
    Path source;

    @Option(names = "--expect-fingerprint", paramLabel = "F", description = "Refuse unless the database was built "
            + "from inputs with this fingerprint.")
    String expectFingerprint;

    @Option(names = "--expect-checksum", paramLabel = "C", description = "Refuse unless the database's files have this "
            + "checksum (as printed on the build host by 'medkg publish --describe').")
    String expectChecksum;

    @Option(names = "--describe", description = "Print the fingerprint and checksum of DATABASE; publish nothing.")
    boolean describe;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ShippedStore.Shipped s;
        try {
            s = describe ? ShippedStore.describe(source)
                    : ShippedStore.publish(source, paths.store(), expectFingerprint, expectChecksum,
                    m -> err.println("medkg: " + m));
        } catch (ShippedStore.MismatchException e) {
            err.println("medkg: " + e.getMessage());
            return 1;
        }
        out.println("fingerprint " + s.fingerprint());
        out.println("checksum " + s.checksum());
        out.println("database " + s.database().toAbsolutePath());
        out.flush();
        return 0;
    }
}
