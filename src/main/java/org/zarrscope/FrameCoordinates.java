package org.zarrscope;

/** Where a camera frame belongs in the acquisition: stage position, time point, channel and z slice (0-based). */
public final class FrameCoordinates {
    private final int position;
    private final int time;
    private final int channel;
    private final int z;

    private FrameCoordinates(int position, int time, int channel, int z) {
        this.position = position;
        this.time = time;
        this.channel = channel;
        this.z = z;
    }

    /** A frame of a single-position acquisition (position 0). */
    public static FrameCoordinates of(int time, int channel, int z) {
        return new FrameCoordinates(0, time, channel, z);
    }

    /** A frame of stage position {@code position} of a multi-position acquisition. */
    public static FrameCoordinates at(int position, int time, int channel, int z) {
        return new FrameCoordinates(position, time, channel, z);
    }

    public int position() { return position; }

    public int time() { return time; }

    public int channel() { return channel; }

    public int z() { return z; }

    /** The index along an acquisition axis. */
    public int index(Axis axis) {
        switch (axis) {
            case TIME: return time;
            case CHANNEL: return channel;
            case Z: return z;
            default: throw new IllegalArgumentException("frames have no coordinate along " + axis);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FrameCoordinates)) {
            return false;
        }
        FrameCoordinates that = (FrameCoordinates) other;
        return position == that.position && time == that.time && channel == that.channel && z == that.z;
    }

    @Override
    public int hashCode() {
        return ((position * 31 + time) * 31 + channel) * 31 + z;
    }

    @Override
    public String toString() {
        return (position == 0 ? "" : "p=" + position + " ") + "t=" + time + " c=" + channel + " z=" + z;
    }
}
