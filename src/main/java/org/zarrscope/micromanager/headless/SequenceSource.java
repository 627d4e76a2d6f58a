package org.zarrscope.micromanager.headless;

import org.zarrscope.micromanager.HardwareException;

/**
 * A camera streaming a sequence of frames into a buffer that the acquisition drains: in
 * Micro-Manager, MMCore's sequence acquisition and its circular buffer. Frames come out in the
 * order the camera took them; {@link #overflowed} says the camera filled the buffer faster than
 * it was drained and stopped.
 */
public interface SequenceSource {
    /**
     * Starts a sequence of {@code frames} frames, {@code intervalMs} apart (0: as fast as the
     * exposure and readout allow), timed by the camera. The sequence stops on its own after the
     * last frame, or when the buffer overflows.
     */
    void start(int frames, double intervalMs) throws HardwareException;

    /** Frames in the buffer, not yet taken by {@link #nextFrame}. */
    int framesWaiting();

    /** Takes the oldest frame out of the buffer; only call when {@link #framesWaiting} is above zero. */
    SequenceFrame nextFrame() throws HardwareException;

    /** Whether the camera is still acquiring the sequence. */
    boolean isRunning();

    /** Whether the buffer filled up and the camera stopped: the frames still waiting are valid, later ones were lost. */
    boolean overflowed();

    /** Stops the camera (the frames already in the buffer stay there). */
    void stop() throws HardwareException;
}
