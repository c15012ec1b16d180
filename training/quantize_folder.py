"""Convert a model folder's weights to int8 (training/quantize.py): about half the download of float16.

  /usr/bin/python3 -m training.quantize_folder models/exlm-en-small runs/exlm-en-small-int8

Writes DST with the same config.json (without "evaluation", which measured SRC's weights: rerun
`npm run eval -- --models DST --write-config`; training.quantized_from says where the weights came
from), the same tokenizer.json, a README.md that is SRC's model card under a note, and the weights
with every matrix as int8 and every vector as float16. SRC may hold float16 or float32 weights.
"""

import argparse
import hashlib
import json
import os
import shutil
import sys

from training.export import SHARD_BYTES, read_weights, tensor_names, write_weights
from training.model import ModelConfig
from training.quantize import SCALE_DTYPES


class QuantizeError(Exception):
    pass


def folder_bytes(folder, names):
    return sum(os.path.getsize(os.path.join(folder, n)) for n in names)


def shard_sha256(folder):
    """sha256 over the shards in manifest order: which weights were converted."""
    with open(os.path.join(folder, "weights.json")) as fh:
        manifest = json.load(fh)
    digest = hashlib.sha256()
    for group in manifest:
        for path in group["paths"]:
            with open(os.path.join(folder, path), "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()


def quantize_folder(src, dst, scale_dtype="float16", force=False):
    """Write the int8 copy of src into dst; returns (src shard bytes, dst shard bytes)."""
    for name in ("config.json", "tokenizer.json", "weights.json"):
        if not os.path.isfile(os.path.join(src, name)):
            raise QuantizeError(f"{src}: no {name}: not a model folder (docs/model-format.md)")
    if os.path.realpath(src) == os.path.realpath(dst):
        raise QuantizeError(f"{dst}: is the source folder; write the int8 copy elsewhere")
    if os.path.isdir(dst) and os.listdir(dst) and not force:
        raise QuantizeError(f"{dst}: exists and is not empty (pass --force to write into it)")
    with open(os.path.join(src, "config.json")) as fh:
        config = json.load(fh)
    cfg = ModelConfig.from_json(config)
    try:
        tensors = read_weights(src)
    except ValueError as error:
        raise QuantizeError(str(error)) from error
    stored = {t[2].get("quantization", {}).get("dtype", t[2]["dtype"]) for t in tensors}
    if "int8" in stored:
        raise QuantizeError(f"{src}: already holds int8 weights")
    expected = [ours for ours, _, _ in tensor_names(cfg)]
    if sorted(t[0] for t in tensors) != sorted(expected):
        raise QuantizeError(f"{src}/weights.json: its tensors are not the ones config.json implies")

    with open(os.path.join(src, "weights.json")) as fh:
        src_bytes = folder_bytes(src, [p for group in json.load(fh) for p in group["paths"]])
    os.makedirs(dst, exist_ok=True)
    dst_bytes = write_weights([(name, arr) for name, arr, _ in tensors], dst, "int8", scale_dtype)
    config.pop("evaluation", None)  # measured on src's weights
    training = config.get("training") if isinstance(config.get("training"), dict) else {}
    training["quantized_from"] = {
        "folder": os.path.basename(os.path.normpath(src)),
        "weights_sha256": shard_sha256(src),
        "weights": f"int8, per-row or per-column {scale_dtype} scales (training/quantize.py)",
        "weight_bytes_before": src_bytes,
        "weight_bytes_after": dst_bytes,
    }
    config["training"] = training
    with open(os.path.join(dst, "config.json"), "w") as fh:
        json.dump(config, fh, indent=2)
    shutil.copyfile(os.path.join(src, "tokenizer.json"), os.path.join(dst, "tokenizer.json"))
    card = os.path.join(src, "README.md")
    source = os.path.basename(os.path.normpath(src))
    note = (
        f"> **int8 weights** of `{source}`, converted by `training/quantize_folder.py`: every matrix as "
        f"int8 with one {scale_dtype} scale per row or column, every vector float16 ({src_bytes:,} bytes "
        f"of weight shards before, {dst_bytes:,} after)."
    )
    body = ""
    if os.path.isfile(card):
        note += (
            f" The card below is `{source}`'s; its numbers were measured on those weights "
            "(`npm run eval -- --models <this folder>` measures these)."
        )
        with open(card) as fh:
            body = "\n" + fh.read()
    with open(os.path.join(dst, "README.md"), "w") as fh:
        fh.write(note + "\n" + body)
    return src_bytes, dst_bytes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", help="model folder with float16 or float32 weights")
    ap.add_argument("dst", help="folder to write (created)")
    ap.add_argument("--scale-dtype", choices=sorted(SCALE_DTYPES), default="float16")
    ap.add_argument("--force", action="store_true", help="write into an existing non-empty dst")
    args = ap.parse_args(argv)
    try:
        before, after = quantize_folder(args.src, args.dst, args.scale_dtype, args.force)
    except (QuantizeError, ValueError) as error:
        sys.exit(f"error: {error}")
    shards = sorted(f for f in os.listdir(args.dst) if f.endswith(".bin"))
    print(
        f"{args.dst}: {before / 1e6:.2f} MB of weights -> {after / 1e6:.2f} MB ({after / before:.0%}) in "
        f"{len(shards)} shard{'s' if len(shards) != 1 else ''} of at most {SHARD_BYTES // 2**20} MiB"
    )


if __name__ == "__main__":
    main()
