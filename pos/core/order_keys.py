"""A store's order id as a 64-bit number, the same from every file and either reader, so the
reports join prompts to orders by comparing numbers, not text.

FNV-1a over the UTF-8 bytes of `store`, a NUL, and `order`, worked out for many ids at
once with numpy (a byte column at a time). Like any 64-bit hash, two different
orders could share a key: with a million orders the odds are about 1 in 30 million.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_OFFSET = np.uint64(0xCBF29CE484222325)
_PRIME = np.uint64(0x100000001B3)


def order_keys(stores: Sequence[object], orders: Sequence[object]) -> npt.NDArray[np.int64]:
    """The key of each (store, order); TypeError when an order id is not a non-empty string."""
    texts = []
    for store, order in zip(stores, orders, strict=True):
        if not isinstance(order, str) or not order or not isinstance(store, str):
            raise TypeError("order")
        texts.append(f"{store}\0{order}".encode())
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    return packed_keys(np.frombuffer(b"".join(texts), dtype=np.uint8), np.cumsum(lengths) - lengths, lengths)


def packed_keys(
    data: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """FNV-1a of each `store` NUL `order` text, packed one after another in `data` (UTF-8)."""
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
