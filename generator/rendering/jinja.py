"""A Jinja environment whose templates write escaped text cheaply.

With autoescaping, Jinja passes every `{{ value }}` through markupsafe's
`escape`, which wraps the result in a new `Markup` object: a Python-level
constructor of a `str` subclass that copies the text. Pages here print
hundreds of values each, and those wrappers were a large share of the
rendering time. A template's output is only ever joined into the page, so it
needs the escaped text, not a `Markup`: templates compiled here call
`Environment.escape_output`, which returns exactly the same characters as
`escape` without the wrapper. Values that are already safe (`__html__`) are
written as they are, also without a copy.

Attributes and calls are sped up too. `obj.name` is read with Python's own
`getattr`, inline; Jinja's `Environment.getattr` is called only when there is
no such attribute (for a dict's key). Jinja's `Context.call` looks for
`pass_context` markers on every call a template makes, in a Python method of
its own. Calls compiled here test the callee inline and call a plain function
straight away; anything else (`pass_context` functions, macros, callable
objects) still goes through `Context.call`. And each template's globals are a
plain dict, quick to copy. Blocks gather what they write and yield it once,
joined, rather than piece by piece through every template they extend.
"""

from __future__ import annotations

import types

import jinja2
from jinja2.compiler import CodeGenerator, is_python_keyword, optimizeconst

_PLAIN_CALLABLES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType)

try:  # markupsafe's own C escaper, which `escape` wraps in a `Markup`
    from markupsafe._speedups import _escape_inner as escape_str
except ImportError:  # pragma: no cover - markupsafe built without its C speedups
    def escape_str(text: str) -> str:
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;").replace('"', "&#34;"))


def escape_output(value) -> str:
    """`value` as `{{ value }}` writes it: markupsafe's escaping, as a plain string."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return escape_str(value)


class _CodeGenerator(CodeGenerator):
    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escape_output(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    @optimizeconst
    def visit_Getattr(self, node, frame) -> None:
        if self.environment.is_async or self.environment.sandboxed:
            return super().visit_Getattr(node, frame)
        # `(_v if (_v := getattr(_o := obj, "name", missing)) is not missing
        # else environment.getattr(_o, "name"))`: Python's attribute when there
        # is one, as Jinja's `getattr` would give it, without calling Jinja's;
        # only a missing attribute (a dict's key, say) is left to Jinja.
        self.write("(_v if (_v := getattr((_o := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr(_o, {node.attr!r}))")

    # A block is a generator, and each piece it yields is handed on by every
    # template above it (`yield from` in each parent's root). Blocks compiled
    # here gather their pieces in a list and yield them once, joined.
    def enter_frame(self, frame) -> None:
        super().enter_frame(frame)
        if frame.block_frame and frame.buffer is None and not self.environment.is_async:
            frame.buffer = self.temporary_identifier()
            self.writeline(f"{frame.buffer} = []")

    def leave_frame(self, frame, with_python_scope: bool = False) -> None:
        if frame.block_frame and frame.buffer is not None and not self.environment.is_async:
            self.writeline(f"yield concat({frame.buffer})")
        super().leave_frame(frame, with_python_scope)

    @optimizeconst  # as Jinja's own: a call on constants is made at compile time
    def visit_Call(self, node, frame, forward_caller: bool = False) -> None:
        if (self.environment.is_async or self.environment.sandboxed or forward_caller or node.dyn_args
                or node.dyn_kwargs or any(is_python_keyword(k.key) for k in node.kwargs)):
            return super().visit_Call(node, frame, forward_caller=forward_caller)
        # `(_f(args) if _f is a plain function else context.call(_f, args, ...))`.
        # The callee is evaluated once, into `_f`; Python reads `_f` before the
        # arguments, so calls among the arguments may reuse the name.
        self.write("(_f(")
        for index, arg in enumerate([*node.args, *node.kwargs]):
            if index:
                self.write(", ")
            self.visit(arg, frame)
        self.write(") if type(_f := ")
        self.visit(node.node, frame)
        self.write(") in environment.plain_callables and getattr(_f, 'jinja_pass_arg', None) is None"
                   " else context.call(_f")
        extra = {"_loop_vars": "_loop_vars"} if frame.loop_frame else {}
        if frame.block_frame:
            extra["_block_vars"] = "_block_vars"
        self.signature(node, frame, extra or None)
        self.write("))")


class _Context(jinja2.runtime.Context):
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a"
                                                " StopIteration exception")


class Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator
    context_class = _Context
    escape_output = staticmethod(escape_output)
    plain_callables = frozenset(_PLAIN_CALLABLES)

    def make_globals(self, d):
        # A plain dict rather than Jinja's ChainMap over the environment's
        # globals: every page and include copies it into a new context, and a
        # ChainMap is copied key by key in Python. Globals are all set before
        # the first template is loaded (see `render.Theme`).
        return {**self.globals, **(d or {})}
