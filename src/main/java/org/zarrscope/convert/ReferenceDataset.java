package org.zarrscope.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PyramidMode;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.store.MemoryStore;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrLayout;

/**
 * A source dataset as a kerchunk reference file (version 1): a Zarr v2 / OME-NGFF 0.4 dataset whose
 * documents are inlined and whose chunks, one whole image each, point at the image's pixel bytes
 * in the source's files ({@code [url, offset, length]}), so nothing is copied. For any
 * {@link ConvertibleSource} that can say where each image's bytes lie ({@link PixelRuns}): NDTiff
 * and Micro-Manager OME-TIFF (and 8-bit separate image files), whose writers put each uncompressed
 * image in one strip, so its pixels are contiguous and are, byte for byte, an uncompressed Zarr chunk. Choose it over a copy when the
 * source stays where it is and only readers with a reference store (zarrita, fsspec) need to read
 * it: it costs one read of every image and a file of kilobytes, but depends on the source's path.
 *
 * <p>The documents are those of a normal v2 conversion, made by the same writer: the source is
 * converted through {@link Conversion} into a {@link MemoryStore} whose chunk values are
 * dropped as they come ({@link ChunksLeftInSource}). So every image is read once, as for a copy,
 * which gives the {@code omero} contrast windows, the frame table and the OME-XML planes the same
 * values; only documents (kilobytes) are kept and written. No pyramid: reduced levels are new pixels.
 */
public final class ReferenceDataset {
    /** The template the chunk URLs start with: moving the source means editing this one entry. */
    static final String SOURCE_TEMPLATE = "source";

    private ReferenceDataset() {
    }

    /** Completes a conversion's settings with what a reference dataset is: v2, whole-image raw chunks, no pyramid. */
    public static WriterSettings.Builder wholeImageChunks(WriterSettings.Builder settings, int width, int height) {
        return settings.format(ZarrFormat.V2).codec(CodecSpec.none()).unsharded().pyramid(PyramidMode.NONE)
                .chunkShape(1, 1, 1, height, width);
    }

    /**
     * Writes the reference file {@code out} (replacing it atomically only once it is whole).
     *
     * @param pixels    where the source's images lie, from {@link ConvertibleSource#pixelRuns()}
     * @param settings  the conversion's settings completed by {@link #wholeImageChunks}
     * @param progress  told the number of images read so far
     * @return the coordinates of the places the source holds no image for; their keys are left out,
     *     so readers give the fill value 0
     */
    public static List<FrameCoordinates> write(ConvertibleSource source, PixelRuns pixels, WriterSettings settings,
            Path out, LongConsumer progress) throws IOException {
        ImageCollection images = new ImageCollection(settings);
        Map<String, PixelRuns.Run> chunks = new LinkedHashMap<>();
        pixels.runs().forEach((frame, run) -> chunks.put(chunkKey(images, frame), run));
        MemoryStore documents = new MemoryStore(out.toString());
        ChunksLeftInSource store = new ChunksLeftInSource(documents, chunks.keySet());
        List<FrameCoordinates> missing;
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings, store)) {
            missing = Conversion.run(source, writer, progress);
            writer.finish();
        }
        if (store.dropped() != chunks.size()) {
            throw new IllegalStateException("the writer stored " + store.dropped() + " of the " + chunks.size()
                    + " chunks " + out + " refers to; its chunk keys are not those of ZarrV2Layout");
        }
        writeAtomically(out, references(pixels.folder(), documents, chunks));
        return missing;
    }

    /** The v2 chunk key of an image: ZarrV2Layout's nested key of its whole-image chunk. */
    private static String chunkKey(ImageCollection images, FrameCoordinates frame) {
        return ZarrLayout.join(images.imagePath(frame.position()), AcquisitionWriter.FULL_RESOLUTION_PATH) + "/"
                + frame.time() + "/" + frame.channel() + "/" + frame.z() + "/0/0";
    }

    private static ObjectNode references(Path folder, MemoryStore documents, Map<String, PixelRuns.Run> chunks)
            throws IOException {
        ObjectNode root = ZarrJson.MAPPER.createObjectNode();
        root.put("version", 1);
        // unencoded: fsspec strips "file://" and opens the rest as a path; zarrita's URL parser encodes it itself
        root.putObject("templates").put(SOURCE_TEMPLATE,
                "file://" + folder.toAbsolutePath().normalize().toString().replace('\\', '/'));
        ObjectNode refs = root.putObject("refs");
        for (String key : documents.list("")) {
            refs.put(key, inline(documents.get(key)));
        }
        chunks.forEach((key, run) -> refs.putArray(key).add("{{" + SOURCE_TEMPLATE + "}}/" + run.file).add(run.offset)
                .add(run.length));
        return root;
    }

    /** A document as the spec inlines it: its text, or {@code base64:} and its bytes when it is no UTF-8 text. */
    private static String inline(ByteBuffer value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(value.duplicate()).toString();
        } catch (CharacterCodingException e) {
            byte[] bytes = new byte[value.remaining()];
            value.get(bytes);
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    private static void writeAtomically(Path out, ObjectNode references) throws IOException {
        Path folder = out.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // createFile, not createTempFile: a temporary file is private to its owner (rw-------), and the
        // reference file is for the lab to read; createFile gives the permissions the umask allows
        Path temporary = Files.createFile(folder.resolve("." + out.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            ZarrJson.MAPPER.writeValue(temporary.toFile(), references);
            Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
