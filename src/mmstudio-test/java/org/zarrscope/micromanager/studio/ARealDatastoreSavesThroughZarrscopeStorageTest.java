package org.zarrscope.micromanager.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.micromanager.studio.DatastoreRun.CHANNELS;
import static org.zarrscope.micromanager.studio.DatastoreRun.HEIGHT;
import static org.zarrscope.micromanager.studio.DatastoreRun.POSITIONS;
import static org.zarrscope.micromanager.studio.DatastoreRun.SLICES;
import static org.zarrscope.micromanager.studio.DatastoreRun.TIMES;
import static org.zarrscope.micromanager.studio.DatastoreRun.WIDTH;
import static org.zarrscope.micromanager.studio.DatastoreRun.pixels;
import static org.zarrscope.micromanager.studio.DatastoreRun.sha256;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.ZarrscopeChild;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * Micro-Manager's own {@code DefaultDatastore} (the installation's {@code MMJ_.jar}, no Studio)
 * with {@link ZarrscopeStorage} installed as for an MDA ({@link DatastoreRun}, in a child JVM):
 * the datastore serves every image back while the run goes on; after freeze and close the dataset
 * on disk holds every pixel as it was put (Zarrscope's reader and zarr-python), each frame's
 * exposure and the stage axes its image had, the summary's start date, and channel colours: the
 * grey Micro-Manager gives a channel nobody coloured yields to the dye's colour, a colour the
 * user chose is kept.
 */
class ARealDatastoreSavesThroughZarrscopeStorageTest {
    @Test
    void imagesPutIntoTheDatastoreAreServedDuringTheRunAndOnDiskAfterIt(@TempDir Path folder) throws Exception {
        Path home = RealMicroManager.home();
        Path output = folder.resolve("mda_1.ome.zarr");
        Path reportFile = folder.resolve("report.json");
        Path log = folder.resolve("child.log");
        int exit = RealMicroManager.java(home, List.of(), Map.of(), log, 120, DatastoreRun.class.getName(),
                output.toString(), reportFile.toString());
        assertEquals(0, exit, "the datastore run failed:\n" + ZarrscopeChild.output(log));

        JsonNode report = ZarrJson.MAPPER.readTree(reportFile.toFile());
        int images = TIMES * POSITIONS * SLICES * CHANNELS.length;
        assertEquals(output.toString(), report.get("savePath").asText());
        assertEquals(images, report.get("numImages").asInt());
        assertEquals(images, report.get("servedDuringRun").size());
        for (JsonNode served : report.get("servedDuringRun")) {
            assertEquals(sha256(pixels(served.get("t").asInt(), served.get("p").asInt(), served.get("z").asInt(),
                    served.get("c").asInt())), served.get("sha256").asText(), "served during the run: " + served);
        }
        assertEquals(CHANNELS.length, report.get("ignoringChannel").asInt(), "the composite viewer's query");
        assertEquals(sha256(pixels(0, 0, 0, 0)), report.get("firstAgain").asText(), "the oldest image, at the end");
        assertTrue(report.get("frozen").asBoolean());

        ZarrPython.Request request = new ZarrPython.Request();
        for (int p = 0; p < POSITIONS; p++) {
            request.add("position " + p, output.resolve(String.valueOf(p)), "0");
        }
        Map<String, ZarrPython.Dataset> python = ZarrPython.read(request);
        for (int p = 0; p < POSITIONS; p++) {
            ZarrReader reader = ZarrReader.open(new FileSystemStore(output.resolve(String.valueOf(p))), "0");
            assertArrayEquals(new int[] {TIMES, CHANNELS.length, SLICES, HEIGHT, WIDTH}, reader.shape());
            ZarrPython.Dataset read = python.get("position " + p).assertReadable();
            for (int t = 0; t < TIMES; t++) {
                for (int z = 0; z < SLICES; z++) {
                    for (int c = 0; c < CHANNELS.length; c++) {
                        String expected = sha256(pixels(t, p, z, c));
                        String where = "t=" + t + " p=" + p + " z=" + z + " c=" + c;
                        assertEquals(expected, ZarrPython.sha256(reader.readPlane(t, c, z)), "Zarrscope's reader, " + where);
                        assertEquals(expected, read.plane(t, c, z), "zarr-python, " + where);
                    }
                }
            }
        }

        List<FrameRecord> table = FrameTableReader.read(new FileSystemStore(output));
        assertEquals(images, table.size());
        for (FrameRecord row : table) {
            FrameMetadata recorded = row.metadata();
            boolean xy = row.frame().position() == 1;
            assertEquals(10.0 + row.frame().channel(), recorded.exposureMs(), "exposure of " + row.frame());
            assertEquals(1000.0 * row.frame().time(), recorded.elapsedMs(), "elapsed time of " + row.frame());
            assertEquals(0.5 * row.frame().z(), recorded.stageZUm(), "stage Z of " + row.frame());
            assertEquals(xy ? DatastoreRun.XY_OF_POSITION_1[0] : null, recorded.stageXUm(), "stage X of " + row.frame());
            assertEquals(xy ? DatastoreRun.XY_OF_POSITION_1[1] : null, recorded.stageYUm(), "stage Y of " + row.frame());
        }

        JsonNode channels = ZarrJson.MAPPER.readTree(output.resolve("0/.zattrs").toFile()).get("omero").get("channels");
        assertEquals("0000FF", channels.get(0).get("color").asText(), "DAPI: Micro-Manager's grey gave way to the dye");
        assertEquals(String.format("%06X", DatastoreRun.USER_ORANGE), channels.get(1).get("color").asText(),
                "FITC: the user's colour");
        String xml = Files.readString(output.resolve(OmeXmlDocument.KEY));
        assertTrue(xml.contains("<AcquisitionDate>2026-12-03T09:11:12.345</AcquisitionDate>"),
                "the summary's start date, in UTC: " + xml.substring(0, Math.min(xml.length(), 800)));
    }
}
