"""toolkit: 政府工作报告责任分解的转换工具.

Readers turn inputs (notices, returned forms, reports) into the model in
`toolkit.model`; writers turn the model into the master workbook and Word
documents.
"""

__version__ = "0.1.0"
