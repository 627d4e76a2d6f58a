package org.zarrscope.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a microscopist means them during {@code simulate} and
 * {@code acquire}: stop the acquisition, write every frame already taken, finish the dataset
 * (status {@code aborted}), print the summary, and exit with 128 + the signal's number (130 for
 * Ctrl-C, 143 for SIGTERM). A second signal (Ctrl-C again, or a service manager's second SIGTERM)
 * aborts at once, leaving a dataset that {@code zarrscope recover} completes.
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
    /** The signal that asked for the stop; set once. */
    private final AtomicReference<Signal> received = new AtomicReference<>();

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
        if (!received.compareAndSet(null, signal)) {
            // asked twice: the user (or a service manager whose patience ran out) wants out now
            err.println("zarrscope: aborted at once; frames not yet written are lost, and zarrscope recover "
                    + "completes what is on disk");
            err.flush();
            Runtime.getRuntime().halt(exitCode(signal));
            return;
        }
        err.println("zarrscope: " + describe(signal) + ": stopping; every frame taken so far is being written "
                + "(Ctrl-C again aborts at once)");
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
        return received.get() != null;
    }

    /** 128 + the number of the signal that stopped the run (130, 143), or 0 when none did. */
    private int exitCode() {
        Signal signal = received.get();
        return signal == null ? 0 : exitCode(signal);
    }

    /**
     * Says that the run stopped after {@code taken} of {@code planned} frames and how many of them
     * were {@code written}, and gives the exit code: the signal's, or 1 when a write failed while
     * the run was finishing (the dataset is then marked failed).
     */
    int reportStop(long taken, long planned, long written) {
        if (written < taken) {
            err.println("zarrscope: stopped by " + describe(received.get()) + " after " + taken + " of " + planned
                    + " frames, of which only " + written + " were written: a write failed (status failed)");
            return 1;
        }
        err.println("zarrscope: stopped by " + describe(received.get()) + " after " + taken + " of " + planned
                + " frames; the dataset holds every one of them (status aborted)");
        return exitCode();
    }

    /** Gives the signals back to their previous handlers (the JVM's: ending the process). */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
