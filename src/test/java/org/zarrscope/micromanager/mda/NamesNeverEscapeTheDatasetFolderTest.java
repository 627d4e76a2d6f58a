package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.SettingsException;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;

/**
 * Names Micro-Manager hands over (the run's prefix, stage-position and HCS site names, channel
 * names) never make Zarrscope write outside the dataset folder: a hostile or odd name
 * ({@code ../x}, an absolute path, a drive letter, {@code :}, a leading dot, control characters,
 * accents, nothing) either becomes one plain folder name in the MDA's root folder, with the user
 * told how it was changed, or stays metadata. Each run is written for real, and the temporary
 * root is walked afterwards: every file is inside the run's dataset folder.
 */
class NamesNeverEscapeTheDatasetFolderTest {
    private static final List<String> HOSTILE = Arrays.asList("../x", "../../x", "/abs", "C:\\x", "C:x", "a/b",
            "A1-Site_0/../../x", "../A1-Site_0", "..", ".", ".hidden", "x:y*?\"<>|", "tab\there", "é", "");

    @Test
    void aRunPrefixBecomesOneFolderInTheRootFolder(@TempDir Path temporary) throws Exception {
        Path root = Files.createDirectory(temporary.resolve("root"));
        for (String prefix : HOSTILE) {
            MdaSavePlan plan = MdaSavePlan.forRun(true, false, root.toString(), prefix);
            Path output = plan.output();
            assertEquals(root, output.getParent(), "the folder of prefix \"" + prefix + "\": " + output);
            String name = output.getFileName().toString();
            assertTrue(name.matches("([^./\\\\:*?\"<>|\\p{Cntrl}][^/\\\\:*?\"<>|\\p{Cntrl}]*)?_1\\.ome\\.zarr"),
                    "prefix \"" + prefix + "\" became " + name);
            if (name.equals(prefix + "_1.ome.zarr")) {
                assertNull(plan.message(), "a prefix kept as it is needs no word");
            } else {
                assertNotNull(plan.message(), "the user is told that prefix \"" + prefix + "\" was changed");
                assertTrue(plan.message().contains(name) && plan.message().contains(prefix), plan.message());
            }
            write(summary(prefix, List.of(StagePosition.named("Pos0")), List.of("DAPI")), output);
            assertTrue(MdaSavePlan.forRun(true, false, root.toString(), prefix).output().getFileName().toString()
                    .endsWith("_2.ome.zarr"), "the next run of prefix \"" + prefix + "\" is numbered after this one");
        }
        assertEverythingInside(temporary, root);
    }

    @Test
    void positionAndChannelNamesStayMetadata(@TempDir Path temporary) throws Exception {
        Path dataset = temporary.resolve("root").resolve("run_1.ome.zarr");
        List<StagePosition> positions = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        for (String name : HOSTILE) {
            if (!name.isEmpty()) {
                positions.add(StagePosition.named(name));
                channels.add(name);
            }
        }
        write(summary("run", positions, channels), dataset);
        assertEverythingInside(temporary, dataset);
        for (int p = 0; p < positions.size(); p++) {
            assertTrue(Files.isDirectory(dataset.resolve(String.valueOf(p))), "image of position " + p);
        }

        SettingsException empty = assertThrows(SettingsException.class, () -> StagePosition.named(""));
        assertTrue(empty.getMessage().contains("positions") && empty.getMessage().contains("name"), empty.getMessage());
    }

    @Test
    void hcsSiteNamesBecomeRowColumnAndFieldNumbersOnly(@TempDir Path temporary) throws Exception {
        Path dataset = temporary.resolve("root").resolve("plate_1.ome.zarr");
        write(summary("plate", List.of(StagePosition.named("B3-Site_0"), StagePosition.named("../A1-Site_0")),
                List.of("DAPI")), dataset);
        assertTrue(Files.isDirectory(dataset.resolve("1")), "a list with a name that is no HCS site is no plate");

        Path plate = temporary.resolve("root").resolve("plate_2.ome.zarr");
        write(summary("plate", List.of(StagePosition.named("B3-Site_0"), StagePosition.named("B3-Site_1")),
                List.of("../../c")), plate);
        assertTrue(Files.isDirectory(plate.resolve("B/3/1")), "the second field of well B3");
        assertEverythingInside(temporary, temporary.resolve("root"));
    }

    private static MdaSummary summary(String prefix, List<StagePosition> positions, List<String> channels) {
        MdaSummary.Builder summary = MdaSummary.builder().prefix(prefix).frameSize(8, 6).pixelType(MdaPixelType.GRAY16)
                .orderedAxes(MdaSummary.TIME, MdaSummary.POSITION, MdaSummary.Z, MdaSummary.CHANNEL)
                .intended(MdaSummary.TIME, 1).intended(MdaSummary.POSITION, positions.size())
                .intended(MdaSummary.CHANNEL, channels.size());
        positions.forEach(summary::stagePosition);
        channels.forEach(name -> summary.channel(name, null));
        return summary.build();
    }

    /** Writes every frame of the run and finishes it. */
    private static void write(MdaSummary summary, Path output) throws Exception {
        WriterSettings settings = MdaSettings.writerSettings(summary, SaveOptions.fromMap(Map.of()), output);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (int p = 0; p < settings.positionCount(); p++) {
                for (int c = 0; c < settings.channels(); c++) {
                    writer.write(FrameCoordinates.at(p, 0, c, 0), new short[8 * 6], FrameMetadata.NONE);
                }
            }
            writer.finish();
        }
    }

    /** Every file below {@code temporary} is below {@code inside}. */
    private static void assertEverythingInside(Path temporary, Path inside) throws Exception {
        List<Path> outside;
        try (Stream<Path> files = Files.walk(temporary)) {
            outside = files.filter(Files::isRegularFile).filter(file -> !file.startsWith(inside))
                    .collect(Collectors.toList());
        }
        assertEquals(List.of(), outside, "files written outside " + inside);
    }
}
