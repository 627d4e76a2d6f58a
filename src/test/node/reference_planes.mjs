// Reads Zarrscope's kerchunk reference files (`zarrscope convert --reference`) with zarrita's
// ReferenceStore and reports a SHA-256 per plane, as zarr_v3_planes.mjs does for v3 datasets.
//
// Run by org.zarrscope.testing.Zarrita.readReferences as `node src/test/node/reference_planes.mjs`.
// Input (JSON on stdin): {"datasets": [{"id": "r", "path": "/tmp/run.ome.zarr.json", "array": "0"}]}
// where `path` is the reference file and `array` the array's path below its root (`0`, or `A/1/0/0`
// in a plate), declared in the multiscales of its parent group.
// Output: {"datasets": {"r": {"shape", "dtype", "chunks", "ome_version", "planes": {"t,c,z": sha}, "error"}}}
//
// Node's fetch cannot read file: URLs, so the store is given a fetch that serves them from the
// disk, honouring the Range header ReferenceStore sets from each reference's offset and length,
// and refusing ranges past the end of the file (a wrong offset must not read as zeros).

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";

let zarr;
let ReferenceStore;
try {
    zarr = await import("zarrita");
    ReferenceStore = (await import("@zarrita/storage/ref")).default;
} catch (error) {
    process.stderr.write("zarrita is not installed: run `npm ci --prefix src/test/node` (" + error + ")\n");
    process.exit(3);
}

async function fileFetch(request) {
    let url = new URL(request.url);
    if (url.protocol !== "file:") {
        return new Response(null, { status: 404 });
    }
    let file = fileURLToPath(url);
    let bytes = fs.readFileSync(file);
    let range = request.headers.get("Range");
    if (!range) {
        return new Response(bytes);
    }
    let [start, stop] = range.slice("bytes=".length).split("-").map(Number);
    if (stop >= bytes.length) {
        throw new Error(file + " is " + bytes.length + " bytes; cannot read " + range);
    }
    return new Response(bytes.subarray(start, stop + 1), { status: 206 });
}

function planeHash(plane) {
    let { data } = plane;
    return createHash("sha256").update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest("hex");
}

async function readDataset(request, result) {
    let spec = JSON.parse(fs.readFileSync(request.path, "utf8"));
    let store = ReferenceStore.fromSpec(spec, { fetch: fileFetch });
    let root = zarr.root(store);
    let slash = request.array.lastIndexOf("/");
    let image = slash < 0 ? root : root.resolve(request.array.slice(0, slash));
    let arrayPath = request.array.slice(slash + 1);
    let group = await zarr.open.v2(image, { kind: "group" });
    let multiscales = group.attrs?.multiscales;
    if (!Array.isArray(multiscales) || !multiscales[0]?.datasets?.some((d) => d.path === arrayPath)) {
        throw new Error("the .zattrs of " + image.path + " declares no multiscales dataset " + arrayPath);
    }
    result.ome_version = multiscales[0].version ?? null;
    let arr = await zarr.open.v2(image.resolve(arrayPath), { kind: "array" });
    result.shape = [...arr.shape];
    result.dtype = arr.dtype;
    result.chunks = [...arr.chunks];
    let planes = {};
    let [tSize, cSize, zSize] = arr.shape;
    for (let t = 0; t < tSize; t++) {
        for (let c = 0; c < cSize; c++) {
            for (let z = 0; z < zSize; z++) {
                planes[t + "," + c + "," + z] = planeHash(await zarr.get(arr, [t, c, z, null, null]));
            }
        }
    }
    result.planes = planes;
}

let request = JSON.parse(fs.readFileSync(0, "utf8"));
let answer = { datasets: {} };
for (let dataset of request.datasets) {
    let result = (answer.datasets[dataset.id] = {});
    try {
        await readDataset(dataset, result);
    } catch (error) {
        result.error = String(error?.stack ?? error);
    }
}
process.stdout.write(JSON.stringify(answer) + "\n");
