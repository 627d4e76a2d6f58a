package org.zarrscope.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What recovery relies on in every store that writes in place: a partial value closed without a
 * commit (its writer gone) is listed by the key it was to become, invisible to {@code get} and
 * {@code list}, and reopens with its bytes, to be read, cut, written and committed, or deleted.
 */
class PartialValuesOutliveTheirWriterTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"files", "memory"})
    void aPartialValueIsReopenedCutAndCommitted(String kind) throws IOException {
        Store store = kind.equals("files") ? new FileSystemStore(folder.resolve("dataset"), false) : new MemoryStore("m");
        store.put("a/zarr.json", bytes("{}"));
        Store.PartialFile left = store.openPartial("a/c/0");
        left.write(bytes("chunk-one|chunk-two"), 0);
        left.close();
        store.openPartial("a/c/1").close();

        assertEquals(List.of("a/c/0", "a/c/1"), store.listPartials(""), "partial values, by key");
        assertEquals(List.of("a/c/0", "a/c/1"), store.listPartials("a/c"), "partial values below a prefix");
        assertEquals(List.of("a/zarr.json"), store.list(""), "values: no partial one among them");
        assertNull(store.get("a/c/0"), "a partial value is not readable under its key");
        assertNull(store.reopenPartial("a/c/2"), "a key with no partial value");

        Store.LeftPartial reopened = store.reopenPartial("a/c/0");
        assertEquals(19, reopened.size(), "bytes the writer left");
        assertEquals("chunk-two", string(reopened.read(10, 9)), "bytes 10 to 19");
        reopened.truncate(9);
        reopened.write(bytes("|index"), 9);
        reopened.commit();
        assertEquals("chunk-one|index", string(store.get("a/c/0")), "the committed value");
        assertEquals(15, store.size("a/c/0"), "its size");

        store.reopenPartial("a/c/1").delete();
        assertEquals(List.of(), store.listPartials(""), "partial values after commit and delete");
        assertEquals(Set.of("a/c/0", "a/zarr.json"), new HashSet<>(store.list("")), "values after commit and delete");
        assertEquals(-1, store.size("a/c/1"), "the size of a value that is not there");
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
