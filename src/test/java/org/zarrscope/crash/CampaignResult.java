package org.zarrscope.crash;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/** The trials of a campaign and their totals. */
final class CampaignResult {
    final List<TrialResult> trials;
    final long nanos;

    CampaignResult(List<TrialResult> trials, long nanos) {
        this.trials = trials;
        this.nanos = nanos;
    }

    int opened() {
        return (int) trials.stream().filter(trial -> trial.opened).count();
    }

    int framesLostBeyondPromise() {
        return sum(trial -> trial.framesLostBeyondPromise);
    }

    int corruptChunks() {
        return sum(trial -> trial.corruptChunks);
    }

    int framesWithoutMetadata() {
        return sum(trial -> trial.framesWithoutMetadata);
    }

    boolean clean() {
        return trials.stream().allMatch(TrialResult::clean);
    }

    /** The summary line, exactly: {@code trials=N opened=N frames_lost_beyond_promise=0 corrupt_chunks=0}. */
    String summary() {
        return "trials=" + trials.size() + " opened=" + opened() + " frames_lost_beyond_promise="
                + framesLostBeyondPromise() + " corrupt_chunks=" + corruptChunks();
    }

    /** The acceptance's other count, its own line so the summary stays as the issue gives it. */
    String metadataSummary() {
        return "frames_without_metadata=" + framesWithoutMetadata() + " (frames read back pixel-exact with no frame "
                + "table row); " + sum(trial -> trial.framesOnDisk) + " frames on disk, " + sum(trial -> trial.promisedFrames)
                + " promised, in " + TimeUnit.NANOSECONDS.toSeconds(nanos) + " s";
    }

    private int sum(ToIntFunction<TrialResult> count) {
        return trials.stream().mapToInt(count).sum();
    }
}
