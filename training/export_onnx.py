"""Export a model folder to ONNX: the forward pass of src/model/forward.ts (encoder, LM head on the
states, transition head), for the side-by-side benchmark against onnxruntime-web (npm run bench:peer).

  /usr/bin/python3 -m training.export_onnx [--model models/exlm-en-small] [--out FILE.onnx]
      [--ids 2,17,4,...,3] [--reference FILE.json]

writes data/onnx/<name>.onnx (data/ is git-ignored: never commit .onnx files) and, next to it,
<name>.reference.json: the PyTorch reference outputs (training/model.py) for one input, which the
benchmark and the tests hold onnxruntime's outputs to. The golden file of the Node test is
src/model/testdata/tiny-random.onnx-reference.json, written by

  /usr/bin/python3 -m training.export_onnx --model models/tiny-random \\
      --reference src/model/testdata/tiny-random.onnx-reference.json

The graph (opset 17, lengths dynamic):
  inputs   tokens [T], pos1 [T], pos2 [T]   int32, the expanded sequence (docs/design.md)
           states [L]                       int32, expanded indices of the states, increasing
  outputs  log_probs [L, V]                 float32, log P_u over the whole vocabulary
           links [L, L]                     float32, links(s, t); -inf where t <= s (ExLM only)

The transition head's logsumexp over chunks is written out with the maximum subtracted: ONNX's
ReduceLogSumExp is exp-sum-log as written, and onnxruntime-web's WebGPU kernel computes it so,
which overflows to -inf for links below about -88.
"""

import argparse
import hashlib
import json
import math
import os
import sys
import warnings

import torch
import torch.nn as nn

from training.export import load_model_folder
from training.model import CLS, MASK, NEG, NUM_SPECIAL, SEP, expand, make_batch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_MODEL = os.path.join(ROOT, "models", "exlm-en-small")
OPSET = 17
INPUT_NAMES = ["tokens", "pos1", "pos2", "states"]


class OnnxForward(nn.Module):
    """The runtime's forward pass on one unpadded sequence, built from the reference model's own
    modules. Only the logsumexp over chunks is rewritten (max subtracted); the test holds it to
    ExLM.links within 1e-4."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.exlm = model.cfg.architecture == "exlm"

    def forward(self, tokens, pos1, pos2, states):
        m = self.model
        tokens, pos1, pos2, states = (x.long()[None] for x in (tokens, pos1, pos2, states))
        h, _ = m.encode(tokens, pos1, pos2, torch.ones_like(tokens, dtype=torch.bool))
        hs = m.gather_states(h, states)  # (1, L, d)
        log_probs = m.state_logprobs(hs)[0]
        if not self.exlm:
            return log_probs
        return log_probs, self.links(hs, states)[0]

    def links(self, hs, states):
        """ExLM.links for one sequence of valid states, -inf where t <= s. hs (1, L, d)."""
        m, cfg = self.model, self.model.cfg
        H = cfg.num_heads
        c = cfg.hidden_size // H
        f = torch.cat([hs, m.link_pos(states)], dim=-1)  # (1, L, 2d)
        q = m.link_query(f).reshape(1, -1, H, c).transpose(1, 2)  # (1, H, L, c)
        k = m.link_key(f).reshape(1, -1, H, c).transpose(1, 2)
        gate = m.link_gate(f).log_softmax(dim=-1)  # (1, L, H)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(c)  # (1, H, L, L)
        # t > s, written on the states' expanded indices (increasing, so the same order)
        edge = states[0][None, :] > states[0][:, None]  # (L, L)
        logattn = scores.masked_fill(~edge, NEG).log_softmax(dim=-1)
        x = logattn + gate.transpose(1, 2)[..., None]  # (1, H, L, L)
        top = x.max(dim=1, keepdim=True).values  # (1, 1, L, L)
        links = top[:, 0] + (x - top).exp().sum(dim=1).log()  # (1, L, L)
        return links.masked_fill(~edge, float("-inf"))


def model_digest(folder):
    """sha256 over config.json, weights.json and the weight shards in manifest order: tells whether
    an export was made from the folder as it is now (scripts/bench/bench-peer.ts computes the same)."""
    digest = hashlib.sha256()
    with open(os.path.join(folder, "weights.json"), "rb") as fh:
        manifest_bytes = fh.read()
    names = ["config.json", "weights.json"]
    names += [p for group in json.loads(manifest_bytes) for p in group["paths"]]
    for name in names:
        with open(os.path.join(folder, name), "rb") as fh:
            digest.update(fh.read())
    return digest.hexdigest()


def default_ids(vocab_size, length=24, masks=(3, 10, 17)):
    """A bench-shaped input without a tokenizer: [CLS], ordinary ids, [MASK] at `masks`, [SEP]."""
    ordinary = vocab_size - NUM_SPECIAL
    ids = [CLS] + [NUM_SPECIAL + (7 * i) % ordinary for i in range(1, length - 1)] + [SEP]
    for i in masks:
        ids[i] = MASK
    return ids


def onnx_inputs(ids, k):
    """Source ids -> the graph's inputs (int32 tensors) and the expansion as lists."""
    tokens, pos1, pos2, states = expand(ids, k)
    tensors = tuple(torch.tensor(x, dtype=torch.int32) for x in (tokens, pos1, pos2, states))
    return tensors, dict(tokens=tokens, pos1=pos1, pos2=pos2, states=states)


def reference_outputs(model, ids):
    """training/model.py's outputs for source ids: log P_u (L, V) and links (L, L), -inf off the
    DAG (None for the MLM twin)."""
    k = model.cfg.expansion
    m = ids.count(MASK)
    batch = make_batch([ids], [[CLS] + [0] * m + [SEP]], k)
    with torch.no_grad():
        out = model(batch)
    log_probs = out["logprobs"][0]
    if "links" not in out:
        return log_probs, None
    L = log_probs.shape[0]
    edge = torch.ones(L, L).triu(1).bool()
    return log_probs, out["links"][0].masked_fill(~edge, float("-inf"))


def _rounded(t):
    return [None if v == float("-inf") else float(f"{v:.7g}") for v in t.flatten().tolist()]


def export_onnx(folder, out, ids=None, reference=None):
    """Export `folder` to `out` and write the reference outputs for `ids` (default_ids when None)
    to `reference` (default: <out without .onnx>.reference.json). Returns the reference dict."""
    model, cfg = load_model_folder(folder)
    ids = list(ids) if ids is not None else default_ids(cfg.vocab_size)
    if len(ids) > cfg.max_positions:
        raise ValueError(f"--ids: {len(ids)} tokens, but the model reads at most {cfg.max_positions}")
    if ids[0] != CLS or ids[-1] != SEP or any(i < 0 or i >= cfg.vocab_size for i in ids):
        raise ValueError(
            f"--ids must start with [CLS] ({CLS}), end with [SEP] ({SEP}) and stay below vocab_size {cfg.vocab_size}"
        )
    wrapper = OnnxForward(model).eval()
    inputs, expanded = onnx_inputs(ids, cfg.expansion)
    outputs = ["log_probs", "links"] if wrapper.exlm else ["log_probs"]
    dynamic = {"tokens": {0: "T"}, "pos1": {0: "T"}, "pos2": {0: "T"}, "states": {0: "L"}, "log_probs": {0: "L"}}
    if wrapper.exlm:
        dynamic["links"] = {0: "L", 1: "L"}
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with torch.no_grad(), warnings.catch_warnings():
        # RoPE's inverse frequencies are constants of the graph, as the tracer warns: rightly so.
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        torch.onnx.export(
            wrapper,
            inputs,
            out,
            input_names=INPUT_NAMES,
            output_names=outputs,
            dynamic_axes=dynamic,
            opset_version=OPSET,
            do_constant_folding=True,
        )
    with open(out, "rb") as fh:
        if b"ReduceLogSumExp" in fh.read():
            raise RuntimeError(f"{out}: the graph holds ReduceLogSumExp (see the module docstring)")

    log_probs, links = reference_outputs(model, ids)
    result = {
        "model": os.path.basename(os.path.normpath(folder)),
        "model_digest": model_digest(folder),
        "opset": OPSET,
        "architecture": cfg.architecture,
        "vocab_size": cfg.vocab_size,
        "ids": ids,
        **expanded,
        "log_probs": _rounded(log_probs),
        "links": _rounded(links) if links is not None else None,
    }
    reference = reference or os.path.splitext(out)[0] + ".reference.json"
    os.makedirs(os.path.dirname(os.path.abspath(reference)), exist_ok=True)
    with open(reference, "w") as fh:
        json.dump(result, fh, separators=(",", ":"))
        fh.write("\n")
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=DEFAULT_MODEL, help="model folder (default: %(default)s)")
    ap.add_argument("--out", help="the .onnx file (default: data/onnx/<model folder name>.onnx)")
    ap.add_argument(
        "--ids",
        help="source ids of the reference input, comma-separated, [CLS] first "
        "and [SEP] last (default: 24 tokens with 3 masks)",
    )
    ap.add_argument("--reference", help="the reference outputs (default: next to --out, <name>.reference.json)")
    args = ap.parse_args(argv)
    if not os.path.isfile(os.path.join(args.model, "config.json")):
        print(f"export_onnx: {args.model} is not a model folder (no config.json)", file=sys.stderr)
        return 2
    name = os.path.basename(os.path.normpath(args.model))
    out = args.out or os.path.join(ROOT, "data", "onnx", f"{name}.onnx")
    try:
        ids = [int(x) for x in args.ids.split(",")] if args.ids else None
    except ValueError:
        print(f"export_onnx: --ids must be comma-separated integers, got {args.ids!r}", file=sys.stderr)
        return 2
    try:
        ref = export_onnx(args.model, out, ids, args.reference)
    except ValueError as error:
        print(f"export_onnx: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB), reference outputs for "
        f"{len(ref['ids'])} tokens (T = {len(ref['tokens'])}, L = {len(ref['states'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
