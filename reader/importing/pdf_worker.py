"""The only place PDFium runs: ``python -m reader.importing.pdf_worker``, one request per process.

PDFium is not thread-safe (not even across documents) and a hostile PDF can crash or hang it, so
the window and the command line never load it: :mod:`reader.importing.pdf_extract` starts this
module as a child process, writes one request to its standard input — a JSON line, then the
PDF's bytes — and reads JSON lines back: one per page as it is read (see below), then one
``{"result": ...}`` or ``{"error": {"kind", "message"}}``; a render answers with a JSON line and
the PNG's bytes. The parent kills the child on a timeout; a crash is an exit without a result.

Requests: ``{"op": "extract", "size": N, "password": str|null}`` gives, per page, a JSON line
``{"page": {...}}`` (its size, label, text, images, how many pages are done, and the length of
the bytes that follow it: the characters' boxes, font sizes, weights and flags as packed
arrays), then ``{"result": ...}`` with the document's information dictionary.
``{"op": "render", "size": N, "page": i, "width": px}`` gives a PNG of one page.
"""

from __future__ import annotations

import ctypes
import json
import math
import re
import struct
import sys
import zlib
from array import array
from typing import IO, Any

# Per-character flags sent to the parent.
GENERATED = 1  # a space or line break PDFium made up (not in the content stream)
HYPHEN = 2  # PDFium marks it as a soft hyphen (a word cut at the line end)
# PDFium's text of a soft hyphen: U+FFFE from FPDFText_GetText, U+0002 from GetUnicode. It marks
# every hyphen that ends a line between two letters so (China-|Russia as much as man-|agement),
# and joins the lines there without a line break: the child sends the hyphen drawn, flagged, and
# the layout decides whether the word was cut.
_SOFT_HYPHEN = "\ufffe\x02"
UNMAPPED = 4  # the font has no Unicode mapping for it


_SURROGATE = re.compile("[\ud800-\udfff]")


def _emit(out: IO[bytes], payload: dict[str, Any]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
    out.flush()


def _open(data: bytes, password: str | None) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise _Refusal("password", "needs a password") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise _Refusal("security", "uses an encryption PDFium cannot open") from None
        raise _Refusal("damaged", "is damaged or not a PDF") from None


class _Refusal(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _page_text(raw: Any, textpage: Any, n: int) -> str:
    """The page's characters, one per PDFium character index (a character PDFium cannot map
    becomes U+FFFD)."""
    buffer = ctypes.create_string_buffer((n + 1) * 2)
    raw.FPDFText_GetText(textpage, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[: n * 2].decode("utf-16-le", errors="surrogatepass")
    if len(units) == n and _SURROGATE.search(units) is None:
        return units
    # Characters outside the BMP: ask one by one so indices stay PDFium's.
    chars = []
    for i in range(n):
        code = raw.FPDFText_GetUnicode(textpage, i)
        chars.append(
            chr(code) if 0 <= code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else "\ufffd"
        )
    return "".join(chars)


def _page_chars(page: Any) -> tuple[dict[str, Any], bytes]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        n = max(0, raw.FPDFText_CountChars(handle))
        text = _page_text(raw, handle, n)
        boxes = array("f", bytes(16 * n))
        # Left and right of each character's loose box (PDFium's, from its origin and advance:
        # where the character stands, not where its ink is; 卜 inks a third of its box).
        advances = array("f", bytes(8 * n))
        sizes = array("f", bytes(4 * n))
        weights = array("H", bytes(2 * n))
        flags = bytearray(n)
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
        matrix = raw.FS_MATRIX()
        matrix_ref = ctypes.byref(matrix)
        get_matrix = raw.FPDFText_GetMatrix
        char_box = raw.FPDFText_GetCharBox
        loose_box = raw.FPDFText_GetLooseCharBox
        loose = raw.FS_RECTF()
        loose_ref = ctypes.byref(loose)
        font_size = raw.FPDFText_GetFontSize
        font_weight = raw.FPDFText_GetFontWeight
        is_generated = raw.FPDFText_IsGenerated
        is_hyphen = raw.FPDFText_IsHyphen
        soft: list[int] = []
        for i, ch in enumerate(text):
            # Whitespace needs no box or font: only whether PDFium made it up.
            if ch.isspace():
                if is_generated(handle, i) == 1:
                    flags[i] = GENERATED
                continue
            if ch in "-\u00ad\u2010" + _SOFT_HYPHEN and is_hyphen(handle, i) == 1:
                flags[i] = HYPHEN
                if ch in _SOFT_HYPHEN:
                    soft.append(i)
            char_box(handle, i, *refs)
            k = 4 * i
            boxes[k] = left.value
            boxes[k + 1] = bottom.value
            boxes[k + 2] = right.value
            boxes[k + 3] = top.value
            if loose_box(handle, i, loose_ref):
                advances[2 * i] = loose.left
                advances[2 * i + 1] = loose.right
            else:
                advances[2 * i] = left.value
                advances[2 * i + 1] = right.value
            # The size as printed: PDFium gives the font's size in text space (the ``Tf``
            # operand); a producer may scale it with the text or page matrix (Qt writes at
            # 1200 dpi, an 11 pt font as ``183 Tf`` under a 0.06 scale).
            size = font_size(handle, i)
            if get_matrix(handle, i, matrix_ref):
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
                if scale > 0:
                    size *= scale
            sizes[i] = size
            weight = font_weight(handle, i)
            weights[i] = weight if 0 <= weight < 65536 else 0
    finally:
        textpage.close()
    if soft:
        chars = list(text)
        for i in soft:
            chars[i] = "-"
        text = "".join(chars)
    images = 0
    image_area = 0.0
    for k in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, k)
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
            if raw.FPDFPageObj_GetBounds(
                obj, ctypes.byref(x0), ctypes.byref(y0), ctypes.byref(x1), ctypes.byref(y1)
            ):
                image_area += max(0.0, x1.value - x0.value) * max(0.0, y1.value - y0.value)
    width, height = page.get_size()
    try:
        box = [round(v, 2) for v in page.get_cropbox()]
    except Exception:  # a broken box is no reason to refuse the text
        box = None
    # The per-character arrays travel as raw bytes after the page's JSON line (no base64, no
    # JSON numbers): boxes (4 floats), sizes (float), weights (uint16), flags (byte), loose
    # boxes' left and right (2 floats).
    blob = boxes.tobytes() + sizes.tobytes() + weights.tobytes() + bytes(flags)
    blob += advances.tobytes()
    record = {
        "width": round(width, 2),
        "height": round(height, 2),
        "text": text,
        "images": images,
        "image_area": round(image_area, 1),
        "box": box,
        "bytes": len(blob),
    }
    return record, blob


_INFO_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate")


def extract(
    data: bytes, password: str | None, out: IO[bytes], part: int = 0, parts: int = 1
) -> None:
    """Pages ``part``, ``part + parts`` … (several children share a long PDF)."""
    pdf = _open(data, password)
    try:
        total = len(pdf)
        info = {}
        for key in _INFO_KEYS:
            try:
                value = pdf.get_metadata_value(key)
            except Exception:  # a broken info dictionary is no reason to refuse the text
                value = ""
            if value:
                info[key] = value
        for done, index in enumerate(range(part, total, parts), 1):
            page = pdf[index]
            try:
                record, blob = _page_chars(page)
            finally:
                page.close()
            try:
                record["label"] = pdf.get_page_label(index)
            except Exception:
                record["label"] = ""
            record["index"] = index
            record["done"] = [done, total]
            _emit(out, {"page": record})
            out.write(blob)
            out.flush()
        result = {"info": info, "version": pdf.get_version(), "total": total}
        _emit(out, {"result": result})
    finally:
        pdf.close()


def render(data: bytes, password: str | None, index: int, width: int, out: IO[bytes]) -> None:
    pdf = _open(data, password)
    try:
        if not 0 <= index < len(pdf):
            raise _Refusal("page", f"has no page {index + 1}")
        page = pdf[index]
        try:
            page_width, page_height = page.get_size()
            scale = max(0.1, min(8.0, width / max(1.0, page_width)))
            bitmap = page.render(scale=scale, rev_byteorder=True)
            try:
                png = png_bytes(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    bitmap.n_channels,
                )
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()
    _emit(
        out,
        {"png": len(png), "scale": scale, "page_width": page_width, "page_height": page_height},
    )
    out.write(png)
    out.flush()


def png_bytes(buffer: bytes, width: int, height: int, stride: int, channels: int) -> bytes:
    """A PNG of raw RGB(A)/gray rows (no imaging library needed)."""
    color_type = {1: 0, 3: 2, 4: 6}[channels]
    row = width * channels
    raw_rows = b"".join(b"\x00" + buffer[y * stride : y * stride + row] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw_rows, 3))
        + chunk(b"IEND", b"")
    )


def main() -> int:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        request = json.loads(stdin.readline())
        data = stdin.read(int(request["size"]))
        password = request.get("password")
        if request["op"] == "extract":
            extract(
                data, password, stdout, int(request.get("part", 0)), int(request.get("parts", 1))
            )
        elif request["op"] == "render":
            render(data, password, int(request["page"]), int(request["width"]), stdout)
        else:
            raise _Refusal("request", "was asked for something unknown")
    except _Refusal as refusal:
        _emit(stdout, {"error": {"kind": refusal.kind, "message": str(refusal)}})
    except Exception as exc:  # reported to the parent as one sentence; it decides what to say
        _emit(stdout, {"error": {"kind": "failed", "message": f"{type(exc).__name__}: {exc}"}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
