"""Click's own messages (usage errors, help headings) in Chinese.

Click marks its texts for gettext but ships no Chinese catalog, so a clerk
mistyping an option would read English.  `install()` gives the click
modules a lookup in the small catalog below; a text missing from it (a newer
click) stays as click wrote it.
"""

from __future__ import annotations

import importlib

CATALOG = {
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "输入 '{command} {option}' 查看帮助。",
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Aborted!": "已中止。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有 {name!r} 这个命令。",
    "No such option {name!r}.": "没有 {name!r} 这个选项。",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不需要值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，这里要的是文件。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，这里要的是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "required": "必填",
    "default": "默认",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
}

# Chinese has one form where English has two: (singular, plural) -> text.
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "多余的参数（{args}）",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): "{value!r} 不是可选的值（可选：{choices}）。",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): "（是否要输入：{possibility}？）",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): "选项 {name!r} 后面要写值。",
}

_MODULES = ("core", "exceptions", "types", "parser", "decorators", "formatting", "termui")


def gettext(message: str) -> str:
    """Return the Chinese of a click message, or the message itself."""
    return CATALOG.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the Chinese of a click message with two English forms."""
    text = PLURALS.get((singular, plural))
    if text is None:
        return singular if n == 1 else plural
    return text


def install() -> None:
    """Make click's modules translate through this catalog."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
