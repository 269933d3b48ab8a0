"""The Jinja environment of a theme, and template errors mapped to the theme file's line.

Templates see records only as views of one visibility (model.Record.view): a field above
it raises VisibilityError. The environment closes the back doors around that check:
a record's internals (`raw`, `links`, `view`, `schema`, `loc`, `lines`), a record that was
never restricted to a visibility, anything starting with "_" (`__class__`, `__globals__`),
attributes of paths, functions and modules (`config.root.joinpath(…).read_text()` would read
data/ itself), and str.format (whose "{0.raw}" reaches attributes without asking Jinja). Each
is a TemplateGuardError, reported at the template's line.
"""

from __future__ import annotations

import base64
import hashlib
import traceback
import types
from pathlib import Path, PurePath

import jinja2
import markupsafe

from builder.cnformat import cn_date, date_nowrap, header_lines, money, month_cn, month_label, number, pct
from builder.diagnostics import Loc, Reporter, site_relative
from builder.model import RECORD_INTERNALS, Record, VisibilityError
from builder.schema.core import VISIBILITY_LABEL
from builder.tables import display
from builder.urls import relative


class TemplateFailed(Exception):
    """A template could not be rendered; the diagnostic is already reported."""


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows this one inline script: 'sha256-…'."""
    digest = base64.b64encode(hashlib.sha256(str(text).encode("utf-8")).digest()).decode()
    return markupsafe.Markup(f"'sha256-{digest}'")  # base64 and quotes: nothing to escape


class TemplateGuardError(Exception):
    """A template reached for something no template may read (see the module docstring)."""


def _guard(obj, name: str) -> None:
    if name.startswith("_"):
        raise TemplateGuardError(f"模板不能读取以下划线开头的属性“{name}”")
    if isinstance(obj, Record):
        if obj.unrestricted:
            raise TemplateGuardError(f"模板拿到了未按可见级别过滤的记录 {obj!r}（读取 {name} 时发现）")
        if name in RECORD_INTERNALS:
            raise TemplateGuardError(f"模板不能读取记录的 .{name}（未按可见级别过滤的原始数据）")
    elif isinstance(obj, (PurePath, types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        raise TemplateGuardError(f"模板不能读取文件路径或函数的属性“{name}”")
    elif isinstance(obj, types.ModuleType) and not isinstance(getattr(obj, name, None), _CONSTANTS):
        raise TemplateGuardError(f"模板只能读取模块里的常量，不能读取“{name}”")
    elif isinstance(obj, str) and name in ("format", "format_map"):
        raise TemplateGuardError(f"模板不能调用字符串的 {name}()，请用 format 过滤器")


# What a template may read from a module passed to it (builder.schema.enums): declared constants.
_CONSTANTS = (str, int, float, bool, tuple, list, dict, frozenset, type(None))


class GuardedEnvironment(jinja2.Environment):
    """Every attribute and item lookup of a template goes through _guard first."""

    def getattr(self, obj, attribute):
        _guard(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if isinstance(argument, str):
            _guard(obj, argument)
        return super().getitem(obj, argument)


@jinja2.pass_environment
def _attr(environment: jinja2.Environment, obj, name: str):
    """The `attr` filter through the guard (Jinja's own calls getattr directly)."""
    return environment.getattr(obj, str(name))


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's own file cache of compiled templates, best effort like every cache of the builder:
    a full disk or a write-protected USB stick costs the compile time, never the build or check."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def make_env(theme_dir: Path, root: Path, compiled: Path | None = None) -> jinja2.Environment:
    """A fresh environment per build (no stale template cache in serve).

    `compiled` (a folder under .cache/ of this version of the builder) keeps each template
    compiled to Python bytecode, checked against the template's text, so that a build after
    an edit loads the templates instead of compiling them all again (a third of a second).
    """
    env = GuardedEnvironment(
        loader=jinja2.FileSystemLoader([str(theme_dir / "templates")]),
        bytecode_cache=_CompiledTemplates(str(compiled)) if compiled is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(("html", "xml", "svg"), default_for_string=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Every filter of every template, site and print alike, is registered here and only here.
    env.filters.update(cn_date=cn_date, pct=pct, number=number, month_label=month_label, month_cn=month_cn,
                       money=money, cell=display, date_nowrap=date_nowrap, header=header_lines, csp_hash=csp_hash,
                       attr=_attr)
    env.globals["relative"] = relative
    return env


def render(env: jinja2.Environment, name: str, context: dict, rep: Reporter, root: Path, for_what: str) -> str:
    """Render one template; on failure report the template's file:line and raise TemplateFailed."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        loc = Loc(site_relative(exc.filename, root) if exc.filename else f"templates/{exc.name}", exc.lineno or 0)
        rep.error(loc, f"模板语法错误（template syntax）：{exc.message}", f"渲染 {for_what} 时发现；请检查这一行的 {{% %}} 或 {{{{ }}}} 是否成对")
        raise TemplateFailed from None
    except jinja2.TemplateNotFound as exc:
        rep.error(Loc(for_what), f"找不到模板（template not found）：{exc.name}",
                  "检查前置信息 template 的拼写，或在主题的 templates/ 下创建这个文件")
        raise TemplateFailed from None
    except VisibilityError as exc:
        loc = _template_frame(exc, root)
        rep.error(loc, f"模板试图输出 {exc.kind}.{exc.name}，这是“{VISIBILITY_LABEL[exc.needs]}”字段，"
                       f"不能出现在{'公开网站' if exc.allows == 'public' else '督导手册'}中",
                  f"渲染 {for_what} 时发现；删除模板里这一处。举报人等内部信息永远不能输出")
        raise TemplateFailed from None
    except TemplateGuardError as exc:
        loc = _template_frame(exc, root)
        rep.error(loc, f"{exc}（template guard）", f"渲染 {for_what} 时发现；模板只能读取记录的字段，例如 h.description，"
                                                  "每个字段都按可见级别检查")
        raise TemplateFailed from None
    except jinja2.UndefinedError as exc:
        loc = _template_frame(exc, root)
        rep.error(loc, f"模板使用了不存在的变量（undefined）：{exc.message}", f"渲染 {for_what} 时发现；检查变量名拼写")
        raise TemplateFailed from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        loc = _template_frame(exc, root)
        if loc.path == "":
            raise
        rep.error(loc, f"模板运行出错：{type(exc).__name__}: {exc}", f"渲染 {for_what} 时发现")
        raise TemplateFailed from None


def _template_frame(exc: BaseException, root: Path) -> Loc:
    """The last traceback frame inside a template file (Jinja rewrites frames to template lines)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".svg", ".txt", ".css")):
            return Loc(site_relative(frame.filename, root), frame.lineno or 0)
    return Loc("")
