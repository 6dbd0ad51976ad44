"""The scrubber: every supported format leaves with nothing exiftool can read beyond harmless tags."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from sourcedesk.protect.scrub import (
    CorruptMedia,
    UnsupportedMedia,
    metadata_leftovers,
    scrub_bytes,
    scrub_file,
    strip_jpeg_segments,
)

EXIFTOOL = shutil.which("exiftool")
needs_exiftool = pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
SECRET = "Kim Cheol-su"
TAGS = [
    f"-Artist={SECRET}",
    f"-Copyright={SECRET}",
    "-Make=Huawei",
    "-Model=P30",
    "-SerialNumber=SN12345678",
    "-GPSLatitude=41.40",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=128.18",
    "-GPSLongitudeRef=E",
    "-DateTimeOriginal=2024:03:12 14:05:00",
    f"-XMP-dc:Creator={SECRET}",
    "-XMP-photoshop:City=Hyesan",
]


def _exiftool(path: Path, *args: str) -> None:
    subprocess.run([EXIFTOOL, "-q", "-overwrite_original", *args, str(path)], check=True)


def _image(tmp_path: Path, fmt: str, name: str, **save) -> Path:
    path = tmp_path / name
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    img.paste((20, 20, 220), (0, 0, 32, 48))
    img.save(path, fmt, **save)
    return path


def _assert_clean(path: Path) -> None:
    assert metadata_leftovers(path) == {}
    assert SECRET.encode() not in path.read_bytes()


@needs_exiftool
@pytest.mark.parametrize(
    ("fmt", "name", "extra"),
    [
        ("JPEG", "a.jpg", [f"-Comment={SECRET}", f"-IPTC:By-line={SECRET}"]),
        ("PNG", "a.png", [f"-PNG:Author={SECRET}"]),
        ("WEBP", "a.webp", []),
        ("TIFF", "a.tif", [f"-ImageDescription={SECRET}"]),
        ("GIF", "a.gif", [f"-Comment={SECRET}"]),
    ],
)
def test_images_lose_every_identifying_tag(tmp_path, fmt, name, extra):
    """EXIF (GPS, serials, owner, dates), XMP, IPTC and comments are gone from every image format."""
    src = _image(tmp_path, fmt, name)
    tags = TAGS if fmt != "GIF" else [f"-XMP-dc:Creator={SECRET}"]
    _exiftool(src, *tags, *extra)
    assert SECRET.encode() in src.read_bytes()
    dst = tmp_path / f"clean-{name}"
    scrub_file(src, dst)
    _assert_clean(dst)
    with Image.open(dst) as out:
        assert out.size == (64, 48)


@needs_exiftool
def test_jpeg_thumbnail_and_icc_are_dropped(tmp_path):
    """The embedded EXIF thumbnail (which can show the uncropped photo) does not survive."""
    src = _image(tmp_path, "JPEG", "thumb.jpg")
    thumb = _image(tmp_path, "JPEG", "t.jpg")
    _exiftool(src, f"-ThumbnailImage<={thumb}", f"-Artist={SECRET}")
    clean = scrub_bytes(src.read_bytes(), "thumb.jpg")
    assert clean.count(b"\xff\xd8") == 1  # one image, no thumbnail inside
    assert b"Exif" not in clean


def test_jpeg_orientation_is_applied_before_it_is_dropped(tmp_path):
    """A photo taken sideways comes out upright, with no orientation tag left to apply."""
    img = Image.new("RGB", (60, 20), (255, 0, 0))
    img.paste((0, 0, 255), (0, 0, 10, 20))  # blue band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif, quality=95)
    out = Image.open(io.BytesIO(scrub_bytes(buf.getvalue(), "side.jpg")))
    assert out.size == (20, 60)
    assert out.getexif().get(0x0112) is None
    r, g, b = out.convert("RGB").getpixel((10, 3))
    assert b > 150 and r < 100  # the blue band is now at the top


def test_jpeg_without_rotation_is_stripped_losslessly():
    """Without a rotation to apply, the compressed image data is kept byte for byte."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 3)).save(buf, "JPEG", comment=SECRET.encode())
    clean = scrub_bytes(buf.getvalue(), "x.jpg")
    assert SECRET.encode() not in clean
    scan_start = buf.getvalue().index(b"\xff\xda")
    assert buf.getvalue()[scan_start:] == clean[clean.index(b"\xff\xda") :]


def test_png_text_chunks_are_dropped():
    """PNG tEXt/iTXt chunks (author, location) are gone."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    info.add_itxt("Location", "혜산시 연봉동")
    buf = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(buf, "PNG", pnginfo=info)
    clean = scrub_bytes(buf.getvalue(), "x.png")
    assert b"tEXt" not in clean and b"iTXt" not in clean and SECRET.encode() not in clean


def _pdf_with_history(tmp_path: Path) -> Path:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = SECRET
    pdf.docinfo["/Producer"] = "Hancom PDF 1.3"
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [SECRET]
    pdf.attachments["source-notes.txt"] = pikepdf.AttachedFileSpec(
        pdf, b"meeting at Hyesan station", mime_type="text/plain"
    )
    path = tmp_path / "doc.pdf"
    pdf.save(path)
    return path


@needs_exiftool
def test_pdf_is_rewritten_without_metadata_history_or_attachments(tmp_path):
    """Document info, XMP, attachments and the earlier revision exiftool leaves behind are all gone."""
    src = _pdf_with_history(tmp_path)
    # exiftool's edit is an incremental update: the old author stays in the file, recoverable.
    _exiftool(src, "-all=")
    assert SECRET.encode() in src.read_bytes() or b"Kim Cheol" in src.read_bytes()
    dst = tmp_path / "clean.pdf"
    scrub_file(src, dst)
    data = dst.read_bytes()
    assert b"Kim Cheol" not in data
    assert b"Hyesan" not in data
    assert data.count(b"%%EOF") == 1
    assert metadata_leftovers(dst) == {}
    import pikepdf

    with pikepdf.open(dst) as out:
        assert len(out.pages) == 1
        assert "/Info" not in out.trailer
        assert len(out.attachments) == 0


def _docx(tmp_path: Path, *, tracked: bool = False) -> Path:
    photo = io.BytesIO()
    Image.new("RGB", (8, 8)).save(photo, "JPEG", comment=SECRET.encode())
    path = tmp_path / "report.docx"
    body = '<w:ins w:id="1" w:author="x"><w:r><w:t>new</w:t></w:r></w:ins>' if tracked else ""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            '<w:p w:rsidR="00AB12CD" w:rsidRDefault="00AB12CD"><w:commentRangeStart w:id="0"/><w:r><w:t>기사 본문</w:t></w:r>'
            f'<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>{body}</w:p></w:body></w:document>',
        )
        z.writestr(
            "word/comments.xml",
            f'<w:comments xmlns:w="x"><w:comment w:id="0" w:author="{SECRET}"><w:p><w:r><w:t>source is her cousin</w:t></w:r></w:p></w:comment></w:comments>',
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
            '<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.jpeg"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/settings.xml",
            '<w:settings xmlns:w="x"><w:rsids><w:rsidRoot w:val="00AB12CD"/></w:rsids></w:settings>',
        )
        z.writestr("word/media/image1.jpeg", photo.getvalue())
        z.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{SECRET}</dc:creator><cp:lastModifiedBy>{SECRET}</cp:lastModifiedBy><cp:revision>7</cp:revision>"
            "</cp:coreProperties>",
        )
        z.writestr(
            "docProps/app.xml",
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Company>Seoul Desk</Company><TotalTime>42</TotalTime></Properties>",
        )
        z.writestr("docProps/thumbnail.jpeg", photo.getvalue())
    return path


@needs_exiftool
def test_docx_loses_properties_thumbnail_comments_and_revision_marks(tmp_path):
    """Authors, company, revision count, thumbnail, comments and rsid marks are removed; text stays."""
    src = _docx(tmp_path)
    dst = tmp_path / "clean.docx"
    scrub_file(src, dst)
    assert metadata_leftovers(dst) == {}
    with zipfile.ZipFile(dst) as z:
        names = set(z.namelist())
        assert "docProps/thumbnail.jpeg" not in names
        assert "word/comments.xml" not in names
        everything = b"".join(z.read(n) for n in names)
        assert "기사 본문".encode() in z.read("word/document.xml")
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
    for needle in (SECRET.encode(), b"Seoul Desk", b"rsid", b"cousin", b"thumbnail", b"comments.xml"):
        assert needle not in everything, needle


def test_docx_with_tracked_changes_is_refused(tmp_path):
    """Tracked changes keep deleted text; such a document is refused, not half-cleaned."""
    with pytest.raises(UnsupportedMedia, match="tracked changes"):
        scrub_bytes(_docx(tmp_path, tracked=True).read_bytes(), "report.docx")


def test_odt_loses_meta_thumbnail_and_annotation_authors(tmp_path):
    """ODF meta.xml, settings, thumbnails and annotation authors are removed; content stays."""
    src = tmp_path / "note.odt"
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "content.xml",
            "<office:document-content><office:body><text:p>본문"
            f"<office:annotation><dc:creator>{SECRET}</dc:creator><dc:date>2024-03-12</dc:date><text:p>memo</text:p></office:annotation>"
            "</text:p></office:body></office:document-content>",
        )
        z.writestr(
            "meta.xml",
            f"<office:document-meta><office:meta><meta:initial-creator>{SECRET}</meta:initial-creator></office:meta></office:document-meta>",
        )
        z.writestr(
            "settings.xml",
            '<office:document-settings><config:config-item config:name="PrinterName">Desk-HP</config:config-item></office:document-settings>',
        )
        z.writestr("Thumbnails/thumbnail.png", b"\x89PNG")
        z.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest><manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/></manifest:manifest>',
        )
    clean = scrub_bytes(src.read_bytes(), "note.odt")
    with zipfile.ZipFile(io.BytesIO(clean)) as z:
        assert z.namelist()[0] == "mimetype"
        assert z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert "Thumbnails/thumbnail.png" not in z.namelist()
        everything = b"".join(z.read(n) for n in z.namelist())
        assert "본문".encode() in z.read("content.xml")
    for needle in (SECRET.encode(), b"Desk-HP", b"2024-03-12", b"thumbnail"):
        assert needle not in everything, needle


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00garbage", "broken.jpg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRxx", "broken.png"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf"),
        (b"PK\x03\x04not really a zip", "broken.docx"),
    ],
)
def test_corrupt_files_are_refused_and_nothing_is_written(tmp_path, data, name):
    """A file that does not parse raises CorruptMedia and no output file appears."""
    src = tmp_path / name
    src.write_bytes(data)
    dst = tmp_path / f"out-{name}"
    with pytest.raises(CorruptMedia, match=name):
        scrub_file(src, dst)
    assert not dst.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"plain text, not media", "notes.txt"),
        (b"\x00\x00\x00\x18ftypheic", "photo.heic"),
        (b"ID3\x03\x00", "call.mp3"),
    ],
)
def test_unsupported_files_are_refused_never_passed_through(tmp_path, data, name):
    """Types the scrubber cannot clean are refused with the supported list in the message."""
    with pytest.raises(UnsupportedMedia, match="supported"):
        scrub_bytes(data, name)


def test_strip_jpeg_segments_rejects_non_jpeg():
    """The segment stripper refuses input that is not a JPEG stream."""
    with pytest.raises(CorruptMedia):
        strip_jpeg_segments(b"GIF89a")


def test_pdf_images_lose_their_exif_and_comments(tmp_path):
    """A JPEG placed in a PDF keeps its pixels but not its EXIF, XMP or comment."""
    import pikepdf

    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = SECRET  # Artist
    Image.new("RGB", (8, 8), (10, 200, 10)).save(photo, "JPEG", exif=exif, comment=b"taken in Hyesan")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(72, 72))
    image = pikepdf.Stream(pdf, photo.getvalue())
    image.Type, image.Subtype, image.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, pikepdf.Name.DCTDecode
    image.Width, image.Height, image.BitsPerComponent = 8, 8, 8
    image.ColorSpace = pikepdf.Name.DeviceRGB
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.obj.Contents = pikepdf.Stream(pdf, b"q 72 0 0 72 0 0 cm /Im0 Do Q")
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False)
    assert b"Hyesan" in buf.getvalue()
    clean = scrub_bytes(buf.getvalue(), "photo.pdf")
    assert b"Hyesan" not in clean and SECRET.encode() not in clean
    with pikepdf.open(io.BytesIO(clean)) as out:
        (img,) = out.pages[0].get_images().values()
        assert pikepdf.PdfImage(img).as_pil_image().getpixel((4, 4))[1] > 150


def test_animated_gif_keeps_its_frames_but_not_its_comment():
    """Every frame of an animation is rebuilt; comments and application extensions are gone."""
    frames = [Image.new("RGB", (10, 10), (i * 80, 0, 0)) for i in (1, 2, 3)]
    buf = io.BytesIO()
    frames[0].save(
        buf, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=SECRET.encode()
    )
    clean = scrub_bytes(buf.getvalue(), "anim.gif")
    assert SECRET.encode() not in clean
    with Image.open(io.BytesIO(clean)) as out:
        assert out.n_frames == 3


def test_multipage_tiff_keeps_pages_and_drops_tags(tmp_path):
    """A multi-page TIFF keeps its pages; descriptive tags like Artist are dropped."""
    pages = [Image.new("RGB", (12, 12), c) for c in ((255, 0, 0), (0, 255, 0))]
    info = Image.Exif()
    info[0x013B] = SECRET
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], exif=info)
    assert SECRET.encode() in buf.getvalue()
    clean = scrub_bytes(buf.getvalue(), "scan.tif")
    assert SECRET.encode() not in clean
    with Image.open(io.BytesIO(clean)) as out:
        assert out.n_frames == 2


def test_pdf_annotation_authors_and_attachments_are_removed():
    """Comment authors and dates are dropped; file-attachment annotations are removed with their files."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    note = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Text,
        Rect=[0, 0, 10, 10],
        T=pikepdf.String(SECRET),
        M=pikepdf.String("D:20240312"),
        Contents=pikepdf.String("check this"),
    )
    spec = pikepdf.AttachedFileSpec(pdf, b"meeting at Hyesan station", mime_type="text/plain")
    attachment = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[10, 10, 20, 20], FS=spec.obj
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(
        pikepdf.Array([pdf.make_indirect(note), pdf.make_indirect(attachment)])
    )
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False)
    assert b"Hyesan" in buf.getvalue() and SECRET.encode() in buf.getvalue()
    clean = scrub_bytes(buf.getvalue(), "annotated.pdf")
    assert b"Hyesan" not in clean and SECRET.encode() not in clean and b"D:20240312" not in clean
    with pikepdf.open(io.BytesIO(clean)) as out:
        (kept,) = out.pages[0].obj.Annots
        assert kept.Subtype == pikepdf.Name.Text
