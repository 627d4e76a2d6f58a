package org.zarrscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;

/**
 * Reads datasets back with Debian's zarr-python through the test resource {@code zarr_planes.py}:
 * shape, dtype and a SHA-256 per {@code (t, c, z)} plane, so a test can compare every plane with
 * the pixels it expects without moving pixels between processes. The script is run, and its
 * answer read, by {@link ExternalReader}, as {@link Zarrita}'s is.
 *
 * <pre>{@code
 * ZarrPython.Request request = new ZarrPython.Request();
 * request.add("a", datasetFolder, "0");
 * Map<String, ZarrPython.Dataset> read = ZarrPython.read(request);
 * assertEquals(ZarrPython.sha256(expectedPlane), read.get("a").plane(t, c, z));
 * }</pre>
 *
 * <p>The interpreter is the system property {@code zarr.python} (set by surefire), by default
 * {@code /usr/bin/python3}; the {@code python3} on PATH may be another one without zarr.
 * Failures of the interpreter itself throw an {@link AssertionError} with its exit code and
 * stderr; a dataset that zarr-python cannot open is reported by {@link Dataset#error()}.
 */
public final class ZarrPython {
    /** The system property naming the interpreter that has zarr-python installed. */
    public static final String PYTHON_PROPERTY = "zarr.python";
    private static final String DEFAULT_PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "zarr_planes.py";
    /** Reads kerchunk reference files through fsspec's {@code ReferenceFileSystem}. */
    private static final String REFERENCE_SCRIPT = "fsspec_reference_planes.py";

    private ZarrPython() {
    }

    /** The interpreter the tests run. */
    public static String python() {
        String configured = System.getProperty(PYTHON_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_PYTHON : configured;
    }

    /** The datasets to read in one run of the script. */
    public static final class Request extends ExternalReader.Request<Request> {
    }

    /** What zarr-python read of one dataset ({@link #dtype()} is numpy's, e.g. {@code <u2} or {@code |u1}). */
    public static final class Dataset extends ExternalReader.Dataset<Dataset> {
        Dataset(String id, JsonNode json) {
            super("zarr-python", id, json);
        }
    }

    /** Runs the script once for every dataset of the request, waiting at most 5 minutes. */
    public static Map<String, Dataset> read(Request request) throws IOException, InterruptedException {
        return read(request, Duration.ofMinutes(5));
    }

    /**
     * Runs the script once for every dataset of the request.
     *
     * @return the datasets by id, each present (possibly with an {@link Dataset#error()})
     * @throws AssertionError if python cannot be started, fails, times out or answers nonsense
     */
    public static Map<String, Dataset> read(Request request, Duration timeout) throws IOException, InterruptedException {
        return new ExternalReader(python(), "system property " + PYTHON_PROPERTY, SCRIPT)
                .run(request, timeout, work -> copyScript(work, SCRIPT), Dataset::new);
    }

    /**
     * Reads kerchunk reference files ({@code zarrscope convert --reference}) as a Python user
     * would, through fsspec's {@code ReferenceFileSystem} and zarr-python, with the test resource
     * {@code fsspec_reference_planes.py}: each request's path is the reference file, its array
     * the array's path below the file's root (e.g. {@code 0}, or {@code A/1/0/0} in a plate); the
     * answer gives shape, dtype, chunks and every plane's SHA-256, as {@link #read} does.
     */
    public static Map<String, Dataset> readReferences(Request request) throws IOException, InterruptedException {
        return new ExternalReader(python(), "system property " + PYTHON_PROPERTY, REFERENCE_SCRIPT)
                .run(request, Duration.ofMinutes(5), work -> copyScript(work, REFERENCE_SCRIPT), Dataset::new);
    }

    /** Copies the Python script {@code name} (a test resource) from the class path into {@code work}. */
    static Path copyScript(Path work, String name) throws IOException {
        Path script = work.resolve(name);
        try (InputStream resource = ZarrPython.class.getResourceAsStream("/" + name)) {
            if (resource == null) {
                throw new AssertionError("the test resource /" + name + " is not on the class path");
            }
            Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** SHA-256 hex of the buffer's remaining bytes (position to limit); the buffer is not moved. */
    public static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes.duplicate());
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest.digest()) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** SHA-256 hex of {@code length} zero bytes: a plane that was never written. */
    public static String sha256OfZeros(int length) {
        return sha256(ByteBuffer.allocate(length));
    }
}
