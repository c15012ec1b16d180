"""int8 weights: symmetric quantisation of a matrix with one scale per row or per column.

A stored int8 tensor is its values q (int8, -127..127, row-major) followed by its scales (float16 or
float32, little-endian), one per index along `scale_axis`; the weight is q * scale of its row
(scale_axis 0) or of its column (scale_axis 1). weights.json records it as

  {"name", "shape", "dtype": "float32",
   "quantization": {"dtype": "int8", "original_dtype": "float32", "scale_axis": 0, "scale_dtype": "float16"}}

(docs/model-format.md, "int8 weights"). Only matrices are stored this way (the embedding, the
transition positions, every dense kernel; scale_axis_of says which axis each one's scales follow);
vectors stay float16. Pure numpy: training/export.py writes and reads folders with it,
training/quantize_folder.py converts a float16 folder.
"""

import numpy as np

INT8_MAX = 127  # symmetric: -128 is never written, so q and -q are both representable
SCALE_DTYPES = {"float16": "<f2", "float32": "<f4"}


def quantize_int8(arr, axis, scale_dtype="float16"):
    """(q int8 of arr's shape, scales (arr.shape[axis],) in scale_dtype): arr ~ q * scales along axis.

    Each scale is max |arr| over its row (axis 0) or column (axis 1) / 127, rounded to scale_dtype
    first, so that q is rounded against the scale the reader will use."""
    a = np.asarray(arr, dtype=np.float32)
    if a.ndim < 1 or not 0 <= axis < a.ndim:
        raise ValueError(f"scale_axis {axis} is not an axis of a tensor of shape {list(a.shape)}")
    others = tuple(i for i in range(a.ndim) if i != axis)
    peak = np.abs(a).max(axis=others) if others else np.abs(a)  # (shape[axis],)
    scales = (peak / INT8_MAX).astype(SCALE_DTYPES[scale_dtype])
    if not np.all(np.isfinite(scales)):
        raise ValueError(
            f"a scale overflows {scale_dtype} (largest |weight| {float(peak.max()):g}): use float32 scales"
        )
    wide = scales.astype(np.float32)
    shape = [1] * a.ndim
    shape[axis] = -1
    # a row of zeros, or one whose scale is below the smallest float16, is stored as zeros
    divisor = np.where(wide > 0, wide, 1).reshape(shape)
    q = np.clip(np.rint(a / divisor), -INT8_MAX, INT8_MAX).astype(np.int8)
    q[np.broadcast_to((wide == 0).reshape(shape), q.shape)] = 0
    return q, scales


def dequantize_int8(q, scales, axis):
    """float32 weights from int8 q and its scales along axis (the reader's side)."""
    shape = [1] * q.ndim
    shape[axis] = -1
    return q.astype(np.float32) * np.asarray(scales, dtype=np.float32).reshape(shape)


def scale_axis_of(name):
    """Kernels, stored [in, out], get one scale per output unit (column, axis 1); the embedding tables
    (embed.weight [V, d], transition.pos [P, d]) one per row: per token and per position. Measured on
    the shipped pair (400 test sentences, 30% masked): KL of the int8 slot marginals from float16's
    1.2e-4 and 1e-4 this way, 3e-4 with the embedding per column, 3e-3 with one scale per tensor."""
    return 1 if name.endswith(".kernel") else 0


def encode_int8(name, arr, scale_dtype="float16"):
    """(manifest quantization record, bytes: q then scales) for one matrix."""
    axis = scale_axis_of(name)
    q, scales = quantize_int8(arr, axis, scale_dtype)
    record = {"dtype": "int8", "original_dtype": "float32", "scale_axis": axis, "scale_dtype": scale_dtype}
    return record, q.tobytes() + scales.astype(SCALE_DTYPES[scale_dtype]).tobytes()


def int8_byte_length(shape, quantization):
    """Bytes of one int8 entry: its values, then its scales."""
    scale_bytes = np.dtype(SCALE_DTYPES[quantization["scale_dtype"]]).itemsize
    return int(np.prod(shape)) + shape[quantization["scale_axis"]] * scale_bytes


def check_int8_record(name, shape, quantization):
    """Raise ValueError, naming the tensor, unless the record is one this code (and the runtime) reads."""
    axis, scale_dtype = quantization.get("scale_axis"), quantization.get("scale_dtype")
    if scale_dtype not in SCALE_DTYPES:
        raise ValueError(f'tensor "{name}": int8 scale_dtype {scale_dtype!r}; expected "float16" or "float32"')
    if type(axis) is not int or not 0 <= axis < len(shape):
        raise ValueError(f'tensor "{name}": int8 scale_axis {axis!r}; expected an axis of its shape {list(shape)}')


def decode_int8(name, shape, quantization, data):
    """float32 weights of one int8 entry from its bytes (int8_byte_length of them)."""
    check_int8_record(name, shape, quantization)
    count = int(np.prod(shape))
    q = np.frombuffer(data, dtype=np.int8, count=count).reshape(shape)
    n = shape[quantization["scale_axis"]]
    scales = np.frombuffer(data, dtype=SCALE_DTYPES[quantization["scale_dtype"]], count=n, offset=count)
    if not np.all(np.isfinite(scales)) or np.any(scales < 0):
        raise ValueError(f'tensor "{name}": int8 scales must be finite and not negative')
    return dequantize_int8(q, scales, quantization["scale_axis"])
