"""Start-up values kept in the user's cache (issue 24): what a run reads from the cache is what
a build gives, and a damaged, foreign or stale file is never trusted."""

from __future__ import annotations

import pickle

import pytest

from newsflow import usercache
from newsflow.parse import rules


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "newsflow"


def test_a_value_is_built_once_then_read(cache_home, tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("v1")
    builds = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"built": len(builds)}

    path = usercache.cache_path("thing", [source])
    assert usercache.cached(path, build, dict) == {"built": 1}
    assert usercache.cached(path, build, dict) == {"built": 1}  # read, not built
    source.write_text("v2")  # another source names another file: the old value is not read
    assert usercache.cache_path("thing", [source]) != path
    path.write_bytes(b"not a pickle")
    assert usercache.cached(path, build, dict) == {"built": 2}
    path.write_bytes(pickle.dumps(["a list"]))  # a pickle of another kind
    assert usercache.cached(path, build, dict) == {"built": 3}
    assert len(builds) == 3


def test_dateline_places_and_language_model_come_from_the_cache(cache_home):
    built = rules._build_gazetteer()
    assert rules._gazetteer() == built  # built and written
    (places,) = cache_home.glob("dateline-places-*.pickle")
    rules._language_model()
    (model,) = cache_home.glob("langid-*.pickle")
    assert rules._gazetteer() == built  # read
    assert "islamabad" in built and "tehran" in built
    cached_model = rules._language_model()
    assert cached_model.classify("Les pourparlers ont repris mardi à Islamabad.")[0] == "fr"
    assert cached_model.classify("The talks resumed on Tuesday in Islamabad.")[0] == "en"
    places.write_bytes(b"\x80\x05N.")  # a valid pickle of None: not a place set
    assert rules._gazetteer() == built
    assert places.exists() and model.exists()
