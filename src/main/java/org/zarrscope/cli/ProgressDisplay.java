package org.zarrscope.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a counted task (the frames of a run, the chunks of a pyramid) has got, on stderr: on a
 * terminal one line redrawn in place four times a second, with a bar; into a file or pipe a plain
 * line every {@value #LINE_INTERVAL_S} s (a log stays readable: no carriage returns, no bar). The
 * rate and time left are {@link RateEstimator}'s. Redrawn only when the count moves, so a run
 * waiting for its next time point shows its last state until the frame comes. Thread-safe: the
 * count may come from an acquisition thread and the end from the command's.
 */
final class ProgressDisplay {
    /** How the display is drawn. */
    enum Mode {
        /** Nothing is drawn ({@code --no-progress}). */
        OFF,
        /** One line redrawn in place with {@code \r}. */
        TERMINAL,
        /** A new line every few seconds, for a file or a pipe. */
        LINES
    }

    static final int LINE_INTERVAL_S = 5;
    private static final long TERMINAL_INTERVAL_NANOS = 250_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final Mode mode;
    private final String task;
    private final String unit;
    private final long total;
    private final LongSupplier clock;
    private final long startNanos;
    private final RateEstimator estimator;
    private long count;
    private long drawnNanos;
    private int drawnLength;

    /** A display of {@code total} items of {@code unit} (e.g. frames), counted from now on {@code clock} (nanoseconds). */
    ProgressDisplay(PrintWriter err, Mode mode, String task, String unit, long total, LongSupplier clock) {
        this.err = err;
        this.mode = mode;
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.estimator = new RateEstimator(total);
        this.drawnNanos = startNanos;
    }

    /** {@code done} items are done; draws the display when it is due. */
    synchronized void stepTo(long done) {
        long now = clock.getAsLong();
        count = done;
        estimator.update(done, now);
        if (mode == Mode.TERMINAL && (drawnLength == 0 || now - drawnNanos >= TERMINAL_INTERVAL_NANOS)) {
            redraw(running(), now);
        } else if (mode == Mode.LINES && now - drawnNanos >= LINE_INTERVAL_S * 1_000_000_000L) {
            err.println(running());
            err.flush();
            drawnNanos = now;
        }
    }

    /** Ends the display with the count reached and the time it took (the closing rate comes from the summary). */
    synchronized void finish() {
        if (mode == Mode.OFF) {
            return;
        }
        String last = String.format(Locale.ROOT, "%s in %.1f s", counted(), (clock.getAsLong() - startNanos) / 1e9);
        if (mode == Mode.TERMINAL) {
            redraw(last, clock.getAsLong());
            err.println();
        } else {
            err.println(last);
        }
        err.flush();
    }

    /** The line while the task runs, e.g. {@code frames 1340/2000  67% | 109.4 frames/s | 0:00:06 left}. */
    String running() {
        double rate = estimator.rate();
        return String.format(Locale.ROOT, "%s | %s %s/s | %s left", counted(),
                Double.isNaN(rate) ? "?" : String.format(Locale.ROOT, "%.1f", rate), unit,
                HumanUnits.clock(estimator.secondsLeft(count)));
    }

    private String counted() {
        int percent = total == 0 ? 100 : (int) (100 * count / total);
        String bar = mode == Mode.TERMINAL ? bar(percent) + " " : "";
        return String.format(Locale.ROOT, "%s %s%d/%d %3d%%", task, bar, count, total, percent);
    }

    private static String bar(int percent) {
        int filled = Math.min(BAR_WIDTH, percent * BAR_WIDTH / 100);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : ' ');
        }
        return bar.append(']').toString();
    }

    /** Redraws the terminal line, blanking what is left of a longer previous one. */
    private void redraw(String line, long now) {
        StringBuilder text = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnLength; i++) {
            text.append(' ');
        }
        err.print(text);
        err.flush();
        drawnLength = line.length();
        drawnNanos = now;
    }
}
