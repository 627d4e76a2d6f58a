package org.zarrscope.crash;

/** What one killed run left, as the campaign counts it. */
final class TrialResult {
    final int trial;
    final TrialConfig config;
    /** Milliseconds from the dataset's root group appearing to the kill. */
    final long killedAtMillis;
    /** The writer had exited on its own before the kill came. */
    final boolean finishedBeforeKill;
    /** {@code recover} ran and the independent reader opened the full-resolution array. */
    final boolean opened;
    final int promisedFrames;
    /** Full-resolution frames read back pixel-exact. */
    final int framesOnDisk;
    final int framesLostBeyondPromise;
    /** Chunks of any array holding a plane that does not decode or differs from the complete run's. */
    final int corruptChunks;
    /** Frames read back pixel-exact with no row in the frame table. */
    final int framesWithoutMetadata;
    /** The last line {@code recover} printed, or why it or the reader failed. */
    final String recoverSays;

    TrialResult(int trial, TrialConfig config, long killedAtMillis, boolean finishedBeforeKill, boolean opened,
                int promisedFrames, int framesOnDisk, int framesLostBeyondPromise, int corruptChunks,
                int framesWithoutMetadata, String recoverSays) {
        this.trial = trial;
        this.config = config;
        this.killedAtMillis = killedAtMillis;
        this.finishedBeforeKill = finishedBeforeKill;
        this.opened = opened;
        this.promisedFrames = promisedFrames;
        this.framesOnDisk = framesOnDisk;
        this.framesLostBeyondPromise = framesLostBeyondPromise;
        this.corruptChunks = corruptChunks;
        this.framesWithoutMetadata = framesWithoutMetadata;
        this.recoverSays = recoverSays;
    }

    /** Kept a promise in every respect the campaign checks. */
    boolean clean() {
        return opened && framesLostBeyondPromise == 0 && corruptChunks == 0 && framesWithoutMetadata == 0;
    }

    /** One line of the campaign's report. */
    String line() {
        return String.format("trial %d %s: %s at %d ms, opened=%b promised=%d on_disk=%d lost_beyond_promise=%d "
                        + "corrupt_chunks=%d without_metadata=%d; recover: %s", trial, config.name(),
                finishedBeforeKill ? "finished before the kill" : "killed", killedAtMillis, opened, promisedFrames,
                framesOnDisk, framesLostBeyondPromise, corruptChunks, framesWithoutMetadata, recoverSays);
    }
}
