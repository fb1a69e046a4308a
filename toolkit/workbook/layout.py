"""The master workbook's sheets and headers: the contract with clerks.

See docs/master-workbook.md.  Readers find columns by these header
texts, never by position.
"""

TASKS = "重点工作"
LIVELIHOOD = "民生实事"
UNITS = "单位"
PROGRESS = "进展"
META = "发文信息"
# 发文信息 holds key/value rows under these two headers.
META_HEADERS = ("项目", "内容")

TASK_HEADERS = (
    "编号", "部分", "分组", "牵头领导", "一级类别", "二级类别", "序号", "重点工作",
    "量化任务", "完成时限", "牵头单位", "配合单位", "责任单位", "备注", "来源", "标记",
)
# Headers a reader cannot do without; the others may be missing.  The
# three unit columns are all required: a deleted 牵头单位 would silently
# drop every lead unit.
UNIT_COLUMNS = ("责任单位", "牵头单位", "配合单位")
TASK_REQUIRED = ("编号", "分组", "重点工作") + UNIT_COLUMNS

LIVELIHOOD_HEADERS = ("编号", "序号", "项目名称", "项目内容", "牵头领导", "牵头单位", "完成时限", "来源")
LIVELIHOOD_REQUIRED = ("编号", "项目内容")

UNIT_HEADERS = ("单位名称", "别名", "牵头任务数", "配合任务数", "类型", "建议别名")
UNIT_REQUIRED = ("单位名称", "别名")

PROGRESS_HEADERS = (
    "编号", "季度", "填报单位", "完成状态", "完成进度", "进展情况", "存在问题",
    "下步打算", "填报时间", "来源文件", "申请延期", "延期原因", "申请完成时间", "佐证材料",
)
PROGRESS_REQUIRED = ("编号", "季度", "填报单位", "完成状态")

# Sheets the progress commands keep in the master (progress/ledger.py).
RECEIPTS = "收文记录"
PENDING = "进展待定"

META_KEYS = (
    "发文机关", "文号", "标题", "主送", "正文", "附件", "落款", "成文日期",
    "公开方式", "抄送", "印发机关", "印发日期",
)
# Extra 发文信息 key: per part, the printed header of the 量化任务 column.
TARGET_LABELS_KEY = "量化任务列名"
# Extra 发文信息 key: sections printed with a note and no table (`总负责。`),
# one per line as `部分｜分组｜说明`, since 重点工作 has no row for them.
SECTION_NOTES_KEY = "分组说明"

# Extra 发文信息 key: a random identity given when a master is created, so a
# returned progress form can be matched to its master whatever the file name.
MASTER_ID_KEY = "台账标识"
# Extra 发文信息 keys: the secret that signs progress forms (an HMAC key, see
# toolkit/progress/signature.py) and, for a master that got it after forms
# had gone out unsigned, the first quarter whose forms were signed.
FORM_KEY = "表单密钥"
SIGNED_FROM_KEY = "签名启用季度"

# The very hidden sheet holding what the toolkit last wrote in the cells a
# clerk may edit, one row per task or 民生实事 item, and the notice's order
# (次序).  Comparing a cell with it tells which column a clerk changed.
WRITTEN = "台账底稿"
WRITTEN_KEYS = ("工作表", "编号", "次序")
TRACKED = {
    TASKS: ("分组", "序号", "重点工作", "量化任务", "完成时限", "牵头单位", "配合单位", "责任单位", "备注"),
    LIVELIHOOD: ("序号", "项目名称", "项目内容", "牵头单位"),
}
# The tracked texts of a row, as one JSON object (written.py).  Masters
# written before it hold a column per tracked header instead; both read.
WRITTEN_RECORD = "记录"
WRITTEN_HEADERS = WRITTEN_KEYS + (WRITTEN_RECORD,)

# Key under which sheet rows carry their row number (never a header).
ROW = "\x00行号"

UNIT_KIND_UNIT = "单位"
UNIT_KIND_GROUP = "统称（不发函）"
