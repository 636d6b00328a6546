"""A store's order id as a 64-bit number, the same from every file and either reader, so the
reports join prompts to orders by comparing numbers, not text.

An order is named by its store id and its id (`T1-20261123-0042` is unique only in its store).
Each file's reader hashes the order id alone (FNV-1a over its UTF-8 bytes, worked out for
many ids at once with numpy, a byte column at a time): a record's store id is known only
when the report reads it (a version 1 or 2 record takes its folder's, `pos.core.base.store_id`),
so `with_store` then mixes in the store id's own hash. Like any 64-bit hash, two different
orders could share a key: with a million orders the odds are about 1 in 30 million.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_OFFSET = np.uint64(0xCBF29CE484222325)
_PRIME = np.uint64(0x100000001B3)


def order_keys(orders: Sequence[object]) -> npt.NDArray[np.int64]:
    """The hash of each order id; TypeError when one is not a non-empty string."""
    texts = []
    for order in orders:
        if not isinstance(order, str) or not order:
            raise TypeError("order")
        texts.append(order.encode())
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    return packed_keys(np.frombuffer(b"".join(texts), dtype=np.uint8), np.cumsum(lengths) - lengths, lengths)


def packed_keys(
    data: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """FNV-1a of each text, packed one after another in `data` (UTF-8)."""
    hashes = np.full(len(starts), _OFFSET, dtype=np.uint64)
    if not len(starts):
        return hashes.view(np.int64)
    last = len(data) - 1
    with np.errstate(over="ignore"):
        for column in range(int(lengths.max())):
            byte = data[np.minimum(starts + column, last)].astype(np.uint64)
            hashes = np.where(column < lengths, (hashes ^ byte) * _PRIME, hashes)
    keys: npt.NDArray[np.int64] = hashes.view(np.int64)
    return keys


def with_store(
    orders: npt.NDArray[np.int64], stores: npt.NDArray[np.int32], store_ids: Sequence[str]
) -> npt.NDArray[np.int64]:
    """The key of each (store, order): `orders` hashed by `order_keys`, `stores` each row's code in
    `store_ids`. For one store, distinct order hashes stay distinct keys."""
    mixed = _avalanche(order_keys(store_ids).view(np.uint64))
    keys: npt.NDArray[np.int64] = (orders.view(np.uint64) ^ mixed[stores]).view(np.int64)
    return keys


def _avalanche(hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finalizer: every bit of a store's hash moves about half of the key's bits."""
    with np.errstate(over="ignore"):
        hashes = (hashes ^ (hashes >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        hashes = (hashes ^ (hashes >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: npt.NDArray[np.uint64] = hashes ^ (hashes >> np.uint64(31))
    return mixed
