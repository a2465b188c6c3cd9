"""Options left unset cost nothing: typer's pydantic coercion is built only for a value.

typer 0.29 coerces every option through a pydantic ``TypeAdapter``, built the
first time the option is processed -- even when its value is ``None``, which
the coercion returns untouched. The root command's ``--records`` and
``--lang`` are processed before any sub-command runs, so ``liushou due --help``
paid ~90 ms of importing pydantic for two ``None``s. Here an option's coercion
is built when a value first needs it; a ``None`` never does, so the result is
the same and only the cost moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from typer.core import TyperGroup

try:  # typer's internals: without them (another typer) nothing is deferred
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - depends on the installed typer
    RuntimeParam = None  # type: ignore[assignment,misc]


if RuntimeParam is not None:

    class _Deferred(RuntimeParam):  # type: ignore[misc,valid-type]
        """Stands in until a value arrives, then builds typer's own coercion and steps aside."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            real = build_runtime_param(param.type_descriptor)
            param._runtime_param = real
            return real._coerce_value(value, param=param, ctx=ctx)


def defer_coercion(params: Iterable[Any]) -> None:
    """Defer the coercion of each typer parameter whose coercion is not built yet."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", True) is not None:
            continue
        param._runtime_param = _Deferred(parameter_info=descriptor.parameter_info,
                                         annotation=descriptor.annotation)


class LightGroup(TyperGroup):
    """A sub-command group (``liushou add``) whose unset options cost nothing."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # type: ignore[override]
        defer_coercion(self.get_params(ctx))
        return super().parse_args(ctx, args)
