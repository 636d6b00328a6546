"""A whole log file read at C speed by pyarrow's JSON reader, when pyarrow is installed.

The first report over a history with no cache (one copied in from elsewhere) would
otherwise parse every line in Python. This reader gives exactly the columns that
`pos.core.columns.extend` gives, or None whenever it cannot be sure of that (a
line that does not parse, a value the spec does not allow, a field missing or null
where a line must have it, a blank line): then the Python reader, which names and
sets aside each bad line, does the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

import numpy as np

from pos.core.bounded_lines import first_damage
from pos.core.columns import (
    ITEM_SCHEMA,
    LINE_SCHEMA,
    MAX_MONEY,
    MAX_VALUES,
    MAX_WIDE_VALUES,
    NULL,
    FileColumns,
    Schema,
)
from pos.core.order_keys import packed_keys

COMPUTED = ("hour", "order_key", "v2")
"""Integer columns worked out from other fields."""
KEY_WINDOW = 16
"""The longest key whose nulls are counted, and one byte for its opening quote."""


def read_whole(handle: IO[bytes], schemas: Sequence[Schema]) -> list[FileColumns | None]:
    """The whole file's columns for each schema (an orders file: its orders and their lines), from
    one parse; None for a schema whose columns it cannot be sure of."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.json as pj
    except ImportError:
        return [None for _ in schemas]
    # the items' rows are read only where chances were held out: by the Python reader
    arrow = [None if schema is ITEM_SCHEMA else _arrow_schema(pa, schema) for schema in schemas]
    damaged = first_damage(handle)  # the Python reader says where it begins
    handle.seek(0)
    data = handle.read() if damaged is None else handle.read(damaged)
    end = data.rfind(b"\n") + 1
    data = data[:end]
    lines = data.count(b"\n")
    table = None
    if lines and any(found is not None for found in arrow):
        fields = {field.name: field for found in arrow if found is not None for field in found}
        try:
            table = pj.read_json(
                pa.BufferReader(data),
                read_options=pj.ReadOptions(use_threads=False, block_size=max(1 << 20, end)),
                parse_options=pj.ParseOptions(
                    explicit_schema=pa.schema(list(fields.values())), unexpected_field_behavior="ignore"
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            table = None
    if table is None or table.num_rows != lines:
        return [None for _ in schemas]
    read: list[FileColumns | None] = []
    for schema, found in zip(schemas, arrow, strict=True):
        columns = None if found is None else _read_schema(pa, pc, data, table.select(found.names), schema)
        if columns is not None:
            columns.consumed, columns.lines = end, lines
        read.append(columns)
    return read


def _read_schema(pa: Any, pc: Any, data: bytes, table: Any, schema: Schema) -> FileColumns | None:
    if not _nulls_were_written(data, table, schema):
        return None
    if schema is LINE_SCHEMA:
        table = _prompted_lines(pa, pc, table)
        if table is None:
            return None
    return _columns(pa, pc, table, schema)


def _nulls_were_written(data: bytes, table: Any, schema: Schema) -> bool:
    """A field missing from a line reads as null, where the Python reader refuses the line: every
    null must be written out, and only for a field that may be null (a default stands for a field
    left out, never for a null; a flag is true, false or left out).

    The nulls written are counted by key (`_null_keys`). Keys the table does not read (a line's, an
    unknown field's) are not its business, nor those of a field whose default is null (`store_id`):
    written null or left out, both readers read a null."""
    alike = {name for name in schema.nullable if name in schema.defaults and schema.defaults[name] is None}
    if not (schema.nullable - alike or schema.flags or set(schema.defaults) - alike):
        return True  # a null where a field must be text is seen in its column
    written = _null_keys(data)
    if written is None:
        return False
    may_be_null = {name for name in schema.nullable if name not in schema.defaults}
    read = set(table.column_names) - alike
    if any(name in read and name not in may_be_null for name in (key.decode() for key in written)):
        return False  # a null for a flag, a default or a field that must be there
    return all(written.get(name.encode(), 0) == table.column(name).null_count for name in may_be_null)


def _null_keys(data: bytes) -> Counter[bytes] | None:
    """How many times each key is written with a null (`"key":null` or `"key": null`); None when
    one cannot be told from the text before it (a backslash before its quote, an escaped quote in a
    string, where the Python reader decides; a key over KEY_WINDOW bytes). A null in a file's first
    bytes, too near its start for a window, is not counted: then the counts do not match.

    An unescaped quote ends a key or a string, so `":null` after one is never text inside a string.
    Each null's key is read from the bytes just before it, once for each distinct run of them."""
    buffer = np.frombuffer(data, np.uint8)
    colons = np.flatnonzero(buffer[KEY_WINDOW + 1 : -6] == ord(":")) + KEY_WINDOW + 1  # a window before
    colons = colons[(buffer[colons + 1] == ord("n")) | (buffer[colons + 1] == ord(" "))]
    colons = colons[buffer[colons - 1] == ord('"')]
    after = buffer[colons[:, None] + np.arange(1, 6)]
    compact = (after[:, :4] == np.frombuffer(b"null", np.uint8)).all(axis=1)
    spaced = (after == np.frombuffer(b" null", np.uint8)).all(axis=1)
    quotes = colons[compact | spaced] - 1
    before = np.ascontiguousarray(buffer[quotes[:, None] + np.arange(-KEY_WINDOW, 0)])
    windows, counts = np.unique(before.view(f"V{KEY_WINDOW}").ravel(), return_counts=True)
    keys: Counter[bytes] = Counter()
    for window, count in zip(windows.tolist(), counts.tolist(), strict=True):
        opening = window.rfind(b'"')
        key = window[opening + 1 :]
        if opening < 0 or window.endswith(b"\\") or not (key.isascii() and key.replace(b"_", b"").isalnum()):
            return None
        keys[key] += count
    return keys


def _line_list(pa: Any) -> Any:
    """An order's `lines` or `voided_lines` as the line table reads them: one type for both
    schemas, which read the same file at once (a field of one name is read one way)."""
    part = pa.struct([("prompt", pa.int64()), ("added", pa.int64())])
    return pa.list_(
        pa.struct([("prompt", pa.int64()), ("added", pa.int64()), ("components", pa.list_(part))])
    )


def _arrow_schema(pa: Any, schema: Schema) -> Any:
    if schema is LINE_SCHEMA:
        return pa.schema(
            [
                ("store_id", pa.string()),
                ("order", pa.string()),
                ("lines", _line_list(pa)),
                ("voided_lines", _line_list(pa)),
            ]
        )
    names = dict.fromkeys(["ts", "order", *schema.text, *(v for v in schema.defaults.values() if v)])
    fields = [(name, pa.string()) for name in names if isinstance(name, str)]
    fields += [
        (name, pa.bool_() if name in schema.flags else pa.int64())
        for name, _ in schema.ints
        if name not in COMPUTED
    ]
    if "v2" in schema.int_names:
        fields.append(("voided_lines", _line_list(pa)))
    return pa.schema(fields)


def _prompted_lines(pa: Any, pc: Any, table: Any) -> Any:
    """One row per line that a prompt added or changed (a meal's components too), with its order's
    store id and id, in the Python reader's order: an order's lines, then its meals' components,
    then its voided lines and theirs (`voided` 1)."""
    lines = table.column("lines").combine_chunks()
    if lines.null_count:
        return None
    voided_lines = table.column("voided_lines").combine_chunks()  # null: a version 1 record's
    found = [_flat_lines(pa, pc, lines), _flat_lines(pa, pc, voided_lines)]
    orders = np.concatenate([np.asarray(owner) for owner, _, _ in found])
    prompt = pa.concat_arrays([prompts for _, prompts, _ in found])
    added = pa.concat_arrays([amounts for _, _, amounts in found])
    voided = np.repeat([0, 1], [len(owner) for owner, _, _ in found])
    prompted = np.flatnonzero(np.asarray(pc.is_valid(prompt)))
    prompted = prompted[np.argsort(orders[prompted], kind="stable")]  # by record, as they were in it
    owners = orders[prompted]
    part = np.arange(len(owners)) - np.searchsorted(owners, owners) + 1  # 1, 2 ... within each record
    rows, at = pa.array(owners), pa.array(prompted)
    return pa.table(
        {
            "store_id": pc.take(table.column("store_id"), rows),
            "order": pc.take(table.column("order"), rows),
            "prompt": pc.take(prompt, at),
            "added": pc.take(added, at),
            "part": pa.array(part, pa.int64()),
            "voided": pa.array(voided[prompted], pa.int64()),
        }
    )


def _flat_lines(pa: Any, pc: Any, lines: Any) -> tuple[Any, Any, Any]:
    """Of the lines of the records' lists, then of their meals' components: each one's record,
    `prompt` and `added`."""
    flat = pc.list_flatten(lines)
    owner = pc.list_parent_indices(lines)
    components = flat.field(2)
    parts = pc.list_flatten(components)
    part_owner = pc.take(owner, pc.list_parent_indices(components))
    return (
        pa.concat_arrays([owner, part_owner]),
        pa.concat_arrays([flat.field(0), parts.field(0)]),
        pa.concat_arrays([flat.field(1), parts.field(1)]),
    )


def _columns(pa: Any, pc: Any, table: Any, schema: Schema) -> FileColumns | None:
    rows: dict[str, np.ndarray[Any, Any]] = {}
    values: dict[str, list[str]] = {}
    for name in schema.text:
        column = table.column(name)
        default = schema.defaults.get(name)
        if isinstance(default, str) and column.null_count:
            if column.null_count != len(column):
                return None  # some lines with it, some without: the Python reader decides
            column = table.column(default)
        if column.null_count and name not in schema.nullable:
            return None
        encoded = pc.dictionary_encode(column).combine_chunks()
        dictionary = encoded.dictionary.to_pylist()
        limit = MAX_WIDE_VALUES if name in schema.wide else MAX_VALUES
        choices, form = schema.choices.get(name), schema.forms.get(name)
        if len(dictionary) > limit or "" in dictionary or (choices and not set(dictionary) <= choices):
            return None
        if form is not None and not all(map(form, dictionary)):
            return None  # the Python reader sets the line aside and names it
        rows[name] = np.asarray(encoded.indices.fill_null(NULL), dtype=schema.dtype[name])
        values[name] = dictionary
    for name, kind in schema.ints:
        if name == "hour":
            column = _hours(pa, pc, table.column("ts"))
        elif name == "order_key":
            column = _order_keys(pa, pc, table)
        elif name == "v2":
            column = np.asarray(pc.is_valid(table.column("voided_lines")), dtype=np.int64)
        elif name in schema.flags:  # left out: false
            column = np.asarray(pc.fill_null(table.column(name), False), dtype=np.int64)
        else:
            column = table.column(name)
            if column.null_count:
                if column.null_count != len(column) or name not in schema.defaults:
                    return None
                column = np.full(len(column), schema.defaults[name], dtype=np.int64)
            column = np.asarray(column, dtype=np.int64)
        if column is None:
            return None
        if name != "order_key":  # a hash: any 64 bits
            bound = np.iinfo(np.dtype(kind))
            top = MAX_MONEY if name in schema.money else bound.max
            if len(column) and (column.min() < max(0, bound.min) or column.max() > top):
                return None
        rows[name] = column.astype(kind)
    return FileColumns(rows, values)


def _hours(pa: Any, pc: Any, ts: Any) -> np.ndarray[Any, Any] | None:
    """The hour of every `YYYY-MM-DDTHH:...`, or None when one is not such a time."""
    if ts.null_count:
        return None
    shaped = pc.match_substring_regex(ts, r"^.{10}T[0-9][0-9]:.{2}")  # as long as the Python reader asks
    if not pc.all(shaped).as_py():
        return None
    hours = np.asarray(pc.cast(pc.utf8_slice_codeunits(ts, 11, 13), pa.int64()), dtype=np.int64)
    return None if len(hours) and hours.max() > 23 else hours


def _order_keys(pa: Any, pc: Any, table: Any) -> np.ndarray[Any, Any] | None:
    """`order_key` of every row, hashed once per distinct order id."""
    order = table.column("order")
    if order.null_count:
        return None
    if not len(order):
        return np.zeros(0, np.int64)
    if pc.min(pc.binary_length(order)).as_py() == 0:
        return None
    encoded = pc.dictionary_encode(order).combine_chunks()
    texts = encoded.dictionary
    _, offsets, data = texts.buffers()
    ends = np.frombuffer(offsets, np.int32)[texts.offset : texts.offset + len(texts) + 1].astype(np.int64)
    keys = packed_keys(np.frombuffer(data, np.uint8), ends[:-1], np.diff(ends))
    return keys[np.asarray(encoded.indices, dtype=np.int64)]
