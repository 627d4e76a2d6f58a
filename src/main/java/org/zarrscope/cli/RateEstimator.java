package org.zarrscope.cli;

/**
 * The rate of a counted task (frames, chunks) and the time it still needs, from the counts seen
 * at given times. Counts are taken in windows of at least {@value #MIN_WINDOW_S} s, so per-frame
 * jitter never becomes a rate, and the windows are averaged with weights that fall by e every
 * {@value #TIME_CONSTANT_S} s: a run whose rate changes (the page cache fills, a stage moves)
 * shows the new rate within seconds, while one slow frame does not swing the figure. The clock
 * starts at the first count, not when the task was created: opening a dataset and warming up
 * the JIT is not the rate the rest of the run goes at. Until the first window is over the rate
 * is unknown rather than a guess. Not thread-safe.
 */
final class RateEstimator {
    /** How far back the rate looks. */
    static final double TIME_CONSTANT_S = 3.0;
    /** The shortest window a rate is measured over. */
    static final double MIN_WINDOW_S = 0.5;

    private final long total;
    private boolean started;
    private long windowCount;
    private long windowStartNanos;
    /** Sum of the windows' rates times their weights, and of the weights (both decayed as time passes). */
    private double weightedRates;
    private double weights;

    /** A task of {@code total} items. */
    RateEstimator(long total) {
        this.total = total;
    }

    /** Tells the estimator that {@code count} items were done at {@code nanos}. */
    void update(long count, long nanos) {
        if (!started) {
            started = true;
            windowCount = count;
            windowStartNanos = nanos;
            return;
        }
        double seconds = (nanos - windowStartNanos) / 1e9;
        if (seconds < MIN_WINDOW_S) {
            return;
        }
        // a window weighs by how long it lasted, older windows fade; dividing by the sum of the
        // weights keeps the first seconds an average of what was seen instead of a pull towards 0
        double decay = Math.exp(-seconds / TIME_CONSTANT_S);
        weightedRates = weightedRates * decay + (1 - decay) * (count - windowCount) / seconds;
        weights = weights * decay + (1 - decay);
        windowCount = count;
        windowStartNanos = nanos;
    }

    /** Items per second, or NaN before the first window is over. */
    double rate() {
        return weights == 0 ? Double.NaN : weightedRates / weights;
    }

    /** Seconds until {@code count} reaches the total at the current rate; NaN when the rate is unknown or zero. */
    double secondsLeft(long count) {
        double rate = rate();
        if (!(rate > 0)) {
            return Double.NaN;
        }
        return Math.max(0, total - count) / rate;
    }
}
