package org.zarrscope.pyramid;

import com.lmax.disruptor.EventHandler;
import java.util.Collections;
import java.util.List;
import org.zarrscope.ingest.FrameSlot;

/** Full resolution only: {@code PyramidMode.NONE}, or a plane already small enough to be its own overview. */
public final class NoPyramid implements PyramidStage {
    @Override
    public int levels() {
        return 1;
    }

    @Override
    public List<EventHandler<FrameSlot>> frameObservers() {
        return Collections.emptyList();
    }

    @Override
    public void flushOpenChunks() {
    }

    @Override
    public boolean complete(int timePoints, boolean quickly) {
        return true;
    }
}
