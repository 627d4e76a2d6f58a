package org.zarrscope.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrscope.SettingsException;

/**
 * Each codec, found by its Zarr name, reads back the metadata it writes, in Zarr v2 and v3, with
 * every parameter: a codec is one class, and its name tables are the only other place that knows
 * it. Also: unknown names and out-of-range levels are refused by name.
 */
class EveryCodecReadsBackItsOwnMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<CodecSpec> everyCodec() {
        List<CodecSpec> specs = new ArrayList<>();
        for (String name : CodecSpec.NAMES) {
            if (name.startsWith("blosc-")) {
                for (BloscShuffle shuffle : BloscShuffle.values()) {
                    for (int level : new int[] {0, 1, 9}) {
                        specs.add(CodecSpec.parse(name, level, shuffle));
                    }
                }
            } else {
                specs.add(CodecSpec.parse(name, null, null));
            }
        }
        specs.add(CodecSpec.zstd(22));
        specs.add(CodecSpec.gzip(0));
        return specs;
    }

    @Test
    void zarrV2MetadataReadsBackAsTheSameCodec() {
        for (CodecSpec spec : everyCodec()) {
            JsonNode compressor = JSON.valueToTree(spec.zarrV2Compressor());
            CodecSpec read = CodecSpec.fromZarrV2(compressor);
            assertEquals(spec.toString(), read.toString(), "v2 " + compressor);
            assertEquals(spec.compresses(), !compressor.isNull(), spec + ": compressor null exactly when uncompressed");
        }
    }

    @Test
    void zarrV3MetadataReadsBackAsTheSameCodec() {
        for (CodecSpec spec : everyCodec()) {
            List<Object> codecs = new ArrayList<>();
            codecs.add(Map.of("name", "bytes", "configuration", Map.of("endian", "little")));
            codecs.addAll(spec.zarrV3Codecs(2));
            CodecSpec read = CodecSpec.fromZarrV3(JSON.valueToTree(codecs));
            assertEquals(spec.toString(), read.toString(), "v3 " + codecs);
        }
    }

    @Test
    void everyCodecNamesItselfAsTheCommandLineDoes() {
        for (String name : CodecSpec.NAMES) {
            assertEquals(name, CodecSpec.parse(name, null, null).name());
        }
        assertNull(CodecSpec.none().zarrV2Compressor());
        assertTrue(CodecSpec.none().zarrV3Codecs(2).isEmpty());
    }

    @Test
    void unknownNamesAndLevelsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CodecSpec.fromZarrV2(JSON.valueToTree(Map.of("id", "lzma")))).getMessage().contains("'lzma'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CodecSpec.fromZarrV3(JSON.valueToTree(List.of(Map.of("name", "crc32c"))))).getMessage()
                .contains("'crc32c'"));
        assertEquals("codecLevel", assertThrows(SettingsException.class, () -> CodecSpec.zstd(23)).field());
        assertEquals("codec", assertThrows(SettingsException.class, () -> CodecSpec.parse("blosc-snappy", null, null))
                .field());
    }
}
