package org.zarrscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.micromanager.headless.Microscope;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.FakeMicroscope;
import org.zarrscope.zarr.ZarrJson;
import picocli.CommandLine;

/**
 * {@code zarrscope acquire} with a fake microscope in place of MMCore: a run prints the same
 * summary as {@code simulate} and exits 0; an overflow exits 1 with the summary and a message;
 * bad flags and input files exit 2 before Micro-Manager would start.
 */
class AcquireCommandTest {
    private static final String DEMO = "device-configs/MMConfig_demo.cfg";

    @TempDir
    Path temp;
    private Path mmHome;
    private FakeMicroscope scope;
    /** What the command connects to: the fake microscope unless a test replaces it. */
    private Microscope connected;
    private int connections;

    @BeforeEach
    void fakeInstallation() throws IOException {
        mmHome = temp.resolve("Micro-Manager-2.0");
        Files.createDirectories(mmHome.resolve("plugins/Micro-Manager"));
        Files.write(mmHome.resolve("plugins/Micro-Manager/MMCoreJ.jar"), new byte[0]);
        scope = new FakeMicroscope();
        connected = scope;
    }

    private String[] run(int expectedExit, String... flags) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == AcquireCommand.class) {
                    return type.cast(new AcquireCommand((installation, config, tags) -> {
                        connections++;
                        return connected;
                    }));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        List<String> args = new ArrayList<>(Arrays.asList("acquire", "--no-progress", "--threads", "2", "--memory", "64"));
        args.addAll(Arrays.asList(flags));
        if (!args.contains("--mm-home")) {
            args.addAll(Arrays.asList("--mm-home", mmHome.toString()));
        }
        CommandRun run = CommandRun.of(ZarrscopeCommand.commandLine(factory), args.toArray(new String[0]));
        assertEquals(expectedExit, run.exitCode, run.toString());
        return new String[] {run.out, run.err};
    }

    @Test
    void aRunPrintsTheSummaryAndWritesTheDataset() throws IOException {
        Path output = temp.resolve("run.ome.zarr");
        String[] result = run(0, "--config", DEMO, "--out", output.toString(), "--frames", "3", "--channels", "DAPI,FITC",
                "--slices", "3", "--z-step", "0.5", "--format", "v2", "--buffer-mb", "2000", "--roi", "0,0,8,4");
        assertTrue(result[0].contains("dataset: " + output.toAbsolutePath()), result[0]);
        assertTrue(result[0].contains("frames: 18 accepted, 18 written"), result[0]);
        assertTrue(result[0].contains("throughput:"), result[0]);
        assertTrue(result[1].contains("camera FakeCam: 8 x 4 uint16"), result[1]);
        assertTrue(result[1].contains("acquiring 3 time points, 2 channels [DAPI, FITC], 3 slices (18 frames, order tczyx)"),
                result[1]);
        assertTrue(scope.log().containsAll(Arrays.asList("buffer 2000", "roi 0 0 8 4", "preset Channel DAPI",
                "move Z 9.5", "move Z 10.5")), "the channel group is the configuration's; the stack is centred on the "
                + "focus: " + scope.log());
        assertTrue(scope.isClosed());

        JsonNode attributes = ZarrJson.MAPPER.readTree(output.resolve(".zattrs").toFile());
        assertEquals("complete", attributes.path("zarrscope").path("status").asText());
        JsonNode summary = attributes.path("zarrscope").path("summary");
        assertEquals("Channel", summary.path("channelGroup").asText(), summary.toString());
        assertEquals("DAPI", summary.path("channels").get(0).path("name").asText());
        assertEquals("FITC", summary.path("channels").get(1).path("name").asText());
        assertTrue(summary.path("userData").toString().contains("MMConfig_demo.cfg"), summary.toString());
        JsonNode scale = attributes.path("multiscales").get(0).path("datasets").get(0)
                .path("coordinateTransformations").get(0).path("scale");
        assertEquals(0.5, scale.get(2).asDouble(), "z step");
        assertEquals(0.65, scale.get(4).asDouble(), "pixel size from the microscope");
    }

    @Test
    void anInstallationMissingACoreMethodIsOneClearLine() {
        connected = (Microscope) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Microscope.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("pixelSizeAffine")) {
                        throw new NoSuchMethodError("'java.lang.String mmcorej.CMMCore.getPixelSizeAffineAsString()'");
                    }
                    try {
                        return method.invoke(scope, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String[] result = run(1, "--config", DEMO, "--out", temp.resolve("old.ome.zarr").toString(), "--frames", "2");
        assertEquals("zarrscope: " + mmHome.resolve("plugins/Micro-Manager/MMCoreJ.jar") + " does not provide what "
                + "Zarrscope calls (java.lang.NoSuchMethodError: 'java.lang.String mmcorej.CMMCore.getPixelSizeAffineAsString()'"
                + "); this Micro-Manager may be older or newer than those Zarrscope supports (docs/micro-manager.md)",
                result[1].trim());
        assertTrue(scope.isClosed(), "the microscope is closed");
    }

    @Test
    void anOverflowExitsOneWithTheSummaryAndWhatToDo() throws IOException {
        scope.overflowAfter(7);
        Path output = temp.resolve("overflow.ome.zarr");
        String[] result = run(1, "--config", DEMO, "--out", output.toString(), "--frames", "20", "--format", "v2");
        assertTrue(result[0].contains("frames: 7 accepted, 7 written"), result[0]);
        assertTrue(result[1].contains("zarrscope: Micro-Manager's circular buffer overflowed at frame 8 of 20"), result[1]);
        assertTrue(result[1].contains("--buffer-mb"), result[1]);
        JsonNode attributes = ZarrJson.MAPPER.readTree(output.resolve(".zattrs").toFile());
        assertEquals("aborted", attributes.path("zarrscope").path("status").asText());
    }

    @Test
    void badInputIsRefusedBeforeMicroManagerStarts() throws IOException {
        Path out = temp.resolve("never.ome.zarr");
        String[] result = run(2, "--config", "missing.cfg", "--out", out.toString());
        assertTrue(result[1].contains("--config missing.cfg: there is no such file"), result[1]);

        Path broken = temp.resolve("broken.cfg");
        Files.write(broken, Arrays.asList("Device,Camera,DemoCamera,DCam", "Property,Camera"),
                StandardCharsets.UTF_8);
        result = run(2, "--config", broken.toString(), "--out", out.toString());
        assertTrue(result[1].contains(broken + ", line 2: Property takes 3 or 4 comma-separated fields, this line has 2"), result[1]);

        result = run(2, "--config", DEMO, "--out", out.toString(), "--mm-home", temp.resolve("nowhere").toString());
        assertTrue(result[1].contains("--mm-home: the Micro-Manager folder"), result[1]);
        assertTrue(result[1].contains("does not exist"), result[1]);

        result = run(2, "--config", DEMO, "--out", out.toString(), "--mm-home", temp.toString());
        assertTrue(result[1].contains("is not a Micro-Manager installation"), result[1]);

        result = run(2, "--config", DEMO, "--out", out.toString(), "--channels", "DAPI,GFP");
        assertTrue(result[1].contains("group Channel has no preset 'GFP'; its presets: [DAPI, FITC, Rhodamine, Cy5]"),
                result[1]);

        result = run(2, "--config", DEMO, "--out", out.toString(), "--channel-group", "Filters", "--channels", "DAPI");
        assertTrue(result[1].contains("--channel-group Filters: " + DEMO + " has no such group"), result[1]);

        result = run(2, "--config", DEMO, "--out", out.toString(), "--slices", "5");
        assertTrue(result[1].contains("--slices 5 needs --z-step"), result[1]);

        Path positions = temp.resolve("piezo.pos");
        Files.write(positions, ("{\"map\": {\"StagePositions\": {\"array\": [{\"Label\": {\"scalar\": \"Pos0\"}, "
                + "\"DevicePositions\": {\"array\": [{\"Device\": {\"scalar\": \"Piezo\"}, \"Position_um\": {\"array\": "
                + "[1.5]}}]}}]}}}").getBytes(StandardCharsets.UTF_8));
        result = run(2, "--config", DEMO, "--out", out.toString(), "--positions", positions.toString());
        assertTrue(result[1].contains("position Pos0 moves the stage 'Piezo', which " + DEMO + " does not load"),
                result[1]);

        assertEquals(0, connections, "Micro-Manager was never started");
        assertTrue(!Files.exists(out), "nothing was written");
    }
}
