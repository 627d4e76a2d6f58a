package org.zarrscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.zarrscope.BackPressureException;
import org.zarrscope.SettingsException;
import org.zarrscope.WriterFailedException;
import org.zarrscope.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code zarrscope}: the command-line entry point. Exit codes: 0 success, 1 failure, 2 bad flags. */
@Command(name = "zarrscope", mixinStandardHelpOptions = true, version = "zarrscope 0.1.0",
        description = "Stream microscope acquisitions to OME-Zarr.",
        subcommands = {SimulateCommand.class, AcquireCommand.class, ConvertCommand.class, InfoCommand.class, RecoverCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
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
        return new CommandLine(new ZarrscopeCommand(), factory)
                .registerConverter(Path.class, ZarrscopeCommand::path)
                .setCaseInsensitiveEnumValuesAllowed(true) // --shuffle noshuffle, as the docs and --help spell it
                .setParameterExceptionHandler((error, args) -> badInput(error))
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    if (error instanceof SettingsException) {
                        // a setting only a command's own checks could judge (e.g. bench's frame size)
                        return badInput(new ParameterException(command, error.getMessage(), error));
                    }
                    if (error instanceof WriterFailedException || error instanceof BackPressureException
                            || error instanceof IOException) {
                        command.getErr().println("zarrscope: " + error.getMessage());
                        return 1;
                    }
                    throw error;
                });
    }

    /**
     * Bad input: the one line that says what is wrong and where the flags are explained. The full
     * usage (60+ lines) would push that line off the screen.
     */
    private static int badInput(ParameterException error) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(error.getMessage());
        if (error instanceof UnmatchedArgumentException) {
            UnmatchedArgumentException.printSuggestions((UnmatchedArgumentException) error, err);
        }
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the flags.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A path flag or parameter; an empty one ({@code --out=}) would silently mean the current folder. */
    private static Path path(String text) {
        if (text.trim().isEmpty()) {
            throw new TypeConversionException("an empty path; give a folder, e.g. run1.ome.zarr");
        }
        return Paths.get(text);
    }
}
