package org.zarrscope.micromanager.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * Convert to OME-Zarr… in the gear menu of a dataset's window, in a real MMStudio (under Xvfb, the
 * project's demo configuration; {@link StudioConvertDriver} in a child JVM whose class path holds
 * Zarrscope's classes, so MMStudio finds the plugin through its SciJava index): a Multi-D
 * Acquisition saved by Micro-Manager as OME-TIFF (2 time points × DAPI, FITC × 3 slices at 2
 * positions, 512² uint16), and the same saved as NDTiff, are each converted beside themselves,
 * with the codec of the plugin's saved options. Every plane reads back (Zarrscope's reader) as the acquisition's datastore held it,
 * each position named and the channels named as in the acquisition, one frame row per image; the
 * end message counts the frames. A dataset only in memory gets "save it first"; a second
 * conversion into the same folder fails in one line and leaves the first intact; the menu entry
 * with its dialogs converts into the next free folder and tells the end in a message box; Plugins ▸
 * Zarrscope ▸ Convert to OME-Zarr… acts on the active window (refusing the in-memory one).
 */
@ExternalProcess
class AnOpenDatasetConvertsFromItsWindowTest {
    private static final int WIDTH = 512;
    private static final int IMAGES = StudioOmeTiffMda.TIME_POINTS * StudioOmeTiffMda.POSITIONS.size()
            * StudioOmeTiffMda.CHANNELS.size() * StudioOmeTiffMda.SLICES_UM.size();
    private static final List<String> ADD_OPENS = Arrays.asList(
            "--add-opens", "java.desktop/java.awt=ALL-UNNAMED", "--add-opens", "java.desktop/java.awt.color=ALL-UNNAMED");

    @Test
    void theWindowsSavedDatasetConvertsBesideItPixelExact(@TempDir Path folder) throws Exception {
        Path home = RealMicroManager.home();
        Path userHome = Files.createDirectories(folder.resolve("home"));
        Path root = Files.createDirectories(folder.resolve("data"));
        Path report = folder.resolve("report.tsv");
        Path ending = folder.resolve("ending.txt");
        Path ndTiffReport = folder.resolve("ndtiff-report.tsv");
        try (XvfbDisplay display = XvfbDisplay.start(folder.resolve("xvfb.log"))) {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("HOME", userHome.toString());
            environment.put("DISPLAY", display.display());
            List<String> options = new ArrayList<>(ADD_OPENS);
            options.addAll(Arrays.asList("-Duser.home=" + userHome,
                    "-Dorg.micromanager.corelog.dir=" + Files.createDirectories(folder.resolve("CoreLogs"))));
            Path profileLog = folder.resolve("profile.log");
            assertEquals(0, RealMicroManager.java(home, options, environment, profileLog, 60,
                    StudioProfile.class.getName(), RealMicroManager.demoConfig().toString(), "false"),
                    () -> "writing the user profile failed:\n" + output(profileLog));
            Path log = folder.resolve("studio.log");
            int exit = RealMicroManager.java(home, options, environment, log, 240, StudioConvertDriver.class.getName(),
                    root.toString(), report.toString(), ending.toString(), ndTiffReport.toString());
            assertEquals(0, exit, () -> "the Studio session failed:\n" + output(log));
        }
        Path source = checkConverted("OME-TIFF", report);
        Path output = source.resolveSibling(source.getFileName() + ".ome.zarr");
        String message = new String(Files.readAllBytes(ending), StandardCharsets.UTF_8);
        assertTrue(message.contains(IMAGES + " frames written") && message.contains(output.toString()), message);
        Path throughTheDialogs = source.resolveSibling(source.getFileName() + "_1.ome.zarr");
        assertEquals(IMAGES, FrameTableReader.read(new FileSystemStore(throughTheDialogs)).size(),
                "frame rows of the conversion through the menu entry's dialogs");
        checkConverted("NDTiff", ndTiffReport);
    }

    /**
     * The dataset converted beside the source a report names: every plane as the acquisition's
     * datastore held it, positions and channels named, the saved codec, a frame row per image.
     *
     * @return the source
     */
    private static Path checkConverted(String kind, Path report) throws Exception {
        List<String> lines = Files.readAllLines(report);
        Path source = Paths.get(lines.get(0).split("\t")[1]);
        Path output = source.resolveSibling(source.getFileName() + ".ome.zarr");
        List<String> images = lines.subList(1, lines.size());
        assertEquals(IMAGES, images.size(), kind + ": images acquired");
        int positions = StudioOmeTiffMda.POSITIONS.size();
        for (int p = 0; p < positions; p++) {
            Path image = output.resolve(String.valueOf(p));
            JsonNode ome = ZarrJson.MAPPER.readTree(image.resolve("zarr.json").toFile()).path("attributes").path("ome");
            assertEquals(StudioOmeTiffMda.POSITIONS.get(p), ome.path("multiscales").get(0).path("name").asText(),
                    kind + ": position " + p);
            List<String> channels = new ArrayList<>();
            ome.path("omero").path("channels").forEach(channel -> channels.add(channel.path("label").asText()));
            assertEquals(StudioOmeTiffMda.CHANNELS, channels, kind + ": channel names");
            String array = new String(Files.readAllBytes(image.resolve("0").resolve("zarr.json")), StandardCharsets.UTF_8);
            assertTrue(array.contains("\"" + StudioConvertDriver.CODEC + "\""),
                    kind + ": written with the codec of the saved options: " + array);
            ZarrReader reader = ZarrReader.open(new FileSystemStore(image), "0");
            assertArrayEquals(new int[] {StudioOmeTiffMda.TIME_POINTS, StudioOmeTiffMda.CHANNELS.size(),
                StudioOmeTiffMda.SLICES_UM.size(), WIDTH, WIDTH}, reader.shape(), kind);
            for (String line : images) {
                String[] f = line.split("\t"); // image, t, position, z, channel, sha256, …
                if (Integer.parseInt(f[2]) != p) {
                    continue;
                }
                int t = Integer.parseInt(f[1]);
                int z = Integer.parseInt(f[3]);
                int c = Integer.parseInt(f[4]);
                assertEquals(f[5], Zarrita.sha256(reader.readPlane(t, c, z)),
                        kind + ": position " + p + " t" + t + " c" + c + " z" + z);
            }
        }
        assertEquals(IMAGES, FrameTableReader.read(new FileSystemStore(output)).size(), kind + ": frame rows");
        return source;
    }

    private static String output(Path log) {
        try {
            return ZarrscopeChild.output(log);
        } catch (java.io.IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
