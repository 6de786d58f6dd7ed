"""Bundles for the ingest tests: zip and tar members built in place, hostile flags set on
them, one run of a bundle through ingest, and the hypothesis settings of the property tests."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck
from hypothesis import settings as hsettings

from newsflow import ingest, schema
from newsflow.settings import Settings, Thresholds

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"

ARTICLE = "Pakistan and Iran held talks on Afghanistan in Islamabad on Monday.\n"


def run(bundle: Path, settings: Settings | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All docs and quarantine rows of a bundle, checking each batch's contract on the way."""
    batches = list(ingest.iter_batches(bundle, settings or Settings()))
    for batch in batches:
        assert batch.docs.schema == schema.RAW_DOCS
        assert batch.quarantine.schema == schema.QUARANTINE
        assert batch.inputs == batch.docs.height + batch.quarantine.height
    docs = pl.concat([b.docs for b in batches]) if batches else schema.empty(schema.RAW_DOCS)
    quarantine = (
        pl.concat([b.quarantine for b in batches]) if batches else schema.empty(schema.QUARANTINE)
    )
    paths = docs["source_path"].to_list() + quarantine["source_path"].to_list()
    assert len(paths) == len(set(paths)), "every input has its own source_path"
    assert sorted(docs["input_seq"].to_list()) == docs["input_seq"].to_list()
    assert set(quarantine["stage"]) <= {"ingest"}
    return docs, quarantine


def reasons(quarantine: pl.DataFrame) -> dict[str, str]:
    return dict(zip(quarantine["source_path"], quarantine["reason"], strict=True))


def small(**thresholds: object) -> Settings:
    return Settings(thresholds=Thresholds(**thresholds))  # type: ignore[arg-type]


def zip_bundle(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def mark_encrypted(path: Path, name: bytes) -> None:
    """Set the 'encrypted' flag of member `name` in its local and central headers."""
    patch_flags(path, name, set_bits=0x1)


def patch_flags(path: Path, name: bytes, set_bits: int = 0, clear_bits: int = 0) -> None:
    """Change the general-purpose flags of member `name` in its local and central headers."""
    raw = bytearray(path.read_bytes())
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = raw.find(signature)
        while start >= 0:
            if raw[start + name_at : start + name_at + len(name)] == name:
                flags = int.from_bytes(raw[start + flag_at : start + flag_at + 2], "little")
                flags = (flags | set_bits) & ~clear_bits
                raw[start + flag_at : start + flag_at + 2] = flags.to_bytes(2, "little")
            start = raw.find(signature, start + 4)
    path.write_bytes(bytes(raw))


def tar_member(
    name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def tar_bundle(
    path: Path, members: list[tuple[tarfile.TarInfo, bytes]], mode: str = "w:gz"
) -> Path:
    with tarfile.open(path, mode) as tf:
        for info, data in members:
            tf.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return path


# database=None: no .hypothesis/ example folder written into the checkout
FAST = hsettings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
