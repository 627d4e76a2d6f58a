package org.zarrscope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The order in which frames arrive, outermost axis first: {@code tczyx} is a time-lapse of
 * channel-then-z stacks, {@code tzcyx} Micro-Manager's default "slices before channels" is
 * {@code tzc} with channel innermost. Only the order of t, c and z matters; y and x are always
 * the plane. Stage positions are {@code p}: {@code tpzcyx} is Micro-Manager's default multi-position
 * time-lapse; without a {@code p} positions sit just inside time. The writer accepts frames in any
 * order; this tells it how many chunks are open at once, so the memory budget can be checked
 * before the first frame.
 */
public final class AcquisitionOrder {
    private final List<Axis> outermostFirst;
    private final int positionDepth;

    private AcquisitionOrder(List<Axis> outermostFirst, int positionDepth) {
        this.outermostFirst = Collections.unmodifiableList(outermostFirst);
        this.positionDepth = positionDepth;
    }

    /** The default: time, then channel, then z (z innermost). */
    public static AcquisitionOrder defaultOrder() {
        return parse("tczyx");
    }

    /**
     * Parses an order such as {@code tczyx}, {@code zct}, {@code ctzyx} or {@code tpzcyx}: each of
     * t, c and z exactly once, optionally p (stage position) once, optionally followed by {@code yx}.
     */
    public static AcquisitionOrder parse(String text) {
        String order = text.trim().toLowerCase();
        if (order.endsWith("yx")) {
            order = order.substring(0, order.length() - 2);
        }
        List<Axis> axes = new ArrayList<>();
        int positionDepth = order.indexOf('p');
        boolean valid = positionDepth == order.lastIndexOf('p');
        for (char letter : order.replace("p", "").toCharArray()) {
            Axis axis = "tcz".indexOf(letter) >= 0 ? Axis.fromLetter(letter) : null;
            valid &= axis != null && !axes.contains(axis);
            axes.add(axis);
        }
        if (!valid || axes.size() != 3) {
            throw new SettingsException("order", "'" + text + "' is not an acquisition order; give t, c and z once each "
                    + "and optionally p (stage position), outermost first, e.g. tczyx, tzcyx or tpzcyx");
        }
        if (positionDepth < 0) {
            positionDepth = axes.indexOf(Axis.TIME) + 1;
        }
        return new AcquisitionOrder(axes, positionDepth);
    }

    /** t, c and z, outermost first. */
    public List<Axis> outermostFirst() {
        return outermostFirst;
    }

    /**
     * How many of t, c and z lie outside the stage-position loop: 0 when positions are outermost,
     * 3 when every position's whole stack and time-lapse comes before the next position.
     */
    public int positionDepth() {
        return positionDepth;
    }

    /** Visits every frame of a single-position acquisition of the given extents in this order. */
    public void forEachFrame(int timePoints, int channels, int zSlices, Consumer<FrameCoordinates> visitor) {
        forEachFrame(1, timePoints, channels, zSlices, visitor);
    }

    /** Visits every frame of an acquisition of the given extents in this order. */
    public void forEachFrame(int positions, int timePoints, int channels, int zSlices,
                             Consumer<FrameCoordinates> visitor) {
        forEachFrameWhile(positions, timePoints, channels, zSlices, frame -> {
            visitor.accept(frame);
            return true;
        });
    }

    /**
     * Visits the frames of an acquisition of the given extents in this order until {@code visitor}
     * returns false: an early stop ends the walk at once instead of passing over the rest of the
     * plan, which for a long time-lapse is billions of frames.
     *
     * @return false if the visitor stopped the walk
     */
    public boolean forEachFrameWhile(int positions, int timePoints, int channels, int zSlices,
                                     Predicate<FrameCoordinates> visitor) {
        int[] extent = {timePoints, channels, zSlices, positions};
        int[] index = new int[4];
        return visit(0, extent, index, visitor);
    }

    private boolean visit(int level, int[] extent, int[] index, Predicate<FrameCoordinates> visitor) {
        if (level == 4) {
            return visitor.test(FrameCoordinates.at(index[3], index[0], index[1], index[2]));
        }
        int dim = level == positionDepth ? 3 : outermostFirst.get(level < positionDepth ? level : level - 1).dimension();
        for (int i = 0; i < extent[dim]; i++) {
            index[dim] = i;
            if (!visit(level + 1, extent, index, visitor)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Axis axis : outermostFirst) {
            text.append(axis.letter());
        }
        if (positionDepth != outermostFirst.indexOf(Axis.TIME) + 1) {
            text.insert(positionDepth, 'p'); // shown only where it differs from the default, just inside t
        }
        return text.append("yx").toString();
    }
}
