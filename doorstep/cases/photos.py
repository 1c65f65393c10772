"""Is an uploaded file really a photo we accept? Judged by its content, never its name.

JPEG, PNG, WebP and HEIC/HEIF (what phones take) up to 10 MB. The magic bytes say which it
claims to be; Pillow then decodes the headers of the formats it knows, so a file that only
starts like an image is refused too. HEIC is checked by its ISO-BMFF 'ftyp' brand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

MAX_PHOTO_BYTES = 10 * 1024 * 1024
ALLOWED = "JPEG, PNG, WebP or HEIC"
HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})


class PhotoError(ValueError):
    pass


@dataclass(frozen=True)
class Photo:
    content_type: str
    extension: str
    size: int


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes of a file, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic", ".heic"
    return None


def _size_of(file: Any) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    position = file.tell()
    file.seek(0, 2)
    end = int(file.tell())
    file.seek(position)
    return end


def _decodes(file: IO[bytes], content_type: str) -> bool:
    if content_type == "image/heic":
        return True  # Pillow cannot read HEIC without a plug-in; the brand check stands.
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is installed with WeasyPrint
        return True
    expected = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[content_type]
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
            return image.format == expected
    except Exception:
        return False
    finally:
        file.seek(0)


def check_photo(file: IO[bytes] | Any) -> Photo:
    """The photo's real type and size, or PhotoError saying what is wrong in plain words."""
    size = _size_of(file)
    if size == 0:
        raise PhotoError("The selected file is empty.")
    if size > MAX_PHOTO_BYTES:
        raise PhotoError("The photo must be smaller than 10 MB.")
    file.seek(0)
    head = file.read(32)
    file.seek(0)
    kind = sniff(head)
    if kind is None or not _decodes(file, kind[0]):
        raise PhotoError(f"The selected file must be a photo: {ALLOWED}.")
    return Photo(content_type=kind[0], extension=kind[1], size=size)
