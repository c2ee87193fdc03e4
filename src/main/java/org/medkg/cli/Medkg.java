package org.medkg.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The medkg command line: {@code System.exit(new CommandLine(new Medkg()).execute(args))}. */
@Command(name = "medkg", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A knowledge graph of medical and biomedical foundation models and their lineage.",
        footer = {"", "Exit codes: 0 success, 1 invalid input (catalog errors, bad query), 2 usage error, 3 store or port busy.",
                "Paths default to the medkg checkout (MEDKG_HOME) or the current directory."})
public final class Medkg implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(BuildCommand.class, ValidateCommand.class,
            ExportCommand.class, SparqlCommand.class, StatsCommand.class, QueriesCommand.class, QueryCommand.class,
            ServeCommand.class, ImportCommand.class, CompareCommand.class, LineageCommand.class, GenerateCommand.class,
            WarmCommand.class, PublishCommand.class, CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        String first = args.length == 0 ? null : args[0];
        chooseLogger(first);
        System.exit(commandLine(first).execute(args));
    }

    /**
     * The server logs through Log4j 2, as Fuseki expects; every other command through SLF4J's simple logger, errors
     * only on stderr (as much as Log4j shows without a configuration), since starting Log4j is a fifth of a short
     * command's start. 'warm' takes the server's, so the class-data archive holds what 'serve' loads. A
     * {@code -Dslf4j.provider} given by the user wins.
     */
    private static void chooseLogger(String command) {
        if (System.getProperty("slf4j.provider") != null) return;
        boolean server = "serve".equals(command) || "warm".equals(command);
        System.setProperty("slf4j.provider", server ? "org.apache.logging.slf4j.SLF4JServiceProvider"
                : "org.slf4j.simple.SimpleServiceProvider");
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "WARN");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null)
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    /** The configured command line with every command, shared by main and the tests. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line; when {@code first} names a command (other than help, which lists them all), only that one is
     * added: picocli reads every added command's options by reflection, a tenth of a second of a short command's start.
     * The usage, "did you mean" and help see all of them, since they come with no command or with another first word.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Medkg());
        Class<?> only = COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .findFirst().orElse(null);
        for (Class<?> c : only == null ? COMMANDS : List.of(only)) cl.addSubcommand(c);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("medkg: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("MEDKG_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return ex instanceof UsageException ? 2
                    : ex instanceof BusyException || ex instanceof org.medkg.store.Store.StoreBusyException ? 3 : 1;
        });
        return cl;
    }

    /** No command: the usage, on stderr, and exit code 2 (a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("medkg: a command is needed; for example 'medkg serve' or 'medkg query built-on --param base=Llama-2'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** A resource another process holds: the store's lock or the port (exit code 3); the message says what to do. */
    public static final class BusyException extends RuntimeException {
        public BusyException(String message) {
            super(message);
        }
    }

    /** A usage error found after parsing (exit code 2). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
