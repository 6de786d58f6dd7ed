"""The gazetteer's cache file (issue 24: a run's start-up): what it reads is what a build gives,
and a damaged or stale file is never trusted."""

from __future__ import annotations

import pytest

from newsflow import geo


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    geo._cached_gazetteer.cache_clear()
    yield tmp_path
    geo._cached_gazetteer.cache_clear()


def test_the_cached_gazetteer_is_the_built_one(cache_home):
    built = geo.Gazetteer.build()
    first = geo.Gazetteer.load()  # builds, and writes the file
    files = list((cache_home / "newsflow").glob("gazetteer-*.pickle"))
    assert len(files) == 1
    geo._cached_gazetteer.cache_clear()
    again = geo.Gazetteer.load()  # read from the file
    assert first == built and again == built
    assert again.lookup("Kandahar").name == "Kandahar"
    assert again.capital_of("Islamabad") == "PAK"


def test_a_damaged_cache_file_is_rebuilt(cache_home):
    geo.Gazetteer.load()
    (path,) = (cache_home / "newsflow").glob("gazetteer-*.pickle")
    path.write_bytes(b"not a pickle")
    geo._cached_gazetteer.cache_clear()
    assert geo.Gazetteer.load() == geo.Gazetteer.build()
    path.write_bytes(b"\x80\x05N.")  # a valid pickle of None: not a gazetteer
    geo._cached_gazetteer.cache_clear()
    assert geo.Gazetteer.load() == geo.Gazetteer.build()


def test_the_cache_file_names_the_code_that_built_it(cache_home, monkeypatch):
    """A change to geo.py (the build) names another file: a stale index is never read."""
    name = geo._cache_file().name
    real = geo.Path.read_bytes

    def edited(self):
        data = real(self)
        return data + b"\n# edited" if self.name == "geo.py" else data

    monkeypatch.setattr(geo.Path, "read_bytes", edited)
    assert geo._cache_file().name != name
