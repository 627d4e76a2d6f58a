package org.zarrscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.micromanager.headless.Microscope;
import org.zarrscope.micromanager.headless.SequenceFrame;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.PositionLists;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.Zarrita;
import picocli.CommandLine;

/**
 * {@code zarrscope acquire} with a real Micro-Manager: the installation's MMCoreJ and native MMCore,
 * DemoCamera's devices and the project's demo configuration. Every frame MMCore delivers is hashed
 * as it is popped (the only wrapper around the real microscope), and zarrita, an independent
 * reader, must read back exactly those frames where the acquisition order puts them.
 * Skipped without {@code -Dmm.home} (see {@link RealMicroManager}).
 */
@ExternalProcess
class AcquireWithARealMicroManagerTest {
    @TempDir
    Path temp;
    private Path home;
    /** SHA-256 of every frame MMCore delivered, in the order it was popped. */
    private final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    /** How many delivered frames were all zeros (DemoCamera's FastImage=1 gives nothing else). */
    private int zeroFrames;

    @BeforeEach
    void installation() {
        home = RealMicroManager.home();
    }

    /** Runs {@code zarrscope acquire} on the real microscope, hashing each frame it pops. */
    private CommandRun acquire(String... flags) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == AcquireCommand.class) {
                    return type.cast(new AcquireCommand((installation, config, tags) ->
                            hashingFrames(installation.connect(config, tags))));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        List<String> args = new ArrayList<>(Arrays.asList("acquire", "--no-progress", "--config",
                RealMicroManager.demoConfig().toString(), "--mm-home", home.toString()));
        args.addAll(Arrays.asList(flags));
        CommandRun run = CommandRun.of(ZarrscopeCommand.commandLine(factory), args.toArray(new String[0]));
        assertEquals(0, run.exitCode, run.toString());
        return run;
    }

    private Microscope hashingFrames(Microscope real) {
        return (Microscope) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Microscope.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("nextFrame")) {
                        short[] pixels = (short[]) ((SequenceFrame) result).pixels();
                        delivered.add(sha256(pixels));
                        zeroFrames += isZero(pixels) ? 1 : 0;
                    }
                    return result;
                });
    }

    private static boolean isZero(short[] pixels) {
        for (short pixel : pixels) {
            if (pixel != 0) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(short[] pixels) {
        ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pixels);
        return Zarrita.sha256(bytes);
    }

    /** The frames of a plan in acquisition order, as the delivered hashes are. */
    private static List<FrameCoordinates> inOrder(String order, int positions, int times, int channels, int slices) {
        List<FrameCoordinates> frames = new ArrayList<>();
        AcquisitionOrder.parse(order).forEachFrame(positions, times, channels, slices, frames::add);
        return frames;
    }

    /** Every frame zarrita reads from image {@code image} equals the frame MMCore delivered there. */
    private void assertPixelsAreTheDeliveredFrames(Path image, List<FrameCoordinates> order, int position)
            throws Exception {
        assertEquals(order.size(), delivered.size(), "frames MMCore delivered");
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("run", image, "0")).get("run");
        read.assertReadable();
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            FrameCoordinates frame = order.get(i);
            if (frame.position() == position) {
                assertEquals(delivered.get(i), read.plane(frame.time(), frame.channel(), frame.z()),
                        "pixels of " + frame + ", frame " + (i + 1) + " delivered");
                distinct.add(delivered.get(i));
            }
        }
        assertEquals(0, zeroFrames, "frames of zeros");
        assertTrue(distinct.size() > 1, "the demo camera draws a new image for each frame");
    }

    private static List<FrameRecord> frameTable(Path dataset) throws Exception {
        return FrameTableReader.read(new FileSystemStore(dataset));
    }

    @Test
    void twentyFramesOfTheDemoCameraAreWrittenAsDelivered() throws Exception {
        Path out = temp.resolve("demo.ome.zarr");
        acquire("--frames", "20", "--out", out.toString());
        assertPixelsAreTheDeliveredFrames(out, inOrder("tczyx", 1, 20, 1, 1), 0);
        List<FrameRecord> rows = frameTable(out);
        assertEquals(20, rows.size());
        assertEquals(10.0, rows.get(0).metadata().exposureMs(), "the demo configuration's exposure");
        assertEquals("Camera", rows.get(0).metadata().camera());
    }

    @Test
    void aTimeLapseOfChannelsAndSlicesSpansTheRunAndRecordsWhereTheFocusWas() throws Exception {
        Path out = temp.resolve("stack.ome.zarr");
        acquire("--frames", "3", "--interval-ms", "1000", "--channels", "DAPI,FITC", "--slices", "3", "--z-step", "0.5",
                "--roi", "0,0,256,256", "--out", out.toString());
        assertPixelsAreTheDeliveredFrames(out, inOrder("tczyx", 1, 3, 2, 3), 0);

        List<FrameRecord> rows = frameTable(out);
        assertEquals(18, rows.size());
        double first = Double.MAX_VALUE;
        double last = -1;
        for (FrameRecord row : rows) {
            FrameMetadata metadata = row.metadata();
            first = Math.min(first, metadata.elapsedMs());
            last = Math.max(last, metadata.elapsedMs());
            assertEquals(-0.5 + 0.5 * row.frame().z(), metadata.stageZUm(), 1e-6, "focus of " + row.frame());
            for (String constant : Arrays.asList("Frame", "SliceIndex", "ChannelIndex", "Slice")) {
                assertFalse(metadata.extra().containsKey(constant), "MMCore's constant tag " + constant + " is dropped");
            }
        }
        assertTrue(last - first >= 2000, "3 time points 1 s apart span at least 2 s: " + first + " to " + last + " ms");
        String info = CommandRun.succeeding("info", out.toString());
        assertTrue(info.contains("18 recorded"), info);
    }

    @Test
    void eachStagePositionIsItsOwnImageWithTheStageWhereItWent() throws Exception {
        Path list = PositionLists.write(temp.resolve("two.pos"), new PositionLists.Entry("Pos0", 100, 200, 5),
                new PositionLists.Entry("Pos1", -300, 400, 7));
        Path out = temp.resolve("positions.ome.zarr");
        acquire("--frames", "2", "--channels", "DAPI,FITC", "--positions", list.toString(), "--order", "tpczyx",
                "--roi", "0,0,256,256", "--out", out.toString());
        List<FrameCoordinates> order = inOrder("tpczyx", 2, 2, 2, 1);
        assertPixelsAreTheDeliveredFrames(out.resolve("0"), order, 0);
        assertPixelsAreTheDeliveredFrames(out.resolve("1"), order, 1);

        Map<Integer, double[]> listed = Map.of(0, new double[] {100, 200, 5}, 1, new double[] {-300, 400, 7});
        List<FrameRecord> rows = frameTable(out);
        assertEquals(8, rows.size());
        for (FrameRecord row : rows) {
            double[] where = listed.get(row.frame().position());
            FrameMetadata metadata = row.metadata();
            assertEquals(where[0], metadata.stageXUm(), 0.01, "stage x of " + row.frame());
            assertEquals(where[1], metadata.stageYUm(), 0.01, "stage y of " + row.frame());
            assertEquals(where[2], metadata.stageZUm(), 0.01, "focus of " + row.frame());
        }
    }
}
