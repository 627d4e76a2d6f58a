package org.zarrscope.pyramid;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.zarrscope.ingest.FrameSlot;

/**
 * The levels built once the run is over ({@code PyramidMode.AFTER}), by a {@link PyramidBuilder}
 * from the full resolution on disk: nothing while frames arrive, the whole pyramid in
 * {@code finish()}. Not after a failed run (its chunks may be missing) nor while the JVM shuts
 * down, which it could hold up for minutes.
 */
public final class AfterRunPyramid implements PyramidStage {
    private final PyramidBuilder builder;
    private final int levels;

    public AfterRunPyramid(PyramidBuilder builder, int levels) {
        this.builder = builder;
        this.levels = levels;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public List<EventHandler<FrameSlot>> frameObservers() {
        return Collections.emptyList();
    }

    @Override
    public void flushOpenChunks() {
    }

    @Override
    public boolean complete(int timePoints, boolean quickly) throws IOException {
        if (quickly) {
            return false;
        }
        builder.build(timePoints);
        return true;
    }
}
