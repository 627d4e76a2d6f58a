package org.zarrscope.cli;

import java.io.IOException;
import org.zarrscope.BackPressureException;
import org.zarrscope.WriterFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zarrscope}: the command-line entry point. Exit codes: 0 success, 1 failure, 2 bad flags. */
@Command(name = "zarrscope", mixinStandardHelpOptions = true, version = "zarrscope 0.1.0",
        description = "Stream microscope acquisitions to OME-Zarr.",
        subcommands = {SimulateCommand.class, AcquireCommand.class, InfoCommand.class, RecoverCommand.class,
                BenchCommand.class})
public final class ZarrscopeCommand {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Zarrscope's error reporting: one clear line for a failed write, not a stack trace. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command line with its commands made by {@code factory} (tests give {@code acquire} a fake microscope). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new ZarrscopeCommand(), factory).setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof WriterFailedException || error instanceof BackPressureException
                    || error instanceof IOException) {
                command.getErr().println("zarrscope: " + error.getMessage());
                return 1;
            }
            throw error;
        });
    }
}
