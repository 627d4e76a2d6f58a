package org.zarrscope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The order in which frames arrive, outermost axis first: {@code tczyx} is a time-lapse of
 * channel-then-z stacks, {@code tzcyx} Micro-Manager's default "slices before channels" is
 * {@code tzc} with channel innermost. Only the order of t, c and z matters; y and x are always
 * the plane. The writer accepts frames in any order; this tells it how many chunks are open at
 * once, so the memory budget can be checked before the first frame.
 */
public final class AcquisitionOrder {
    private final List<Axis> outermostFirst;

    private AcquisitionOrder(List<Axis> outermostFirst) {
        this.outermostFirst = Collections.unmodifiableList(outermostFirst);
    }

    /** The default: time, then channel, then z (z innermost). */
    public static AcquisitionOrder defaultOrder() {
        return parse("tczyx");
    }

    /**
     * Parses an order such as {@code tczyx}, {@code zct} or {@code ctzyx}: each of t, c and z
     * exactly once, optionally followed by {@code yx}.
     */
    public static AcquisitionOrder parse(String text) {
        String order = text.trim().toLowerCase();
        if (order.endsWith("yx")) {
            order = order.substring(0, order.length() - 2);
        }
        List<Axis> axes = new ArrayList<>();
        for (char letter : order.toCharArray()) {
            Axis axis = "tcz".indexOf(letter) >= 0 ? Axis.fromLetter(letter) : null;
            if (axis == null || axes.contains(axis)) {
                axes = null;
                break;
            }
            axes.add(axis);
        }
        if (axes == null || axes.size() != 3) {
            throw new SettingsException("order", "'" + text
                    + "' is not an acquisition order; give t, c and z once each, outermost first, e.g. tczyx or tzcyx");
        }
        return new AcquisitionOrder(axes);
    }

    /** t, c and z, outermost first. */
    public List<Axis> outermostFirst() {
        return outermostFirst;
    }

    /** Visits every frame of an acquisition of the given extents in this order. */
    public void forEachFrame(int timePoints, int channels, int zSlices, Consumer<FrameCoordinates> visitor) {
        int[] extent = {timePoints, channels, zSlices};
        int[] index = new int[3];
        visit(0, extent, index, visitor);
    }

    private void visit(int level, int[] extent, int[] index, Consumer<FrameCoordinates> visitor) {
        if (level == 3) {
            visitor.accept(FrameCoordinates.of(index[0], index[1], index[2]));
            return;
        }
        int dim = outermostFirst.get(level).dimension();
        for (int i = 0; i < extent[dim]; i++) {
            index[dim] = i;
            visit(level + 1, extent, index, visitor);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Axis axis : outermostFirst) {
            text.append(axis.letter());
        }
        return text.append("yx").toString();
    }
}
