package org.zarrscope.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ZarrscopeChild;

/**
 * One trial: {@code zarrscope simulate} in a child JVM, SIGKILLed ({@link Process#destroyForcibly})
 * at a given moment, then {@code zarrscope recover} and a {@link DatasetCheck} against the complete
 * run of the same configuration and seed. The promised frames are surveyed just before the kill.
 */
final class KilledRun {
    /** Kills are drawn from a window a tenth longer than the complete run, so some land after it ended. */
    private static final double WINDOW = 1.1;
    /** {@code recover}'s exit code when it removed chunks a crash had cut off: the dataset is still whole. */
    private static final int RECOVER_LOST_CHUNKS = 1;

    private KilledRun() {
    }

    /**
     * Runs trial {@code trial} in {@code folder}, killing the writer {@code killFraction} (0 to 1)
     * of the way through the kill window.
     */
    static TrialResult run(int trial, TrialConfig config, double killFraction, ReferenceRun reference, long seed,
                           Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path dataset = folder.resolve("killed.ome.zarr");
        Path log = folder.resolve("killed.log");
        Process child = ZarrscopeChild.start(log, config.simulateArgs(dataset, seed));
        Set<String> promised;
        long killedAtNanos;
        boolean finishedBeforeKill;
        try {
            long opened = ReferenceRun.waitForMetadata(child, config.rootGroup(dataset), log);
            long killAt = opened + (long) (killFraction * WINDOW * reference.writeNanos);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, killAt - System.nanoTime()));
            killedAtNanos = System.nanoTime() - opened;
            finishedBeforeKill = !child.isAlive();
            promised = PromisedFrames.now(dataset, config);
        } finally {
            child.destroyForcibly();
        }
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed writer of trial " + trial + " did not exit");
        }
        long killedAtMillis = TimeUnit.NANOSECONDS.toMillis(killedAtNanos);

        CommandRun recover = CommandRun.zarrscope("recover", dataset.toString());
        String recoverSays = DatasetCheck.lastLine(recover.out + recover.err);
        if (recover.exitCode != 0 && recover.exitCode != RECOVER_LOST_CHUNKS) {
            return new TrialResult(trial, config, killedAtMillis, finishedBeforeKill, false, promised.size(), 0,
                    promised.size(), 0, 0, recoverSays);
        }
        DatasetCheck check = DatasetCheck.of(dataset, config, promised, reference);
        return new TrialResult(trial, config, killedAtMillis, finishedBeforeKill, check.opened, promised.size(),
                check.onDisk.size(), check.lostBeyondPromise.size(), check.corruptChunks.size(),
                check.withoutMetadata.size(), check.opened ? recoverSays : "reader failed: " + check.readerError);
    }
}
