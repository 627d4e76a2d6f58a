package org.zarrscope.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a microscopist means them during {@code simulate} and
 * {@code acquire}: stop the acquisition, write every frame already taken, finish the dataset
 * (status {@code aborted}), print the summary, and exit with 128 + the signal's number (130 for
 * Ctrl-C, 143 for SIGTERM). A second Ctrl-C aborts at once, leaving a dataset that
 * {@code zarrscope recover} completes.
 *
 * <p>Without this the JVM ends at the first Ctrl-C, with the dataset still {@code acquiring}.
 * {@code sun.misc.Signal} is the JDK's only way to handle a signal and go on running (it lives in
 * the {@code jdk.unsupported} module, there in every JDK since 9). A SIGINT that the shell told
 * the process to ignore (a background job) stays ignored.
 */
final class StopSignals implements AutoCloseable {
    private static final String INTERRUPT = "INT";
    private static final String TERMINATE = "TERM";

    private final PrintWriter err;
    private final Runnable stop;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private StopSignals(PrintWriter err, Runnable stop) {
        this.err = err;
        this.stop = stop;
    }

    /**
     * Handles SIGINT and SIGTERM until {@link #close}.
     *
     * @param stop asks the acquisition to stop; called once, on the signal's thread
     */
    static StopSignals install(PrintWriter err, Runnable stop) {
        StopSignals signals = new StopSignals(err, stop);
        for (String name : new String[] {INTERRUPT, TERMINATE}) {
            Signal signal;
            try {
                signal = new Signal(name);
            } catch (IllegalArgumentException e) {
                continue; // a platform without this signal (SIGTERM on some Windows JVMs): nothing to handle
            }
            SignalHandler before = Signal.handle(signal, signals::handle);
            if (before == SignalHandler.SIG_IGN) {
                Signal.handle(signal, before); // the shell wants this process deaf to it
            } else {
                signals.previous.put(signal, before);
            }
        }
        return signals;
    }

    private void handle(Signal signal) {
        if (received != null) {
            if (signal.getName().equals(INTERRUPT)) {
                err.println("zarrscope: aborted at once; frames not yet written are lost, and zarrscope recover "
                        + "completes what is on disk");
                err.flush();
                Runtime.getRuntime().halt(exitCode(signal));
            }
            return; // a repeated SIGTERM asks for what is already under way
        }
        received = signal;
        err.println("zarrscope: " + describe(signal) + ": stopping; every frame taken so far is being written "
                + (signal.getName().equals(INTERRUPT) ? "(Ctrl-C again aborts at once)" : ""));
        err.flush();
        stop.run();
    }

    private static int exitCode(Signal signal) {
        return 128 + signal.getNumber();
    }

    private static String describe(Signal signal) {
        return signal.getName().equals(INTERRUPT) ? "Ctrl-C (SIGINT)" : "SIG" + signal.getName();
    }

    /** Whether a stop was asked for. */
    boolean stopped() {
        return received != null;
    }

    /** 128 + the number of the signal that stopped the run (130, 143), or 0 when none did. */
    int exitCode() {
        Signal signal = received;
        return signal == null ? 0 : exitCode(signal);
    }

    /** Says that the run stopped after {@code taken} of {@code planned} frames, and gives the exit code. */
    int reportStop(long taken, long planned) {
        err.println("zarrscope: stopped by " + describe(received) + " after " + taken + " of " + planned
                + " frames; the dataset holds every one of them (status aborted)");
        return exitCode();
    }

    /** Gives the signals back to their previous handlers (the JVM's: ending the process). */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
