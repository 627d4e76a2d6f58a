package org.zarrscope.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.zarrscope.testing.ExternalReader;
import org.zarrscope.testing.ZarrscopeChild;

/**
 * A complete, unkilled run of one configuration and seed, read by the independent reader: the
 * plane hashes a killed run's planes must equal, and how long the writer takes from opening the
 * dataset to exiting, the window kills are drawn from.
 */
final class ReferenceRun {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final long POLL_MILLIS = 2;

    /** Plane hashes {@code "t,c,z" → sha-256} by array path. */
    final Map<String, Map<String, String>> planes = new HashMap<>();
    /** From the root group's appearance to the writer's exit. */
    final long writeNanos;

    private ReferenceRun(long writeNanos) {
        this.writeNanos = writeNanos;
    }

    /** Runs {@code config} to completion in a child JVM in {@code folder} and reads it back. */
    static ReferenceRun of(TrialConfig config, long seed, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path dataset = folder.resolve("reference.ome.zarr");
        Path log = folder.resolve("reference.log");
        Process child = ZarrscopeChild.start(log, config.simulateArgs(dataset, seed));
        long opened = waitForMetadata(child, config.rootGroup(dataset), log);
        if (!child.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("the reference run of " + config.name() + " took over " + TIMEOUT + "; its output:\n"
                    + ZarrscopeChild.output(log));
        }
        long writeNanos = System.nanoTime() - opened;
        if (child.exitValue() != 0) {
            throw new AssertionError("the reference run of " + config.name() + " exited with " + child.exitValue()
                    + "; its output:\n" + ZarrscopeChild.output(log));
        }
        ReferenceRun reference = new ReferenceRun(writeNanos);
        for (Map.Entry<String, ? extends ExternalReader.Dataset<?>> array
                : IndependentRead.of(dataset, config, false).entrySet()) {
            reference.planes.put(array.getKey(), array.getValue().assertReadable().planes());
        }
        return reference;
    }

    /**
     * Waits until the child has written {@code metadata}, and returns when that was seen.
     *
     * @throws AssertionError if the child exits or takes a minute first
     */
    static long waitForMetadata(Process child, Path metadata, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(metadata)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                String state = child.isAlive() ? "ran a minute" : "exited with " + child.exitValue();
                child.destroyForcibly().waitFor();
                throw new AssertionError("the writer " + state + " without writing " + metadata + "; its output:\n"
                        + ZarrscopeChild.output(log));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return System.nanoTime();
    }
}
