"""Decodes every NAME.blosc in the folder given as argument with numcodecs' Blosc codec and compares
it with NAME.raw. Prints one JSON object: {"numcodecs": version, "blosc": c-blosc version,
"chunks": {NAME: "ok" | what went wrong}}. Run by NumcodecsDecodesZarrscopeBloscChunksTest."""
import json
import pathlib
import sys

import numcodecs
from numcodecs import blosc

folder = pathlib.Path(sys.argv[1])
codec = numcodecs.Blosc()
chunks = {}
for frame in sorted(folder.glob("*.blosc")):
    expected = frame.with_suffix(".raw").read_bytes()
    try:
        decoded = bytes(codec.decode(frame.read_bytes()))
    except Exception as e:  # reported per chunk, so one bad chunk does not hide the others
        chunks[frame.stem] = "numcodecs failed: %r" % (e,)
        continue
    if decoded == expected:
        chunks[frame.stem] = "ok"
    else:
        differing = next((i for i, (a, b) in enumerate(zip(decoded, expected)) if a != b), min(len(decoded), len(expected)))
        chunks[frame.stem] = "decoded %d bytes, expected %d; first difference at byte %d" % (
            len(decoded), len(expected), differing)
print(json.dumps({"numcodecs": numcodecs.__version__, "blosc": blosc.VERSION_STRING, "chunks": chunks}))
