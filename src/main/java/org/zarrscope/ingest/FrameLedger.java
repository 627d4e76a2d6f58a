package org.zarrscope.ingest;

import java.util.BitSet;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.WriterSettings;

/**
 * Which frames have been accepted: refuses coordinates outside the dataset and frames already
 * written, before they take a ring slot. A frame is reserved before its pixels are copied and
 * released again if it could not enter the ring, so a refused frame can be retried.
 *
 * <p>Methods are synchronized: the lock is uncontended with one camera thread and costs tens of
 * nanoseconds, and it keeps concurrent producers from accepting the same frame twice.
 */
public final class FrameLedger {
    private final WriterSettings settings;
    private final BitSet accepted = new BitSet();
    private int highestTime = -1;

    public FrameLedger(WriterSettings settings) {
        this.settings = settings;
    }

    /** Marks a frame as taken, or throws {@link FrameRejectedException} saying why it cannot be. */
    public synchronized void reserve(FrameCoordinates frame) {
        check("position", frame.position(), settings.positionCount());
        check("time", frame.time(), settings.isTimeUnbounded()
                ? Integer.MAX_VALUE / (settings.positionCount() * settings.channels() * settings.zSlices())
                : settings.timePoints());
        check("channel", frame.channel(), settings.channels());
        check("z", frame.z(), settings.zSlices());
        int index = index(frame);
        if (accepted.get(index)) {
            throw new FrameRejectedException("frame " + frame + " was already written; each frame is accepted once");
        }
        accepted.set(index);
        highestTime = Math.max(highestTime, frame.time());
    }

    /** Undoes {@link #reserve} for a frame that did not enter the ring. */
    public synchronized void release(FrameCoordinates frame) {
        accepted.clear(index(frame));
    }

    /** The highest time index accepted, or -1 before the first frame. */
    public synchronized int highestTime() {
        return highestTime;
    }

    /** Time outermost, so an unbounded time axis never collides. */
    private int index(FrameCoordinates frame) {
        return ((frame.time() * settings.positionCount() + frame.position()) * settings.channels() + frame.channel())
                * settings.zSlices() + frame.z();
    }

    private static void check(String axis, int index, int size) {
        if (index < 0 || index >= size) {
            throw new FrameRejectedException(axis + " index " + index + " is out of range; allowed: 0 to " + (size - 1));
        }
    }
}
