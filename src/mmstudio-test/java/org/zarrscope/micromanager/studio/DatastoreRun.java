package org.zarrscope.micromanager.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Paths;
import java.util.Map;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.Metadata;
import org.micromanager.data.internal.DefaultDataManager;
import org.micromanager.data.internal.DefaultDatastore;
import org.zarrscope.ZarrFormat;
import org.zarrscope.micromanager.mda.MdaRun;
import org.zarrscope.micromanager.mda.SaveOptions;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrJson;

/**
 * A run of Micro-Manager's own {@code DefaultDatastore} (no Studio) with {@link ZarrscopeStorage}
 * installed as the plugin installs it for an MDA, in a child JVM on an installation's jars (mmstudio
 * needs ImageJ and the installation's other libraries) for
 * {@code ARealDatastoreSavesThroughZarrscopeStorageTest}: the summary is set after the storage is
 * installed (it reaches the storage on the datastore's event bus), real mmstudio {@code Image}s
 * are put, and what the datastore serves back during the run is hashed into a JSON report; then
 * the datastore is frozen and closed.
 *
 * <p>Arguments: dataset folder, report file.
 */
public final class DatastoreRun {
    static final int WIDTH = 40;
    static final int HEIGHT = 24;
    static final int TIMES = 2;
    static final int POSITIONS = 2;
    static final int SLICES = 3;
    static final String[] CHANNELS = {"DAPI", "FITC"};
    static final int USER_ORANGE = 0xFF8000;
    static final double[] XY_OF_POSITION_1 = {300, -40};

    private DatastoreRun() {
    }

    public static void main(String[] args) throws Exception {
        DataManager data = new DefaultDataManager(null);
        DefaultDatastore store = new DefaultDatastore(null);
        // as ZarrscopeSavePlugin passes the MDA's ChannelSpec colours: DAPI left at ChannelSpec's grey, FITC chosen
        ZarrscopeStorage.install(store, new MdaRun(Paths.get(args[0]), SaveOptions.builder().format(ZarrFormat.V2).build()),
                Map.of("DAPI", Color.gray.getRGB(), "FITC", 0xFF000000 | USER_ORANGE), data, message -> { });
        store.setSummaryMetadata(data.summaryMetadataBuilder()
                .axisOrder("time", "position", "z", "channel")
                .intendedDimensions(data.coordsBuilder().time(TIMES).stagePosition(POSITIONS).z(SLICES)
                        .channel(CHANNELS.length).build())
                .channelGroup("Channel").channelNames(CHANNELS).zStepUm(0.5).waitInterval(1000.0)
                .prefix("mda").startDate("2026-12-03 10:11:12.345 +0100").build());

        ObjectNode report = ZarrJson.MAPPER.createObjectNode();
        report.put("savePath", store.getSavePath());
        ArrayNode servedDuringRun = report.putArray("servedDuringRun");
        Coords first = null;
        for (int t = 0; t < TIMES; t++) {
            for (int p = 0; p < POSITIONS; p++) {
                for (int z = 0; z < SLICES; z++) {
                    for (int c = 0; c < CHANNELS.length; c++) {
                        Coords coords = data.coordsBuilder().time(t).stagePosition(p).z(z).channel(c).build();
                        first = first == null ? coords : first;
                        store.putImage(data.createImage(pixels(t, p, z, c), WIDTH, HEIGHT, 2, 1, coords,
                                metadata(data, p, z, c, t)));
                        servedDuringRun.addObject().put("t", t).put("p", p).put("z", z).put("c", c)
                                .put("sha256", sha256((short[]) store.getImage(coords).getRawPixels()));
                    }
                }
            }
        }
        report.put("numImages", store.getNumImages());
        report.put("ignoringChannel", store.getImagesIgnoringAxes(first, "channel").size());
        report.put("firstAgain", sha256((short[]) store.getImage(first).getRawPixels()));
        store.freeze();
        report.put("frozen", store.isFrozen());
        store.close();
        ZarrJson.MAPPER.writeValue(Paths.get(args[1]).toFile(), report);
        System.exit(0); // the datastore's event bus threads are not daemons
    }

    /** Distinct pixels for every image, most above 32767 (unsigned 16 bit). */
    static short[] pixels(int t, int p, int z, int c) {
        short[] pixels = new short[WIDTH * HEIGHT];
        int seed = ((t * POSITIONS + p) * SLICES + z) * CHANNELS.length + c;
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (seed * 1009 + i * 37 + 40_000);
        }
        return pixels;
    }

    /** Exposure by channel, a focus position always, an XY position only at position 1. */
    private static Metadata metadata(DataManager data, int p, int z, int c, int t) {
        Metadata.Builder metadata = data.metadataBuilder().exposureMs(10.0 + c).elapsedTimeMs(1000.0 * t)
                .zPositionUm(0.5 * z).camera("Camera");
        if (p == 1) {
            metadata.xPositionUm(XY_OF_POSITION_1[0]).yPositionUm(XY_OF_POSITION_1[1]);
        }
        return metadata.build();
    }

    static String sha256(short[] pixels) {
        ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pixels);
        return ZarrPython.sha256(bytes);
    }
}
