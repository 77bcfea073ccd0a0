"""Shared fixtures for the library tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import sourcewise as sw


@pytest.fixture(scope="session")
def article() -> sw.Article:
    return sw.load_article()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends in English, whatever it switched to."""
    sw.set_language("en")
    yield
    sw.set_language("en")
