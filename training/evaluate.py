"""PyTorch evaluation of shipped model folders on the evaluation sample, and the parity check
against the TypeScript evaluation (npm run eval) of the same files.

For each model and mask ratio: masked-token top-1 / top-5 accuracy of the slot marginals p_i (over
the slot vocabulary, docs/design.md) and the mean entropy of p_i, averaged over all
masked slots. Same definitions as src/cli/eval.ts; both read data/eval-sample.jsonl
(training.eval_sample), so the inputs are identical.

Run:
  /usr/bin/python3 -m training.evaluate --models models/exlm-en-small,models/mlm-en-small --limit 200
  /usr/bin/python3 -m training.evaluate --compare data/eval-results.json   # parity with npm run eval
--compare takes the models, sample, limit and skipped sentences from the TypeScript results, scores
the same inputs here and exits 1 if top-1/top-5 differ by more than --tolerance-masks masks or a
mean entropy by more than --tolerance-entropy nats.
"""

import argparse
import json
import os
import sys
import time

import torch

from training.decode import continuation_of, decode_sentence, slot_vocabulary
from training.eval_sample import RATIOS, ratio_key
from training.export import load_model_folder
from training.model import CLS, MASK, SEP, make_batch


def load_sample(path, limit=None):
    """The first `limit` items of an eval-sample.jsonl, checked."""
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run `/usr/bin/python3 -m training.eval_sample` first.")
    items = []
    with open(path) as fh:
        for number, line in enumerate(fh, 1):
            if limit is not None and len(items) >= limit:
                break
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                ids, masks = item["ids"], item["masks"]
                assert isinstance(item["index"], int) and all(isinstance(t, int) for t in ids)
                for positions in masks.values():
                    assert positions and all(0 <= p < len(ids) for p in positions)
            except (ValueError, KeyError, AssertionError, TypeError):
                sys.exit(
                    f"{path}:{number}: not an eval-sample line "
                    '({"index", "ids", "masks": {ratio: [positions]}}); regenerate it with training.eval_sample.'
                )
            items.append(item)
    return items


def masked_input(ids, positions):
    """(x = [CLS] ids with [MASK] at positions [SEP], y = [CLS] masked ids left to right [SEP])."""
    x = list(ids)
    for p in positions:
        x[p] = MASK
    return [CLS] + x + [SEP], [CLS] + [ids[p] for p in positions] + [SEP]


@torch.no_grad()
def score(model, inputs, batch_size, allowed=None):
    """inputs: list of (x, y). Returns per input (top-5 ids (M, 5), entropies (M,)) from the slot
    marginals, batching inputs of similar length together."""
    cfg = model.cfg
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i][0]))
    results = [None] * len(inputs)
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        batch = make_batch([inputs[i][0] for i in chunk], [inputs[i][1] for i in chunk], cfg.expansion)
        out = model(batch)
        for b, i in enumerate(chunk):
            L = int(batch["state_valid"][b].sum())
            M = len(inputs[i][1]) - 2
            links = None
            if cfg.architecture == "exlm":
                edge = torch.ones(L, L).triu(1).bool()
                links = out["links"][b, :L, :L].masked_fill(~edge, float("-inf"))  # (L, L)
            dec = decode_sentence(out["logprobs"][b, :L], links, M, cfg.architecture, allowed)
            results[i] = (dec["marginals"].topk(5, dim=1).indices, dec["entropy"])  # (M, 5), (M,)
    return results


def evaluate_folder(folder, items, ratios=RATIOS, skipped=None, batch_size=32):
    """Scores of one model folder: a dict shaped like one entry of the TypeScript results."""
    model, cfg = load_model_folder(folder)
    with open(os.path.join(folder, "tokenizer.json")) as fh:
        allowed = slot_vocabulary(cfg.vocab_size, continuation_of(json.load(fh)["model"]["vocab"]))
    for item in items:
        if max(item["ids"]) >= cfg.vocab_size or len(item["ids"]) + 2 > cfg.max_positions:
            sys.exit(
                f"{folder}: sentence {item['index']} of the sample does not fit this model "
                f"(vocab_size {cfg.vocab_size}, max_positions {cfg.max_positions}): "
                "was the sample made with another tokenizer?"
            )
    rows = []
    for ratio in ratios:
        key = ratio_key(ratio)
        skip = set((skipped or {}).get(key, []))
        used = [it for it in items if it["index"] not in skip]
        inputs = [masked_input(it["ids"], it["masks"][key]) for it in used]
        started = time.perf_counter()
        scored = score(model, inputs, batch_size, allowed)
        seconds = time.perf_counter() - started
        top1 = top5 = masks = 0
        entropy_sum = 0.0
        for (_x, y), (best, ent) in zip(inputs, scored):
            gold = torch.tensor(y[1:-1])[:, None]  # (M, 1)
            top1 += int((best[:, :1] == gold).sum())
            top5 += int((best == gold).any(dim=1).sum())
            masks += len(gold)
            entropy_sum += float(ent.sum())
        rows.append(
            dict(
                ratio=ratio,
                sentences=len(used),
                masks=masks,
                top1_hits=top1,
                top5_hits=top5,
                top1=top1 / max(masks, 1),
                top5=top5 / max(masks, 1),
                entropy=entropy_sum / max(masks, 1),
                mean_ms=1000 * seconds / max(len(used), 1),
                skipped=sorted(skip),
            )
        )
    return dict(
        model=os.path.basename(os.path.normpath(folder)),
        folder=folder,
        architecture=cfg.architecture,
        expansion=cfg.expansion,
        ratios=rows,
    )


def format_table(results, ms_label="ms"):
    """The evaluation table, one row per model and ratio (same columns as npm run eval)."""
    head = f"{'model':<20} {'ratio':>5} {'masks':>6} {'top-1':>7} {'top-5':>7} {'entropy':>8} {ms_label:>9}"
    lines = [head, "-" * len(head)]
    for m in results["models"]:
        for r in m["ratios"]:
            lines.append(
                f"{m['model']:<20} {r['ratio']:>5.2f} {r['masks']:>6} {100 * r['top1']:>6.2f}% "
                f"{100 * r['top5']:>6.2f}% {r['entropy']:>8.4f} {r['mean_ms']:>9.1f}"
            )
    return "\n".join(lines)


def compare(ts, py, tol_masks, tol_entropy):
    """Lines describing each (model, ratio) pair and whether it agrees; and whether all do."""
    lines, ok = [], True
    by_model = {m["model"]: m for m in py["models"]}
    for tm in ts["models"]:
        pm = by_model[tm["model"]]
        for tr, pr in zip(tm["ratios"], pm["ratios"]):
            assert tr["ratio"] == pr["ratio"] and tr["masks"] == pr["masks"], (tr, pr)
            d1 = tr["top1_hits"] - pr["top1_hits"]
            d5 = tr["top5_hits"] - pr["top5_hits"]
            de = tr["entropy"] - pr["entropy"]
            agree = abs(d1) <= tol_masks and abs(d5) <= tol_masks and abs(de) <= tol_entropy
            ok &= agree
            lines.append(
                f"{tm['model']:<20} {tr['ratio']:>5.2f} masks {tr['masks']:>5}  top-1 hits ts {tr['top1_hits']} "
                f"py {pr['top1_hits']} ({d1:+d})  top-5 hits ts {tr['top5_hits']} py {pr['top5_hits']} ({d5:+d})  "
                f"entropy ts {tr['entropy']:.6f} py {pr['entropy']:.6f} ({de:+.2e})  "
                f"{'agree' if agree else 'DIFFER'}"
            )
    return lines, ok


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--models", default="models/exlm-en-small,models/mlm-en-small", help="comma-separated model folders"
    )
    ap.add_argument("--sample", default="data/eval-sample.jsonl")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of the sample")
    ap.add_argument("--json", default=None, help="write the results here")
    ap.add_argument("--compare", default=None, help="results JSON of npm run eval: score the same inputs and compare")
    ap.add_argument("--tolerance-masks", type=int, default=3, help="top-1/top-5 hits may differ by this many")
    ap.add_argument("--tolerance-entropy", type=float, default=1e-3, help="mean entropy may differ by this (nats)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (training may be running)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)

    ts = None
    folders, sample, limit = args.models.split(","), args.sample, args.limit
    if args.compare:
        with open(args.compare) as fh:
            ts = json.load(fh)
        folders = [m["folder"] for m in ts["models"]]
        sample, limit = ts["sample"], ts["sentences"]
    items = load_sample(sample, limit)
    results = dict(tool="training.evaluate (PyTorch, float32)", sample=sample, sentences=len(items), models=[])
    for folder in folders:
        if not os.path.exists(os.path.join(folder, "config.json")):
            sys.exit(f"{folder}/config.json is missing: give model folders with --models.")
        skipped = None
        if ts is not None:
            entry = next(m for m in ts["models"] if m["folder"] == folder)
            skipped = {ratio_key(r["ratio"]): r["skipped"] for r in entry["ratios"]}
        results["models"].append(evaluate_folder(folder, items, skipped=skipped, batch_size=args.batch_size))
    print(f"PyTorch evaluation, {len(items)} sentences of {sample}")
    print(format_table(results, "ms/sent"))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)
    if ts is not None:
        lines, ok = compare(ts, results, args.tolerance_masks, args.tolerance_entropy)
        print(f"\nParity with {args.compare} ({ts.get('tool', 'npm run eval')}):")
        print("\n".join(lines))
        print("parity: OK" if ok else "parity: FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
