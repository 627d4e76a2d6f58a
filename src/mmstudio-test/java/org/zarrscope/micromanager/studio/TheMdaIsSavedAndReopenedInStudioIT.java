package org.zarrscope.micromanager.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrReader;

/**
 * The Studio route end to end, as a user takes it: a real MMStudio (under Xvfb, on the project's
 * demo configuration) with the packaged plugin jar in {@code mmplugins/}, the OME-Zarr option
 * switched on in the plugin's dialog, a Multi-D Acquisition on each engine the installation has,
 * the dataset read back here, and the same dataset opened with Open OME-Zarr and drawn in
 * Studio's viewer ({@link StudioMdaDriver} does the Studio side in a child JVM).
 *
 * <p>Run with {@code mvn verify -Dmm.home=<Micro-Manager folder> -Dit.test=TheMdaIsSavedAndReopenedInStudioIT}.
 * Screenshots of both viewers go to {@code target/studio-screenshots/}; each run's logs, profile and
 * dataset stay in {@code target/studio-e2e/<engine>/}.
 */
class TheMdaIsSavedAndReopenedInStudioIT {
    private static final int WIDTH = 512;
    private static final List<String> ADD_OPENS = Arrays.asList(
            "--add-opens", "java.desktop/java.awt=ALL-UNNAMED", "--add-opens", "java.desktop/java.awt.color=ALL-UNNAMED");

    @Test
    void eachEngineSavesTheSameFrameMetadataAndTheDatasetShowsAgainInTheViewer() throws Exception {
        Path home = RealMicroManager.home();
        Path pluginJar = Paths.get(System.getProperty("zarrscope.plugin.jar", "target/zarrscope-mmplugin.jar"));
        assertTrue(Files.isRegularFile(pluginJar), "no plugin jar at " + pluginJar + ": run mvn verify, which packages it");
        Path work = fresh(Paths.get("target", "studio-e2e").toAbsolutePath());
        Path plugins = Files.createDirectories(work.resolve("mmplugins"));
        Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path screenshots = Paths.get("target", "studio-screenshots").toAbsolutePath();

        Map<String, Map<String, FrameMetadata>> byEngine = new LinkedHashMap<>();
        try (XvfbDisplay display = XvfbDisplay.start(work.resolve("xvfb.log"))) {
            byEngine.put("clojure", runMda(home, work, plugins, screenshots, display, "clojure", false));
            byEngine.put("acqengj", runMda(home, work, plugins, screenshots, display, "acqengj", true));
        }
        Map<String, FrameMetadata> clojure = byEngine.get("clojure");
        Map<String, FrameMetadata> acqEngJ = byEngine.get("acqengj");
        assertEquals(clojure.keySet(), acqEngJ.keySet(), "both engines acquire the same frames");
        for (String frame : clojure.keySet()) {
            FrameMetadata a = clojure.get(frame);
            FrameMetadata b = acqEngJ.get(frame);
            assertEquals(a.exposureMs(), b.exposureMs(), frame + ": exposure");
            assertEquals(a.stageZUm(), b.stageZUm(), frame + ": stage z");
            assertEquals(a.camera(), b.camera(), frame + ": camera");
        }
    }

    /** One engine's session in Studio; returns the dataset's frame table by {@code t,c,z}. */
    private static Map<String, FrameMetadata> runMda(Path home, Path work, Path plugins, Path screenshots,
            XvfbDisplay display, String engine, boolean acqEngJ) throws Exception {
        Path run = Files.createDirectories(work.resolve(engine));
        Path userHome = Files.createDirectories(run.resolve("home"));
        Path root = Files.createDirectories(run.resolve("data"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", userHome.toString());
        environment.put("DISPLAY", display.display());
        List<String> options = new java.util.ArrayList<>(ADD_OPENS);
        options.addAll(Arrays.asList("-Duser.home=" + userHome, "-Dorg.micromanager.plugin.path=" + plugins,
                "-Dorg.micromanager.corelog.dir=" + Files.createDirectories(run.resolve("CoreLogs"))));
        String classPath = studioClassPath(home);

        Path profileLog = run.resolve("profile.log");
        assertEquals(0, RealMicroManager.java(home, classPath, options, environment, profileLog, 60,
                StudioProfile.class.getName(), RealMicroManager.demoConfig().toString(), Boolean.toString(acqEngJ)),
                () -> "writing the user profile failed:\n" + output(profileLog));
        Path studioLog = run.resolve("studio.log");
        long start = System.nanoTime();
        int exit = RealMicroManager.java(home, classPath, options, environment, studioLog, 120,
                StudioMdaDriver.class.getName(), root.toString(), screenshots.toString(), engine);
        System.out.printf("%s: Studio session %.1f s (log %s)%n", engine, (System.nanoTime() - start) / 1e9, studioLog);
        assertEquals(0, exit, () -> engine + ": the Studio session failed:\n" + output(studioLog));
        return readBack(root, engine);
    }

    /**
     * The test classes (the driver) and the installation's jars, without Zarrscope's own classes:
     * MMStudio also finds plugins on its class path, which would hide the jar in {@code mmplugins/}.
     */
    private static String studioClassPath(Path home) throws Exception {
        Path testClasses = Paths.get(StudioMdaDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Stream.concat(Stream.of(testClasses), RealMicroManager.jars(home).stream())
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Map<String, FrameMetadata> readBack(Path root, String engine) throws Exception {
        List<Path> datasets;
        try (Stream<Path> files = Files.list(root)) {
            datasets = files.collect(Collectors.toList());
        }
        assertEquals(1, datasets.size(), engine + ": one dataset in " + root + ", found " + datasets);
        Path dataset = datasets.get(0);
        assertEquals(StudioMdaDriver.PREFIX + "_1.ome.zarr", dataset.getFileName().toString(), engine);
        FileSystemStore store = new FileSystemStore(dataset);
        ZarrReader reader = ZarrReader.open(store, "0");
        int channels = StudioMdaDriver.CHANNELS.size();
        int slices = StudioMdaDriver.SLICES_UM.size();
        assertArrayEquals(new int[] {StudioMdaDriver.TIME_POINTS, channels, slices, WIDTH, WIDTH}, reader.shape(), engine);
        for (int t = 0; t < StudioMdaDriver.TIME_POINTS; t++) {
            for (int c = 0; c < channels; c++) {
                for (int z = 0; z < slices; z++) {
                    assertTrue(nonZero(reader.readPlane(t, c, z)), engine + ": plane t" + t + " c" + c + " z" + z + " is all zeros");
                }
            }
        }
        Map<String, FrameMetadata> frames = new TreeMap<>();
        for (FrameRecord row : FrameTableReader.read(store)) {
            FrameMetadata m = row.metadata();
            String frame = "t" + row.frame().time() + " c" + row.frame().channel() + " z" + row.frame().z();
            assertNotNull(m.elapsedMs(), engine + " " + frame + ": elapsed time");
            assertEquals(StudioMdaDriver.EXPOSURE_MS, m.exposureMs(), engine + " " + frame + ": exposure");
            assertEquals(StudioMdaDriver.SLICES_UM.get(row.frame().z()), m.stageZUm(), 1e-6, engine + " " + frame + ": stage z");
            frames.put(frame, m);
        }
        assertEquals(StudioMdaDriver.TIME_POINTS * channels * slices, frames.size(), engine + ": frame table rows");
        String omeXml = new String(Files.readAllBytes(dataset.resolve("OME").resolve("METADATA.ome.xml")),
                StandardCharsets.UTF_8);
        assertTrue(omeXml.contains("ExposureTime="), engine + ": the OME-XML planes carry the exposure");
        assertTrue(omeXml.contains("PositionZ="), engine + ": the OME-XML planes carry the stage z");
        return frames;
    }

    private static boolean nonZero(ByteBuffer plane) {
        ByteBuffer bytes = plane.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.hasRemaining()) {
            if (bytes.get() != 0) {
                return true;
            }
        }
        return false;
    }

    private static Path fresh(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    private static String output(Path log) {
        try {
            return ZarrscopeChild.output(log);
        } catch (java.io.IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
