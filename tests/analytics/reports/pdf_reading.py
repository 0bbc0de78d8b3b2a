"""Reads back the text of the PDFs ReportLab writes (pypdf is not installed).

Enough of PDF for our own output: ASCII85+Flate streams, literal strings shown with Tj,
Helvetica strings in WinAnsi (cp1252) and CID-font strings in UTF-16BE.
"""

from __future__ import annotations

import base64
import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_TOKEN = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}


def _stream(body: bytes) -> bytes:
    data = _STREAM.search(body)
    assert data is not None, "object has no stream"
    raw = data.group(1).strip()
    if b"/ASCII85Decode" in body:
        raw = base64.a85decode(raw.removesuffix(b"~>"))
    if b"/FlateDecode" in body:
        raw = zlib.decompress(raw)
    return raw


def unescape(literal: bytes) -> bytes:
    """The bytes of a PDF literal string's inside (backslash escapes resolved)."""
    out = bytearray()
    index = 0
    while index < len(literal):
        char = literal[index : index + 1]
        if char != b"\\":
            out += char
            index += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", literal[index + 1 : index + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            index += 1 + len(octal.group(0))
        else:
            following = literal[index + 1 : index + 2]
            out += _ESCAPES.get(following, following)
            index += 2
    return bytes(out)


def _cid_fonts(objects: dict[int, bytes]) -> set[bytes]:
    names = set()
    for body in objects.values():
        if b"/Type /Font" in body and b"/Subtype /Type0" in body:
            name = re.search(rb"/Name /(\w+)", body)
            assert name is not None
            names.add(name.group(1))
    return names


def page_texts(pdf: bytes) -> list[str]:
    """The text shown on each page, in drawing order, strings joined by newlines."""
    objects = _objects(pdf)
    cid = _cid_fonts(objects)
    pages = []
    for body in objects.values():
        if re.search(rb"/Type /Page\b", body):
            contents = re.search(rb"/Contents (\d+) 0 R", body)
            assert contents is not None
            pages.append(_show_text(_stream(objects[int(contents.group(1))]), cid))
    return pages


def _show_text(stream: bytes, cid: set[bytes]) -> str:
    font = b""
    shown = []
    for match in _TOKEN.finditer(stream):
        if match.group(1) is not None:
            font = match.group(1)
            continue
        data = unescape(match.group(2))
        shown.append(data.decode("utf-16-be") if font in cid else data.decode("cp1252"))
    return "\n".join(shown)


def info(pdf: bytes, key: str) -> str:
    """A document information entry (Title, Author...), decoded."""
    match = re.search(rb"/" + key.encode() + rb" \(((?:\\.|[^\\)])*)\)", pdf)
    assert match is not None, f"no /{key} in the document information"
    data = unescape(match.group(1))
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("cp1252")
