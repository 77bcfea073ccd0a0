"""keep(): a widget's answers, written into the notebook as plain Python.

Widget state is lost when nbgrader (or anyone) re-runs a notebook, so :func:`keep` writes
the answers into its own cell as a dictionary literal (:func:`rewrite_keep_call`), and reads
them back from there after a restart.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from typing import Any

import sourcewise.widgets.display as display
from sourcewise._i18n import message
from sourcewise.errors import AnswerError
from sourcewise.taxonomy import type_name
from sourcewise.widgets.answer_box import AnswerBox
from sourcewise.widgets.display import running_cell
from sourcewise.widgets.texts import t

__all__ = ["answers_code", "keep", "rewrite_keep_call"]


def _literal(value: object) -> str:
    """Python source for a value, strings in double quotes.

    >>> print(_literal('Er sagte "nein"'), _literal(["a", "b's"]), _literal(3))
    "Er sagte \\"nein\\"" ["a", "b's"] 3
    """
    if isinstance(value, str):
        escaped = []
        for char in value:
            if char in '"\\':
                escaped.append("\\" + char)
            elif char.isprintable():
                escaped.append(char)
            else:
                escaped.append(repr(char)[1:-1])
        return '"' + "".join(escaped) + '"'
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_literal(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value)


def answers_code(answers: Mapping[str, object], items: Sequence[str], indent: str = "") -> str:
    """The dictionary literal :func:`keep` writes: one item per line, ``...`` if unanswered.

    >>> print(answers_code({"S11": "non_confirmation"}, ["S11", "S12"]))
    {
        "S11": "non_confirmation",
        "S12": ...,  # not answered yet
    }
    """
    lines = ["{"]
    extras = [k for k in answers if k not in items]
    for item in [*items, *extras]:
        value = answers.get(item, Ellipsis)
        if value is Ellipsis:
            lines.append(f"{indent}    {_literal(item)}: ...,  # {t('w_not_answered')}")
        else:
            lines.append(f"{indent}    {_literal(item)}: {_literal(value)},")
    lines.append(f"{indent}}}")
    return "\n".join(lines)


def _is_keep(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "keep") or (
        isinstance(func, ast.Attribute) and func.attr == "keep"
    )


def _offset(lines: Sequence[str], lineno: int, col_bytes: int) -> int:
    """The string index of an ast position (1-based line, UTF-8 byte column)."""
    before = sum(len(line) for line in lines[: lineno - 1])
    return before + len(lines[lineno - 1].encode("utf-8")[:col_bytes].decode("utf-8", "replace"))


def rewrite_keep_call(
    source: str, occurrence: int, answers: Mapping[str, object], items: Sequence[str], name: str
) -> str | None:
    """``source`` with its ``occurrence``-th ``keep(...)`` call given ``answers`` as a literal.

    The widget expression, the way ``keep`` is called and any variable it is assigned to
    stay as written; a bare ``keep(...)`` becomes ``name = keep(...)``. Returns None when
    the source cannot be parsed, has no such call, or passes something other than a dict
    literal as the saved answers (then the cell is left alone).

    >>> print(rewrite_keep_call("a = sw.keep(lab)  # keep it\\n", 0, {"S1": "x"}, ["S1"], "answers"))
    a = sw.keep(lab, {
        "S1": "x",
    })  # keep it
    <BLANKLINE>
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    calls = sorted(
        (node for node in ast.walk(tree) if isinstance(node, ast.Call) and _is_keep(node.func)),
        key=lambda node: (node.lineno, node.col_offset),
    )
    if occurrence >= len(calls):
        return None
    call = calls[occurrence]
    saved_nodes = list(call.args[1:]) + [k.value for k in call.keywords if k.arg == "saved"]
    others = [k for k in call.keywords if k.arg != "saved"]
    if not call.args or len(call.args) > 2 or others or len(saved_nodes) > 1:
        return None
    if saved_nodes and not (
        isinstance(saved_nodes[0], ast.Dict)
        or (isinstance(saved_nodes[0], ast.Constant) and saved_nodes[0].value is None)
    ):
        return None
    lines = source.splitlines(keepends=True)
    func_text = ast.get_source_segment(source, call.func)
    widget_text = ast.get_source_segment(source, call.args[0])
    if func_text is None or widget_text is None or call.end_lineno is None or call.end_col_offset is None:
        return None
    first_line = lines[call.lineno - 1]
    indent = first_line[: len(first_line) - len(first_line.lstrip())]
    new_call = f"{func_text}({widget_text}, {answers_code(answers, items, indent)})"
    bare = any(
        isinstance(node, ast.Expr) and node.value is call for node in ast.walk(tree)
    )
    if bare:
        new_call = f"{name} = {new_call}"
    start = _offset(lines, call.lineno, call.col_offset)
    end = _offset(lines, call.end_lineno, call.end_col_offset)
    return source[:start] + new_call + source[end:]


# per shell: [id of the running cell's request, its text as rewritten so far, keep calls seen]
_CELLS: dict[int, list[Any]] = {}


def _write_into_cell(answers: Mapping[str, object], items: Sequence[str], name: str) -> bool:
    """Ask the frontend to replace the running cell with one that holds ``answers``.

    Works in a Jupyter kernel (JupyterLab 4, Notebook 7, classic): the ``set_next_input``
    payload with ``replace=True``. Headless runners (nbclient, nbgrader) ignore the payload.
    Several ``keep`` calls in one cell each rewrite their own call, in order. Returns False
    where there is no running cell or it cannot be rewritten.
    """
    shell = display.current_shell()
    cell = running_cell(shell)
    if cell is None:
        return False
    msg_id, source = cell
    state = _CELLS.get(id(shell))
    if state is None or state[0] != msg_id:
        state = [msg_id, source, 0]
        _CELLS[id(shell)] = state
    new = rewrite_keep_call(state[1], state[2], answers, items, name)
    state[2] += 1
    if new is None:
        return False
    state[1] = new
    if new != source:
        shell.set_next_input(new, replace=True)
    return True


def keep(widget: AnswerBox, saved: Mapping[str, object] | None = None) -> dict[str, object]:
    """Return the widget's answers merged with ``saved``, and write them into this cell.

    Args:
        widget: a :func:`claim_labeller` or :func:`cue_finder`.
        saved: answers written earlier (by ``keep`` itself); ``...`` means "not answered yet".
            They are first filled into the widget, so that re-running the cell after a
            restart brings the widget back.

    Returns:
        ``{item: answer}`` in item order, unanswered items left out. An answer changed in the
        widget since the last ``keep`` wins; otherwise the one in ``saved`` (it may have been
        edited by hand) does. Answers in ``saved`` that the widget cannot show (a typo, an
        unknown item) are returned as they are, for the grader to comment on.

    In a Jupyter kernel the running cell is rewritten to ``name = sw.keep(widget, {...})``
    (see :func:`rewrite_keep_call`; the frontend applies it, a headless runner such as
    nbclient or nbgrader ignores it) and a one-line confirmation is printed. In plain
    Python only the confirmation is printed. Nothing is ever written to stderr.
    """
    if not isinstance(widget, AnswerBox):
        raise AnswerError(t("w_keep_type", got=type(widget).__name__))
    if saved is not None and not isinstance(saved, Mapping):
        raise AnswerError(message("answers_type", got=type_name(saved)))
    current = widget.answers
    merged: dict[str, object] = {}
    shown: dict[str, str] = {}
    if saved is None:
        merged.update(current)
        shown.update(current)
    else:
        by_item = {widget.item_for(str(k)): v for k, v in saved.items()}
        for item in widget.items:
            mine = current.get(item)
            if mine is not None and mine != widget.kept.get(item):
                merged[item] = shown[item] = mine  # changed in the widget since the last keep
            elif item in by_item:
                given = by_item[item]
                if given is None or given is Ellipsis:
                    continue  # not answered (or cleared by hand)
                answer, complete = widget.normalise(item, given)
                merged[item] = answer if (answer is not None and complete) else given
                if answer is not None:
                    shown[item] = answer
            elif mine is not None:
                merged[item] = shown[item] = mine
        for key, value in by_item.items():
            if key not in widget.items and value is not Ellipsis and value is not None:
                merged[key] = value
    widget.value = shown
    widget.kept = dict(widget.value)
    done = sum(1 for item in widget.items if item in merged)
    total = len(widget.items)
    if done == 0:
        _write_into_cell(merged, widget.items, widget.name)  # shows the answer's shape, all `...`
        print(t("w_nothing_yet"))
    elif _write_into_cell(merged, widget.items, widget.name):
        print(t("w_saved", done=done, total=total))
    elif running_cell(display.current_shell()) is not None:
        print(t("w_copy", done=done, total=total, code=answers_code(merged, widget.items)))
    else:
        print(t("w_kept", done=done, total=total))
    return merged
