"""Benchmark the media scrubber against exiftool on the same files.

Usage: python bench/bench_scrub.py [--quick]

Builds test files in a temporary folder (a 12-megapixel JPEG with EXIF GPS, serials, XMP and a
comment — 3 MP with --quick — a rotated one, a PNG, a 50-page PDF and a DOCX with pictures), then
prints per file: scrub time, size before/after, and whether exiftool still reads any tag outside
the harmless allow-list. For JPEG it also times ``exiftool -all=`` (lossless, but on PDF its edit is
reversible, which is why the scrubber rewrites PDFs with pikepdf instead).
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PIL import Image  # noqa: E402

from sourcedesk.protect.scrub import metadata_leftovers, scrub_bytes  # noqa: E402

EXIFTOOL = shutil.which("exiftool")
TAGS = [
    "-Artist=Kim Cheol-su",
    "-SerialNumber=SN123",
    "-GPSLatitude=41.4",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=128.2",
    "-GPSLongitudeRef=E",
    "-XMP-dc:Creator=Kim",
    "-Comment=Hyesan",
]


def photo(path: Path, size: tuple[int, int], orientation: int = 1) -> Path:
    img = Image.effect_noise(size, 60).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = orientation
    img.save(path, "JPEG", quality=90, exif=exif)
    if EXIFTOOL:
        subprocess.run([EXIFTOOL, "-q", "-overwrite_original", *TAGS, str(path)], check=True)
    return path


def pdf(path: Path, pages: int) -> Path:
    import pikepdf

    doc = pikepdf.new()
    for _ in range(pages):
        doc.add_blank_page()
    doc.docinfo["/Author"] = "Kim Cheol-su"
    with doc.open_metadata() as meta:
        meta["dc:creator"] = ["Kim Cheol-su"]
    doc.save(path)
    return path


def docx(path: Path, pictures: int) -> Path:
    buf = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buf, "JPEG", comment=b"Hyesan")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="x"><w:body><w:p w:rsidR="00AA"><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>',
        )
        z.writestr("docProps/core.xml", "<cp:coreProperties><dc:creator>Kim</dc:creator></cp:coreProperties>")
        for i in range(pictures):
            z.writestr(f"word/media/image{i}.jpeg", buf.getvalue())
    return path


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 2 if quick else 5
    mp = (2000, 1500) if quick else (4000, 3000)
    print(f"# scrubber benchmark ({'quick' if quick else 'full'}; median of {runs} runs)")
    if not EXIFTOOL:
        print("exiftool not installed: files carry only Pillow-written EXIF and verification is skipped")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = {
            f"JPEG {mp[0] * mp[1] / 1e6:.0f} MP (lossless strip)": photo(d / "a.jpg", mp),
            f"JPEG {mp[0] * mp[1] / 1e6:.0f} MP rotated (re-encode)": photo(d / "r.jpg", mp, orientation=6),
            "PNG 1500x1000": d / "p.png",
            f"PDF {10 if quick else 50} pages": pdf(d / "d.pdf", 10 if quick else 50),
            f"DOCX with {5 if quick else 20} pictures": docx(d / "w.docx", 5 if quick else 20),
        }
        Image.effect_noise((1500, 1000), 60).convert("RGB").save(files["PNG 1500x1000"], "PNG")
        for label, path in files.items():
            data = path.read_bytes()
            seconds = timed(lambda data=data, path=path: scrub_bytes(data, path.name), runs)
            clean = scrub_bytes(data, path.name)
            out = d / f"clean-{path.name}"
            out.write_bytes(clean)
            verdict = ""
            if EXIFTOOL:
                left = metadata_leftovers(out)
                verdict = "exiftool: clean" if not left else f"exiftool: LEFT {sorted(left)}"
            print(
                f"{label}: {seconds * 1000:.0f} ms, {len(data) / 1e6:.2f} MB -> {len(clean) / 1e6:.2f} MB; {verdict}"
            )
        if EXIFTOOL:
            src = files[next(iter(files))]

            def exif_all() -> None:
                tmpfile = d / "e.jpg"
                shutil.copy(src, tmpfile)
                subprocess.run([EXIFTOOL, "-q", "-all=", "-overwrite_original", str(tmpfile)], check=True)

            print(
                f"exiftool -all= on the same JPEG (for comparison, incl. process start): {timed(exif_all, runs) * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
