"""Loaded by schemathesis (.ci/schemathesis.toml, `hooks`) before it runs.

Works around a CPython 3.11 bug, not a finding: to describe a strategy (in a message nobody reads
unless a draw fails), hypothesis parses a lambda's source with ast.parse, and deep inside recursive
JSON strategies Python 3.11 raises "SystemError: AST constructor recursion depth mismatch" there
(fixed in later Pythons). Schemathesis then reports an internal "Runtime Error" on the operation
(cost-actuals, import, webhooks) and the run fails for the tool's own sake. A description that
cannot be computed is given as hypothesis's own fallback instead; generation is unchanged.
"""

# Modules schemathesis would import lazily in the middle of generating a case, deep in the stack, where
# Python 3.11 fails to compile them with the same SystemError; imported here, at the top, instead.
import schemathesis.transport.asgi  # noqa: F401
import schemathesis.transport.wsgi  # noqa: F401
from hypothesis.internal import lambda_sources

_describe = lambda_sources._lambda_description


def _lambda_description_or_unknown(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _lambda_description_or_unknown
