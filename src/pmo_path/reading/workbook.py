"""An `.xlsx` workbook's first sheet as rows of text, through openpyxl (an optional extra, imported only here).

Formulas are read as the values the spreadsheet saved with them; a formula
saved without its value, and cells merged across a row, are named by row so
the reader can leave that row out. openpyxl's read-only mode is 2-3x faster
on a large export but cannot list merged cells, so the sheet's XML is
scanned for them (and for formulas) in one streamed pass.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from ..errors import InputError, Problem

XLSX_EXTRA = "pip install 'pmo-path[xlsx]'"
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_FORMULA = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*>\s*<(?:\w+:)?f\b")
_CHUNK, _OVERLAP = 1024 * 1024, 4096
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of an .xls, and of an encrypted .xlsx


@dataclass(frozen=True, slots=True)
class Sheet:
    """The first sheet of a workbook, as read: rows of text and what openpyxl's values alone do not say."""

    rows: list[list[str]]  # trailing blank cells and rows dropped
    merged: list[tuple[str, int, str | None, int | None]]  # first column, first row, last column, last row
    formulas: list[tuple[str, int]]  # cells holding a formula (its saved value, if any, is in `rows`)
    names: list[str]  # every sheet's name, the one read first


def read_sheet(path: str, max_bytes: int) -> Sheet:
    """The first sheet, or an InputError naming the file: too big, no openpyxl, encrypted, an old .xls, not a workbook."""
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise InputError(Problem(path, f"cannot read: {err.strerror or err}")) from None
    if size > max_bytes:
        raise InputError(Problem(path, f"file is larger than the {max_bytes // (1024 * 1024)} MiB limit ({max_bytes:,} bytes)"))
    try:
        import openpyxl
    except ImportError:
        message = f"reading .xlsx needs openpyxl, an optional extra: {XLSX_EXTRA} (or: pip install openpyxl)"
        raise InputError(Problem(path, message)) from None
    try:
        merged, formulas = _scan(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(Problem(path, _unreadable(path, err))) from None
    try:
        names = list(book.sheetnames)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read every row that is there
        rows = [[_text(value) for value in values] for values in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    for row in rows:
        while row and not row[-1].strip():
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return Sheet(rows, merged, formulas, names)


def _unreadable(path: str, err: Exception) -> str:
    """Why a file is no workbook openpyxl can open: Excel keeps a password-protected .xlsx, and an old .xls, in
    another container (OLE), which a password-protected one names as encrypted."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(OLE_MAGIC))
            whole = head + handle.read() if head == OLE_MAGIC else head  # within the size limit, checked before
    except OSError:
        head = whole = b""
    if head == OLE_MAGIC:
        if "EncryptionInfo".encode("utf-16-le") in whole:
            return "is password-protected (encrypted); save a copy without the password"
        return "is an old Excel workbook (.xls), not .xlsx; save it as .xlsx (Excel Workbook) or CSV UTF-8"
    return f"not an .xlsx workbook that can be read ({err}); save it again from Excel"


def read_workbook(path: str, max_bytes: int) -> tuple[list[list[str]], dict[int, Problem]]:
    """The first sheet's rows as text (trailing blank cells dropped), and a problem for each row that cannot be used.

    A merged range or a formula without a saved value in the first row is a problem with the whole file."""
    sheet = read_sheet(path, max_bytes)
    rows = sheet.rows
    bad: dict[int, Problem] = {}
    for first_col, first_row, last_col, last_row in sheet.merged:
        ref = f"{first_col}{first_row}" + (f":{last_col}{last_row}" if last_col else "")
        if first_row == 1:
            raise InputError(Problem(path, f"the header has merged cells ({ref}); unmerge them, one header a column", line=1))
        for number in range(first_row, (last_row or first_row) + 1):
            message = f"merged cells ({ref}); unmerge them, one answer a cell; row left out"
            bad.setdefault(number, Problem(path, message, line=number))
    for column, number in sheet.formulas:
        index = column_index(column)
        row = rows[number - 1] if number <= len(rows) else []
        if index < len(row) and row[index].strip():
            continue  # its saved value is used
        if number == 1:
            raise InputError(Problem(path, f"header cell {column}1 is a formula with no saved value; open and save it in Excel"))
        message = f"{column}{number} is a formula with no saved value; open and save the workbook in Excel; row left out"
        bad.setdefault(number, Problem(path, message, line=number))
    return rows, bad


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def column_index(letters: bytes | str) -> int:
    index = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet, from workbook.xml and its relationships."""
    from xml.etree import ElementTree

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet = book.find(f"{{{main}}}sheets/{{{main}}}sheet")
    if sheet is None:
        raise KeyError("the workbook has no sheet")
    wanted = sheet.get(f"{{{relations}}}id")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == wanted:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError(f"no part for sheet {wanted}")


def _scan(path: str) -> tuple[list[tuple[str, int, str | None, int | None]], list[tuple[str, int]]]:
    """Merged ranges and formula cells of the first sheet, read from its XML in chunks (it can be far larger than the file)."""
    merged: dict[int, tuple[str, int, str | None, int | None]] = {}
    formulas: dict[int, tuple[str, int]] = {}
    with zipfile.ZipFile(path) as archive, archive.open(_first_sheet(archive), "r") as stream:
        offset, tail = 0, b""
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            start = offset - len(tail)
            for match in _MERGE.finditer(buffer):
                a, b, c, d = match.groups()
                merged[start + match.start()] = (a.decode(), int(b), c.decode() if c else None, int(d) if d else None)
            for match in _FORMULA.finditer(buffer):
                formulas[start + match.start()] = (match.group(1).decode(), int(match.group(2)))
            offset += len(chunk)
            tail = buffer[-_OVERLAP:]
    return list(merged.values()), list(formulas.values())
