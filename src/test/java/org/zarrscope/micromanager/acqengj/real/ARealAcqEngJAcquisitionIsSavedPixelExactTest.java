package org.zarrscope.micromanager.acqengj.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.micromanager.acqengj.real.AcqEngJDemoRun.CHANNELS;
import static org.zarrscope.micromanager.acqengj.real.AcqEngJDemoRun.POSITIONS;
import static org.zarrscope.micromanager.acqengj.real.AcqEngJDemoRun.SLICES;
import static org.zarrscope.micromanager.acqengj.real.AcqEngJDemoRun.TIMES;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * A real AcqEngJ {@code Acquisition} driving the real MMCore and the demo devices of a
 * Micro-Manager installation ({@code -Dmm.home}) saves through {@code AcqEngJSink} exactly the
 * pixels AcqEngJ delivered to it (hashed at the sink by {@link AcqEngJDemoRun}): read back by
 * Zarrscope's reader and by zarr-python, every plane in place, none blank; the frame table holds
 * each frame's elapsed time (spanning the run's interval), exposure and stage X/Y/Z; OME-XML dates
 * every image at the acquisition's start, which AcqEngJ writes without a zone, and has the core's
 * pixel size.
 */
@ExternalProcess
class ARealAcqEngJAcquisitionIsSavedPixelExactTest {
    @Test
    void everyDeliveredFrameIsOnDiskWithItsMetadata(@TempDir Path folder) throws Exception {
        Path home = RealMicroManager.home();
        Path output = folder.resolve("demo_1.ome.zarr");
        Path reportFile = folder.resolve("delivered.json");
        Path log = folder.resolve("child.log");
        Instant before = Instant.now();
        int exit = RealMicroManager.java(home, List.of(), Map.of(), log, 180, AcqEngJDemoRun.class.getName(),
                home.toString(), RealMicroManager.demoConfig().toString(), output.toString(), reportFile.toString());
        Instant after = Instant.now();
        assertEquals(0, exit, "the acquisition failed:\n" + ZarrscopeChild.output(log));

        JsonNode report = ZarrJson.MAPPER.readTree(reportFile.toFile());
        int width = report.get("width").asInt();
        int height = report.get("height").asInt();
        assertEquals(List.of(AcqEngJDemoRun.WIDTH, AcqEngJDemoRun.HEIGHT), List.of(width, height));
        JsonNode delivered = report.get("frames");
        assertEquals(TIMES * POSITIONS * SLICES * CHANNELS.length, delivered.size(), "frames AcqEngJ delivered");
        String blank = ZarrPython.sha256OfZeros(width * height * 2);

        ZarrPython.Request request = new ZarrPython.Request();
        for (int p = 0; p < POSITIONS; p++) {
            request.add("position " + p, output.resolve(String.valueOf(p)), "0");
        }
        Map<String, ZarrPython.Dataset> python = ZarrPython.read(request);
        Set<String> seen = new HashSet<>();
        for (JsonNode frame : delivered) {
            int t = frame.get("t").asInt();
            int p = frame.get("p").asInt();
            int z = frame.get("z").asInt();
            int c = Arrays.asList(CHANNELS).indexOf(frame.get("channel").asText());
            String where = "t=" + t + " p=" + p + " z=" + z + " " + frame.get("channel").asText();
            assertTrue(c >= 0 && seen.add(where), "each frame delivered once, in a declared channel: " + where);
            String hash = frame.get("sha256").asText();
            assertNotEquals(blank, hash, "the demo camera drew " + where);

            ZarrReader reader = ZarrReader.open(new FileSystemStore(output.resolve(String.valueOf(p))), "0");
            assertArrayEquals(new int[] {TIMES, CHANNELS.length, SLICES, height, width}, reader.shape());
            assertEquals(hash, ZarrPython.sha256(reader.readPlane(t, c, z)), "Zarrscope's reader, " + where);
            ZarrPython.Dataset read = python.get("position " + p).assertReadable();
            assertArrayEquals(new int[] {TIMES, CHANNELS.length, SLICES, height, width}, read.shape());
            assertEquals(hash, read.plane(t, c, z), "zarr-python, " + where);
        }

        List<FrameRecord> table = FrameTableReader.read(new FileSystemStore(output));
        assertEquals(delivered.size(), table.size(), "a frame-table row per frame");
        double z0 = report.get("z0").asDouble();
        double firstTimePointStarts = Double.MAX_VALUE;
        double secondTimePointStarts = Double.MAX_VALUE;
        for (FrameRecord row : table) {
            FrameMetadata recorded = row.metadata();
            String where = row.frame().toString();
            assertNotNull(recorded.elapsedMs(), "elapsed time of " + where);
            if (row.frame().time() == 0) {
                firstTimePointStarts = Math.min(firstTimePointStarts, recorded.elapsedMs());
            } else {
                secondTimePointStarts = Math.min(secondTimePointStarts, recorded.elapsedMs());
            }
            assertEquals(AcqEngJDemoRun.EXPOSURE_MS, recorded.exposureMs(), "exposure of " + where);
            double[] xy = AcqEngJDemoRun.XY_UM[row.frame().position()];
            assertEquals(xy[0], recorded.stageXUm(), 0.05, "stage X of " + where);
            assertEquals(xy[1], recorded.stageYUm(), 0.05, "stage Y of " + where);
            assertEquals(z0 + row.frame().z() * AcqEngJDemoRun.Z_STEP_UM, recorded.stageZUm(), 0.05,
                    "stage Z of " + where);
        }
        assertTrue(secondTimePointStarts - firstTimePointStarts >= AcqEngJDemoRun.INTERVAL_MS * 0.9,
                "the second time point waited for the interval: elapsed " + firstTimePointStarts + " then "
                        + secondTimePointStarts + " ms");

        String xml = Files.readString(output.resolve(OmeXmlDocument.KEY));
        Matcher dates = Pattern.compile("<AcquisitionDate>([^<]+)</AcquisitionDate>").matcher(xml);
        int images = 0;
        while (dates.find()) {
            Instant started = LocalDateTime.parse(dates.group(1)).toInstant(ZoneOffset.UTC);
            assertTrue(!started.isBefore(before.truncatedTo(ChronoUnit.SECONDS)) && !started.isAfter(after),
                    "AcqEngJ's zone-less start time, read in this machine's zone: " + started + " not in " + before
                            + " to " + after);
            images++;
        }
        assertEquals(POSITIONS, images, "an AcquisitionDate for every image:\n" + xml);
        double pixelSize = report.get("pixelSizeUm").asDouble();
        assertTrue(pixelSize > 0 && pixelSize != 1, "the demo configuration calibrates its pixels: " + pixelSize);
        assertTrue(xml.contains("PhysicalSizeX=\"" + pixelSize + "\""), "the core's pixel size, not AcqEngJ's "
                + "uncalibrated identity affine, is the pixel size: " + xml.substring(0, Math.min(xml.length(), 1500)));
        Matcher planes = Pattern.compile("<Plane [^>]*>").matcher(xml);
        int planesWithZ = 0;
        while (planes.find()) {
            planesWithZ += planes.group().contains("PositionZ=") ? 1 : 0;
        }
        assertEquals(delivered.size(), planesWithZ, "every OME plane has its stage Z");
    }
}
