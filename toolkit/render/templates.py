"""Clerk-editable wording: jinja2 templates, text rendered to styled lines.

A template renders plain text, one paragraph per line.  A short mark at the
start of a line chooses the paragraph's look, so a clerk can change the
wording in Notepad without touching code or XML:

    ! 温鹿政办文件     发文机关标志 (red 小标宋, narrowed to one line)
    ---               red separator line under the 发文字号, as wide as the type area
    = 标题            centred title (2号方正小标宋简体)
    ^ 温鹿政办〔2023〕12号   centred line (发文字号)
    # 一、…           level-1 heading (黑体);  ## level 2 (楷体);  ### level 3
    @ 主送机关：       flush left (顶格)
    + 2. 附件名        continuation of 附件说明, aligned after "附件："
    > 落款 / > 日期    署名 and 成文日期, right side (two consecutive lines)
    ~                 an empty line (空一行)
    other text        body paragraph, 左空二字

Empty lines are ignored, so template logic can be spread out freely.
The web page (templates/notice.html.j2) goes through the same class with
`html=True`: the same variable check, error messages and `cn` filter, with
every value escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from ..exceptions import TemplateError
from ..notices.headings import numeral
from . import _oxml
from .document import issuer_mark_paragraph, rule_paragraph, signature_paragraphs, style_id, title_paragraph

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "templates"

SYNTAX = "模板 {path} 第{line}行有语法错误：{why}。请对照 templates/ 中的原始模板修改。"
UNKNOWN_VAR = "模板 {path} 使用了未知的变量「{name}」。可用的变量：{known}。"
RENDER = "模板 {path} 第{line}行无法生成：{why}。"
MISSING = "找不到模板文件 {path}。请检查 --templates 指定的目录。"
NO_VALUE = "没有名为「{name}」的内容"
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")

MARKS = {"!": "issuer", "=": "title", "^": "center", "###": "heading3", "##": "heading2", "#": "heading1",
         "@": "plain", "+": "continued", ">": "right"}
# Variables jinja2 itself provides.
_BUILTINS = {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace"}


@dataclass(frozen=True)
class Line:
    """A rendered paragraph: its kind (see MARKS; "body", "blank") and text."""

    kind: str
    text: str


class TextTemplate:
    """A jinja2 template checked before use: variables against the context
    before rendering, errors reported in Chinese with the file and line.

    Load once, render many times: generating 600 letters parses the
    template a single time.  `html` escapes every value, for the web page.
    """

    def __init__(self, name: str, directory: Path | str | None = None, *, html: bool = False) -> None:
        self.path = Path(directory or DEFAULT_DIR) / name
        try:
            source = self.path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise TemplateError(MISSING.format(path=self.path)) from exc
        env = jinja2.Environment(
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
            undefined=jinja2.StrictUndefined, autoescape=html,
        )
        env.filters["cn"] = numeral
        try:
            self.variables = meta.find_undeclared_variables(env.parse(source)) - _BUILTINS
            self.template = env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(SYNTAX.format(path=self.path, line=exc.lineno, why=exc.message)) from exc

    def check(self, context: dict) -> None:
        """Raise TemplateError naming a variable the template uses but `context` lacks."""
        unknown = sorted(self.variables - set(context))
        if unknown:
            raise TemplateError(UNKNOWN_VAR.format(path=self.path, name=unknown[0], known="、".join(sorted(context))))

    def render_text(self, context: dict) -> str:
        """Return the template filled with `context`, as text (or HTML)."""
        try:
            return self.template.render(context)
        except jinja2.TemplateError as exc:
            raise TemplateError(RENDER.format(path=self.path, line=_error_line(exc), why=_why(exc))) from exc

    def render(self, context: dict) -> list[Line]:
        """Return the styled lines of the template filled with `context`."""
        return parse_lines(self.render_text(context))


def parse_lines(text: str) -> list[Line]:
    """Return the styled lines of rendered template `text` (see module doc)."""
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped in ("~", "---"):
            lines.append(Line("blank" if stripped == "~" else "rule", ""))
            continue
        for mark, kind in MARKS.items():
            if stripped.startswith(mark):
                lines.append(Line(kind, stripped[len(mark):].strip()))
                break
        else:
            lines.append(Line("body", stripped))
    return lines


def _error_line(exc: Exception) -> str:
    """Return the template line where a render error happened, or "?"."""
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _why(exc: jinja2.TemplateError) -> str:
    """Return a render error in the clerk's words; jinja2's own are English."""
    missing = _NO_ATTRIBUTE.search(str(exc)) or _UNDEFINED.search(str(exc))
    if isinstance(exc, jinja2.UndefinedError) and missing:
        return NO_VALUE.format(name=missing.group(1))
    return str(exc)


def add_lines(doc: DocxDocument, lines: Sequence) -> None:
    """Append the styled lines of a rendered text template (see templates.py)."""
    sect = doc.element.body.sectPr
    for p in line_paragraphs(lines):
        sect.addprevious(p)


_LINE_STYLES = {
    "heading1": "GW Heading 1", "heading2": "GW Heading 2", "heading3": "GW Heading 3",
    "center": "GW Center", "plain": "GW Plain", "body": "GW Body", "blank": "GW Plain",
}
# Lines built by their own functions, not from a style alone.
_SPECIAL_KINDS = ("right", "issuer", "rule", "title")


def line_paragraphs(lines: Sequence) -> list:
    """Return `w:p` elements for template lines (objects with .kind and .text).

    Two consecutive "right" lines are a 署名 and its date; "continued" lines
    align after "附件：" (左空五字).  The 署名 never stands on a page
    without body text (7.3.5.5): the lines before it keep with it, back to
    the last paragraph with text, and the date keeps with a 附注 `（…）`.
    """
    out, plain, i = [], [], 0

    def flush() -> None:
        # Plain lines are written as XML text and parsed together.
        if plain:
            out.extend(_oxml.parse_body("".join(plain)))
            plain.clear()

    while i < len(lines):
        line = lines[i]
        if line.kind in _SPECIAL_KINDS:
            flush()
            i = _special_line(lines, i, out)
            continue
        if line.kind == "continued":
            plain.append(_oxml.paragraph_xml(line.text, style_id("GW Plain"), indent=(1600, 500)))
        else:
            plain.append(_oxml.paragraph_xml(line.text, style_id(_LINE_STYLES[line.kind])))
        i += 1
    flush()
    return out


def _special_line(lines: Sequence, i: int, out: list) -> int:
    """Append the paragraphs of line `i` (a 署名 and its date, the issuer's
    mark, the red rule, the title) to `out`; return the next line's index."""
    line = lines[i]
    if line.kind == "right":
        pair = [line.text] + ([lines[i + 1].text] if i + 1 < len(lines) and lines[i + 1].kind == "right" else [])
        _keep_before_signature(out)
        out.extend(signature_paragraphs(*pair) if len(pair) == 2 else [_oxml.paragraph(line.text, style_id("GW Right"))])
        i += len(pair)
        if i < len(lines) and lines[i].text.startswith(("（", "(")):
            _oxml.keep_with_next(out[-1].find(qn("w:pPr")))
        return i
    if line.kind == "issuer":
        out.append(issuer_mark_paragraph(line.text))
    elif line.kind == "rule":
        out.append(rule_paragraph())
    else:
        out.append(title_paragraph(line.text))
    return i + 1


def _keep_before_signature(out: list) -> None:
    """Keep the paragraphs before a 署名 with it: blank lines and the 附件说明
    back to, and including, the last paragraph with text."""
    for p in reversed(out):
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = _oxml.sub(p, "w:pPr")
            p.insert(0, ppr)
        _oxml.keep_with_next(ppr)
        if p.find(qn("w:r")) is not None and not _is_annex_line(p):
            return


def _is_annex_line(p) -> bool:
    """Return True for a line of the 附件说明 (`附件：…` and its continuations)."""
    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
    style = p.find(qn("w:pPr")).find(qn("w:pStyle"))
    return text.startswith("附件") or (style is not None and style.get(qn("w:val")) == style_id("GW Plain")
                                       and bool(re.match(r"\d+\.", text)))
