package org.zarrscope;

import java.io.IOException;
import java.util.List;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.pyramid.PyramidStage;
import org.zarrscope.store.SpaceReserve;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrArray;

/**
 * Ends a run for {@link AcquisitionWriter} once every accepted frame is written: completes the
 * full-resolution shards and the pyramid, writes the final metadata (status, {@code omero}
 * windows, the levels now complete, frame table, OME-XML) and forces it all to the disk. Every
 * step is tried even when an earlier one failed, because each holds what the others lack; a
 * failure of the run itself is reported with what was saved ({@link #failureOutcome}).
 */
final class RunEnding {
    private final Store store;
    private final List<ZarrArray> fullResolution;
    private final DatasetMetadata metadata;
    private final FrameMetadataTable frameTable;
    private final ContrastEstimator contrast;
    private final PyramidStage pyramid;
    /** Disk space for finishing a run the disk filled up, released first. */
    private final SpaceReserve reserve;
    private final FailureLatch failure;
    /** Resolution levels in {@code multiscales}: level 0 until the pyramid is complete. */
    private int declaredLevels = 1;
    /** Whether a full-resolution shard could not be completed: its chunks need {@code recover}. */
    private volatile boolean shardsLeftUnfinished;
    /** Whether the final status (complete, aborted, failed) reached the metadata. */
    private volatile boolean finalStatusWritten;

    /** @param fullResolution the full-resolution array of each stage position */
    RunEnding(Store store, List<ZarrArray> fullResolution, DatasetMetadata metadata, FrameMetadataTable frameTable,
              ContrastEstimator contrast, PyramidStage pyramid, SpaceReserve reserve, FailureLatch failure) {
        this.store = store;
        this.fullResolution = fullResolution;
        this.metadata = metadata;
        this.frameTable = frameTable;
        this.contrast = contrast;
        this.pyramid = pyramid;
        this.reserve = reserve;
        this.failure = failure;
    }

    /**
     * Completes the full-resolution shards, the pyramid and the metadata, then forces them to the
     * disk (a durable store). After a failure (a full disk) the space reserve is already free for
     * the writes that make the frames on disk readable, and they come first: the shard indexes,
     * then the status; the pyramid, which is not declared then, comes after them.
     *
     * @param status       {@code complete} or {@code aborted}; {@code failed} replaces either after a failure
     * @param timePoints   the run's time extent
     * @param shuttingDown whether the JVM is shutting down: then no pyramid is built anew
     */
    void end(String status, int timePoints, boolean shuttingDown) throws IOException {
        IOException metadataFailure = attempt(null, reserve::release);
        completeShards();
        boolean failedInTheRun = failure.hasFailed();
        if (!failedInTheRun) {
            completePyramid(timePoints, shuttingDown); // before the metadata that declares its levels
        }
        String finalStatus = failure.hasFailed() ? "failed" : status;
        // each step is tried even when an earlier one failed: each holds what the others lack
        metadataFailure = attempt(metadataFailure, () -> {
            metadata.write(timePoints, finalStatus, contrast.windows(), declaredLevels);
            finalStatusWritten = true;
        });
        if (failedInTheRun) {
            completePyramid(timePoints, shuttingDown);
        }
        metadataFailure = attempt(metadataFailure, frameTable::save);
        metadataFailure = attempt(metadataFailure, () -> metadata.writeOmeXml(timePoints));
        // last: what every step above wrote survives a power loss once finish() returns
        metadataFailure = attempt(metadataFailure, store::sync);
        if (metadataFailure != null) {
            if (!failure.hasFailed()) {
                throw metadataFailure;
            }
            // the store failed already (e.g. disk full); finish() reports that failure with this one attached
            failure.fail("cannot write the final metadata of " + store.describe() + ": " + metadataFailure.getMessage(),
                    metadataFailure);
        }
    }

    /** Gives every full-resolution shard still being filled its index. */
    private void completeShards() {
        for (ZarrArray array : fullResolution) {
            try {
                array.chunkSink().close();
            } catch (IOException e) {
                shardsLeftUnfinished = true;
                failure.fail("cannot complete the shards of " + store.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Completes the reduced levels, and declares them once all are complete. After a failed run
     * or at shutdown only what was built while frames arrived is completed.
     */
    private void completePyramid(int timePoints, boolean shuttingDown) {
        try {
            if (pyramid.complete(timePoints, failure.hasFailed() || shuttingDown) && !failure.hasFailed()) {
                declaredLevels = pyramid.levels();
            }
        } catch (IOException e) {
            failure.fail("cannot complete the pyramid of " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    /** A metadata step that may fail. */
    private interface MetadataStep {
        void run() throws IOException;
    }

    /** Runs a step; returns the first failure so far, later ones attached to it. */
    private static IOException attempt(IOException earlier, MetadataStep step) {
        try {
            step.run();
            return earlier;
        } catch (IOException e) {
            if (earlier == null) {
                return e;
            }
            earlier.addSuppressed(e);
            return earlier;
        }
    }

    /** What a failed run saved, for the end of the failure's message. */
    String failureOutcome(long framesWritten) {
        String dataset = store.describe();
        return "; " + framesWritten + " frames were written before the failure"
                + (!shardsLeftUnfinished ? " and are readable as they are (recover has nothing to add)"
                        : store.writesInPlace() ? ", some into shards that could not be completed: `zarrscope recover "
                        + dataset + "` makes those readable"
                        : ", some into shards this store could not take, which are lost (a store that cannot write in "
                        + "place keeps no journal to recover them from)")
                + (finalStatusWritten ? "; the dataset is marked failed" : "; the dataset could not be marked failed "
                        + "(it still says acquiring; `zarrscope recover " + dataset + "` marks it recovered)");
    }
}
