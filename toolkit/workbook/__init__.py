"""The master workbook (总台账): layout, writer, reader, safe saving."""

from ..lazy import exports

__getattr__ = exports(__name__, {"read_master": ".read", "write_master": ".write"})

__all__ = ["read_master", "write_master"]
