package org.zarrscope.metadata;

import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;

/** One row of the frame table: where a frame belongs and what the microscope recorded with it. */
public final class FrameRecord {
    private final FrameCoordinates frame;
    private final FrameMetadata metadata;

    public FrameRecord(FrameCoordinates frame, FrameMetadata metadata) {
        this.frame = frame;
        this.metadata = metadata;
    }

    public FrameCoordinates frame() { return frame; }

    public FrameMetadata metadata() { return metadata; }
}
