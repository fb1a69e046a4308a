"""One sheet of a master addressed by its row-1 headers, edited in place.

Rows come from calamine (fastread.Book); edits become worksheet XML changes
in the package (package.py): a cell set, a row appended, a header added.
Only the cells written change; the rest of the sheet and of the file stays.
"""

from __future__ import annotations

from .package import Package, SheetXml, new_sheet_xml
from .read import cell_text


class Table:
    """One sheet of the master, addressed by its row-1 headers.

    `book` (calamine, fastread.Book) gives the rows; edits are kept as
    worksheet XML changes and handed to the package by `finish`.
    """

    def __init__(self, package: Package, book, name: str, headers: tuple[str, ...], state: str = ""):
        self.package, self.name, self.wanted, self.state = package, name, headers, state
        self.exists = name in book.sheetnames
        values = book[name].values() if self.exists else []
        self.columns: dict[str, int] = {}
        if values:
            self.columns = {cell_text(v): i + 1 for i, v in enumerate(values[0]) if cell_text(v)}
        self.raw: dict[int, list] = {n: list(v) for n, v in enumerate(values[1:], start=2)}
        self.xml: SheetXml | None = None
        self.added_headers: list[str] = []
        self.rebuild = False

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
        if number is None:
            number = xml.append(changed)
        else:
            xml.rewrite(number, changed)
        width = max(self.columns.values())
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
        self.ensure(tuple(dict.fromkeys(h for row in rows for h in row)))
        width = max(self.columns.values(), default=0)
        self.raw = {n: [row.get(h, "") for h in sorted(self.columns, key=self.columns.get)][:width]
                    for n, row in enumerate(rows, start=2)}
        self._open()
        self.rebuild = True

    def delete(self, numbers: list[int]) -> None:
        """Remove rows; the sheet is then written whole from its rows."""
        for number in numbers:
            self.raw.pop(number, None)
        self.raw = {n: v for n, v in enumerate(self.raw.values(), start=2)}
        self._open()
        self.rebuild = True

    def _open(self) -> SheetXml:
        if self.xml is None:
            if not self.exists:
                self.package.add_sheet(self.name, new_sheet_xml(self.wanted), self.state)
                self.columns = {h: i for i, h in enumerate(self.wanted, start=1)}
                self.exists = True
            self.xml = SheetXml(self.package.read(self.package.sheet_part(self.name)))
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
        self.package.replace(self.package.sheet_part(self.name), self.xml.result(width))
