package org.zarrscope.micromanager.studio;

import java.awt.Color;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mmcorej.CMMCore;
import org.micromanager.MultiStagePosition;
import org.micromanager.PositionList;
import org.micromanager.Studio;
import org.micromanager.acquisition.ChannelSpec;
import org.micromanager.acquisition.SequenceSettings;
import org.micromanager.data.Coords;
import org.micromanager.data.Datastore;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.internal.MMStudio;

/**
 * Child JVM main: a Multi-D Acquisition in a real MMStudio saved by Micro-Manager itself as
 * OME-TIFF ("Image stack file", {@code StorageMultipageTiff}): 2 time points × DAPI, FITC × 3
 * slices at 2 positions of the position list, 512² uint16 from the demo camera drawing real images.
 * Then it writes, for every image the acquisition's datastore holds, its coordinates, the SHA-256
 * of its pixels (little-endian) and the metadata Micro-Manager recorded, one line each, for
 * {@code AnMdaSavedAsOmeTiffConvertsPixelExactTest}. Prints {@code PASS} and exits 0, or exits 1.
 *
 * <p>Arguments: the acquisition's root folder, the report file.
 */
public final class StudioOmeTiffMda {
    static final String PREFIX = "mda";
    static final int TIME_POINTS = 2;
    static final List<String> CHANNELS = Arrays.asList("DAPI", "FITC");
    static final List<Double> SLICES_UM = Arrays.asList(-1.0, 0.0, 1.0);
    static final List<String> POSITIONS = Arrays.asList("Site-1", "Site-2");
    static final double[][] XY_UM = {{100, 200}, {-300, 50}};
    static final double EXPOSURE_MS = 10;

    private StudioOmeTiffMda() {
    }

    public static void main(String[] args) {
        try {
            run(Paths.get(args[0]), Paths.get(args[1]));
            System.out.println("PASS");
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace(System.out);
            System.out.println("FAIL " + failure);
            System.exit(1);
        }
    }

    private static void run(Path root, Path report) throws Exception {
        Studio studio = new MMStudio(false, null);
        report(acquire(studio, root, Datastore.SaveMode.MULTIPAGE_TIFF), report);
    }

    /**
     * Runs the Multi-D Acquisition in {@code studio}, saved by Micro-Manager in {@code root} as
     * {@code saveMode} says (this class's test: {@code MULTIPAGE_TIFF}); returns its datastore.
     */
    static Datastore acquire(Studio studio, Path root, Datastore.SaveMode saveMode) throws Exception {
        CMMCore core = studio.core();
        core.setConfig("Camera", "Small");
        core.setProperty("Camera", "FastImage", "0"); // the demo camera draws a real image for every frame
        core.waitForSystem();
        PositionList positions = new PositionList();
        for (int p = 0; p < POSITIONS.size(); p++) {
            MultiStagePosition position = new MultiStagePosition("XY", XY_UM[p][0], XY_UM[p][1], "Z", 0);
            position.setLabel(POSITIONS.get(p));
            positions.addPosition(position);
        }
        studio.positions().setPositionList(positions);

        ArrayList<ChannelSpec> channels = new ArrayList<>();
        for (String channel : CHANNELS) {
            channels.add(studio.acquisitions().channelSpecBuilder().channelGroup("Channel").config(channel)
                    .exposure(EXPOSURE_MS).doZStack(true).useChannel(true).color(Color.WHITE).build());
        }
        SequenceSettings settings = studio.acquisitions().sequenceSettingsBuilder()
                .useFrames(true).numFrames(TIME_POINTS).intervalMs(0)
                .useChannels(true).channelGroup("Channel").channels(channels)
                .useSlices(true).relativeZSlice(true).slices(new ArrayList<>(SLICES_UM))
                .sliceZBottomUm(SLICES_UM.get(0)).sliceZTopUm(SLICES_UM.get(SLICES_UM.size() - 1)).sliceZStepUm(1)
                .usePositionList(true).useAutofocus(false)
                .save(true).saveMode(saveMode).root(root.toString()).prefix(PREFIX)
                .shouldDisplayImages(false)
                .build();
        studio.acquisitions().setAcquisitionSettings(settings);
        return studio.acquisitions().runAcquisitionWithSettings(settings, true);
    }

    /** The save path, then one line per image: coordinates, SHA-256 of its pixels, recorded metadata. */
    static void report(Datastore acquired, Path report) throws Exception {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8))) {
            out.println("savePath\t" + acquired.getSavePath());
            for (Coords coords : acquired.getUnorderedImageCoords()) {
                Image image = acquired.getImage(coords);
                Metadata m = image.getMetadata();
                out.println(String.format(Locale.ROOT, "image\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s",
                        coords.getT(), coords.getStagePosition(), coords.getZ(), coords.getChannel(),
                        sha256((short[]) image.getRawPixels()), m.getExposureMs(), m.getElapsedTimeMs(-1),
                        m.getXPositionUm(), m.getYPositionUm(), m.getZPositionUm(), m.getPixelSizeUm()));
            }
        }
    }

    private static String sha256(short[] pixels) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pixels);
        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes.array())) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
