"""The lines a library function runs, shown in a notebook before the notebook calls it.

A notebook that hands its work to a helper first prints the helper's working lines, so the
student reads what is computed: the signature and the body, without the docstring and the
statements that only check arguments (an `if` that raises, a loop of such ifs, `x =
check_...(x)`), which a comment says were left out.
"""

import ast
import inspect
import textwrap


def _only_checks(node):
    """True for a statement that only validates arguments."""
    if isinstance(node, ast.If):
        return all(isinstance(s, ast.Raise) or _only_checks(s) for s in node.body + node.orelse)
    if isinstance(node, ast.For):
        return all(_only_checks(s) for s in node.body)
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        func = node.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if isinstance(func, ast.Call):  # e.g. _check_layer(...).depth is not a check call
            return False
        return name.lstrip("_").startswith("check")
    return False


def working_lines(func):
    """The source of func without its docstring and argument checks, as one string.

    Inputs: func, a Python function defined in a file. Returns: str (ends with a newline).
    """
    if not inspect.isfunction(func):
        raise TypeError(f"func: expected a Python function, got {type(func).__name__}")
    source = textwrap.dedent(inspect.getsource(func))
    lines = source.splitlines()
    tree = ast.parse(source).body[0]
    body = list(tree.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    kept = [s for s in body if not _only_checks(s)]
    head = lines[: tree.body[0].lineno - 1]  # decorators and the signature, however long
    dropped = len(kept) < len(body)
    indent = " " * tree.body[0].col_offset
    out = head + ([f"{indent}# ... the checks of the arguments, left out here"] if dropped else [])
    for statement in kept:
        out += lines[statement.lineno - 1 : statement.end_lineno]
    return "\n".join(out) + "\n"


def show_work(func):
    """Print working_lines(func), with the module it comes from. Returns None."""
    print(f"# {func.__module__}.{func.__qualname__}")
    print(working_lines(func), end="")
