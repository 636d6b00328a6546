"""A store's order id as a 64-bit number, the same from every file and either reader, so the
reports join prompts to orders by comparing numbers, not text.

FNV-1a over the UTF-8 bytes of `store`, a NUL, and `order`, worked out for many ids at
once with numpy (a byte column at a time). Like any 64-bit hash, two different
orders could share a key: with a million orders the odds are about 1 in 30 million.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
    return _fnv1a(texts)


def _fnv1a(texts: list[bytes]) -> npt.NDArray[np.int64]:
    if not texts:
        return np.zeros(0, dtype=np.int64)
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    width = int(lengths.max())
    padded: npt.NDArray[Any] = np.frombuffer(
        b"".join(text.ljust(width, b"\0") for text in texts), dtype=np.uint8
    )
    padded = padded.reshape(len(texts), width)
    hashes = np.full(len(texts), _OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(width):
            mixed = (hashes ^ padded[:, column].astype(np.uint64)) * _PRIME
            hashes = np.where(column < lengths, mixed, hashes)
    keys: npt.NDArray[np.int64] = hashes.view(np.int64)
    return keys
