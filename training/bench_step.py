"""Training step cost of ExLM against its MLM twin on the same batch, with where the time goes.

  /usr/bin/python3 -m training.bench_step [--threads 2] [--batch 48] [--length 40] [--bf16 auto]

Prints the median of several steps for each model and a profile of the ExLM step: encoder forward,
LM head (states only), transition head, DAG programme, backward + optimizer.
"""

import argparse
import random
import statistics
import time

import numpy as np
import torch

from training.model import ExLM, ModelConfig, dag_loss, make_batch, mlm_loss
from training.train import mask_segment, use_bf16, TrainConfig


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--length", type=int, default=40, help="source tokens per sequence")
    ap.add_argument("--bf16", default="auto")
    ap.add_argument("--steps", type=int, default=6)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    bf16 = use_bf16(TrainConfig(bf16=args.bf16))
    rng = random.Random(0)
    seqs = [[rng.randrange(5, 8192) for _ in range(args.length)] for _ in range(args.batch)]
    no_pieces = np.zeros(8192, dtype=bool)  # random ids: treat every one as a whole word
    pairs = [mask_segment(s, 0.15, rng, no_pieces) for s in seqs]
    # Both models step in turn, so that load from other processes hits both alike.
    setups = {}
    for k in (4, 1):
        model = ExLM(ModelConfig(expansion=k))
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
        setups[k] = (model, opt, make_batch([p[0] for p in pairs], [p[1] for p in pairs], k), [], [])
    for _ in range(args.steps):
        for k, (model, opt, batch, times, prof) in setups.items():
            t0 = time.perf_counter()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                h, _ = model.encode(batch["tokens"], batch["pos1"], batch["pos2"], batch["key_valid"])
                t1 = time.perf_counter()
                hs = model.gather_states(h, batch["states"])
                emit = model.emissions(hs, batch["y"])
                t2 = time.perf_counter()
                links = model.links(hs, batch["states"], batch["state_valid"]) if k > 1 else None
                t3 = time.perf_counter()
                loss = (dag_loss(emit, links, batch["y_len"], batch["state_valid"]) if k > 1
                        else mlm_loss(emit, batch["y_len"]))
                t4 = time.perf_counter()
            opt.zero_grad()
            loss.backward()
            opt.step()
            t5 = time.perf_counter()
            times.append((t5 - t0) * 1000)
            prof.append([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
    results = {}
    for k, (model, opt, batch, times, prof) in setups.items():
        times, prof = times[1:], prof[1:]  # drop the warm-up step
        T, L = batch["tokens"].shape[1], batch["states"].shape[1]
        results[k] = statistics.median(times)
        med = [1000 * statistics.median(p[i] for p in prof) for i in range(5)]
        print(f"k={k}: batch {args.batch} x {args.length} source tokens (T={T}, L={L}), bf16={bf16}: "
              f"step {results[k]:.0f} ms median; encoder fwd {med[0]:.0f}, LM head {med[1]:.0f}, "
              f"transition head {med[2]:.0f}, loss/DAG {med[3]:.0f}, backward+opt {med[4]:.0f} ms")
    print(f"ExLM step / MLM step = {results[4] / results[1]:.2f}x")


if __name__ == "__main__":
    main()
