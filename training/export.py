"""Write and read the model folder of docs/model-format.md.

export_model(model, tokenizer_json, out_dir, dtype) writes config.json, tokenizer.json, weights.json
(a TensorFlow.js weights manifest) and .bin shards of at most 4 MB, in float16, float32 or int8
(training/quantize.py); load_model_folder reads one back into PyTorch (round trip, and the PyTorch
side of the evaluation parity check), read_weights its tensors as float32 arrays.
"""

import json
import os
import shutil

import numpy as np
import torch

from training.model import ExLM, ModelConfig
from training.quantize import check_int8_record, decode_int8, encode_int8, int8_byte_length

SHARD_BYTES = 4 * 1024 * 1024  # shipped weights: shards of at most 4 MB
WEIGHT_DTYPES = ("float16", "float32", "int8")


def tensor_names(cfg):
    """(our name, PyTorch parameter name, transpose?) for every tensor, in file order."""
    names = [("embed.weight", "embed.weight", False)]
    for i in range(cfg.num_layers):
        p, q = f"layers.{i}.", f"layers.{i}."
        names += [
            (p + "ln1.gamma", q + "ln1.weight", False),
            (p + "ln1.beta", q + "ln1.bias", False),
        ]
        for proj in "qkvo":
            names += [
                (p + f"attn.{proj}.kernel", q + f"attn.{proj}.weight", True),
                (p + f"attn.{proj}.bias", q + f"attn.{proj}.bias", False),
            ]
        names += [
            (p + "ln2.gamma", q + "ln2.weight", False),
            (p + "ln2.beta", q + "ln2.bias", False),
            (p + "ffn.fc1.kernel", q + "fc1.weight", True),
            (p + "ffn.fc1.bias", q + "fc1.bias", False),
            (p + "ffn.fc2.kernel", q + "fc2.weight", True),
            (p + "ffn.fc2.bias", q + "fc2.bias", False),
        ]
    names += [
        ("final_ln.gamma", "final_ln.weight", False),
        ("final_ln.beta", "final_ln.bias", False),
        ("lm_head.dense.kernel", "lm_dense.weight", True),
        ("lm_head.dense.bias", "lm_dense.bias", False),
        ("lm_head.ln.gamma", "lm_ln.weight", False),
        ("lm_head.ln.beta", "lm_ln.bias", False),
        ("lm_head.bias", "lm_bias", False),
    ]
    if cfg.architecture == "exlm":
        names += [("transition.pos", "link_pos.weight", False)]
        for ours, theirs in (("query", "link_query"), ("key", "link_key"), ("gate", "link_gate")):
            names += [
                (f"transition.{ours}.kernel", f"{theirs}.weight", True),
                (f"transition.{ours}.bias", f"{theirs}.bias", False),
            ]
    return names


def export_model(model, tokenizer_json, out_dir, dtype="float16", training_info=None):
    """Write the model folder. dtype: 'float16' (shipped), 'float32' (the golden fixture) or 'int8'
    (matrices as int8 with per-row or per-column scales, vectors float16: training/quantize.py)."""
    cfg = model.cfg
    params = dict(model.named_parameters())
    arrays = []
    for ours, theirs, transpose in tensor_names(cfg):
        t = params[theirs].detach().float()
        arrays.append((ours, (t.t() if transpose else t).contiguous().numpy()))
    size = write_weights(arrays, out_dir, dtype)
    config = cfg.to_json()
    if training_info is not None:
        config["training"] = training_info
    with open(os.path.join(out_dir, "config.json"), "w") as fh:
        json.dump(config, fh, indent=2)
    if os.path.abspath(tokenizer_json) != os.path.abspath(os.path.join(out_dir, "tokenizer.json")):
        shutil.copyfile(tokenizer_json, os.path.join(out_dir, "tokenizer.json"))
    return size


def write_weights(arrays, out_dir, dtype="float16", scale_dtype="float16"):
    """weights.json and its .bin shards (at most SHARD_BYTES each) for [(name, float32 array)] in
    file order, replacing the folder's old shards. Returns the bytes of the shards."""
    assert dtype in WEIGHT_DTYPES, dtype
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".bin"):
            os.remove(os.path.join(out_dir, old))
    entries, chunks = [], []
    for name, arr in arrays:
        arr = np.asarray(arr, dtype=np.float32)
        entry = {"name": name, "shape": list(arr.shape), "dtype": "float32"}
        if dtype == "int8" and arr.ndim == 2:
            entry["quantization"], data = encode_int8(name, arr, scale_dtype)
        elif dtype == "float32":
            data = arr.astype("<f4").tobytes()
        else:
            # tfjs decodes float16 storage back to float32 at load (tf.io.decodeWeights)
            entry["quantization"] = {"dtype": "float16", "original_dtype": "float32"}
            data = arr.astype("<f2").tobytes()
        entries.append(entry)
        chunks.append(data)
    blob = b"".join(chunks)
    n = max(1, -(-len(blob) // SHARD_BYTES))
    paths = [f"group1-shard{i + 1}of{n}.bin" for i in range(n)]
    for i, path in enumerate(paths):
        with open(os.path.join(out_dir, path), "wb") as fh:
            fh.write(blob[i * SHARD_BYTES : (i + 1) * SHARD_BYTES])
    with open(os.path.join(out_dir, "weights.json"), "w") as fh:
        json.dump([{"paths": paths, "weights": entries}], fh, indent=1)
    return len(blob)


def read_bytes(path):
    with open(path, "rb") as fh:
        return fh.read()


def read_weights(folder):
    """[(name, float32 array, manifest entry)] of a folder's weights, in file order, every storage
    dtype widened to float32 (int8 dequantised with its scales)."""
    with open(os.path.join(folder, "weights.json")) as fh:
        manifest = json.load(fh)
    out = []
    for group in manifest:
        blob = b"".join(read_bytes(os.path.join(folder, p)) for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            quantization = w.get("quantization", {})
            stored = quantization.get("dtype", w["dtype"])
            shape = list(w["shape"])
            if stored == "int8":
                check_int8_record(w["name"], shape, quantization)
                size = int8_byte_length(shape, quantization)
                arr = decode_int8(w["name"], shape, quantization, blob[offset : offset + size])
            elif stored in ("float16", "float32"):
                np_dtype = {"float16": "<f2", "float32": "<f4"}[stored]
                size = int(np.prod(shape)) * np.dtype(np_dtype).itemsize
                arr = np.frombuffer(blob, dtype=np_dtype, count=int(np.prod(shape)), offset=offset)
                arr = arr.astype(np.float32).reshape(shape)
            else:
                raise ValueError(
                    f'{folder}/weights.json: tensor "{w["name"]}" is stored as {stored!r}; '
                    f"expected one of {', '.join(WEIGHT_DTYPES)}"
                )
            offset += size
            out.append((w["name"], arr, w))
    return out


def load_model_folder(folder):
    """Read a model folder back into an ExLM (float32, eval mode)."""
    with open(os.path.join(folder, "config.json")) as fh:
        cfg = ModelConfig.from_json(json.load(fh))
    model = ExLM(cfg).eval()
    params = dict(model.named_parameters())
    by_name = {ours: (theirs, tr) for ours, theirs, tr in tensor_names(cfg)}
    for name, arr, _entry in read_weights(folder):
        theirs, transpose = by_name[name]
        t = torch.from_numpy(np.ascontiguousarray(arr))
        params[theirs].data.copy_(t.t() if transpose else t)
    return model, cfg
