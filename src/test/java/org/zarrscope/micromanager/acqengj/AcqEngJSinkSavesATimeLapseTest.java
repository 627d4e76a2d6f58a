package org.zarrscope.micromanager.acqengj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.micromanager.acqj.main.AcqEngMetadata;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.StagePosition;
import org.zarrscope.ZarrFormat;
import org.zarrscope.micromanager.mda.MdaSummary;
import org.zarrscope.micromanager.mda.SaveOptions;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrReader;

/**
 * An AcqEngJ acquisition (2 positions, 2 channels, a z-stack, a time-lapse whose length AcqEngJ
 * does not announce) driven through the sink with real {@link TaggedImage}s tagged the way
 * AcqEngJ tags them, read back pixel-exact by zarr-python.
 */
@ExternalProcess
class AcqEngJSinkSavesATimeLapseTest {
    private static final int WIDTH = 24;
    private static final int HEIGHT = 10;
    private static final int TIMES = 3;
    private static final int POSITIONS = 2;
    private static final int SLICES = 4;
    private static final String[] CHANNELS = {"DAPI", "FITC"};

    /** What the user declares before the acquisition: positions, z-stack and channels, but no time count. */
    private static MdaSummary declared() {
        return MdaSummary.builder().orderedAxes("time", "position", "z", "channel")
                .intended("position", POSITIONS).intended("z", SLICES)
                .channel(CHANNELS[0], 0x0000FF).channel(CHANNELS[1], 0x00FF00)
                .stagePosition(new StagePosition("A1-left", 10.0, 20.0, 1.0))
                .stagePosition(new StagePosition("A1-right", 510.0, 20.0, 1.5))
                .zStepUm(0.5).build();
    }

    /** AcqEngJ's summary (its makeSummaryMD needs a core), with the frame size a summary processor adds. */
    private static JSONObject acqEngJSummary() {
        JSONObject summary = new JSONObject();
        AcqEngMetadata.setAcqDate(summary, "2026/03/01 10:11:12");
        AcqEngMetadata.setPixelTypeFromByteDepth(summary, 2);
        AcqEngMetadata.setPixelSizeUm(summary, 0.65);
        AcqEngMetadata.setAffineTransformString(summary, "Undefined");
        AcqEngMetadata.setWidth(summary, WIDTH);
        AcqEngMetadata.setHeight(summary, HEIGHT);
        return summary;
    }

    /** An image as AcqEngJ hands it to the sink: pixels from the core, axes with the channel by name. */
    private static TaggedImage image(int t, int p, int z, int c) throws Exception {
        JSONObject tags = new JSONObject();
        AcqEngMetadata.createAxes(tags);
        AcqEngMetadata.setAxisPosition(tags, "time", t);
        AcqEngMetadata.setAxisPosition(tags, "position", p);
        AcqEngMetadata.setAxisPosition(tags, "z", z);
        AcqEngMetadata.setAxisPosition(tags, "channel", CHANNELS[c]);
        AcqEngMetadata.setExposure(tags, 20.0 + c);
        AcqEngMetadata.setStageXIntended(tags, p * 500.0);
        AcqEngMetadata.setStageYIntended(tags, 20.0);
        AcqEngMetadata.setStageZIntended(tags, z * 0.5);
        AcqEngMetadata.setPositionName(tags, p == 0 ? "A1-left" : "A1-right");
        tags.put("ElapsedTime-ms", (long) (t * 1000 + p * 100 + z * 10 + c));
        tags.put("Camera", "Camera");
        return new TaggedImage(pixels(t, p, z, c), tags);
    }

    private static short[] pixels(int t, int p, int z, int c) {
        short[] pixels = new short[WIDTH * HEIGHT];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (t * 9001 + p * 3001 + z * 301 + c * 31 + i * 7);
        }
        return pixels;
    }

    private static String sha256(short[] pixels) {
        ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pixels);
        return ZarrPython.sha256(bytes);
    }

    /** Runs the whole acquisition through a sink, as AcqEngJ's saving thread does. */
    private static AcqEngJSink acquire(Path output, SaveOptions options) throws Exception {
        AcqEngJSink sink = new AcqEngJSink(output, declared(), options);
        sink.initialize(null, acqEngJSummary());
        assertFalse(sink.anythingAcquired());
        for (int t = 0; t < TIMES; t++) {
            for (int p = 0; p < POSITIONS; p++) {
                for (int z = 0; z < SLICES; z++) {
                    for (int c = 0; c < CHANNELS.length; c++) {
                        Object saved = sink.putImage(image(t, p, z, c));
                        assertEquals(new JSONObject(saved.toString()).get("channel"), CHANNELS[c],
                                "the image-saved notification names the image's axes");
                    }
                }
            }
        }
        assertTrue(sink.anythingAcquired());
        assertFalse(sink.isFinished());
        sink.finish();
        assertTrue(sink.isFinished());
        assertEquals(TIMES * POSITIONS * SLICES * CHANNELS.length, sink.statistics().framesWritten());
        return sink;
    }

    @Test
    void everyImageIsReadBackPixelExactByZarrPython(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("acq_1.ome.zarr");
        acquire(output, SaveOptions.builder().format(ZarrFormat.V2).build());
        ZarrPython.Request request = new ZarrPython.Request();
        for (int p = 0; p < POSITIONS; p++) {
            request.add("position " + p, output.resolve(String.valueOf(p)), "0");
        }
        Map<String, ZarrPython.Dataset> read = ZarrPython.read(request);
        for (int p = 0; p < POSITIONS; p++) {
            ZarrPython.Dataset position = read.get("position " + p).assertReadable();
            assertEquals("<u2", position.dtype());
            checkEveryPlane(p, position.shape(), position::plane);
        }
    }

    @Test
    void theDefaultShardedV3IsReadBackPixelExactByZarrita(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("acq_2.ome.zarr");
        acquire(output, SaveOptions.DEFAULTS);
        Zarrita.Request request = new Zarrita.Request();
        for (int p = 0; p < POSITIONS; p++) {
            request.add("position " + p, output.resolve(String.valueOf(p)), "0");
        }
        Map<String, Zarrita.Dataset> read = Zarrita.read(request);
        for (int p = 0; p < POSITIONS; p++) {
            Zarrita.Dataset position = read.get("position " + p).assertReadable();
            checkEveryPlane(p, position.shape(), position::plane);
        }
    }

    /** Planes as a reader hashed them: (t, c, z) → SHA-256. */
    private interface Planes {
        String plane(int t, int c, int z);
    }

    private static void checkEveryPlane(int p, int[] shape, Planes planes) {
        assertArrayEquals(new int[] {TIMES, CHANNELS.length, SLICES, HEIGHT, WIDTH}, shape,
                "the open-ended time axis grew to the time points acquired");
        for (int t = 0; t < TIMES; t++) {
            for (int z = 0; z < SLICES; z++) {
                for (int c = 0; c < CHANNELS.length; c++) {
                    assertEquals(sha256(pixels(t, p, z, c)), planes.plane(t, c, z),
                            "t=" + t + " p=" + p + " z=" + z + " c=" + CHANNELS[c]);
                }
            }
        }
    }

    @Test
    void channelsNotDeclaredAreNumberedAsTheyFirstAppear(@TempDir Path folder) throws Exception {
        MdaSummary twoUnnamed = MdaSummary.builder().intended("channel", 2).build();
        Path output = folder.resolve("b.ome.zarr");
        AcqEngJSink sink = new AcqEngJSink(output, twoUnnamed, SaveOptions.builder().viewerCacheMiB(0).build());
        sink.initialize(null, acqEngJSummary());
        sink.putImage(image(0, 0, 0, 1)); // FITC first: index 0
        sink.putImage(image(0, 0, 0, 0)); // DAPI: index 1
        FrameRejectedException third = assertThrows(FrameRejectedException.class, () -> {
            TaggedImage cy5 = image(1, 0, 0, 0);
            AcqEngMetadata.setAxisPosition(cy5.tags, "channel", "Cy5");
            sink.putImage(cy5);
        });
        assertTrue(third.getMessage().contains("'Cy5'") && third.getMessage().contains("[FITC, DAPI]"), third.getMessage());
        sink.finish();

        ZarrReader reader = ZarrReader.open(new FileSystemStore(output), "0");
        assertArrayEquals(pixels(0, 0, 0, 1), plane(reader, 0, 0, 0));
        assertArrayEquals(pixels(0, 0, 0, 0), plane(reader, 0, 1, 0));
    }

    private static short[] plane(ZarrReader reader, int t, int c, int z) throws java.io.IOException {
        short[] values = new short[WIDTH * HEIGHT];
        reader.readPlane(t, c, z).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(values);
        return values;
    }

    @Test
    void anAxisTheDatasetCannotHoldStopsTheAcquisitionWithItsName(@TempDir Path folder) throws Exception {
        AcqEngJSink sink = new AcqEngJSink(folder.resolve("c.ome.zarr"), declared(), SaveOptions.DEFAULTS);
        sink.initialize(null, acqEngJSummary());
        TaggedImage tile = image(0, 0, 0, 0);
        AcqEngMetadata.setAxisPosition(tile.tags, "row", 2);
        FrameRejectedException refused = assertThrows(FrameRejectedException.class, () -> sink.putImage(tile));
        assertTrue(refused.getMessage().contains("'row'"), refused.getMessage());
        sink.finish();
    }

    @Test
    void withoutAFrameSizeTheSinkSaysWhatIsMissing(@TempDir Path folder) {
        AcqEngJSink sink = new AcqEngJSink(folder.resolve("d.ome.zarr"), declared(), SaveOptions.DEFAULTS);
        JSONObject noSize = acqEngJSummary();
        noSize.remove("Width");
        noSize.remove("Height");
        org.zarrscope.SettingsException missing = assertThrows(org.zarrscope.SettingsException.class,
                () -> sink.initialize(null, noSize));
        assertEquals("frameSize", missing.field());
    }
}
