"""Reads Zarrscope datasets back with zarr-python and reports a SHA-256 per plane.

Run with Debian's /usr/bin/python3 (zarr 2.x, numcodecs, numpy), the interpreter named by the
``zarr.python`` system property of the Java tests. It is the independent reader the tests compare
Zarrscope's output against: zarr-python decodes every chunk with numcodecs, so a chunk that is
wrongly compressed, framed or laid out gives a different hash (or an error) here.

Input (JSON on stdin)::

    {"datasets": [
        {"id": "x", "path": "/tmp/a.ome.zarr", "array": "0"},
        {"id": "k", "path": "/tmp/b.ome.zarr", "array": "0", "only_existing_chunks": true},
        {"id": "g", "path": "/tmp/c.ome.zarr/0", "array": "0",
         "groups": {"root": "/tmp/c.ome.zarr", "paths": ["zarrscope", "OME"]}}
    ]}

Output (JSON on stdout), one entry per dataset id::

    {"zarr_version": "2.13.6", "datasets": {"x": {
        "shape": [3, 2, 5, 30, 40],
        "chunks": [2, 1, 3, 16, 16],
        "dtype": "<u2",
        "multiscales_path": "0",
        "planes": {"0,0,0": "<sha-256 hex>", ...},
        "plane_errors": {"2,1,0": "ValueError: ..."},
        "groups": {"zarrscope": {<its attributes>}, ...},
        "error": "..."}}}

For each dataset the root group is opened with ``zarr.open(path, mode="r")``; its ``.zattrs``
multiscales datasets must declare ``array`` (a resolution level; otherwise ``error`` says so), and
``multiscales_path`` is the first one's path (full resolution). A plane's hash is
taken over ``arr[t, c, z]`` as C-order little-endian bytes. Without ``only_existing_chunks`` the
whole array is read at once and every (t, c, z) gets a hash (missing chunks read as the fill
value). With ``only_existing_chunks`` only planes all of whose chunk files (every y/x tile) exist
on disk are read, one plane at a time, and a plane that cannot be decoded is reported under
``plane_errors`` rather than failing the dataset (this is for a writer that was killed).

With ``groups`` each of its ``paths`` below ``root`` is opened with ``zarr.open_group(mode="r")``,
as a viewer walking the hierarchy does, and its attributes reported under ``groups``; a path that is
no group (no ``.zgroup``) fails the dataset.

``error`` is present only when opening or reading the dataset failed; the other fields may then
be missing. The script itself exits 0 unless its input cannot be parsed.
"""

import hashlib
import json
import os
import sys
import traceback

import numpy as np
import zarr


def plane_hash(plane):
    """SHA-256 hex of a 2-D plane as C-order little-endian bytes."""
    little = plane.astype(plane.dtype.newbyteorder("<"))
    return hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest()


def key(t, c, z):
    return "%d,%d,%d" % (t, c, z)


def chunk_files_exist(array_dir, separator, chunks, shape, t, c, z):
    """True when every chunk file holding plane (t, c, z) exists under the array's folder."""
    tiles_y = -(-shape[3] // chunks[3])
    tiles_x = -(-shape[4] // chunks[4])
    for tile_y in range(tiles_y):
        for tile_x in range(tiles_x):
            indices = [t // chunks[0], c // chunks[1], z // chunks[2], tile_y, tile_x]
            name = separator.join(str(i) for i in indices)
            if not os.path.isfile(os.path.join(array_dir, *name.split("/"))):
                return False
    return True


def read_dataset(request, result):
    """Fills ``result`` as far as it gets; raises when the dataset cannot be opened or read."""
    path = request["path"]
    array_path = request["array"]
    group = zarr.open(path, mode="r")
    if not isinstance(group, zarr.hierarchy.Group):
        raise ValueError("%s is not a Zarr group but %s" % (path, type(group).__name__))
    multiscales = group.attrs.asdict().get("multiscales")
    if not multiscales:
        raise ValueError("the group .zattrs of %s has no multiscales" % path)
    declared = [dataset["path"] for dataset in multiscales[0]["datasets"]]
    result["multiscales_path"] = declared[0]
    if array_path not in declared:
        raise ValueError("multiscales dataset paths are %r, none is %r" % (declared, array_path))
    arr = group[array_path]
    result["shape"] = list(arr.shape)
    result["chunks"] = list(arr.chunks)
    result["dtype"] = arr.dtype.str
    if arr.ndim != 5:
        raise ValueError("array %s is %d-D, expected 5-D (t, c, z, y, x)" % (array_path, arr.ndim))
    planes = {}
    plane_errors = {}
    t_size, c_size, z_size = arr.shape[:3]
    if request.get("only_existing_chunks"):
        array_dir = os.path.join(path, *array_path.split("/"))
        separator = getattr(arr, "_dimension_separator", None) or "."
        for t in range(t_size):
            for c in range(c_size):
                for z in range(z_size):
                    if not chunk_files_exist(array_dir, separator, arr.chunks, arr.shape, t, c, z):
                        continue
                    try:
                        planes[key(t, c, z)] = plane_hash(arr[t, c, z])
                    except Exception as error:  # a chunk that does not decode
                        plane_errors[key(t, c, z)] = "%s: %s" % (type(error).__name__, error)
    else:
        data = arr[...]
        for t in range(t_size):
            for c in range(c_size):
                for z in range(z_size):
                    planes[key(t, c, z)] = plane_hash(data[t, c, z])
    result["planes"] = planes
    result["plane_errors"] = plane_errors
    if "groups" in request:
        result["groups"] = open_groups(request["groups"])


def open_groups(groups):
    """The attributes of each group path below the root; raises when one is no group."""
    found = {}
    for group_path in groups["paths"]:
        group = zarr.open_group(store=groups["root"], path=group_path, mode="r")
        found[group_path] = group.attrs.asdict()
    return found


def main():
    request = json.load(sys.stdin)
    answer = {"zarr_version": zarr.__version__, "datasets": {}}
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
