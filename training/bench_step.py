"""Training step cost of ExLM against its MLM twin on the same batch, and where the ExLM step's time goes.

  /usr/bin/python3 -m training.bench_step [--threads 1,2] [--reps 5] [--phase learned] [--baseline HEAD]
      [--data-dir data/smiles] [--malloc default]
  /usr/bin/python3 -m training.bench_step --threads 1 --flops-over 200 [--baseline d595d12]

The batches are the recipe's (training/train.py defaults: tokens_per_batch 3072, segments of up to 38
tokens, 15% of words masked) from the first token split found in --data-dir (default data/; train,
validation, test): by default four, at the quartile midpoints of segment length among the first 200
batches, since the ratio depends on it (short segments: more sequences, more masks per token);
without data, random tokens in batches of those shapes. Both models get the same batches, the same
weights where they share them, the recipe's optimizer, its loss at the chosen phase (the ExLM at
k = 4, after the link warm-up by default: the steps that cost the most), bf16 autocast where the
recipe uses it, gradient clipping and the recipe's memory allocator settings
(train.keep_freed_memory; --malloc default: glibc's own, which the ExLM step pays for in page
faults). The models step in turn on each batch, order reversed every other time, so that load from
other processes hits both alike; one repetition is every batch once, and the medians of its total
and their ratio come from the same run (a step's ms below: that total / the batches). With
--baseline HEAD, training/model.py as committed runs in the same rotation (same weights), for a
before/after comparison (also: other revisions, or variant model files).

Beside the time ratio stands the FLOP ratio: the matrix products of each model's step, forward and
backward, counted as they run (MatmulFlops) on the same batches. Where the time ratio is above it
the ExLM step pays for more than its arithmetic; where equal, the gap is the arithmetic the bigger
model does (its longer encoder input, its LM head on k states per slot). With --flops-over N it
times nothing and counts those FLOPs alone over the recipe's first N batches (steps 0 .. N-1, each
at the chosen phase's k; without data, random tokens), for the recipe's mix rather than four
batches: the totals per model and their ratio.

Prints one JSON line on stdout (per thread count: median step ms of each model and the ratio; the
ExLM step's parts; the FLOPs of each step; or, with --flops-over, the FLOP totals), a readable
summary on stderr.
"""

import argparse
import ctypes
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from torch.utils._python_dispatch import TorchDispatchMode

from training import model as model_module
from training.model import mlm_loss, path_losses
from training.train import (
    ROOT,
    BatchStream,
    TrainConfig,
    backward_step,
    keep_freed_memory,
    load_split,
    loss_options,
    make_optimizer,
    mask_segment,
    step_expansion,
    use_bf16,
)

PHASES = ("twin", "fixed", "learned")  # the recipe's three phases, by the links the ExLM sums over


class MatmulFlops(TorchDispatchMode):
    """Counts the FLOPs of the matrix products run while it is on (2 per multiply-add), forward and
    backward alike: every mm, addmm, bmm and baddbmm (in place too) the ops reach, whoever calls
    them (F.linear, @, the model's own autograd functions). The rest of a step (softmax, layer
    norm, AdamW) costs a few FLOPs per element and is left out. torch.utils.flop_counter does the
    same from torch 2.1 on; torch 1.13 has only the dispatch hook."""

    FIRST_FACTOR = {  # product -> index of its first factor among the arguments
        torch.ops.aten.mm: 0,
        torch.ops.aten.bmm: 0,
        torch.ops.aten.addmm: 1,
        torch.ops.aten.addmm_: 1,
        torch.ops.aten.baddbmm: 1,
        torch.ops.aten.baddbmm_: 1,
    }

    def __init__(self):
        super().__init__()
        self.flops = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        first = self.FIRST_FACTOR.get(func.overloadpacket)
        if first is not None:
            a, b = args[first], args[first + 1]  # (..., m, n) @ (..., n, p)
            self.flops += 2 * a.numel() * b.shape[-1]
        return func(*args, **(kwargs or {}))


def step_flops(model, batch, options, bf16):
    """Matrix-product FLOPs of one training step's loss and backward pass (AdamW and clipping do
    none); the gradients it leaves are cleared."""
    with MatmulFlops() as counter:
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = model.loss(batch, **options)
        loss.backward()
    model.zero_grad(set_to_none=True)
    return counter.flops


def set_threads(n):
    """n threads for torch's own kernels and for the BLAS under its matmuls: Debian's torch calls a
    pthreads OpenBLAS, whose pool torch.set_num_threads leaves at one thread per core, so that a
    one-thread step ran its matmuls on two cores and its process time counted the second thread's
    waiting. (training.train --threads does not bound that pool.) Returns OpenBLAS's count, or None
    where there is no OpenBLAS."""
    torch.set_num_threads(n)
    try:
        openblas = ctypes.CDLL("libopenblas.so.0")
    except OSError:
        return None
    openblas.openblas_set_num_threads(n)
    return openblas.openblas_get_num_threads()


def phase_step(cfg, phase):
    """The first step of the recipe's phase: single copies, fixed links, learned links."""
    return {"twin": 0, "fixed": cfg.single_copy_steps, "learned": cfg.single_copy_steps + cfg.link_warmup_steps}[phase]


def recipe_stream(cfg):
    """(BatchStream of the recipe's batches, vocabulary size, label) from the first token split found
    in cfg.data_dir (train, validation, test), or None where there is none."""
    data_dir = os.path.join(ROOT, cfg.data_dir)
    for split in ("train", "validation", "test"):
        if os.path.exists(os.path.join(data_dir, f"{split}.tokens.npy")):
            from training.decode import continuation_of

            with open(os.path.join(data_dir, "tokenizer.json")) as fh:
                vocab = json.load(fh)["model"]["vocab"]
            stream = BatchStream(*load_split(data_dir, split), cfg, continuation_of(vocab).numpy())
            return stream, len(vocab), f"{cfg.data_dir}/{split}"
    return None


def random_batch(cfg, length, seed):
    """(inputs, targets) of random whole words: a recipe batch of segments `length` tokens long
    ([CLS] and [SEP] included), for a machine without the token files."""
    rng = random.Random(seed)
    seqs = [[rng.randrange(5, 8192) for _ in range(length - 2)] for _ in range(cfg.tokens_per_batch // length)]
    pairs = [mask_segment(x, cfg.mask_ratio, rng, np.zeros(8192, dtype=bool)) for x in seqs]
    return [p[0] for p in pairs], [p[1] for p in pairs]


RANDOM_LENGTHS = [13, 27, 37, 64]  # the longest inputs at the quartile midpoints of the recipe's batches


def recipe_batches(cfg, n, step=-1):
    """[(inputs, targets, label)] and the vocabulary size: n recipe batches at the quantiles
    (q + 0.5) / n of the longest segment among the first 200 batches (batches of short segments hold
    more sequences, more masks, and cost ExLM relatively more), or the batch of one `step`."""
    found = recipe_stream(cfg)
    if found:
        stream, vocab_size, label = found
        if step >= 0:
            steps = [step]
        else:
            by_length = sorted(range(200), key=lambda j: (max(map(len, stream.get(j)[0])), j))
            steps = [by_length[int((q + 0.5) * len(by_length) / n)] for q in range(n)]
        return [(*stream.get(j), f"{label} batch {j}") for j in steps], vocab_size
    # no data: random whole words, segments as long as at those quantiles of the recipe's batches
    out = []
    for q in range(n):
        length = RANDOM_LENGTHS[min(3, q * 4 // n)] if n > 1 else 30
        out.append((*random_batch(cfg, length, q), f"random tokens, length {length - 2}"))
    return out, 8192


def first_batches(cfg, n):
    """(iterator over the recipe's batches 0 .. n-1 as (inputs, targets), vocabulary size, label);
    without data, random tokens with the four lengths above in turn."""
    found = recipe_stream(cfg)
    if found:
        stream, vocab_size, label = found
        return (stream.get(j) for j in range(n)), vocab_size, f"{label} batches 0-{n - 1}"
    batches = (random_batch(cfg, RANDOM_LENGTHS[j % 4], j) for j in range(n))
    return batches, 8192, f"{n} batches of random tokens"


def flops_over(models, batches, step, bf16):
    """Matrix-product FLOPs of the training steps of each model over the same batches, one batch
    at a time (made for each model's k at `step` by its own module, then dropped): {name: total
    FLOPs}. models: {name: (model module, model, its train config)}."""
    totals = dict.fromkeys(models, 0)
    for x, y in batches:
        for name, (mod, m, run_cfg) in models.items():
            batch = mod.make_batch(x, y, step_expansion(run_cfg, step))
            totals[name] += step_flops(m, batch, loss_options(run_cfg, step), bf16)
    return totals


def load_baseline(source):
    """A model module to run alongside: training/model.py at git revision `source`, or the file
    `source` if it ends in .py (a variant made for an experiment)."""
    if source.endswith(".py"):
        path, tmp = source, None
    else:
        src = subprocess.run(
            ["git", "show", f"{source}:training/model.py"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(src)
        path = tmp = fh.name
    spec = importlib.util.spec_from_file_location(f"baseline_model_{len(sys.modules)}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if tmp:
        os.unlink(tmp)
    return mod


def part_times(model, batch, cfg, step, bf16):
    """ms of each part of one ExLM step, forward and backward, each part run on its own (its input
    detached, a random gradient at its output), by the calls ExLM.loss makes."""
    opts = loss_options(cfg, step)
    out = {}

    def clock(name, fwd, grads=None):
        t0 = time.perf_counter()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            res = fwd()
        t1 = time.perf_counter()
        outs = [o for o in (res if isinstance(res, tuple) else (res,)) if o is not None]
        torch.autograd.backward(outs, grads or [torch.randn_like(o) for o in outs])
        out[name] = [round((t1 - t0) * 1000, 1), round((time.perf_counter() - t1) * 1000, 1)]
        return tuple(
            o.detach().requires_grad_() if o is not None else None for o in (res if isinstance(res, tuple) else (res,))
        )

    (hs,) = clock("encoder", lambda: model.encode_states(batch))
    (emit,) = clock("lm_head", lambda: model.emissions(hs, batch["y"], batch["state_valid"]))
    if emit.shape[1] == emit.shape[2]:  # a k = 1 batch: the cross-entropy of the twin
        clock("cross_entropy", lambda: mlm_loss(emit, batch["y_len"]), [torch.tensor(1.0)])
        return out
    links, prior_links = clock(
        "transition_head", lambda: model.loss_links(hs, batch, opts["learned_weight"] > 0, opts["prior_weight"] > 0)
    )
    clock(
        "dag_and_prior",
        lambda: path_losses(emit, links, prior_links, batch, model.cfg.expansion, **opts),
        [torch.tensor(1.0)],
    )
    return out


def print_flops_over(args, modules, runs, batches, label, step, bf16):
    """The --flops-over run: totals and ratio per model module, a JSON line on stdout and a summary on
    stderr."""
    blas_threads = set_threads(int(args.threads.split(",")[0]))
    totals = flops_over(runs, batches, step, bf16)
    result = dict(
        batches=label,
        steps=args.flops_over,
        phase=args.phase,
        bf16=bf16,
        threads=torch.get_num_threads(),
        blas_threads=blas_threads,
        flops_over={},
    )
    for prefix, _ in modules:
        ex, tw = totals[prefix + "exlm"], totals[prefix + "twin"]
        result["flops_over"][prefix.rstrip(":") or "this tree"] = dict(
            exlm_gflop=round(ex / 1e9, 1),  # the total over the N steps
            twin_gflop=round(tw / 1e9, 1),
            ratio=round(ex / tw, 3),
        )
    summary = "; ".join(
        f"{name}: ExLM {r['exlm_gflop']:.1f} G, twin {r['twin_gflop']:.1f} G, ratio {r['ratio']:.3f}"
        for name, r in result["flops_over"].items()
    )
    print(f"matmul FLOPs over {label} ({args.phase} phase): {summary}", file=sys.stderr)
    print(json.dumps(result))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--reps", type=int, default=5, help="timed steps per model, batch and thread count")
    ap.add_argument("--batches", type=int, default=4, help="recipe batches (quantiles of segment length)")
    ap.add_argument("--step", type=int, default=-1, help="bench the recipe batch of this step alone")
    ap.add_argument("--phase", choices=PHASES, default="learned", help="the recipe phase of the ExLM step")
    ap.add_argument("--bf16", default="auto", help="auto (as the recipe), on, off")
    ap.add_argument(
        "--baseline",
        default="",
        help="comma-separated git revisions (their training/model.py) or model.py files to run alongside",
    )
    ap.add_argument("--no-parts", action="store_true", help="skip the per-part profile of the ExLM step")
    ap.add_argument("--data-dir", default="data", help="the token files (data/smiles: the molecules)")
    ap.add_argument(
        "--malloc",
        choices=("keep", "default"),
        default="keep",
        help="keep: freed memory stays with the process, as training.train has it; default: glibc's own",
    )
    ap.add_argument(
        "--flops-over",
        type=int,
        default=0,
        metavar="N",
        help="no timing: the FLOPs of each model's steps over the recipe's first N batches (at the first --threads)",
    )
    args = ap.parse_args()
    if args.flops_over < 0:
        ap.error(f"--flops-over takes a number of batches (1 or more), not {args.flops_over}")
    if args.malloc == "keep":
        keep_freed_memory()

    cfg = TrainConfig(bf16=args.bf16, data_dir=args.data_dir)
    bf16 = use_bf16(cfg)
    if args.flops_over:
        batches, vocab_size, label = first_batches(cfg, args.flops_over)
    else:
        batches, vocab_size = recipe_batches(cfg, args.batches, args.step)
    step = phase_step(cfg, args.phase)
    torch.manual_seed(cfg.seed)
    mcfg = dict(
        vocab_size=vocab_size,
        hidden_size=cfg.hidden_size,
        num_layers=cfg.num_layers,
        num_heads=cfg.num_heads,
        ffn_size=cfg.ffn_size,
        max_positions=cfg.max_positions,
    )
    modules = [("", model_module)]
    for source in filter(None, args.baseline.split(",")):
        modules.append((f"{os.path.basename(source)}:", load_baseline(source)))
    runs, weights = {}, {}  # name -> (model, optimizer, train config, [batch per recipe batch])
    for prefix, mod in modules:
        for name, k in (("exlm", 4), ("twin", 1)):
            run_cfg = TrainConfig(**{**cfg.__dict__, "expansion": k})
            m = mod.ExLM(mod.ModelConfig(expansion=k, **mcfg))
            if name in weights:
                m.load_state_dict(weights[name])  # the baseline starts from the same weights
            else:
                weights[name] = m.state_dict()
            if args.flops_over:
                runs[prefix + name] = (mod, m, run_cfg)
                continue
            made = [mod.make_batch(x, y, step_expansion(run_cfg, step)) for x, y, _ in batches]
            runs[prefix + name] = (m, make_optimizer(m, run_cfg), run_cfg, made)
    if args.flops_over:
        print_flops_over(args, modules, runs, batches, label, step, bf16)
        return

    def one_step(name, j):
        m, opt, run_cfg, made = runs[name]
        w0, c0 = time.perf_counter(), time.process_time()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = m.loss(made[j], **loss_options(run_cfg, step))
        backward_step(m, opt, loss, run_cfg)
        return (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000

    shapes = []
    for j, (x, y, label) in enumerate(batches):
        b4, b1 = runs["exlm"][3][j], runs["twin"][3][j]
        shapes.append(
            dict(
                source=label,
                sequences=len(x),
                source_tokens=sum(map(len, x)),
                masks=sum(len(t) - 2 for t in y),
                T_exlm=b4["tokens"].shape[1],
                L_exlm=b4["states"].shape[1],
                T_twin=b1["tokens"].shape[1],
                L_twin=b1["states"].shape[1],
            )
        )
    flops = {}  # name -> [FLOPs of its step on each batch]
    for name, (m, _, run_cfg, made) in runs.items():
        flops[name] = [step_flops(m, b, loss_options(run_cfg, step), bf16) for b in made]
    result = dict(batches=shapes, phase=args.phase, bf16=bf16, malloc=args.malloc, reps=args.reps, flops={}, threads={})
    for prefix, _ in modules:
        ex, tw = flops[prefix + "exlm"], flops[prefix + "twin"]
        result["flops"][prefix.rstrip(":") or "this tree"] = dict(
            exlm_gflop=round(sum(ex) / len(ex) / 1e9, 2),  # per step, mean over the batches
            twin_gflop=round(sum(tw) / len(tw) / 1e9, 2),
            ratio=round(sum(ex) / sum(tw), 3),
            ratio_per_batch=[round(a / b, 3) for a, b in zip(ex, tw)],
        )
    names = list(runs)
    for threads in [int(t) for t in args.threads.split(",")]:
        blas_threads = set_threads(threads)
        for name in names:  # one untimed step each
            one_step(name, 0)
        wall = {(n, j): [] for n in names for j in range(len(batches))}
        cpu = {(n, j): [] for n in names for j in range(len(batches))}
        for rep in range(args.reps):
            for j in range(len(batches)):
                # the models in turn on the same batch, the order reversed every other time
                for name in names if (rep + j) % 2 == 0 else names[::-1]:
                    w, c = one_step(name, j)
                    wall[name, j].append(w)
                    cpu[name, j].append(c)
        res = {"blas_threads": blas_threads}
        for prefix, _ in modules:
            ex, tw = prefix + "exlm", prefix + "twin"
            # one repetition = every batch once: its total time, per model
            tot = {n: [sum(wall[n, j][r] for j in range(len(batches))) for r in range(args.reps)] for n in (ex, tw)}
            ctot = {n: [sum(cpu[n, j][r] for j in range(len(batches))) for r in range(args.reps)] for n in (ex, tw)}
            exm, twm = statistics.median(tot[ex]), statistics.median(tot[tw])
            res[ex + "_ms"], res[tw + "_ms"] = round(exm / len(batches), 1), round(twm / len(batches), 1)
            res[prefix + "ratio"] = round(exm / twm, 3)
            res[prefix + "ratio_per_rep"] = round(statistics.median(a / b for a, b in zip(tot[ex], tot[tw])), 3)
            # process CPU time: what the step cost this process, whatever else ran on the machine
            exc, twc = statistics.median(ctot[ex]), statistics.median(ctot[tw])
            res[ex + "_cpu_ms"], res[tw + "_cpu_ms"] = round(exc / len(batches), 1), round(twc / len(batches), 1)
            res[prefix + "cpu_ratio"] = round(exc / twc, 3)
            res[prefix + "ratio_per_batch"] = [
                round(statistics.median(wall[ex, j]) / statistics.median(wall[tw, j]), 3) for j in range(len(batches))
            ]
        if not args.no_parts:
            m, _, run_cfg, made = runs["exlm"]
            parts = {}
            for _ in range(3):
                for j in range(len(batches)):
                    for p, v in part_times(m, made[j], run_cfg, step, bf16).items():
                        parts.setdefault(p, []).append(v)
            n = len(batches)
            res["exlm_parts_fwd_bwd_ms"] = {  # per batch, mean over the batches of the median of 3
                p: [
                    round(sum(statistics.median(v[r * n + j][i] for r in range(3)) for j in range(n)) / n, 1)
                    for i in (0, 1)
                ]
                for p, v in parts.items()
            }
            m.zero_grad(set_to_none=True)
        result["threads"][str(threads)] = res
        line = "; ".join(
            f"{p or 'this tree:'} ExLM {res[p + 'exlm_ms']:.0f} ms (CPU {res[p + 'exlm_cpu_ms']:.0f}), "
            f"twin {res[p + 'twin_ms']:.0f} ms (CPU {res[p + 'twin_cpu_ms']:.0f}), "
            f"ratio {res[p + 'ratio']:.2f} (CPU {res[p + 'cpu_ratio']:.2f}, per batch {res[p + 'ratio_per_batch']}); "
            f"FLOPs {fl['exlm_gflop']:.1f} / {fl['twin_gflop']:.1f} G, ratio {fl['ratio']:.2f} "
            f"(per batch {fl['ratio_per_batch']})"
            for p, fl in ((p, result["flops"][p.rstrip(":") or "this tree"]) for p, _ in modules)
        )
        print(f"{threads} thread(s), mean step over {len(batches)} batches: {line}", file=sys.stderr)
        if "exlm_parts_fwd_bwd_ms" in res:
            print(
                "  ExLM parts (forward/backward ms): "
                + ", ".join(f"{p} {v[0]:.0f}/{v[1]:.0f}" for p, v in res["exlm_parts_fwd_bwd_ms"].items()),
                file=sys.stderr,
            )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
