package org.zarrscope.pyramid;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.util.List;
import org.zarrscope.ingest.FrameSlot;

/**
 * How an image's reduced resolution levels come about, as one stage of the writer: not at all
 * ({@link NoPyramid}), while frames arrive ({@link StreamingPyramid}), or from the full
 * resolution on disk once the run is over ({@link AfterRunPyramid}). The writer calls the same
 * methods whichever it is; only a complete pyramid is declared in {@code multiscales}.
 */
public interface PyramidStage {
    /** Resolution levels including full resolution, once complete. */
    int levels();

    /** The ring observers the stage needs to see every frame's pixels; none when it reads no frame. */
    List<EventHandler<FrameSlot>> frameObservers();

    /** Writes the level chunks still partly filled; called once the ring is drained. */
    void flushOpenChunks();

    /**
     * Completes the levels of a run whose time extent is {@code timePoints}, after the writer
     * threads stopped.
     *
     * @param quickly true when the run failed or the JVM is shutting down: what was built while
     *                frames arrived is completed, nothing is built anew
     * @return whether every level is complete, so that it may be declared
     * @throws IOException naming the array that could not be completed
     */
    boolean complete(int timePoints, boolean quickly) throws IOException;
}
