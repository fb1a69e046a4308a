"""One sheet of a master addressed by its row-1 headers, edited in place.

Rows come from calamine (fastread.Book); edits become worksheet XML changes
in the package (package.py): a cell set, a row appended, a header added.
Only the cells written change; the rest of the sheet and of the file stays.
"""

from __future__ import annotations

from collections.abc import Collection

from . import rowpick
from .package import Package, SheetXml, new_sheet_xml
from .read import cell_text


class Table:
    """One sheet of the master, addressed by its row-1 headers.

    `book` (calamine, fastread.Book) gives the rows; edits are kept as
    worksheet XML changes and handed to the package by `finish`.
    """

    def __init__(self, package: Package, book, name: str, headers: tuple[str, ...], state: str = "",
                 where: tuple[str, Collection[str]] | None = None):
        """`where` (header, texts) reads only the rows whose cell under
        that header holds one of the texts (others may come too): the
        table then holds part of the sheet, enough to look rows up and to
        add or set rows, never to rewrite the sheet whole."""
        self.package, self.name, self.wanted, self.state = package, name, headers, state
        self.exists = name in book.sheetnames
        self._data: bytes | None = None
        self.partial = False
        picked = self._pick(where) if self.exists and where is not None else None
        if picked is not None:
            header, self.raw = picked.header, picked.rows
            self.partial = True
        else:
            values = book[name].values() if self.exists else []
            header = values[0] if values else []
            self.raw = {n: list(v) for n, v in enumerate(values[1:], start=2)}
        self.columns: dict[str, int] = {cell_text(v): i + 1 for i, v in enumerate(header) if cell_text(v)}
        self.xml: SheetXml | None = None
        self.added_headers: list[str] = []
        self.rebuild = False

    def _pick(self, where: tuple[str, Collection[str]]) -> rowpick.Picked | None:
        """Return the rows `where` asks for, read from the sheet's XML
        (kept for writing), or None when the sheet must be read whole."""
        part = self.package.sheet_part(self.name)
        if not part:
            return None
        self._data = self.package.read(part)
        return rowpick.rows_where(self.package.zip, self._data, where[0], where[1])

    def rows(self):
        """Yield (row number, {header: text}) for every non-empty data row."""
        names = {i - 1: h for h, i in self.columns.items()}
        for number, values in self.raw.items():
            row = {names[i]: cell_text(v) for i, v in enumerate(values) if i in names}
            if any(row.values()):
                yield number, row

    def write(self, number: int | None, values: dict[str, object]) -> int:
        """Write `values` into row `number` (None: a new row at the end);
        the row's other cells keep their values."""
        xml = self._open()
        for header in values:
            if header not in self.columns:
                self.columns[header] = max(self.columns.values(), default=0) + 1
                self.added_headers.append(header)
                xml.add_header(self.columns[header], header)
        changed = {self.columns[h]: v for h, v in values.items()}
        width = max(self.columns.values())
        if number is None:
            number = xml.append(changed)
            if number not in self.raw:
                # A new row: nothing of it to keep (collect appends ten thousand).
                row = [""] * width
                for column, value in changed.items():
                    row[column - 1] = "" if value is None else value
                self.raw[number] = row
                return number
        else:
            xml.rewrite(number, changed)
        row = list(self.raw.get(number, [])) + [""] * width
        for column, value in changed.items():
            row[column - 1] = "" if value is None else value
        self.raw[number] = row[:max(width, len(self.raw.get(number, [])))]
        return number

    def ensure(self, headers: tuple[str, ...]) -> None:
        """Add the `headers` the sheet lacks, after its last column."""
        missing = [h for h in headers if h not in self.columns]
        if missing or not self.exists:
            xml = self._open()
            for header in missing:
                if header not in self.columns:
                    self.columns[header] = max(self.columns.values(), default=0) + 1
                    xml.add_header(self.columns[header], header)

    def replace_all(self, rows: list[dict[str, object]]) -> None:
        """Make `rows` the sheet's only data rows (a sheet the toolkit owns whole)."""
        self._whole()
        self.ensure(tuple(dict.fromkeys(h for row in rows for h in row)))
        width = max(self.columns.values(), default=0)
        self.raw = {n: [row.get(h, "") for h in sorted(self.columns, key=self.columns.get)][:width]
                    for n, row in enumerate(rows, start=2)}
        self._open()
        self.rebuild = True

    def delete(self, numbers: list[int]) -> None:
        """Remove rows; the sheet is then written whole from its rows."""
        self._whole()
        for number in numbers:
            self.raw.pop(number, None)
        self.raw = {n: v for n, v in enumerate(self.raw.values(), start=2)}
        self._open()
        self.rebuild = True

    def _whole(self) -> None:
        if self.partial:
            raise RuntimeError(f"{self.name}: only some rows were read; the sheet cannot be rewritten whole")

    def _open(self) -> SheetXml:
        if self.xml is None:
            if not self.exists:
                self.package.add_sheet(self.name, new_sheet_xml(self.wanted), self.state)
                self.columns = {h: i for i, h in enumerate(self.wanted, start=1)}
                self.exists = True
            data, self._data = self._data, None
            self.xml = SheetXml(data if data is not None else self.package.read(self.package.sheet_part(self.name)))
        return self.xml

    def finish(self) -> None:
        """Hand the edited worksheet XML to the package (nothing when the
        sheet was not touched)."""
        if self.xml is None:
            return
        width = max(self.columns.values(), default=1)
        if self.rebuild:
            self.xml.replace_rows({n: dict(enumerate(v, start=1)) for n, v in self.raw.items()})
            header = {i: h for h, i in self.columns.items()}
            self.xml.rewrite(1, header)
        self.package.replace(self.package.sheet_part(self.name), self.xml.pieces(width))
