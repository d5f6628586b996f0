"""story.html: the web page of `storyline serve`, self-contained, that opens from disk with no server.

The vendored vis-timeline, the page's script and style, and the story data are inlined. Article
text is untrusted: the data sits in a <script type="application/json"> block with every <, > and &
written as a JSON escape, so no text can close the block; the page only ever puts text into the
document with textContent; and a Content-Security-Policy lets only the page's own scripts run (by
hash), so even markup that slipped through could not execute.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.models import Story

VIS_VERSION = "8.5.4"
_SERVE = resources.files("storyline.serve")


def json_for_script(value: Any) -> str:
    """JSON safe inside an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def fill_template(*, csp: str, styles: str, config: str, data: str, scripts: str) -> str:
    template = (_SERVE / "templates" / "page.html").read_text(encoding="utf-8")
    # one pass, so a value can never be mistaken for a later placeholder
    values = {"CSP": csp, "STYLES": styles, "CONFIG": config, "DATA": data, "SCRIPTS": scripts}
    out, pos = [], 0
    while (start := template.find("{{", pos)) != -1:
        end = template.index("}}", start)
        out.append(template[pos:start])
        out.append(values[template[start + 2 : end]])
        pos = end + 2
    out.append(template[pos:])
    return "".join(out)


def _asset(name: str) -> str:
    return (_SERVE / "static" / name).read_text(encoding="utf-8")


def _inline_script(code: str) -> tuple[str, str]:
    code = code.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    return f"<script>{code}</script>", f"'sha256-{digest}'"


def _strip_source_map(code: str) -> str:
    return "\n".join(
        line
        for line in code.splitlines()
        if not line.startswith(("//# sourceMappingURL", "/*# sourceMappingURL"))
    )


def render_story_html(data: dict[str, Any]) -> str:
    """The page for a story.json dict."""
    vis_js = _strip_source_map(_asset(f"vis-timeline-graph2d-{VIS_VERSION}.min.js"))
    vis_css = _strip_source_map(_asset(f"vis-timeline-graph2d-{VIS_VERSION}.min.css"))
    scripts, hashes = zip(*(_inline_script(code) for code in (vis_js, _asset("app.js"))), strict=True)
    csp = (
        "default-src 'none'; script-src " + " ".join(hashes) + "; style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    styles = "\n".join(
        "<style>" + css.replace("</style", "<\\/style") + "</style>" for css in (vis_css, _asset("app.css"))
    )
    return fill_template(
        csp=f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        styles=styles,
        config=json_for_script({"mode": "embedded"}),
        data=f'<script id="story-data" type="application/json">{json_for_script(data)}</script>',
        scripts="\n".join(scripts),
    )


def write_story_html(story: Story, path: Path) -> None:
    from storyline.render.story_json import story_json

    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_story_html(story_json(story)), encoding="utf-8")
    tmp.replace(path)
