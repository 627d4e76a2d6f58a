package org.zarrscope;

/** Where a camera frame belongs in the acquisition: time point, channel and z slice (0-based). */
public final class FrameCoordinates {
    private final int time;
    private final int channel;
    private final int z;

    private FrameCoordinates(int time, int channel, int z) {
        this.time = time;
        this.channel = channel;
        this.z = z;
    }

    public static FrameCoordinates of(int time, int channel, int z) {
        return new FrameCoordinates(time, channel, z);
    }

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
        return time == that.time && channel == that.channel && z == that.z;
    }

    @Override
    public int hashCode() {
        return (time * 31 + channel) * 31 + z;
    }

    @Override
    public String toString() {
        return "t=" + time + " c=" + channel + " z=" + z;
    }
}
