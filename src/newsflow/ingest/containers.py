"""Folders, zip and tar archives: walked as streams, every member vetted by one rule."""

from __future__ import annotations

import os
import re
import stat
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsflow.ingest.inputs import (
    ARCHIVE_ERRORS,
    CountingReader,
    Input,
    Limits,
    Rejected,
    read_capped,
)
from newsflow.ingest.kinds import kind_by_name, not_a_document, unsupported
from newsflow.ingest.records import file_inputs, jsonl_file, jsonl_stream, member_inputs
from newsflow.ingest.warc import warc_inputs


def walk_dir(folder: Path, prefix: str, limits: Limits) -> Iterator[Input]:
    """Files of a folder, recursively in sorted name order, never following symlinks."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Rejected(
            prefix or folder.name, "unreadable file", f"cannot list folder: {exc.strerror or exc}"
        )
        return
    for entry in entries:
        rel = prefix + entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            yield Rejected(rel, "unreadable file", exc.strerror or str(exc))
            continue
        if stat.S_ISLNK(mode):
            yield Rejected(rel, "symlink not followed", f"-> {_readlink(entry.path)}")
            continue
        hidden = not_a_document(entry.name)
        if stat.S_ISDIR(mode):
            if hidden is not None:
                yield Rejected(rel + "/", hidden.reason, hidden.detail + ", not descended into")
            else:
                yield from walk_dir(Path(entry.path), rel + "/", limits)
        elif not stat.S_ISREG(mode):
            yield Rejected(rel, "special file", f"not a regular file (mode {stat.filemode(mode)})")
        elif hidden is not None:
            yield Rejected(rel, hidden.reason, hidden.detail)
        else:
            kind = kind_by_name(entry.name)
            if kind in {"zip", "tar", "jsonl", "warc"}:
                yield from container(Path(entry.path), rel, kind, rel + "/", limits)
            elif kind == "unsupported":
                yield unsupported(rel, kind)
            else:
                yield from single_file(Path(entry.path), rel, limits)


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def single_file(path: Path, rel: str, limits: Limits) -> Iterator[Input]:
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            yield Rejected(
                rel, "too large", f"{size} bytes is over max_file_bytes={limits.file_bytes}"
            )
            return
        with path.open("rb") as fh:
            data = read_capped(fh, limits.file_bytes)
    except OSError as exc:
        yield Rejected(rel, "unreadable file", exc.strerror or str(exc))
        return
    if len(data) > limits.file_bytes:  # grew since stat
        yield Rejected(rel, "too large", f"over max_file_bytes={limits.file_bytes}")
        return
    yield from file_inputs(rel, data, limits)


def container(path: Path, rel: str, kind: str, prefix: str, limits: Limits) -> Iterator[Input]:
    """Inputs of an archive or JSON lines file on disk; `rel` names the container itself."""
    if kind == "zip":
        inputs = _zip_inputs(path, rel, prefix, limits)
    elif kind == "tar":
        inputs = _tar_inputs(path, rel, prefix, limits)
    elif kind == "warc":
        inputs = warc_inputs(path, rel, limits)
    else:
        inputs = jsonl_file(path, rel, limits)
    try:
        yield from inputs
    except OSError as exc:  # the file vanished or cannot be opened; members read so far stay
        yield Rejected(rel, "unreadable file", exc.strerror or str(exc))


@dataclass(frozen=True, slots=True)
class Member:
    """An archive member as the vetting rule sees it, whatever the archive format."""

    name: str  # its bundle path (prefix + member name)
    stored: str  # its own path in the archive
    entry: str  # "dir", "file", "symlink", "hardlink" or "special"
    link: str = ""  # a link's target, "" when unknown
    special: str = "not a regular file"  # how a special entry is described
    encrypted: bool = False


def vet_member(member: Member) -> Rejected | str | None:
    """The one rule for zip and tar members: None for a folder entry (a container, not an
    input; nothing is ever extracted), a rejection, or the member's kind to read."""
    if member.entry == "dir":
        return None
    name, normal = member.name, member.stored.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return Rejected(name, "unsafe path", "absolute path in archive")
    if ".." in normal.split("/"):
        return Rejected(name, "unsafe path", "'..' in archive path")
    if member.entry == "symlink":
        target = f" -> {member.link}" if member.link else ""
        return Rejected(name, "symlink not followed", f"symbolic link in archive{target}")
    if member.entry == "hardlink":
        return Rejected(name, "hardlink not followed", f"hard link in archive -> {member.link}")
    if member.entry == "special":
        return Rejected(name, "special file", member.special)
    hidden = not_a_document(member.stored)
    if hidden is not None:
        return Rejected(name, hidden.reason, hidden.detail)
    if member.encrypted:
        return Rejected(name, "encrypted member", "password-protected zip member")
    kind = kind_by_name(member.stored)
    if kind in {"zip", "tar", "warc", "unsupported"}:
        return unsupported(name, kind)
    return kind


def _zip_inputs(path: Path, rel: str, prefix: str, limits: Limits) -> Iterator[Input]:
    try:
        archive = zipfile.ZipFile(path)
    except ARCHIVE_ERRORS as exc:
        yield Rejected(rel, "corrupt archive", f"not a readable zip file: {exc}")
        return
    with archive:
        for info in archive.infolist():
            yield from _zip_member(archive, info, prefix, limits)


def _zip_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, prefix: str, limits: Limits
) -> Iterator[Input]:
    mode = info.external_attr >> 16
    if info.is_dir() or stat.S_ISDIR(mode):  # also a folder written without its trailing slash
        entry = "dir"
    elif stat.S_ISLNK(mode):
        entry = "symlink"
    elif stat.S_IFMT(mode) and not stat.S_ISREG(mode):
        entry = "special"
    else:
        entry = "file"
    name = prefix + _zip_name(info)
    kind = vet_member(
        Member(
            name,
            info.filename,
            entry,
            special=f"not a regular file (mode {stat.filemode(mode)})",
            encrypted=bool(info.flag_bits & 0x1),
        )
    )
    if not isinstance(kind, str):
        if kind is not None:
            yield kind
        return
    if kind != "jsonl":
        if limits.is_bomb(info.file_size, info.compress_size):
            yield Rejected(
                name,
                "zip bomb",
                f"declared compression ratio over {limits.ratio:g} "
                f"({info.file_size} bytes from {info.compress_size})",
            )
            return
        if info.file_size > limits.read_cap:
            problem = limits.too_large(f"member ({info.file_size} bytes declared)")
            yield Rejected(name, problem.reason, problem.detail)
            return
    try:
        with archive.open(info) as member:
            if kind == "jsonl":
                yield from jsonl_stream(
                    member, name, info.filename, limits, lambda: info.compress_size
                )
                return
            data = read_capped(member, limits.read_cap)
    except ARCHIVE_ERRORS as exc:
        yield Rejected(name, "corrupt member", f"{type(exc).__name__}: {exc}")
        return
    yield from member_inputs(name, data, info.compress_size, limits)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member name as written: many zip tools store UTF-8 names without setting the flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _tar_inputs(path: Path, rel: str, prefix: str, limits: Limits) -> Iterator[Input]:
    """Members of a tar stream ("r|*": one pass, nothing seeks, memory stays flat)."""
    with path.open("rb") as raw:
        counted = CountingReader(raw)
        try:
            # closed by the `with` below: opening itself fails on hostile bytes
            archive = tarfile.open(fileobj=counted, mode="r|*")  # type: ignore[call-overload]  # noqa: SIM115
        except ARCHIVE_ERRORS as exc:
            yield Rejected(rel, "corrupt archive", f"not a readable tar file: {exc}")
            return
        with archive:
            yield from _tar_members(archive, rel, prefix, counted, limits)


def _tar_members(
    archive: tarfile.TarFile, rel: str, prefix: str, counted: CountingReader, limits: Limits
) -> Iterator[Input]:
    last = None
    while True:
        try:
            info = archive.next()
        except ARCHIVE_ERRORS as exc:
            after = f" after member {last!r}" if last else ""
            yield Rejected(rel, "corrupt archive", f"unreadable{after}: {exc}")
            return
        if info is None:
            return
        archive.members.clear()  # type: ignore[attr-defined]  # stream mode keeps every TarInfo
        last = info.name
        name = prefix + info.name
        bomb = False
        for item in _tar_member(archive, info, name, counted, limits):
            bomb = bomb or (isinstance(item, Rejected) and item.reason == "zip bomb")
            yield item
        if bomb:
            # Skipping the rest of a bomb means decompressing it: stop reading the archive.
            yield Rejected(
                rel, "archive not read further", f"stopped at zip bomb member {info.name!r}"
            )
            return


def _tar_member(
    archive: tarfile.TarFile,
    info: tarfile.TarInfo,
    name: str,
    counted: CountingReader,
    limits: Limits,
) -> Iterator[Input]:
    if info.isdir():
        entry = "dir"
    elif info.issym():
        entry = "symlink"
    elif info.islnk():
        entry = "hardlink"
    elif not info.isreg():
        entry = "special"
    else:
        entry = "file"
    kind = vet_member(
        Member(
            name,
            info.name,
            entry,
            link=info.linkname,
            special="device, fifo or other non-regular member",
        )
    )
    if not isinstance(kind, str):
        if kind is not None:
            yield kind
        return
    start = counted.count
    try:
        member = archive.extractfile(info)
        if member is None:
            yield Rejected(name, "special file", "member has no data")
            return
        if kind == "jsonl":
            yield from jsonl_stream(member, name, info.name, limits, lambda: counted.count - start)
            return
        data = read_capped(member, limits.read_cap)
    except ARCHIVE_ERRORS as exc:
        yield Rejected(name, "corrupt member", f"{type(exc).__name__}: {exc}")
        return
    yield from member_inputs(name, data, counted.count - start, limits)
