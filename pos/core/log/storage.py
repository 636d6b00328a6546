"""TinyDB over append-only JSON-lines files: what one insert touches stays small.

TinyDB's own JSON storage rewrites the whole file on every insert and its
`Table.insert` copies the whole table in memory, so the cost of logging grows with
the history. Here each table of a database is one `<name>.<table>.jsonl` file in a
folder; `AppendOnlyTable.insert` appends one line with a single `write` and
fsyncs it, and never reads the rest. Reading (`Table.search`, `all`, ...) still
works through `JsonLinesStorage.read`. The history is never rewritten: TinyDB
operations that would (`update`, `remove`, `truncate`) raise `AppendOnlyError`.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from msgspec import Struct
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from pos.core.base.bounded_lines import count_lines, lines_of
from pos.core.base.errors import DataFolderError, PosError
from pos.core.base.events import encode
from pos.core.base.files import (
    fsync_folder,
    is_regular,
    make_folder,
    open_regular,
    read_regular,
    replace_whole,
)

SUFFIX = ".jsonl"
Document = Struct | Mapping[str, Any]
"""A record (`pos.core.base.events`), or one set aside and read back as it was."""


class AppendOnlyError(PosError):
    """The event log keeps its history: records are added, never changed."""


class LogWriteError(PosError):
    """A record could not be written; nothing partial was left behind."""


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The file's complete lines, numbered from 1, up to any line longer than a record (damage,
    set aside by the terminal's next start); an unfinished last line is left out."""
    yield from enumerate(lines_of(path), start=1)


def _count_lines(path: Path) -> int:
    with os.fdopen(open_regular(path), "rb") as handle:
        return count_lines(handle)


def _record(line: bytes) -> dict[str, Any] | None:
    """A line's record; None for a blank or unreadable line (the reports name those)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


class _AppendFile:
    """One file opened for appending, that never keeps a partial record."""

    def __init__(self, path: Path, sync: bool) -> None:
        created = not path.exists()
        self.path = path
        self.sync = sync
        self.fd = open_regular(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)  # never through a link
        self.size = os.fstat(self.fd).st_size
        self.lines = _count_lines(path) if self.size else 0
        if created:
            fsync_folder(path.parent)

    def append(self, payload: bytes, count: int) -> None:
        size = os.fstat(self.fd).st_size
        if (
            size != self.size
        ):  # bytes this writer did not write (damage): its record goes on a line after them
            self.size = size
            if size and _byte_at(self.fd, size - 1) != b"\n":
                payload, count = b"\n" + payload, count + 1
        try:
            view = memoryview(payload)
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
            if self.sync:
                os.fsync(self.fd)
        except OSError as error:
            # Take back whatever part of the record reached the file, so the next
            # record does not land behind a broken line.
            # If even that fails, the torn tail is set aside when the file is next opened.
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)
            raise LogWriteError(f"{self.path}: could not write the record: {error.strerror}") from None
        self.size += len(payload)
        self.lines += count

    def flush(self) -> None:
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)


def _byte_at(fd: int, offset: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)  # appends still go to the end (O_APPEND)
    return os.read(fd, 1)


class JsonLinesStorage(Storage):
    """A TinyDB storage: table `t` of database `name` is the file `folder/name.t.jsonl`.

    Document ids are line numbers, so the files hold only the records themselves.
    """

    def __init__(self, folder: Path | str, name: str, sync: bool = True) -> None:
        self.folder = Path(folder)
        self.name = name
        self.sync = sync
        self._files: dict[str, _AppendFile] = {}

    def path(self, table: str) -> Path:
        return self.folder / f"{self.name}.{table}{SUFFIX}"

    def read(self) -> dict[str, dict[str, Any]] | None:
        prefix = f"{self.name}."
        tables: dict[str, dict[str, Any]] = {}
        if not self.folder.is_dir():
            return None
        for path in sorted(self.folder.glob(f"{prefix}*{SUFFIX}")):
            if not is_regular(path):
                continue  # a link or a FIFO: not a table of this database
            table = path.name[len(prefix) : -len(SUFFIX)]
            tables[table] = {
                str(number): record
                for number, line in read_lines(path)
                if (record := _record(line)) is not None
            }
        return tables or None

    def write(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        raise AppendOnlyError("the event log is append-only: records are never changed or removed")

    def append(self, table: str, documents: Iterable[Document]) -> list[int]:
        """Append documents as lines in one write; their ids."""
        handle = self._files.get(table)
        if handle is None:
            try:
                make_folder(self.folder)
                handle = self._files[table] = _AppendFile(self.path(table), self.sync)
            except OSError as error:
                raise LogWriteError(
                    f"{self.path(table)}: cannot open it for writing ({error.strerror})"
                ) from None
        payloads = [encode(document) for document in documents]
        first = handle.lines + 1
        handle.append(b"".join(payloads), len(payloads))
        return list(range(first, first + len(payloads)))

    def flush(self) -> None:
        for handle in self._files.values():
            handle.flush()

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()


class AppendOnlyTable(Table):
    """A TinyDB table whose inserts append to its storage instead of rewriting it."""

    def insert(self, document: Document) -> int:
        return self.insert_multiple([document])[0]

    def insert_multiple(self, documents: Iterable[Document]) -> list[int]:
        storage = self.storage
        assert isinstance(storage, JsonLinesStorage)
        ids = storage.append(self.name, documents)
        self.clear_cache()
        return ids


class JsonLinesDB(TinyDB):
    table_class = AppendOnlyTable
    default_storage_class = JsonLinesStorage  # type: ignore[assignment]

    def table(self, name: str, **kwargs: Any) -> AppendOnlyTable:
        table = super().table(name, **kwargs)
        assert isinstance(table, AppendOnlyTable)
        return table


class AtomicJSONStorage(Storage):
    """A TinyDB storage for small files that are rewritten (drill scores): never half-written.

    Each write goes to a temporary file, is fsynced, then replaces the old file in
    one `os.replace`, so a crash leaves either the old file or the new one. It is read
    only as a regular file of at most MOST bytes (never a link, a FIFO or a device).
    """

    MOST = 64 << 20
    """About 200,000 drills' scores: a larger file is not one pos wrote."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def raw(self) -> bytes | None:
        """The file's bytes; None when there is no file yet."""
        try:
            return read_regular(self.path, self.MOST)
        except FileNotFoundError:
            return None
        except DataFolderError as error:
            raise DataFolderError(f"{error}: move it away, so that a new one can be kept") from None

    def read(self) -> dict[str, dict[str, Any]] | None:
        raw = self.raw()
        try:
            text = "" if raw is None else raw.decode("utf-8")
            data = json.loads(text) if text.strip() else None
        except ValueError as error:
            raise PosError(
                f"{self.path}: not a readable TinyDB file ({error}); move it aside to start a new one"
            ) from None
        return data if isinstance(data, dict) else None

    def write(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        try:
            replace_whole(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode())
        except OSError as error:
            raise LogWriteError(f"{self.path}: could not save ({error.strerror})") from None
