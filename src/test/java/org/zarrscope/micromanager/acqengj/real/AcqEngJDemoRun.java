package org.zarrscope.micromanager.acqengj.real;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import mmcorej.CMMCore;
import mmcorej.StrVector;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.micromanager.acqj.api.AcqEngJDataSink;
import org.micromanager.acqj.internal.Engine;
import org.micromanager.acqj.main.AcqEngMetadata;
import org.micromanager.acqj.main.Acquisition;
import org.micromanager.acqj.main.AcquisitionEvent;
import org.zarrscope.StagePosition;
import org.zarrscope.ZarrFormat;
import org.zarrscope.micromanager.acqengj.AcqEngJSink;
import org.zarrscope.micromanager.mda.MdaSummary;
import org.zarrscope.micromanager.mda.SaveOptions;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrJson;

/**
 * A real AcqEngJ acquisition of the demo microscope into {@link AcqEngJSink}, run in a child JVM
 * on a Micro-Manager installation's jars (MMCore with its native library, AcqEngJ) by
 * {@link ARealAcqEngJAcquisitionIsSavedPixelExactTest}: {@value #TIMES} time points × {@value #POSITIONS}
 * XY positions × {@value #SLICES} z slices × channels DAPI and FITC of the group {@code Channel},
 * declared and submitted as the Beanshell example of docs/micro-manager.md does.
 *
 * <p>Every image is hashed as the sink receives it (a sink wrapped around the real one), and the
 * hashes, with what the run set on the hardware, are written as JSON for the test to compare
 * with what readers find in the dataset.
 *
 * <p>Arguments: installation folder, configuration file, dataset folder, report file.
 */
public final class AcqEngJDemoRun {
    static final int TIMES = 2;
    static final int POSITIONS = 2;
    static final int SLICES = 3;
    static final String[] CHANNELS = {"DAPI", "FITC"};
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final double EXPOSURE_MS = 10;
    static final double Z_STEP_UM = 1.5;
    /** The second time point may not start before this, so the elapsed times span at least as much. */
    static final long INTERVAL_MS = 600;
    static final double[][] XY_UM = {{100, 200}, {-350, 50}};

    private AcqEngJDemoRun() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(args[0]);
        CMMCore core = new CMMCore();
        StrVector searchPaths = new StrVector();
        searchPaths.add(home.toString());
        core.setDeviceAdapterSearchPaths(searchPaths);
        core.loadSystemConfiguration(args[1]);
        // FastImage=1 returns the same buffer every frame; a test of pixels needs each frame drawn
        core.setProperty("Camera", "FastImage", "0");
        core.setProperty("Camera", "OnCameraCCDXSize", String.valueOf(WIDTH));
        core.setProperty("Camera", "OnCameraCCDYSize", String.valueOf(HEIGHT));
        core.setExposure(EXPOSURE_MS);
        double z0 = core.getPosition();

        new Engine(core);
        ObjectNode report = ZarrJson.MAPPER.createObjectNode();
        report.put("z0", z0);
        report.put("pixelSizeUm", core.getPixelSizeUm());
        ArrayNode delivered = report.putArray("frames");
        HashingSink sink = new HashingSink(new AcqEngJSink(Paths.get(args[2]), declared(),
                SaveOptions.builder().format(ZarrFormat.V2).build()), delivered);
        Acquisition acquisition = new Acquisition(sink);
        acquisition.start();
        acquisition.submitEventIterator(events(acquisition, z0).iterator());
        acquisition.finish();
        acquisition.waitForCompletion();
        acquisition.checkForExceptions();
        report.put("width", core.getImageWidth());
        report.put("height", core.getImageHeight());
        ZarrJson.MAPPER.writeValue(Paths.get(args[3]).toFile(), report);
        core.unloadAllDevices();
        System.exit(0); // AcqEngJ's engine threads are not daemons
    }

    private static MdaSummary declared() {
        MdaSummary.Builder summary = MdaSummary.builder().orderedAxes("time", "position", "z", "channel")
                .intended("time", TIMES).intended("position", POSITIONS).intended("z", SLICES)
                .intended("channel", CHANNELS.length).channelGroup("Channel").zStepUm(Z_STEP_UM);
        for (String channel : CHANNELS) {
            summary.channel(channel, null);
        }
        for (int p = 0; p < POSITIONS; p++) {
            summary.stagePosition(new StagePosition("Pos" + p, XY_UM[p][0], XY_UM[p][1], null));
        }
        return summary.build();
    }

    private static List<AcquisitionEvent> events(Acquisition acquisition, double z0) {
        List<AcquisitionEvent> events = new ArrayList<>();
        for (int t = 0; t < TIMES; t++) {
            for (int p = 0; p < POSITIONS; p++) {
                for (int z = 0; z < SLICES; z++) {
                    for (String channel : CHANNELS) {
                        AcquisitionEvent event = new AcquisitionEvent(acquisition);
                        event.setTimeIndex(t);
                        event.setMinimumStartTime(t * INTERVAL_MS);
                        event.setAxisPosition("position", p);
                        event.setX(XY_UM[p][0]);
                        event.setY(XY_UM[p][1]);
                        event.setZ(z, z0 + z * Z_STEP_UM);
                        event.setConfigGroup("Channel");
                        event.setConfigPreset(channel);
                        event.setChannelName(channel);
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    /** Hashes each image the way it reaches the sink, then hands it on unchanged. */
    private static final class HashingSink implements AcqEngJDataSink {
        private final AcqEngJSink sink;
        private final ArrayNode delivered;

        HashingSink(AcqEngJSink sink, ArrayNode delivered) {
            this.sink = sink;
            this.delivered = delivered;
        }

        @Override
        public void initialize(Acquisition acquisition, JSONObject summaryMetadata) {
            sink.initialize(acquisition, summaryMetadata);
        }

        @Override
        public Object putImage(TaggedImage image) {
            JSONObject axes = image.tags.optJSONObject(AcqEngMetadata.AXES);
            short[] pixels = (short[]) image.pix;
            ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(pixels);
            ObjectNode frame = delivered.addObject();
            frame.put("t", axes.optInt("time"));
            frame.put("p", axes.optInt("position"));
            frame.put("z", axes.optInt("z"));
            frame.put("channel", axes.optString("channel"));
            frame.put("sha256", ZarrPython.sha256(bytes));
            return sink.putImage(image);
        }

        @Override
        public void finish() {
            sink.finish();
        }

        @Override
        public boolean isFinished() {
            return sink.isFinished();
        }

        @Override
        public boolean anythingAcquired() {
            return sink.anythingAcquired();
        }
    }
}
