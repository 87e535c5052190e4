#!/usr/bin/python3
"""Independent reference for Smolify's quantizers (tests/export/export_quant_test.cpp), written with
numpy from ggml's documented formulas (docs/engine-notes.md), not from Smolify's C++:

  F16   numpy's float32 -> float16 cast (round to nearest even)
  Q8_0  per 32 values: d = amax / 127 (float32), id = 1/d (0 when d = 0), q = roundf(x * id) with ties
        away from zero; the block is fp16(d) then 32 int8
  Q4_0  per 32 values: m = the first value of largest magnitude, d = m / -8, id = 1/d (0 when d = 0),
        q = min(15, trunc(x * id + 8.5)) in float32; fp16(d), then element j in the low nibble of
        byte j and element j + 16 in the high nibble

usage: quant_reference.py f16|q8_0|q4_0 IN.f32 OUT.bin
"""
import sys

import numpy as np


def round_half_away(v):
    # float32 values are exact in float64, so |v| + 0.5 there is exact too
    v64 = v.astype(np.float64)
    return np.sign(v64) * np.floor(np.abs(v64) + 0.5)


def inverse(d):
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(d != 0, np.float32(1.0) / np.where(d != 0, d, np.float32(1.0)), np.float32(0.0)).astype(np.float32)


def q8_0(x):
    blocks = x.reshape(-1, 32)
    amax = np.abs(blocks).max(axis=1)
    d = (amax / np.float32(127.0)).astype(np.float32)
    idv = inverse(d)
    with np.errstate(invalid="ignore", over="ignore"):
        v = (blocks * idv[:, None]).astype(np.float32)
    q = np.where(np.isfinite(v), round_half_away(v), 0).astype(np.int8)
    out = bytearray()
    for i in range(blocks.shape[0]):
        out += d[i].astype(np.float16).tobytes() + q[i].tobytes()
    return bytes(out)


def q4_0(x):
    blocks = x.reshape(-1, 32)
    first_max = np.argmax(np.abs(blocks), axis=1)  # argmax returns the first of equal values
    m = blocks[np.arange(blocks.shape[0]), first_max]
    d = (m / np.float32(-8.0)).astype(np.float32)
    idv = inverse(d)
    with np.errstate(invalid="ignore", over="ignore"):
        v = ((blocks * idv[:, None]).astype(np.float32) + np.float32(8.5)).astype(np.float32)
    q = np.where(np.isfinite(v), np.trunc(v), 0)
    q = np.minimum(15, q).astype(np.uint8)
    out = bytearray()
    for i in range(blocks.shape[0]):
        nib = (q[i, :16] | (q[i, 16:] << 4)).astype(np.uint8)
        out += d[i].astype(np.float16).tobytes() + nib.tobytes()
    return bytes(out)


def main():
    mode, src, dst = sys.argv[1:4]
    x = np.fromfile(src, dtype="<f4")
    if mode == "f16":
        data = x.astype("<f2").tobytes()
    elif mode == "q8_0":
        data = q8_0(x)
    elif mode == "q4_0":
        data = q4_0(x)
    else:
        sys.exit("unknown mode " + mode)
    with open(dst, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
