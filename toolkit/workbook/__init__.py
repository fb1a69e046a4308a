"""The master workbook (总台账): layout, writer, reader, safe saving."""

from .read import read_master
from .write import write_master

__all__ = ["read_master", "write_master"]
