package org.zarrscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.zarrscope.cli.ZarrscopeCommand;
import picocli.CommandLine;

/** One {@code zarrscope} command line run in-process: its exit code and what it printed. */
public final class CommandRun {
    public final int exitCode;
    public final String out;
    public final String err;

    private CommandRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} on {@code command}, capturing standard output and error. */
    public static CommandRun of(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code zarrscope args}. */
    public static CommandRun zarrscope(String... args) {
        return of(ZarrscopeCommand.commandLine(), args);
    }

    /** Runs {@code zarrscope args}, which must succeed, and returns what it printed. */
    public static String succeeding(String... args) {
        CommandRun run = zarrscope(args);
        assertEquals(0, run.exitCode, "zarrscope " + String.join(" ", args) + ":\n" + run);
        return run.out;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
}
