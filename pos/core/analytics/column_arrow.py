"""A day's rows of one kind as Arrow, the form its Parquet keeps: text dictionary-encoded (null for
none), integers typed as the schema (`pos.core.analytics.columns`) has them. The rows read from the
log become Arrow (`to_arrow`), which is read back as the report's columns (`from_arrow`)."""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from pos.core.analytics.columns import FileColumns, Schema

if TYPE_CHECKING:
    import pyarrow as pa


@functools.cache
def arrow_schema(schema: Schema) -> pa.Schema:
    """The columns a day's Parquet of `schema` holds."""
    import pyarrow as pa

    return pa.schema(
        (
            name,
            pa.dictionary(pa.int32(), pa.string())
            if name in schema.text
            else pa.from_numpy_dtype(schema.dtype[name]),
        )
        for name in schema.names
    )


def to_arrow(schema: Schema, rows: FileColumns) -> pa.Table:
    """Rows read line by line (every field of `schema`), as Arrow."""
    import pyarrow as pa

    arrays = []
    for name in schema.names:
        column = rows.fields[name]
        if name in schema.text:
            arrays.append(
                pa.DictionaryArray.from_arrays(
                    pa.array(column, pa.int32(), mask=column < 0), pa.array(rows.values[name], pa.string())
                )
            )
        else:
            arrays.append(pa.array(column.astype(schema.dtype[name])))
    return pa.table(arrays, schema=arrow_schema(schema))


def from_arrow(table: pa.Table, schema: Schema, names: Collection[str], records: int) -> FileColumns:
    """The columns `names` of a day's rows, from `records` records, as the report reads them;
    ValueError for a null number or a text's code beyond its dictionary, which no day's rows hold."""
    rows = FileColumns({}, {}, records=records)
    for name in names:
        column = table.column(name).combine_chunks()
        if name in schema.text:
            rows.values[name] = column.dictionary.to_pylist()
            codes = column.indices
            found = (
                (codes.fill_null(-1) if codes.null_count else codes).to_numpy().astype(np.int32, copy=False)
            )
            if len(found) and not -1 <= int(found.min()) <= int(found.max()) < len(rows.values[name]):
                raise ValueError(name)  # a code with no text
            rows.fields[name] = found
        elif column.null_count:
            raise ValueError(name)
        else:
            rows.fields[name] = column.to_numpy()
    return rows
