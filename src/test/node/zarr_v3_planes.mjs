// Reads Zarrscope's Zarr v3 / OME-NGFF 0.5 datasets back with zarrita and reports a SHA-256 per plane.
//
// The v3 twin of src/test/resources/zarr_planes.py, run by org.zarrscope.testing.Zarrita as
// `node src/test/node/zarr_v3_planes.mjs` after `npm ci --prefix src/test/node`. zarrita (JavaScript,
// with numcodecs.js' WebAssembly blosc and zstd) is the independent reader the tests compare
// Zarrscope's output against: a chunk, shard or shard index that is wrongly compressed, framed or
// laid out gives a different hash (or an error) here.
//
// Input (JSON on stdin):
//
//     {"datasets": [
//         {"id": "x", "path": "/tmp/a.ome.zarr", "array": "0"},
//         {"id": "k", "path": "/tmp/b.ome.zarr", "array": "0", "only_existing_chunks": true},
//         {"id": "g", "path": "/tmp/c.ome.zarr/0", "array": "0",
//          "groups": {"root": "/tmp/c.ome.zarr", "paths": ["zarrscope", "OME"]}}
//     ]}
//
// Output (JSON on stdout), one entry per dataset id:
//
//     {"zarrita_version": "0.7.5", "datasets": {"x": {
//         "shape": [3, 2, 5, 30, 40],
//         "dtype": "uint16",                       // the zarr v3 data_type
//         "chunks": [1, 1, 4, 32, 32],             // chunk_grid chunk_shape (the shard shape when sharded)
//         "inner_chunks": [1, 1, 1, 16, 16],       // sharding_indexed chunk_shape; only when sharded
//         "sharded": true,
//         "codecs": ["sharding_indexed"],          // names of the array's codecs, in order
//         "inner_codecs": ["bytes", "blosc"],      // only when sharded
//         "index_codecs": ["bytes", "crc32c"],     // only when sharded
//         "dimension_names": ["t", "c", "z", "y", "x"],
//         "fill_value": 0,
//         "ome_version": "0.5",
//         "multiscales_path": "0",
//         "planes": {"0,0,0": "<sha-256 hex>", ...},
//         "plane_errors": {"2,1,0": "CodecPipelineError: ..."},
//         "groups": {"zarrscope": {<its attributes>}, ...},
//         "error": "..."}}}
//
// For each dataset the root group is opened with zarrita (zarr.json with node_type "group"); its
// attributes.ome.multiscales[0].datasets must declare `array` (a resolution level; otherwise `error`
// says so), and multiscales_path is the first one's path (full resolution). A
// plane's hash is taken over zarr.get(arr, [t, c, z, null, null]) as C-order little-endian bytes.
// Without only_existing_chunks every (t, c, z) gets a hash (missing chunks, shards and inner chunks
// read as the fill value) and the first failure fails the dataset. With only_existing_chunks only
// planes all of whose chunk files -- shard files when sharded -- exist on disk (every y/x tile) are
// read, and a plane that cannot be decoded goes under plane_errors rather than failing the dataset
// (this is for a writer that was killed). With `groups` each of its `paths` below `root` is opened
// with zarr.open.v3(..., {kind: "group"}), as a viewer walking the hierarchy does, and its
// attributes reported under `groups`; a path that is no group fails the dataset.
//
// Stricter than zarrita alone, so that a writer's mistake cannot read back as plausible pixels:
//  * the crc32c codec is verified (zarrita 0.7 only strips the 4 checksum bytes);
//  * a byte range past the end of a chunk or shard file is an error (zarrita's FileSystemStore
//    zero-fills a short read);
//  * a chunk whose `bytes` decoding is not exactly the chunk's (inner chunk's) size is an error;
//  * the metadata must be zarr_format 3 with exactly one array-to-bytes codec, a shard shape that the
//    inner chunk shape divides, and index_location "end" (zarrita ignores index_location).
//
// `error` is present only when opening or reading the dataset failed; the other fields may then be
// missing. The script itself exits 0 unless its input cannot be parsed or zarrita is not installed.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

let zarr;
let FileSystemStore;
try {
    zarr = await import("zarrita");
    FileSystemStore = (await import("@zarrita/storage/fs")).default;
} catch (error) {
    process.stderr.write(
        "zarrita is not installed next to " + new URL(import.meta.url).pathname
            + ": run `npm ci --prefix src/test/node` in the project folder\n(" + error + ")\n");
    process.exit(3);
}

const ZARRITA_VERSION = (() => {
    try {
        let file = new URL("./node_modules/zarrita/package.json", import.meta.url);
        return JSON.parse(fs.readFileSync(file, "utf8")).version;
    } catch {
        return null;
    }
})();

// ---------------------------------------------------------------------------------------------
// crc32c (Castagnoli, reflected polynomial 0x82F63B78), verified on decode.

const CRC32C_TABLE = (() => {
    let table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) {
            c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
        }
        table[n] = c >>> 0;
    }
    return table;
})();

function crc32c(bytes) {
    let crc = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) {
        crc = CRC32C_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
}

class VerifyingCrc32cCodec {
    kind = "bytes_to_bytes";

    static fromConfig() {
        return new VerifyingCrc32cCodec();
    }

    encode(bytes) {
        let out = new Uint8Array(bytes.byteLength + 4);
        out.set(bytes);
        new DataView(out.buffer).setUint32(bytes.byteLength, crc32c(bytes), true);
        return out;
    }

    decode(bytes) {
        if (bytes.byteLength < 4) {
            throw new Error("crc32c: " + bytes.byteLength + " bytes cannot hold a checksum");
        }
        let payload = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength - 4);
        let stored = new DataView(bytes.buffer, bytes.byteOffset + bytes.byteLength - 4, 4).getUint32(0, true);
        let computed = crc32c(payload);
        if (stored !== computed) {
            throw new Error("crc32c mismatch: stored " + hex32(stored) + ", computed " + hex32(computed));
        }
        return payload;
    }

    computeEncodedSize(decodedSize) {
        return decodedSize + 4;
    }
}

function hex32(value) {
    return "0x" + value.toString(16).padStart(8, "0");
}

// The `bytes` codec, checking that a chunk decodes to exactly its (inner) chunk's size.
const BytesCodec = await zarr.registry.get("bytes")();

class CheckedBytesCodec {
    kind = "array_to_bytes";
    #inner;
    #expected;
    #shape;

    constructor(configuration, meta) {
        this.#inner = BytesCodec.fromConfig(configuration, meta);
        this.#shape = meta.shape;
        let elements = meta.shape.reduce((a, b) => a * b, 1);
        let sample = new (typedArrayOf(meta.dataType))(0);
        this.#expected = "BYTES_PER_ELEMENT" in sample ? elements * sample.BYTES_PER_ELEMENT : null;
    }

    static fromConfig(configuration, meta) {
        return new CheckedBytesCodec(configuration, meta);
    }

    encode(chunk) {
        return this.#inner.encode(chunk);
    }

    computeEncodedSize(size) {
        return this.#inner.computeEncodedSize(size);
    }

    decode(bytes) {
        if (this.#expected !== null && bytes.byteLength !== this.#expected) {
            throw new Error("bytes: a chunk of shape [" + this.#shape + "] decoded to " + bytes.byteLength
                + " bytes, expected " + this.#expected);
        }
        return this.#inner.decode(bytes);
    }
}

function typedArrayOf(dataType) {
    let ctr = {
        int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
        uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
        float32: Float32Array, float64: Float64Array, bool: Uint8Array,
    }[dataType];
    if (!ctr) {
        throw new Error("unsupported data_type " + JSON.stringify(dataType));
    }
    return ctr;
}

zarr.registry.set("crc32c", () => VerifyingCrc32cCodec);
zarr.registry.set("bytes", () => CheckedBytesCodec);

// zarrita's FileSystemStore, refusing ranges that run past the end of the file.
class StrictFileSystemStore extends FileSystemStore {
    async getRange(key, range, opts = {}) {
        let file = path.join(this.root, key.slice(1));
        let size;
        try {
            size = (await fs.promises.stat(file)).size;
        } catch (error) {
            if (error && error.code === "ENOENT") {
                return undefined;
            }
            throw error;
        }
        let end = "suffixLength" in range ? range.suffixLength : range.offset + range.length;
        if (end > size || ("offset" in range && range.offset < 0)) {
            throw new Error(file + " is " + size + " bytes; cannot read " + JSON.stringify(range) + " from it");
        }
        return super.getRange(key, range, opts);
    }
}

// ---------------------------------------------------------------------------------------------

function key(t, c, z) {
    return t + "," + c + "," + z;
}

function describe(error) {
    let parts = [];
    for (let e = error, depth = 0; e && depth < 6; e = e.cause, depth++) {
        let where = typeof e.path === "string" && !String(e.message).includes(e.path) ? " (" + e.path + ")" : "";
        parts.push((e.name || "Error") + ": " + (e.message ?? String(e)) + where);
    }
    let text = parts.join(" <- caused by ");
    if (error && error.stack) {
        text += "\n" + error.stack;
    }
    return text;
}

function readJson(file) {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The chunk key of zarrita's (and the spec's) chunk_key_encoding, "/"-joined path parts. */
function chunkKeyEncoder(encoding) {
    let name = encoding?.name;
    if (name === "default") {
        let separator = encoding.configuration?.separator ?? "/";
        return (coords) => ["c", ...coords].join(separator);
    }
    if (name === "v2") {
        let separator = encoding.configuration?.separator ?? ".";
        return (coords) => coords.join(separator) || "0";
    }
    throw new Error("unknown chunk_key_encoding " + JSON.stringify(encoding));
}

const ARRAY_TO_BYTES = new Set(["bytes", "sharding_indexed", "vlen-utf8"]);
const ARRAY_TO_ARRAY = new Set(["transpose", "cast_value", "scale_offset"]);

/** Checks what zarrita would silently get wrong; returns the sharding configuration or null. */
function checkArrayMetadata(meta, where) {
    if (meta.zarr_format !== 3 || meta.node_type !== "array") {
        throw new Error(where + " is not a Zarr v3 array (zarr_format " + meta.zarr_format + ", node_type "
            + meta.node_type + ")");
    }
    if (meta.chunk_grid?.name !== "regular" || !Array.isArray(meta.chunk_grid?.configuration?.chunk_shape)) {
        throw new Error(where + ": chunk_grid is not a regular grid: " + JSON.stringify(meta.chunk_grid));
    }
    if (!meta.chunk_key_encoding) {
        throw new Error(where + ": chunk_key_encoding is missing");
    }
    if (!("fill_value" in meta) || meta.fill_value === null) {
        throw new Error(where + ": fill_value is missing");
    }
    checkCodecs(meta.codecs, where + " codecs");
    let sharding = meta.codecs.find((codec) => codec.name === "sharding_indexed");
    if (!sharding) {
        return null;
    }
    if (meta.codecs.length !== 1) {
        throw new Error(where + ": sharding_indexed is not the only codec: " + JSON.stringify(meta.codecs));
    }
    let config = sharding.configuration ?? {};
    let outer = meta.chunk_grid.configuration.chunk_shape;
    let inner = config.chunk_shape;
    if (!Array.isArray(inner) || inner.length !== outer.length
            || inner.some((n, i) => !(n > 0) || outer[i] % n !== 0)) {
        throw new Error(where + ": the shard shape [" + outer + "] is not a multiple of the inner chunk shape ["
            + inner + "]");
    }
    if ((config.index_location ?? "end") !== "end") {
        throw new Error(where + ": index_location " + JSON.stringify(config.index_location)
            + " (zarrita reads the shard index from the end of the shard only)");
    }
    checkCodecs(config.codecs, where + " sharding_indexed codecs");
    checkCodecs(config.index_codecs, where + " sharding_indexed index_codecs");
    return config;
}

function checkCodecs(codecs, where) {
    if (!Array.isArray(codecs)) {
        throw new Error(where + " are missing");
    }
    let arrayToBytes = codecs.filter((codec) => ARRAY_TO_BYTES.has(codec?.name));
    if (arrayToBytes.length !== 1) {
        throw new Error(where + " need exactly one array-to-bytes codec (bytes or sharding_indexed): "
            + JSON.stringify(codecs));
    }
    // zarrita sorts codecs by kind, so it would read e.g. [blosc, bytes]; the spec's order is
    // array-to-array codecs, then the array-to-bytes codec, then bytes-to-bytes codecs.
    let at = codecs.indexOf(arrayToBytes[0]);
    let misplaced = codecs.filter((codec, i) => i < at ? !ARRAY_TO_ARRAY.has(codec?.name)
        : i > at && (ARRAY_TO_ARRAY.has(codec?.name) || ARRAY_TO_BYTES.has(codec?.name)));
    if (misplaced.length > 0) {
        throw new Error(where + " are out of order (array-to-array, then " + arrayToBytes[0].name
            + ", then bytes-to-bytes): " + JSON.stringify(codecs));
    }
}

/** SHA-256 hex of a zarrita 2-D result as C-order little-endian bytes. */
function planeHash(plane) {
    let { data, shape, stride } = plane;
    let [height, width] = shape;
    let hash = createHash("sha256");
    if (!data || !("BYTES_PER_ELEMENT" in data)) {
        throw new Error("cannot hash a plane of " + (data?.constructor?.name ?? typeof data));
    }
    let bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (stride[0] === width && stride[1] === 1 && data.length === height * width) {
        hash.update(bytes);
    } else {
        let copy = new data.constructor(height * width);
        for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
                copy[y * width + x] = data[y * stride[0] + x * stride[1]];
            }
        }
        hash.update(new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength));
    }
    return hash.digest("hex");
}

async function readPlane(arr, t, c, z) {
    let plane = await zarr.get(arr, [t, c, z, null, null]);
    if (!plane.shape || plane.shape.length !== 2) {
        throw new Error("zarr.get of plane " + key(t, c, z) + " gave shape " + JSON.stringify(plane.shape));
    }
    return planeHash(plane);
}

function chunkFilesExist(arrayDir, encodeKey, grid, shape, t, c, z) {
    let tilesY = Math.ceil(shape[3] / grid[3]);
    let tilesX = Math.ceil(shape[4] / grid[4]);
    for (let tileY = 0; tileY < tilesY; tileY++) {
        for (let tileX = 0; tileX < tilesX; tileX++) {
            let name = encodeKey([Math.floor(t / grid[0]), Math.floor(c / grid[1]), Math.floor(z / grid[2]), tileY, tileX]);
            let file = path.join(arrayDir, ...name.split("/"));
            let stat;
            try {
                stat = fs.statSync(file);
            } catch {
                return false;
            }
            if (!stat.isFile()) {
                return false;
            }
        }
    }
    return true;
}

async function readDataset(request, result) {
    let root = request.path;
    let arrayPath = request.array;
    let store = new StrictFileSystemStore(root);
    if (!fs.existsSync(path.join(root, "zarr.json"))) {
        throw new Error(path.join(root, "zarr.json") + " does not exist: not a Zarr v3 group"
            + (fs.existsSync(path.join(root, ".zgroup")) ? " (it is a Zarr v2 group)" : ""));
    }
    let group = await zarr.open.v3(zarr.root(store), { kind: "group" });
    let ome = group.attrs?.ome;
    if (!ome || typeof ome !== "object") {
        throw new Error("the group zarr.json of " + root + " has no attributes.ome");
    }
    result.ome_version = ome.version ?? null;
    let multiscales = ome.multiscales;
    if (!Array.isArray(multiscales) || multiscales.length === 0) {
        throw new Error("the group zarr.json of " + root + " has no attributes.ome.multiscales");
    }
    let declared = (multiscales[0]?.datasets ?? []).map((dataset) => dataset?.path);
    result.multiscales_path = declared[0] ?? null;
    if (!declared.includes(arrayPath)) {
        throw new Error("multiscales dataset paths are " + JSON.stringify(declared) + ", none is "
            + JSON.stringify(arrayPath));
    }

    let arrayDir = path.join(root, ...arrayPath.split("/"));
    let metaFile = path.join(arrayDir, "zarr.json");
    let meta = readJson(metaFile);
    let sharding = checkArrayMetadata(meta, metaFile);
    let arr = await zarr.open.v3(zarr.root(store).resolve(arrayPath), { kind: "array" });

    result.shape = [...arr.shape];
    result.dtype = arr.dtype;
    result.chunks = [...meta.chunk_grid.configuration.chunk_shape];
    result.sharded = sharding !== null;
    result.codecs = meta.codecs.map((codec) => codec.name);
    if (sharding) {
        result.inner_chunks = [...sharding.chunk_shape];
        result.inner_codecs = sharding.codecs.map((codec) => codec.name);
        result.index_codecs = sharding.index_codecs.map((codec) => codec.name);
    }
    result.dimension_names = meta.dimension_names ?? null;
    result.fill_value = meta.fill_value;
    if (arr.shape.length !== 5) {
        throw new Error("array " + arrayPath + " is " + arr.shape.length + "-D, expected 5-D (t, c, z, y, x)");
    }

    let planes = {};
    let planeErrors = {};
    let [tSize, cSize, zSize] = arr.shape;
    if (request.only_existing_chunks) {
        let encodeKey = chunkKeyEncoder(meta.chunk_key_encoding);
        let grid = meta.chunk_grid.configuration.chunk_shape;
        for (let t = 0; t < tSize; t++) {
            for (let c = 0; c < cSize; c++) {
                for (let z = 0; z < zSize; z++) {
                    if (!chunkFilesExist(arrayDir, encodeKey, grid, arr.shape, t, c, z)) {
                        continue;
                    }
                    try {
                        planes[key(t, c, z)] = await readPlane(arr, t, c, z);
                    } catch (error) {
                        planeErrors[key(t, c, z)] = describe(error).split("\n")[0];
                    }
                }
            }
        }
    } else {
        for (let t = 0; t < tSize; t++) {
            for (let c = 0; c < cSize; c++) {
                for (let z = 0; z < zSize; z++) {
                    try {
                        planes[key(t, c, z)] = await readPlane(arr, t, c, z);
                    } catch (error) {
                        let wrapped = new Error("plane " + key(t, c, z) + " (t, c, z) failed", { cause: error });
                        wrapped.name = "PlaneError";
                        throw wrapped;
                    }
                }
            }
        }
    }
    result.planes = planes;
    result.plane_errors = planeErrors;
    if (request.groups) {
        result.groups = await openGroups(request.groups);
    }
}

/** The attributes of each group path below the root; throws when one is no group. */
async function openGroups({ root, paths }) {
    let hierarchy = zarr.root(new StrictFileSystemStore(root));
    let groups = {};
    for (let groupPath of paths) {
        let group = await zarr.open.v3(groupPath === "" ? hierarchy : hierarchy.resolve(groupPath), { kind: "group" });
        groups[groupPath] = group.attrs ?? {};
    }
    return groups;
}

async function main() {
    let input = fs.readFileSync(0, "utf8");
    let request;
    try {
        request = JSON.parse(input);
    } catch (error) {
        process.stderr.write("the request on stdin is not JSON: " + error.message + "\n");
        process.exit(2);
    }
    if (!request || !Array.isArray(request.datasets)) {
        process.stderr.write("the request on stdin has no \"datasets\" list\n");
        process.exit(2);
    }
    let answer = { zarrita_version: ZARRITA_VERSION, crc32c_verified: true, datasets: {} };
    for (let dataset of request.datasets) {
        let result = (answer.datasets[dataset.id] = {});
        try {
            await readDataset(dataset, result);
        } catch (error) {
            result.error = describe(error);
        }
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
}

await main();
