package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.Axis;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.SettingsException;
import org.zarrscope.ZarrFormat;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * Micro-Manager coordinates (axes at 0 left out, as mmstudio's Coords does) land at the same
 * place in the dataset whatever order the MDA visits time, position, z and channel in.
 */
class EveryMdaOrderLandsInPlaceTest {
    private static final int POSITIONS = 2;

    static Stream<List<String>> orders() {
        return MdaFrames.allOrders().stream();
    }

    @ParameterizedTest
    @MethodSource("orders")
    void everyImageIsReadBackWhereItsCoordinatesSay(List<String> order, @TempDir Path folder) throws Exception {
        Map<String, Integer> counts = MdaFrames.counts(2, POSITIONS, 3, 2);
        MdaSummary summary = MdaFrames.summary(order, counts);
        Path output = folder.resolve("run.ome.zarr");
        List<Map<String, Integer>> images = new ArrayList<>();
        try (LiveDataset dataset = LiveDataset.open(summary, SaveOptions.builder().format(ZarrFormat.V2).build(), output)) {
            MdaFrames.forEachImage(order, counts, coords -> {
                dataset.put(coords, MdaFrames.pixels(coords), MdaFrameMetadata.NONE);
                images.add(coords);
            });
            dataset.freeze(status -> { });
        }
        assertEquals(2 * POSITIONS * 3 * 2, images.size());
        MdaCoordinates coordinates = new MdaCoordinates(summary);
        FileSystemStore store = new FileSystemStore(output);
        ZarrReader[] readers = new ZarrReader[POSITIONS];
        for (int p = 0; p < POSITIONS; p++) {
            readers[p] = ZarrReader.open(store, p + "/" + AcquisitionWriter.FULL_RESOLUTION_PATH);
        }
        for (Map<String, Integer> coords : images) {
            FrameCoordinates frame = coordinates.toFrame(coords);
            ZarrReader reader = readers[frame.position()];
            ByteBuffer plane = reader.readPlane(frame.time(), frame.channel(), frame.z()).order(ByteOrder.LITTLE_ENDIAN);
            short[] read = new short[MdaFrames.WIDTH * MdaFrames.HEIGHT];
            plane.asShortBuffer().get(read);
            assertArrayEquals(MdaFrames.pixels(coords), read, "image " + coords + " in order " + order);
        }
    }

    @ParameterizedTest
    @MethodSource("orders")
    void theAxisOrderBecomesTheAcquisitionOrder(List<String> order) {
        List<Axis> expected = new ArrayList<>();
        for (String axis : order) {
            if (!axis.equals(MdaSummary.POSITION)) {
                expected.add(axis.equals(MdaSummary.TIME) ? Axis.TIME : axis.equals(MdaSummary.Z) ? Axis.Z : Axis.CHANNEL);
            }
        }
        assertEquals(expected, MdaSettings.order(order).outermostFirst());
        assertEquals(order.indexOf(MdaSummary.POSITION), MdaSettings.order(order).positionDepth(),
                "axes outside the position loop");
    }

    @Test
    void missingAxesAreZeroAndComeBackWithEveryAxisOfTheRun() {
        MdaSummary summary = MdaFrames.summary(MdaFrames.axes("time", "position", "z", "channel"),
                MdaFrames.counts(5, 1, 4, 3));
        MdaCoordinates coordinates = new MdaCoordinates(summary);
        Map<String, Integer> coords = new LinkedHashMap<>();
        coords.put("channel", 2);
        coords.put("time", 4);
        FrameCoordinates frame = coordinates.toFrame(coords);
        assertEquals(FrameCoordinates.at(0, 4, 2, 0), frame);
        assertEquals(FrameCoordinates.at(1, 0, 0, 3), coordinates.toFrame(Map.of("position", 1, "z", 3)));
        Map<String, Integer> back = coordinates.toAxes(frame);
        assertEquals(MdaFrames.axes("time", "position", "z", "channel"), new ArrayList<>(back.keySet()));
        assertEquals(List.of(4, 0, 0, 2), new ArrayList<>(back.values()));
        assertEquals(FrameCoordinates.at(0, 0, 0, 0), coordinates.toFrame(Collections.emptyMap()));
    }

    @Test
    void customAxesAndNegativeIndicesAreRefusedByName() {
        MdaCoordinates coordinates = new MdaCoordinates(MdaFrames.summary(MdaFrames.axes("time", "position", "z",
                "channel"), MdaFrames.counts(1, 1, 1, 1)));
        FrameRejectedException custom = assertThrows(FrameRejectedException.class,
                () -> coordinates.toFrame(Map.of("row", 1)));
        assertTrue(custom.getMessage().contains("'row'") && custom.getMessage().contains("[time, position, z, channel]"),
                custom.getMessage());
        FrameRejectedException negative = assertThrows(FrameRejectedException.class,
                () -> coordinates.toFrame(Map.of("z", -1)));
        assertTrue(negative.getMessage().contains("-1 along 'z'"), negative.getMessage());

        SettingsException inSummary = assertThrows(SettingsException.class, () -> new MdaCoordinates(
                MdaSummary.builder().orderedAxes("time", "row", "z").build()));
        assertTrue(inSummary.getMessage().contains("'row'"), inSummary.getMessage());
        SettingsException undeclared = assertThrows(SettingsException.class, () -> new MdaCoordinates(
                MdaSummary.builder().orderedAxes("time", "z").intended("position", 3).build()));
        assertTrue(undeclared.getMessage().contains("lacks 'position'"), undeclared.getMessage());
    }
}
