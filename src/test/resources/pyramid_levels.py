"""Reads every resolution level of Zarrscope's Zarr v2 datasets with zarr-python and checks them
against pyramids computed here, with numpy, from level 0.

Run with Debian's /usr/bin/python3 (zarr 2.x, numpy) by org.zarrscope.testing.NumpyPyramid. The
expected levels are computed independently of Zarrscope's Java kernel, from the rule documented in
docs/format.md: level k+1 is level k reduced 2x in y and x only; along an odd size the level has
ceil(n / 2) pixels and an edge block holds the 1 or 2 pixels that exist; the method is the
multiscales "type":

* mean: integers (sum + count // 2) // count (round half up); float32 summed in float64 in the order
  top-left + top-right + bottom-left + bottom-right, divided by the count, then rounded to float32;
* nearest: the top-left pixel of each block;
* min / max: the smallest / largest pixel of the block.

Expected levels are computed from level 0 alone (level k+1 from the *expected* level k), never from
the levels on disk.

Input (JSON on stdin)::

    {"datasets": [{"id": "x", "path": "/tmp/a.ome.zarr", "array": "0"}]}

``array`` is ignored beyond naming level 0 (it must be the first multiscales dataset). Output (JSON
on stdout), one entry per dataset id::

    {"datasets": {"x": {
        "type": "mean",
        "levels": [{"path": "1", "shape": [...], "chunks": [...], "dtype": "<u2",
                    "expected_shape": [...],
                    "planes": {"0,0,0": "<sha-256 of the level read from disk>", ...},
                    "expected_planes": {"0,0,0": "<sha-256 of the numpy level>", ...},
                    "mismatched_pixels": 0,
                    "first_mismatch": "t=0 c=1 z=0 y=3 x=150: read 17, expected 18"}, ...],
        "error": "..."}}}

Hashes are over C-order little-endian bytes of each (t, c, z) plane, as in zarr_planes.py, so the
Java test can compare them with other readers' hashes (zarrita for Zarr v3).
"""

import hashlib
import json
import sys
import traceback

import numpy as np
import zarr


def plane_hash(plane):
    little = plane.astype(plane.dtype.newbyteorder("<"))
    return hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest()


def blocks(a, fill):
    """The four pixels of every 2x2 block in y/x (top-left, top-right, bottom-left, bottom-right),
    with ``fill`` where an odd edge has no pixel."""
    height, width = a.shape[-2:]
    padded = np.full(a.shape[:-2] + (height + height % 2, width + width % 2), fill, dtype=a.dtype)
    padded[..., :height, :width] = a
    return (padded[..., 0::2, 0::2], padded[..., 0::2, 1::2],
            padded[..., 1::2, 0::2], padded[..., 1::2, 1::2])


def reduce_level(a, method):
    if method == "nearest":
        return a[..., 0::2, 0::2].copy()
    floating = np.issubdtype(a.dtype, np.floating)
    if method in ("min", "max"):
        if floating:
            fill = np.inf if method == "min" else -np.inf
        else:
            info = np.iinfo(a.dtype)
            fill = info.max if method == "min" else info.min
        tl, tr, bl, br = blocks(a, fill)
        pick = np.minimum if method == "min" else np.maximum
        return pick(pick(tl, tr), pick(bl, br))
    if method != "mean":
        raise ValueError("unknown downsampling type %r" % method)
    count = sum(b.astype(np.int64) for b in blocks(np.ones(a.shape, dtype=np.uint8), 0))
    if floating:
        tl, tr, bl, br = (b.astype(np.float64) for b in blocks(a, 0))
        return (((tl + tr) + bl + br) / count).astype(a.dtype)
    tl, tr, bl, br = (b.astype(np.int64) for b in blocks(a, 0))
    return ((tl + tr + bl + br + count // 2) // count).astype(a.dtype)


def hashes(data):
    planes = {}
    for t in range(data.shape[0]):
        for c in range(data.shape[1]):
            for z in range(data.shape[2]):
                planes["%d,%d,%d" % (t, c, z)] = plane_hash(data[t, c, z])
    return planes


def first_mismatch(read, expected):
    where = np.argwhere(read != expected)
    if len(where) == 0:
        return None
    t, c, z, y, x = (int(i) for i in where[0])
    return "t=%d c=%d z=%d y=%d x=%d: read %r, expected %r" % (
        t, c, z, y, x, read[t, c, z, y, x].item(), expected[t, c, z, y, x].item())


def check_dataset(request, result):
    group = zarr.open(request["path"], mode="r")
    multiscale = group.attrs.asdict()["multiscales"][0]
    method = multiscale.get("type")
    result["type"] = method
    paths = [dataset["path"] for dataset in multiscale["datasets"]]
    if paths[0] != request["array"]:
        raise ValueError("the first multiscales dataset is %r, expected %r" % (paths[0], request["array"]))
    expected = group[paths[0]][...]
    levels = []
    for level, path in enumerate(paths):
        if level > 0:
            expected = reduce_level(expected, method)
        arr = group[path]
        read = arr[...]
        entry = {"path": path, "shape": list(arr.shape), "chunks": list(arr.chunks), "dtype": arr.dtype.str,
                 "expected_shape": list(expected.shape), "planes": hashes(read),
                 "expected_planes": hashes(expected)}
        if read.shape == expected.shape:
            entry["mismatched_pixels"] = int(np.count_nonzero(read != expected))
            entry["first_mismatch"] = first_mismatch(read, expected)
        levels.append(entry)
    result["levels"] = levels


def main():
    request = json.load(sys.stdin)
    answer = {"zarr_version": zarr.__version__, "numpy_version": np.__version__, "datasets": {}}
    for dataset in request["datasets"]:
        result = answer["datasets"][dataset["id"]] = {}
        try:
            check_dataset(dataset, result)
        except Exception as error:
            result["error"] = "%s: %s\n%s" % (type(error).__name__, error, traceback.format_exc())
    json.dump(answer, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
