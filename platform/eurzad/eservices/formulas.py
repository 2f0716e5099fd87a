"""The small language of a form's conditions and computed values.

An editor writes ``kompostownik == "tak"`` to show a field only when another has that
answer, or ``osoby * stawka_za_osobe`` to compute the fee. A formula is a Python
expression limited to what a spreadsheet formula does: numbers, texts, the names of the
form's fields and of the town's constants, arithmetic (``+ - * /``), comparisons,
``and``/``or``/``not``, ``x if condition else y``, ``len(group)`` (entries of a
repeating group) and ``min``, ``max``, ``round``. Nothing else parses: no attribute, no
call of anything else, no import. A formula is checked when the editor saves the form
(:func:`parse`), and evaluated with :func:`evaluate` on the answers.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

MAX_LENGTH = 500
FUNCTIONS = {"len", "min", "max", "round"}
_ALLOWED = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
    ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Compare, ast.Eq, ast.NotEq, ast.Lt,
    ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.IfExp, ast.Name, ast.Load,
    ast.Constant, ast.Call, ast.List, ast.Tuple,
)  # fmt: skip


class FormulaError(ValueError):
    """A formula that does not parse, or names something the form does not have."""


@dataclass(frozen=True)
class Formula:
    """A parsed formula and the names it reads. Two parses of one source are the same
    formula (a step read from the form again is the same step): the tree, whose nodes
    compare by identity, is left out of the comparison."""

    source: str
    tree: ast.Expression = field(compare=False)
    names: frozenset[str]


def parse(source: str) -> Formula:
    """The formula of ``source``, or :class:`FormulaError` saying what is wrong."""
    source = source.strip()
    if not source:
        raise FormulaError("pusta formuła")
    if len(source) > MAX_LENGTH:
        raise FormulaError(f"formuła dłuższa niż {MAX_LENGTH} znaków")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"błąd składni w kolumnie {error.offset or 0}") from error
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise FormulaError(f"niedozwolony element: {type(node).__name__}")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise FormulaError("dozwolone funkcje: " + ", ".join(sorted(FUNCTIONS)))
            if node.keywords:
                raise FormulaError("funkcje nie przyjmują nazwanych argumentów")
        elif isinstance(node, ast.Name) and node.id not in FUNCTIONS:
            names.add(node.id)
        elif isinstance(node, ast.Constant) and not isinstance(
            node.value, int | float | str | bool | None
        ):
            raise FormulaError("dozwolone stałe: liczby i teksty")
    return Formula(source, tree, frozenset(names))


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str) and value.strip():
        try:
            return Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            pass
    return Decimal(0)  # an empty or non-numeric answer counts as 0 in arithmetic


_COMPARE = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def _comparable(left: Any, right: Any) -> tuple[Any, Any]:
    """Numbers compare as numbers (an answer "3" equals 3); anything else as given."""
    numeric = (int, float, Decimal)
    either = (isinstance(left, numeric) and not isinstance(left, bool)) or (
        isinstance(right, numeric) and not isinstance(right, bool)
    )
    if either and not isinstance(left, list | tuple) and not isinstance(right, list | tuple):
        return _number(left), _number(right)
    return left, right


class _Evaluator:
    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values

    def run(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return self.run(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value)) if isinstance(node.value, float) else node.value
        if isinstance(node, ast.Name):
            return self.values.get(node.id)
        if isinstance(node, ast.List | ast.Tuple):
            return [self.run(item) for item in node.elts]
        if isinstance(node, ast.BoolOp):
            results = (bool(self.run(value)) for value in node.values)
            return all(results) if isinstance(node.op, ast.And) else any(results)
        if isinstance(node, ast.UnaryOp):
            operand = self.run(node.operand)
            if isinstance(node.op, ast.Not):
                return not operand
            return -_number(operand) if isinstance(node.op, ast.USub) else _number(operand)
        if isinstance(node, ast.BinOp):
            left, right = _number(self.run(node.left)), _number(self.run(node.right))
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return left / right if right else Decimal(0)
        if isinstance(node, ast.Compare):
            left = self.run(node.left)
            for operator, comparator in zip(node.ops, node.comparators, strict=True):
                right = self.run(comparator)
                a, b = _comparable(left, right)
                try:
                    if not _COMPARE[type(operator)](a, b):
                        return False
                except TypeError:  # e.g. None < 3: an unanswered field meets no condition
                    return False
                left = right
            return True
        if isinstance(node, ast.IfExp):
            return self.run(node.body) if self.run(node.test) else self.run(node.orelse)
        if isinstance(node, ast.Call):
            return self._call(node.func.id, [self.run(arg) for arg in node.args])  # type: ignore[attr-defined]
        raise FormulaError(type(node).__name__)  # parse() lets nothing else through

    @staticmethod
    def _call(name: str, args: list[Any]) -> Any:
        if name == "len":
            return Decimal(len(args[0])) if args and isinstance(args[0], list) else Decimal(0)
        if name == "round":
            places = int(_number(args[1])) if len(args) > 1 else 0
            exponent = Decimal(1).scaleb(-places)
            return _number(args[0] if args else 0).quantize(exponent, rounding=ROUND_HALF_UP)
        numbers = [_number(arg) for arg in args] or [Decimal(0)]
        return min(numbers) if name == "min" else max(numbers)


def evaluate(formula: Formula, values: Mapping[str, Any]) -> Any:
    """The value of ``formula`` with ``values`` (answers and constants, by name); a name
    without a value is None (an unanswered field)."""
    return _Evaluator(values).run(formula.tree)


def holds(formula: Formula | None, values: Mapping[str, Any]) -> bool:
    """Whether a condition holds (no condition: always)."""
    return True if formula is None else bool(evaluate(formula, values))
