"""How long does one camera-sized upload take to check and render? (no Django needed)

    .venv/bin/python bench/renditions.py [--runs 5] [--width 6000] [--height 4000]

Builds a JPEG in memory from gradients plus noise (so it compresses like a real photo,
not like a flat colour), then times ``inspect_upload`` and ``make_renditions``. Prints a
one-line summary, then the same figures as JSON on the next line.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import time
from pathlib import Path

# Run from anywhere: the project root holds the photos package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PIL  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402

from photos.imaging import Limits, inspect_upload, make_renditions  # noqa: E402


def camera_like_jpeg(width: int, height: int) -> bytes:
    gradient = Image.linear_gradient("L").resize((width, height))
    radial = Image.radial_gradient("L").resize((width, height))
    channels = []
    for i, base in enumerate((gradient, radial, ImageChops.invert(gradient))):
        noise = Image.effect_noise((width, height), 24 + 8 * i)
        channels.append(Image.blend(base, noise, 0.35))
    buf = io.BytesIO()
    Image.merge("RGB", channels).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    args = parser.parse_args()

    data = camera_like_jpeg(args.width, args.height)
    inspect_times: list[float] = []
    render_times: list[float] = []
    renditions = []
    for _ in range(args.runs):
        f = io.BytesIO(data)
        t0 = time.perf_counter()
        inspect_upload(f, filename="bench.jpg", limits=Limits())
        t1 = time.perf_counter()
        renditions = make_renditions(f)
        t2 = time.perf_counter()
        inspect_times.append(t1 - t0)
        render_times.append(t2 - t1)

    totals = [a + b for a, b in zip(inspect_times, render_times, strict=True)]
    result = {
        "source": f"{args.width}x{args.height} JPEG",
        "source_bytes": len(data),
        "runs": args.runs,
        "median_inspect_s": round(statistics.median(inspect_times), 3),
        "median_renditions_s": round(statistics.median(render_times), 3),
        "median_total_s": round(statistics.median(totals), 3),
        "renditions": len(renditions),
        "renditions_bytes": sum(len(r.content) for r in renditions),
        "python": platform.python_version(),
        "pillow": PIL.__version__,
    }
    print(
        f"{result['source']} ({len(data) / 1e6:.1f} MB): inspect {result['median_inspect_s']} s"
        f" + {result['renditions']} renditions {result['median_renditions_s']} s"
        f" = {result['median_total_s']} s (median of {args.runs})"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
