"""One module per page type; each declares its :class:`~dyadscope.web.pages.Page` as ``PAGE``."""

from __future__ import annotations

from . import actor, document, dyad, event, overview, search, upload

#: Every page type, in the order of the navigation and the OpenAPI description.
PAGES = (overview.PAGE, document.PAGE, dyad.PAGE, actor.PAGE, event.PAGE, search.PAGE, upload.PAGE, upload.JOB_PAGE)

__all__ = ["PAGES"]
