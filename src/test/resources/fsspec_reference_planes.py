"""Reads kerchunk reference files (``zarrscope convert --reference``) with fsspec and zarr-python.

The Python twin of ``src/test/node/reference_planes.mjs``: it opens each reference file as a
napari or ome-zarr-py user would, ``fsspec.filesystem("reference", fo=path)`` and
``zarr.open(fs.get_mapper(""), mode="r")``, so fsspec resolves the ``{{source}}`` template
(with jinja2 in fsspec 2022.11) and reads every chunk as a byte range of the NDTiff data file.
Run with Debian's /usr/bin/python3 (fsspec 2022.11, zarr 2.13) by
``org.zarrscope.testing.ZarrPython.readReferences``.

Input (JSON on stdin)::

    {"datasets": [{"id": "r", "path": "/tmp/run.ome.zarr.json", "array": "A/1/0/0"}]}

``array`` is the array's path below the reference file's root; its parent group (the root when
it has no ``/``) must declare it in its ``multiscales``.

Output (JSON on stdout)::

    {"fsspec_version": "2022.11.0", "zarr_version": "2.13.6", "datasets": {"r": {
        "shape": [...], "chunks": [...], "dtype": "<u2", "multiscales_path": "0",
        "planes": {"t,c,z": "<sha-256 hex>", ...}, "error": "..."}}}

A plane's hash is taken over ``arr[t, c, z]`` as C-order little-endian bytes. ``error`` is
present only when opening or reading the dataset failed. The script exits 0 unless its input
cannot be parsed.
"""

import hashlib
import json
import sys
import traceback

import fsspec
import numpy as np
import zarr


def plane_hash(plane):
    """SHA-256 hex of a 2-D plane as C-order little-endian bytes."""
    little = plane.astype(plane.dtype.newbyteorder("<"))
    return hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest()


def read_dataset(request, result):
    fs = fsspec.filesystem("reference", fo=request["path"])
    root = zarr.open(fs.get_mapper(""), mode="r")
    image_path, _, array_path = request["array"].rpartition("/")
    image = root[image_path] if image_path else root
    multiscales = image.attrs.asdict().get("multiscales")
    if not multiscales:
        raise ValueError("the group %r has no multiscales" % (image_path or "/"))
    declared = [dataset["path"] for dataset in multiscales[0]["datasets"]]
    result["multiscales_path"] = declared[0]
    if array_path not in declared:
        raise ValueError("multiscales dataset paths are %r, none is %r" % (declared, array_path))
    arr = image[array_path]
    result["shape"] = list(arr.shape)
    result["chunks"] = list(arr.chunks)
    result["dtype"] = arr.dtype.str
    data = arr[...]
    planes = {}
    t_size, c_size, z_size = arr.shape[:3]
    for t in range(t_size):
        for c in range(c_size):
            for z in range(z_size):
                planes["%d,%d,%d" % (t, c, z)] = plane_hash(data[t, c, z])
    result["planes"] = planes


def main():
    request = json.load(sys.stdin)
    answer = {"fsspec_version": fsspec.__version__, "zarr_version": zarr.__version__, "datasets": {}}
    for dataset in request["datasets"]:
        result = answer["datasets"][dataset["id"]] = {}
        try:
            read_dataset(dataset, result)
        except Exception as error:
            result["error"] = "%s: %s\n%s" % (type(error).__name__, error, traceback.format_exc())
    json.dump(answer, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
