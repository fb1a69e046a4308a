"""Every error the library raises on purpose derives from ToolkitError.

The CLI catches the base class once and prints its message, in Chinese, in
the clerk's terms: which file, which sheet or line, what is wrong, what to do.
"""


class ToolkitError(Exception):
    """Base class: a problem with the user's input, reported without traceback."""


class UnknownFormat(ToolkitError):
    """The file is not a notice format the toolkit can read."""


class ParseError(ToolkitError):
    """The file was read but holds no usable 责任分解 table."""


class WorkbookError(ToolkitError):
    """A workbook lacks a sheet or header the contract requires."""


class MasterExists(ToolkitError):
    """The output master already exists and would be overwritten."""


class MasterLocked(ToolkitError):
    """The master is open in Excel or WPS (their lock file is present)."""


class TemplateError(ToolkitError):
    """A template a clerk edited cannot be rendered."""


class FormRejected(ToolkitError):
    """A returned progress form that cannot be merged at all (wrong quarter,
    master, password, not a form…); the message says why and what to do."""


class BadQuarter(ToolkitError):
    """A quarter not written as 2023Q1."""
