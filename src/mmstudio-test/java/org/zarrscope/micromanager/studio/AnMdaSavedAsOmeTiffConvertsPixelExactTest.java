package org.zarrscope.micromanager.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * A Multi-D Acquisition in a real MMStudio (under Xvfb, the project's demo configuration), saved
 * by Micro-Manager itself as OME-TIFF, on each engine ({@link StudioOmeTiffMda} in a child JVM; the
 * Clojure engine and AcqEngJ order their axes differently), then {@code zarrscope convert}: every
 * image reads back (Zarrscope's reader and zarrita) as the acquisition's datastore held it, each
 * position is an image named as in the position list, and every frame row has the exposure,
 * elapsed time and stage X/Y/Z Micro-Manager recorded (the exposure also for AcqEngJ, whose images
 * mmstudio keeps it in the user data of, as the live Studio route reads it).
 */
@ExternalProcess
class AnMdaSavedAsOmeTiffConvertsPixelExactTest {
    private static final int WIDTH = 512;
    private static final List<String> ADD_OPENS = Arrays.asList(
            "--add-opens", "java.desktop/java.awt=ALL-UNNAMED", "--add-opens", "java.desktop/java.awt.color=ALL-UNNAMED");

    @Test
    void eachEnginesOmeTiffConvertsEveryPixelAndFrameRow(@TempDir Path folder) throws Exception {
        Path home = RealMicroManager.home();
        try (XvfbDisplay display = XvfbDisplay.start(folder.resolve("xvfb.log"))) {
            for (boolean acqEngJ : new boolean[] {false, true}) {
                String engine = acqEngJ ? "acqengj" : "clojure";
                Path run = Files.createDirectories(folder.resolve(engine));
                List<String> report = acquire(home, display, run, acqEngJ);
                Path source = Paths.get(report.get(0).split("\t")[1]);
                Path output = run.resolve("converted.ome.zarr");
                CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
                check(engine, report.subList(1, report.size()), output);
            }
        }
    }

    /** Runs the MDA in a fresh user profile; returns the report's lines (save path, then one per image). */
    private static List<String> acquire(Path home, XvfbDisplay display, Path run, boolean acqEngJ) throws Exception {
        Path userHome = Files.createDirectories(run.resolve("home"));
        Path root = Files.createDirectories(run.resolve("data"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", userHome.toString());
        environment.put("DISPLAY", display.display());
        List<String> options = new ArrayList<>(ADD_OPENS);
        options.addAll(Arrays.asList("-Duser.home=" + userHome,
                "-Dorg.micromanager.corelog.dir=" + Files.createDirectories(run.resolve("CoreLogs"))));
        // the test classes and the installation's jars only: no Zarrscope plugin in this session
        Path testClasses = Paths.get(StudioOmeTiffMda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String classPath = Stream.concat(Stream.of(testClasses), RealMicroManager.jars(home).stream())
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Path profileLog = run.resolve("profile.log");
        assertEquals(0, RealMicroManager.java(home, classPath, options, environment, profileLog, 60,
                StudioProfile.class.getName(), RealMicroManager.demoConfig().toString(), Boolean.toString(acqEngJ)),
                () -> "writing the user profile failed:\n" + output(profileLog));
        Path log = run.resolve("studio.log");
        Path report = run.resolve("report.tsv");
        int exit = RealMicroManager.java(home, classPath, options, environment, log, 180,
                StudioOmeTiffMda.class.getName(), root.toString(), report.toString());
        assertEquals(0, exit, () -> "the MDA failed:\n" + output(log));
        return Files.readAllLines(report);
    }

    private static void check(String engine, List<String> images, Path output) throws Exception {
        int positions = StudioOmeTiffMda.POSITIONS.size();
        int expectedImages = StudioOmeTiffMda.TIME_POINTS * positions * StudioOmeTiffMda.CHANNELS.size()
                * StudioOmeTiffMda.SLICES_UM.size();
        assertEquals(expectedImages, images.size(), engine + ": images acquired");
        Map<FrameCoordinates, String[]> byFrame = new HashMap<>();
        for (String line : images) {
            String[] f = line.split("\t");
            byFrame.put(FrameCoordinates.at(Integer.parseInt(f[2]), Integer.parseInt(f[1]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[3])), f);
        }
        Zarrita.Request request = new Zarrita.Request();
        for (int p = 0; p < positions; p++) {
            request.add("position " + p, output.resolve(String.valueOf(p)), "0");
        }
        Map<String, Zarrita.Dataset> zarrita = Zarrita.read(request);
        for (int p = 0; p < positions; p++) {
            Path image = output.resolve(String.valueOf(p));
            JsonNode ome = ZarrJson.MAPPER.readTree(image.resolve("zarr.json").toFile()).path("attributes").path("ome");
            assertEquals(StudioOmeTiffMda.POSITIONS.get(p), ome.path("multiscales").get(0).path("name").asText(),
                    engine + ": position " + p);
            List<String> channels = new ArrayList<>();
            ome.path("omero").path("channels").forEach(channel -> channels.add(channel.path("label").asText()));
            assertEquals(StudioOmeTiffMda.CHANNELS, channels, engine);
            ZarrReader reader = ZarrReader.open(new FileSystemStore(image), "0");
            Zarrita.Dataset read = zarrita.get("position " + p).assertReadable();
            int[] shape = {StudioOmeTiffMda.TIME_POINTS, StudioOmeTiffMda.CHANNELS.size(),
                StudioOmeTiffMda.SLICES_UM.size(), WIDTH, WIDTH};
            assertArrayEquals(shape, reader.shape(), engine);
            assertArrayEquals(shape, read.shape(), engine);
            for (Map.Entry<FrameCoordinates, String[]> each : byFrame.entrySet()) {
                FrameCoordinates frame = each.getKey();
                if (frame.position() != p) {
                    continue;
                }
                String expected = each.getValue()[5];
                assertEquals(expected, Zarrita.sha256(reader.readPlane(frame.time(), frame.channel(), frame.z())),
                        engine + ", Zarrscope's reader: " + frame);
                assertEquals(expected, read.plane(frame.time(), frame.channel(), frame.z()), engine + ", zarrita: " + frame);
            }
        }
        List<FrameRecord> rows = FrameTableReader.read(new FileSystemStore(output));
        assertEquals(expectedImages, rows.size(), engine + ": frame rows");
        for (FrameRecord row : rows) {
            String[] recorded = byFrame.get(row.frame());
            FrameMetadata m = row.metadata();
            String at = engine + " " + row.frame();
            assertTrue(m.exposureMs() != null && m.elapsedMs() != null && m.stageXUm() != null && m.stageZUm() != null,
                    at + ": Micro-Manager records exposure, time and stage position with every MDA image: exposure "
                            + m.exposureMs() + ", elapsed " + m.elapsedMs() + ", x " + m.stageXUm() + ", z "
                            + m.stageZUm() + ", other " + m.extra());
            // both engines: the channel's exposure (mmstudio keeps AcqEngJ's in the image's user data)
            assertEquals(StudioOmeTiffMda.EXPOSURE_MS, m.exposureMs(), at + ": exposure");
            assertEquals(number(recorded[7]), m.elapsedMs(), at + ": elapsed time");
            assertEquals(number(recorded[8]), m.stageXUm(), at + ": stage X");
            assertEquals(number(recorded[9]), m.stageYUm(), at + ": stage Y");
            assertEquals(number(recorded[10]), m.stageZUm(), at + ": stage Z");
        }
        JsonNode scale = ZarrJson.MAPPER.readTree(output.resolve("0/zarr.json").toFile()).path("attributes")
                .path("ome").path("multiscales").get(0).path("datasets").get(0).path("coordinateTransformations")
                .get(0).path("scale");
        assertEquals(number(images.get(0).split("\t")[11]), scale.get(4).asDouble(), engine + ": pixel size");
        assertEquals(1.0, scale.get(2).asDouble(), engine + ": z step");
    }

    private static Double number(String text) {
        return "null".equals(text) ? null : Double.valueOf(text);
    }

    private static String output(Path log) {
        try {
            return ZarrscopeChild.output(log);
        } catch (java.io.IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
