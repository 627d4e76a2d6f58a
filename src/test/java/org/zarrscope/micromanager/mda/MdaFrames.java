package org.zarrscope.micromanager.mda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Test helpers: runs of Micro-Manager images in any axis order, with pixels that say where they belong. */
final class MdaFrames {
    static final int WIDTH = 16;
    static final int HEIGHT = 8;

    private MdaFrames() {
    }

    /** Every order of the four axes. */
    static List<List<String>> allOrders() {
        List<List<String>> orders = new ArrayList<>();
        permute(new ArrayList<>(MdaSummary.STANDARD_AXES), 0, orders);
        return orders;
    }

    private static void permute(List<String> axes, int from, List<List<String>> orders) {
        if (from == axes.size()) {
            orders.add(new ArrayList<>(axes));
            return;
        }
        for (int i = from; i < axes.size(); i++) {
            java.util.Collections.swap(axes, from, i);
            permute(axes, from + 1, orders);
            java.util.Collections.swap(axes, from, i);
        }
    }

    /**
     * Visits every image of a run in the given axis order, outermost first, with coordinates as
     * Micro-Manager's {@code Coords} builder leaves them: axes at index 0 dropped.
     */
    static void forEachImage(List<String> order, Map<String, Integer> counts, Consumer<Map<String, Integer>> visitor) {
        visit(order, counts, 0, new LinkedHashMap<>(), visitor);
    }

    private static void visit(List<String> order, Map<String, Integer> counts, int level, Map<String, Integer> at,
                              Consumer<Map<String, Integer>> visitor) {
        if (level == order.size()) {
            Map<String, Integer> coords = new LinkedHashMap<>();
            at.forEach((axis, index) -> {
                if (index != 0) {
                    coords.put(axis, index);
                }
            });
            visitor.accept(coords);
            return;
        }
        String axis = order.get(level);
        for (int i = 0; i < counts.getOrDefault(axis, 1); i++) {
            at.put(axis, i);
            visit(order, counts, level + 1, at, visitor);
        }
        at.remove(axis);
    }

    /** 16-bit pixels unique to the image at these coordinates. */
    static short[] pixels(Map<String, Integer> coords) {
        int base = coords.getOrDefault(MdaSummary.TIME, 0) * 4096 + coords.getOrDefault(MdaSummary.POSITION, 0) * 1024
                + coords.getOrDefault(MdaSummary.Z, 0) * 128 + coords.getOrDefault(MdaSummary.CHANNEL, 0) * 16 + 1;
        short[] pixels = new short[WIDTH * HEIGHT];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (base * 7 + i * 13);
        }
        return pixels;
    }

    static Map<String, Integer> counts(int times, int positions, int zSlices, int channels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(MdaSummary.TIME, times);
        counts.put(MdaSummary.POSITION, positions);
        counts.put(MdaSummary.Z, zSlices);
        counts.put(MdaSummary.CHANNEL, channels);
        return counts;
    }

    /** A GRAY16 run of the given sizes and axis order. */
    static MdaSummary summary(List<String> order, Map<String, Integer> counts) {
        MdaSummary.Builder b = MdaSummary.builder().orderedAxes(order).frameSize(WIDTH, HEIGHT)
                .pixelType(MdaPixelType.GRAY16).prefix("run");
        counts.forEach(b::intended);
        for (int c = 0; c < counts.get(MdaSummary.CHANNEL); c++) {
            b.channel("Ch" + c, null);
        }
        return b.build();
    }

    static List<String> axes(String... names) {
        return Arrays.asList(names);
    }
}
