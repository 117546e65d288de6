"""The report's files: PDF and DOCX from a `Document`, and where a figure links to.

Rendering is bounded by the limits on a report's text (`reports.models.MAX_TEXT`,
`MAX_PARTS`) and cached by content, so a repeated download of an unchanged report — a
finalised version above all — costs no rendering at all. Any change to the figures or
the text changes the key, so a cached file is never stale.
"""

import hashlib
import json

from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from fedportal import indicators
from fedportal.scoping import may_view_model
from reports.document import Document

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CACHE_SECONDS = 24 * 3600


def cache_key(document: Document, fmt: str) -> str:
    """The cache key of the file: the same text and figures make the same file."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"未知的文件格式：{fmt}")
    content = document.to_json()
    content.pop("computed_at")
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return f"reports:{fmt}:{digest}"


def cached(document: Document, fmt: str) -> bytes | None:
    """The file if it has been rendered (by this process, another one or a worker)."""
    return cache.get(cache_key(document, fmt))


def render(document: Document, fmt: str) -> bytes:
    key = cache_key(document, fmt)
    data = cache.get(key)
    if data is None:
        if fmt == "pdf":
            from reports.pdf import render_pdf as renderer
        else:
            from reports.docx import render_docx as renderer
        data = renderer(document)
        cache.set(key, data, CACHE_SECONDS)
    return data


def filename(document: Document, fmt: str) -> str:
    suffix = f"（第{document.version}版）" if document.version else "（草稿）"
    return f"{document.title}{suffix}.{fmt}"


def figure_url(user, key: str, year: int, unit_code: str) -> str | None:
    """The admin list of the records behind a figure, for a user who may see them.

    Officials have no admin access and see the figure only; staff see the records of the
    figure that lie in their own scope (the admin list applies the scope as always).
    """
    if not user.is_staff:
        return None
    indicator = indicators.get(key)
    model = indicator.model
    if model is None or not may_view_model(user, model):
        return None
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return None
    query = urlencode({"figure": key, "figure_year": year, "figure_unit": unit_code})
    return f"{url}?{query}"
