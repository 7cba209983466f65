"""What an uploaded file must be to be kept: the one check every upload passes (members'
shared tools, applicants' letters of support), by its content, not only its name."""

import codecs
import os

import filetype

# Each uploaded file may be at most this big: enough for a toolkit with pictures, small enough
# for a members' wiki on modest storage.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Extension -> (what members call it, the type `filetype` must detect; None for text formats).
ALLOWED_UPLOADS = {
    "pdf": ("a PDF", "pdf"),
    "docx": ("a Word document", "docx"),
    "xlsx": ("an Excel spreadsheet", "xlsx"),
    "pptx": ("a PowerPoint presentation", "pptx"),
    "odt": ("an OpenDocument text file", "odt"),
    "ods": ("an OpenDocument spreadsheet", "ods"),
    "csv": ("a CSV file", None),
    "txt": ("a plain text file", None),
}
ALLOWED_UPLOADS_TEXT = (
    "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods), "
    "CSV or plain text (.txt)"
)
# How detected types read in a message ("it looks like ...").
_DETECTED_NAMES = {
    "exe": "a Windows program",
    "elf": "a Linux program",
    "zip": "a ZIP archive",
    "png": "a PNG image",
    "jpg": "a JPEG image",
    "gif": "a GIF image",
    "doc": "an old-style Word document (.doc)",
    "xls": "an old-style Excel spreadsheet (.xls)",
    "ppt": "an old-style PowerPoint presentation (.ppt)",
    **{extension: name for extension, (name, _) in ALLOWED_UPLOADS.items()},
}


def size_display(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def upload_problem(*, name: str, file) -> str | None:
    """Why this uploaded file may not be shared, or None if it may.

    The type is decided by the content (`filetype` for binary formats; valid UTF-8 without NUL
    bytes for CSV and text) and must agree with the extension, so a program renamed to .pdf is
    refused. Empty and oversized files are refused too.
    """
    size = file.size
    if not size:
        return f"‘{name}’ is empty."
    if size > MAX_UPLOAD_BYTES:
        return (
            f"‘{name}’ is {size_display(size)}: each file can be at most "
            f"{size_display(MAX_UPLOAD_BYTES)}."
        )
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    if extension not in ALLOWED_UPLOADS:
        return f"‘{name}’ is not a kind of file we accept. Share {ALLOWED_UPLOADS_TEXT}."
    expected_name, expected_type = ALLOWED_UPLOADS[extension]
    file.seek(0)
    if expected_type is None:
        problem = (
            None
            if _is_utf8_text(file)
            else (
                f"‘{name}’ is not {expected_name}: it is not plain text. "
                "Save it as UTF-8 text (for a spreadsheet, ‘CSV UTF-8’) and try again."
            )
        )
    else:
        kind = filetype.guess(file.read(8192))
        detected = kind.extension if kind else None
        if detected == expected_type:
            problem = None
        else:
            looks_like = (
                _DETECTED_NAMES.get(detected, f"a .{detected} file")
                if detected
                else "a kind of file we do not recognise"
            )
            problem = f"‘{name}’ is not {expected_name}: it looks like {looks_like}."
    file.seek(0)
    return problem


def _is_utf8_text(file) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    for chunk in file.chunks():
        if b"\x00" in chunk:
            return False
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
