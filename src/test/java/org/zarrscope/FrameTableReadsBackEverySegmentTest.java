package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;

/**
 * The frame table reads back as it was recorded: every segment in order, every row's position,
 * coordinates and metadata, with unrecorded fields still absent.
 */
class FrameTableReadsBackEverySegmentTest {
    @Test
    void everyRowOfEverySegmentInArrivalOrder(@TempDir Path folder) throws Exception {
        FileSystemStore store = new FileSystemStore(folder);
        FrameMetadataTable table = new FrameMetadataTable(store, 3);
        List<FrameRecord> recorded = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            FrameCoordinates frame = FrameCoordinates.at(i % 2, i / 4, i % 3, i % 4);
            FrameMetadata metadata = i == 7 ? FrameMetadata.NONE : FrameMetadata.builder().elapsedMs(i * 33.3)
                    .exposureMs(5 + i).stagePositionUm(-i, i * 0.5, 1e-3 * i).camera("cam" + i)
                    .extra("Filter", "F" + i).extra("µ note", "a \"b\", c").build();
            table.record(frame, metadata);
            recorded.add(new FrameRecord(frame, metadata));
        }
        table.save();
        assertTrue(Files.isRegularFile(folder.resolve(FrameTableKeys.segmentKey(3))), "11 rows in segments of 3: 4 segments");

        List<FrameRecord> read = FrameTableReader.read(store);
        assertEquals(recorded.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            FrameRecord expected = recorded.get(i);
            FrameRecord actual = read.get(i);
            assertEquals(expected.frame(), actual.frame(), "row " + i);
            FrameMetadata want = expected.metadata();
            FrameMetadata got = actual.metadata();
            assertEquals(want.elapsedMs(), got.elapsedMs(), "row " + i);
            assertEquals(want.exposureMs(), got.exposureMs());
            assertEquals(want.stageXUm(), got.stageXUm());
            assertEquals(want.stageYUm(), got.stageYUm());
            assertEquals(want.stageZUm(), got.stageZUm());
            assertEquals(want.camera(), got.camera());
            assertEquals(want.extra(), got.extra());
        }
        assertNull(read.get(7).metadata().elapsedMs(), "nothing recorded stays nothing");
    }

    @Test
    void aDatasetWithoutATableHasNoRowsAndABrokenRowIsNamed(@TempDir Path folder) throws Exception {
        FileSystemStore store = new FileSystemStore(folder);
        assertEquals(List.of(), FrameTableReader.read(store));

        store.put(FrameTableKeys.segmentKey(0), ByteBuffer.wrap("{\"frames\": [{\"p\": 0, \"t\": 1, \"z\": 0}]}"
                .getBytes(StandardCharsets.UTF_8)));
        IOException error = assertThrows(IOException.class, () -> FrameTableReader.read(store));
        assertTrue(error.getMessage().contains(FrameTableKeys.segmentKey(0)) && error.getMessage().contains("\"c\""),
                error.getMessage());
    }

    @Test
    void aKilledWritersJournalIsPartOfTheTableUpToItsLastWholeLine(@TempDir Path folder) throws Exception {
        FileSystemStore store = new FileSystemStore(folder);
        FrameMetadataTable table = new FrameMetadataTable(store, 3);
        for (int t = 0; t < 7; t++) {
            table.record(FrameCoordinates.of(t, 0, 0), FrameMetadata.builder().elapsedMs(t).build());
        }
        table.appendToJournal(); // the end of a ring batch; the writer is then killed: no save
        assertTrue(Files.isRegularFile(folder.resolve(FrameTableKeys.segmentKey(1))), "two full segments");
        Path journal = folder.resolve(FrameTableKeys.journalKey(2));
        Files.write(journal, "{\"p\":0,\"t\":7,\"c\"".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), times(FrameTableReader.read(store)), "segments, then the journal "
                + "without the line the kill cut off");
        assertEquals(1, FrameMetadataTable.completeJournal(store), "rows recovery takes from the journal");
        assertTrue(Files.notExists(journal) && Files.isRegularFile(folder.resolve(FrameTableKeys.segmentKey(2))));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), times(FrameTableReader.read(store)), "after recovery");
        assertEquals(6.0, FrameTableReader.read(store).get(6).metadata().elapsedMs());

        Files.write(folder.resolve(FrameTableKeys.journalKey(3)), "{\"p\":0,\"t\nnot json\n"
                .getBytes(StandardCharsets.UTF_8));
        IOException error = assertThrows(IOException.class, () -> FrameTableReader.read(store));
        assertTrue(error.getMessage().contains(FrameTableKeys.journalKey(3) + " line 1"), error.getMessage());
    }

    private static List<Integer> times(List<FrameRecord> rows) {
        List<Integer> times = new ArrayList<>();
        for (FrameRecord row : rows) {
            times.add(row.frame().time());
        }
        return times;
    }
}
