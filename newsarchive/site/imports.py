"""Macro files imported ``with context`` made once per set of values they read, not per page.

The theme's pages import their macros ``with context`` (the macros write links relative to the
page, from ``SITEURL``). Jinja then runs the macro file again for every page, making each of its
macros anew: a tenth of the cost of an entity page, of which an archive has several per article.
A module's macros read the importing page's context only through the names the macro file leaves
undeclared, so a module made for one page serves every page that gives those names the same
values: equal strings and numbers, the very same objects otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Template, meta
from jinja2.utils import missing

_PLAIN = frozenset({str, int, float, bool, type(None)})
_MISSING = object()


class SharedImports(Template):
    """A template whose imports with context are shared between the pages that would make the
    same module (an environment's ``template_class``)."""

    def make_module(self, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: Mapping[str, Any] | None = None) -> Any:
        if vars is None or not shared or self.name is None:
            return super().make_module(vars, shared, locals)
        # the importing template's locals set so far stand over its context (those still
        # ``missing``, such as the import's own name, are left out, as Jinja does)
        own = {k: v for k, v in (locals or {}).items() if v is not missing}
        values = [own.get(name, vars.get(name, _MISSING)) for name in self._read_names()]
        # equal plain values of one type render alike (``Markup`` is no plain str, True no 1)
        key = tuple((type(v), v) if type(v) in _PLAIN else id(v) for v in values)
        modules: dict[tuple[Any, ...], tuple[Any, list[Any]]] = self.__dict__.setdefault(
            "_shared_modules", {})
        found = modules.get(key)
        if found is None:
            # the values are kept with the module, so no other object takes one of their ids
            found = modules[key] = (super().make_module(vars, shared, locals), values)
        return found[0]

    def _read_names(self) -> tuple[str, ...]:
        """The names this template reads from the context that imports it, in name order."""
        names = self.__dict__.get("_names")
        if names is None:
            env = self.environment
            source = env.loader.get_source(env, self.name)[0]  # type: ignore[union-attr]
            names = self.__dict__["_names"] = tuple(
                sorted(meta.find_undeclared_variables(env.parse(source))))
        return names


def share_imports(generator: Any) -> None:
    """Make ``generator``'s templates :class:`SharedImports` (a ``generator_init`` receiver)."""
    generator.env.template_class = SharedImports
