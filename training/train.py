"""Train ExLM (k = 4) or its vanilla-MLM twin (k = 1) on the token files of training/data.py.

  /usr/bin/python3 -m training.train --name exlm-en-small --expansion 4
  /usr/bin/python3 -m training.train --name mlm-en-small --expansion 1

Both twins see the same batches in the same order with the same masks (everything derives from the
seed and the step), use the same optimizer and schedule, and stop after the same number of steps.
A checkpoint is written to checkpoints/<name>/ every few minutes; rerunning the same command resumes.
At the end the model is exported to models/<name>/ (float16 shards).

Training adds up in increments: `--init-from models/exlm-en-small` continues from a model folder's
weights on the batches after the ones it saw, and the export records the increment in the folder's
history (training/increment.py). Give both twins the same increment options.
"""

import argparse
import json
import math
import os
import platform
import random
import signal
import time
from dataclasses import asdict, dataclass, fields

import numpy as np
import torch

from training.decode import continuation_of, decode_sentence, slot_vocabulary
from training.diagnostics import Tally
from training.export import export_model
from training.increment import history_of, load_start, with_increment
from training.model import CLS, MASK, MASK_RATIO, NUM_SPECIAL, SEP, ExLM, ModelConfig, make_batch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class TrainConfig:
    name: str = "exlm-en-small"  # checkpoints/<name>, models/<name>
    data_dir: str = "data"  # output of `python3 -m training.data`
    expansion: int = 4  # k; 1 trains the MLM twin
    hidden_size: int = 192  # a pilot's best size per CPU minute on 2 cores
    num_layers: int = 4
    num_heads: int = 4
    ffn_size: int = 768
    max_positions: int = 128  # [CLS] + up to 126 tokens + [SEP]
    segment_tokens: int = 38  # longest training segment; each segment's cap is drawn from 8..this
    mask_ratio: float = MASK_RATIO  # share of words masked; each chosen word becomes one [MASK]
    # ExLM only: for the first single_copy_steps steps the model trains as its own twin (every [MASK]
    # expanded to one copy, cross-entropy): the copies of k-fold expanded masks learn slowly from
    # scratch, while a single [MASK] state learns fast, and the weights carry over to k copies.
    single_copy_steps: int = 1500
    # ExLM only: then, for link_warmup_steps steps the DAG sums over fixed links from each
    # [MASK]'s copies to the next [MASK]'s ("uniform" or "diagonal", model.warmup_links) while the
    # states learn; the transition head takes over after that.
    link_warmup: str = "uniform"
    link_warmup_steps: int = 500
    link_warmup_stay: float = 0.7  # "diagonal": probability that copy c leads to copy c
    link_anchor: float = 0.5  # ExLM, after the warm-up: weight of the fixed-link DAG loss kept beside the learned one
    anchor: str = (
        ""  # the anchor's links: "" (as link_warmup), "uniform", "diagonal", or "readings" (model.best_reading_loss)
    )
    # ExLM: weight of the link prior (model.link_prior_loss) after the warm-up; > 0 also trains the
    # transition head on the prior, weight 1, during the warm-up, so that it starts aligned.
    link_prior: float = 1.0
    link_prior_links: str = "uniform"  # the links the prior pulls towards: "uniform" or "diagonal"
    tokens_per_batch: int = 3072  # source tokens per batch (B * longest), batches grouped by length
    max_steps: int = 5000  # length of the schedule; the same for both twins
    stop_step: int = 0  # > 0: stop here (the twin of an ExLM run cut short by its time budget)
    lr: float = 1e-3
    warmup_steps: int = 300
    min_lr_ratio: float = 0.1  # cosine decay to lr * min_lr_ratio at max_steps
    weight_decay: float = 0.01
    grad_clip: float = 1.0
    seed: int = 1234
    threads: int = 2
    bf16: str = "auto"  # "auto": bfloat16 autocast where the CPU has AVX512-BF16; "on"; "off"
    device: str = "cpu"  # "cuda" works too, for a longer run on a GPU machine
    checkpoint_minutes: float = 5.0
    eval_every: int = 500  # steps between validation reports
    eval_sequences: int = 300
    diag_sentences: int = 300  # single validation sentences for the DAG diagnostics (ExLM)
    time_budget_minutes: float = 0.0  # > 0: stop (and export) when exceeded, whatever max_steps says
    # An increment: start from a model folder's weights instead of random ones (same tokenizer as
    # data_dir, same k). The recipe's first phases are skipped (the folder is past them); the batch
    # stream continues where the folder's training stopped (first_batch -1) so that no batch is
    # repeated before its epoch comes round, and the export appends this increment to the history.
    init_from: str = ""
    first_batch: int = -1  # index of this run's first batch in the stream; -1: 0, or after init_from's steps
    # ExLM, after the warm-up: load balancing of the copies (model.copy_balance_loss) and the relaxed
    # per-slot winner-take-all term (model.slot_wta_loss) that moves the copies off their symmetric point.
    copy_balance: float = 0.0
    copy_wta: float = 0.0
    copy_wta_eps: float = 0.1
    out_root: str = ""  # where checkpoints/ and models/ go; empty: the repository root


# ----------------------------------------------------------------------------------------------
# Data: segments of consecutive sentences of one document, batched by length


def load_split(data_dir, split):
    def path(ext):
        return os.path.join(data_dir, f"{split}.{ext}.npy")

    for ext in ("tokens", "offsets", "docs"):
        if not os.path.exists(path(ext)):
            raise SystemExit(f"missing {path(ext)}: run `/usr/bin/python3 -m training.data` first")
    return np.load(path("tokens")), np.load(path("offsets")), np.load(path("docs"))


def make_segments(offsets, docs, max_len, seed, cap_max=None):
    """Pack consecutive sentences of a document into segments (start, end) of token offsets. Each
    segment's length cap is drawn between 8 and cap_max (default max_len) so that the model sees
    short inputs like the playground's single sentences; overlong sentences are cut at max_len."""
    cap_max = max(8, min(cap_max or max_len, max_len))
    rng = random.Random(seed)
    segments, start, cap = [], None, 0
    n = len(offsets) - 1
    for s in range(n):
        a, b = int(offsets[s]), int(offsets[s + 1])
        if start is not None and (docs[s] != docs[s - 1] or b - start > cap):
            segments.append((start, int(offsets[s])))
            start = None
        if start is None:
            start, cap = a, rng.randint(8, cap_max)
        while b - start > max_len:  # a sentence longer than the model's limit: cut it
            segments.append((start, start + max_len))
            start += max_len
    if start is not None:
        segments.append((start, int(offsets[n])))
    return [(a, b) for a, b in segments if b - a >= 2]


def epoch_batches(segments, tokens_per_batch, seed):
    """Shuffle, group neighbours of similar length (little padding), shuffle the batches."""
    rng = random.Random(seed)
    order = list(range(len(segments)))
    rng.shuffle(order)
    batches = []
    pool = 64 * max(1, tokens_per_batch // 32)  # sort within pools of this many segments
    for p in range(0, len(order), pool):
        chunk = sorted(order[p : p + pool], key=lambda i: segments[i][1] - segments[i][0])
        batch, longest = [], 0
        for i in chunk:
            n = segments[i][1] - segments[i][0] + 2
            if batch and max(longest, n) * (len(batch) + 1) > tokens_per_batch:
                batches.append(batch)
                batch, longest = [], 0
            batch.append(i)
            longest = max(longest, n)
        if batch:
            batches.append(batch)
    rng.shuffle(batches)
    return batches


def maskable_words(ids, cont):
    """Positions of the words that can be masked as one [MASK], as the playground masks a word: a
    whole word that is a single piece (no "##" piece before or after it) and not a special token.
    A masked word starts a word, so its target is never a continuation piece."""
    n = len(ids)
    return [p for p in range(n) if ids[p] >= NUM_SPECIAL and not cont[ids[p]] and (p + 1 == n or not cont[ids[p + 1]])]


def mask_segment(ids, ratio, rng, cont):
    """Replace round(ratio * words) (at least one) maskable words by [MASK], one [MASK] each.
    Returns (input, target y)."""
    candidates = maskable_words(ids, cont)
    words = sum(1 for t in ids if not cont[t])
    m = min(len(candidates), max(1, int(round(ratio * words))))
    picked = sorted(rng.sample(candidates, m))
    x = list(ids)
    for p in picked:
        x[p] = MASK
    return [CLS] + x + [SEP], [CLS] + [int(ids[p]) for p in picked] + [SEP]


class BatchStream:
    """Deterministic batches: batch j of the run depends only on the seed and j."""

    def __init__(self, tokens, offsets, docs, cfg, cont):
        self.tokens, self.cfg, self.cont = tokens, cfg, cont
        self.segments = make_segments(offsets, docs, cfg.max_positions - 2, cfg.seed, cfg.segment_tokens)
        self.epoch, self.batches = -1, []
        self.start_of_epoch = 0

    def get(self, step):
        if step < self.start_of_epoch:  # asked for an earlier epoch: replay from the start
            self.epoch, self.batches, self.start_of_epoch = -1, [], 0
        while step >= self.start_of_epoch + len(self.batches) or self.epoch < 0:
            self.start_of_epoch += len(self.batches)
            self.epoch += 1
            self.batches = epoch_batches(self.segments, self.cfg.tokens_per_batch, self.cfg.seed + 1000 * self.epoch)
        ids = self.batches[step - self.start_of_epoch]
        rng = random.Random(self.cfg.seed * 1_000_003 + step)
        pairs = [
            mask_segment(self.tokens[a:b].tolist(), self.cfg.mask_ratio, rng, self.cont)
            for a, b in (self.segments[i] for i in ids)
        ]
        return [p[0] for p in pairs], [p[1] for p in pairs]


# ----------------------------------------------------------------------------------------------
# Validation: the same slot marginals the playground shows


def sentence_outputs(model, pairs, device, batch_size=32):
    """Run the model on (input, target) pairs; yields (pair, logprobs (L, V), links (L, L) with -inf
    off the DAG, or None for the twin) per sentence, on the CPU."""
    for i in range(0, len(pairs), batch_size):
        chunk = pairs[i : i + batch_size]
        batch = make_batch([p[0] for p in chunk], [p[1] for p in chunk], model.cfg.expansion)
        out = model(to_device(batch, device))
        for b, pair in enumerate(chunk):
            L = int(batch["state_valid"][b].sum())
            links = None
            if model.cfg.architecture == "exlm":
                edge = torch.ones(L, L).triu(1).bool()
                links = out["links"][b, :L, :L].cpu().masked_fill(~edge, float("-inf"))
            yield pair, out["logprobs"][b, :L].cpu(), links


@torch.no_grad()
def evaluate(model, tokens, offsets, docs, cfg, n_sequences, cont, ratio=None, batch_size=32):
    """Slot-marginal top-1 / top-5 accuracy and mean entropy on the first n segments of a split."""
    segs = make_segments(offsets, docs, cfg.max_positions - 2, cfg.seed + 7, cfg.segment_tokens)[:n_sequences]
    rng = random.Random(cfg.seed + 99)
    model.eval()
    top1 = top5 = total = 0
    ent = []
    pairs = [mask_segment(tokens[a:b].tolist(), ratio or cfg.mask_ratio, rng, cont) for a, b in segs]
    allowed = slot_vocabulary(model.cfg.vocab_size, cont)
    for (_x, y), logprobs, links in sentence_outputs(model, pairs, cfg.device, batch_size):
        M = len(y) - 2
        dec = decode_sentence(logprobs, links, M, model.cfg.architecture, allowed)
        best = dec["marginals"].topk(5, dim=1).indices
        gold = torch.tensor(y[1:-1])
        top1 += int((best[:, 0] == gold).sum())
        top5 += int((best == gold[:, None]).any(dim=1).sum())
        total += M
        ent += dec["entropy"].tolist()
    model.train()
    return dict(
        top1=top1 / max(total, 1), top5=top5 / max(total, 1), entropy=float(np.mean(ent)) if ent else 0.0, masks=total
    )


@torch.no_grad()
def diagnose(model, tokens, offsets, n_sentences, cont, device, ratio=MASK_RATIO, seed=5):
    """The DAG diagnostics of training/diagnostics.py on single sentences of a split (4..60 tokens):
    copy use and copy top-1 at `ratio` masking, joint gain on one pair of adjacent masked words per
    sentence that has one."""
    k = model.cfg.expansion
    rng = random.Random(seed)
    sentences = [tokens[a:b].tolist() for a, b in zip(offsets[:-1], offsets[1:]) if 4 <= b - a <= 60]
    sentences = sentences[:n_sentences]
    single = [mask_segment(ids, ratio, rng, cont) for ids in sentences]
    adjacent = []
    for ids in sentences:
        words = set(maskable_words(ids, cont))
        j = next((p for p in sorted(words) if p + 1 in words), None)
        if j is not None:
            x = list(ids)
            x[j] = x[j + 1] = MASK
            adjacent.append(([CLS] + x + [SEP], [CLS, ids[j], ids[j + 1], SEP]))
    tally = Tally(k, slot_vocabulary(model.cfg.vocab_size, cont))
    model.eval()
    for (_x, y), logprobs, links in sentence_outputs(model, single, device):
        tally.add_sentence(logprobs, links, y[1:-1])
    for (_x, y), logprobs, links in sentence_outputs(model, adjacent, device):
        tally.add_pair(logprobs, links, y[1:-1])
    model.train()
    return tally.summary()


# ----------------------------------------------------------------------------------------------


def to_device(batch, device):
    return {k: v.to(device) for k, v in batch.items()} if device != "cpu" else batch


def lr_at(step, cfg):
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = min(1.0, (step - cfg.warmup_steps) / max(1, cfg.max_steps - cfg.warmup_steps))
    return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress)))


def use_bf16(cfg):
    if cfg.bf16 == "on":
        return True
    if cfg.bf16 == "off":
        return False
    if cfg.device == "cuda":
        return True
    try:
        return "avx512_bf16" in open("/proc/cpuinfo").read()
    except OSError:
        return False


def step_expansion(cfg, step):
    """k of the batch at `step`: 1 while the ExLM trains as its own twin (and always for the twin)."""
    return 1 if step < cfg.single_copy_steps else cfg.expansion


def loss_options(cfg, step):
    """The keyword arguments of ExLM.loss at `step` of the recipe (docs/exlm-training.md)."""
    warm = step < cfg.single_copy_steps + cfg.link_warmup_steps
    return dict(
        fixed=cfg.link_warmup if warm else (cfg.anchor or cfg.link_warmup),
        stay=cfg.link_warmup_stay,
        learned_weight=0.0 if warm else 1.0,
        fixed_weight=1.0 if warm else cfg.link_anchor,
        prior_weight=(1.0 if warm else cfg.link_prior) if cfg.link_prior > 0 else 0.0,
        prior=cfg.link_prior_links,
        balance_weight=0.0 if warm else cfg.copy_balance,
        wta_weight=0.0 if warm else cfg.copy_wta,
        wta_eps=cfg.copy_wta_eps,
    )


def forward_loss(model, batch, cfg, step, bf16):
    """The training loss of one step (bfloat16 autocast where `bf16`; the losses sum in float32)."""
    with torch.autocast(cfg.device, dtype=torch.bfloat16, enabled=bf16):
        return model.loss(batch, **loss_options(cfg, step))


def backward_step(model, opt, loss, cfg):
    """Gradients, clipping and the optimizer step."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
    opt.step()


def make_optimizer(model, cfg):
    """AdamW, no weight decay on biases and LayerNorm gains."""
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr,
        betas=(0.9, 0.98),
    )


def check_data_matches(model_cfg, vocab, tokens, data_dir):
    """Refuse a config that does not fit the tokenizer or the data, naming the mismatch."""
    if len(vocab) != model_cfg.vocab_size:
        raise SystemExit(
            f"config vocab_size {model_cfg.vocab_size} does not match the tokenizer "
            f"{data_dir}/tokenizer.json ({len(vocab)} entries)"
        )
    top = int(tokens.max()) if len(tokens) else 0
    if top >= model_cfg.vocab_size:
        raise SystemExit(
            f"token id {top} in {data_dir} is outside the vocabulary "
            f"({model_cfg.vocab_size}): the token files and tokenizer.json disagree"
        )


def validate(model, valid, cfg, cont):
    """The validation report of a step: slot-marginal scores and, for ExLM, the DAG diagnostics."""
    ev = evaluate(model, *valid, cfg, cfg.eval_sequences, cont)
    if model.cfg.architecture == "exlm":
        ev["dag"] = diagnose(model, valid[0], valid[1], cfg.diag_sentences, cont, cfg.device)
    return ev


def hardware(cfg, bf16):
    if cfg.device == "cuda":
        return f"{torch.cuda.get_device_name(0)} (CUDA), bf16 autocast {bf16}"
    return f"{platform.processor() or platform.machine()}, {cfg.threads} CPU threads, bf16 autocast {bf16}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for f in fields(TrainConfig):
        parser.add_argument("--" + f.name.replace("_", "-"), type=type(f.default), default=f.default)
    cfg = TrainConfig(**vars(parser.parse_args(argv)))
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    data_dir = os.path.join(ROOT, cfg.data_dir) if not os.path.isabs(cfg.data_dir) else cfg.data_dir
    tok_path = os.path.join(data_dir, "tokenizer.json")
    vocab = json.load(open(tok_path))["model"]["vocab"]
    previous = None  # the init_from folder's "training" field
    if cfg.init_from:
        model, previous = load_start(cfg.init_from, cfg.expansion, vocab, tok_path)
        model_cfg = model.cfg
        # The folder is past the recipe's first phases; its sizes, not the defaults, hold.
        cfg.single_copy_steps = cfg.link_warmup_steps = 0
        cfg.hidden_size, cfg.num_layers, cfg.num_heads = (
            model_cfg.hidden_size,
            model_cfg.num_layers,
            model_cfg.num_heads,
        )
        cfg.ffn_size, cfg.max_positions = model_cfg.ffn_size, model_cfg.max_positions
        if cfg.first_batch < 0:
            cfg.first_batch = sum(r["steps"] for r in history_of(previous))
    else:
        model_cfg = ModelConfig(
            vocab_size=len(vocab),
            hidden_size=cfg.hidden_size,
            num_layers=cfg.num_layers,
            num_heads=cfg.num_heads,
            ffn_size=cfg.ffn_size,
            expansion=cfg.expansion,
            max_positions=cfg.max_positions,
        )
        model = ExLM(model_cfg)
    cfg.first_batch = max(cfg.first_batch, 0)
    train = load_split(data_dir, "train")
    valid = load_split(data_dir, "validation")
    check_data_matches(model_cfg, vocab, train[0], data_dir)
    cont = continuation_of(vocab).numpy()  # (V,) bool, for masking whole words
    stream = BatchStream(*train, cfg, cont)

    model = model.to(cfg.device)
    opt = make_optimizer(model, cfg)
    out_root = cfg.out_root or ROOT
    ckpt_dir = os.path.join(out_root, "checkpoints", cfg.name)
    ckpt_path = os.path.join(ckpt_dir, "ckpt.pt")
    os.makedirs(ckpt_dir, exist_ok=True)
    step, elapsed, tokens_seen, sequences_seen, log, before = 0, 0.0, 0, 0, [], None
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path)
        if ck["model_config"] != asdict(model_cfg):
            raise SystemExit(
                f"{ckpt_path} holds a different model config: {ck['model_config']}; move it away to start afresh"
            )
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        step, elapsed, tokens_seen, sequences_seen, log = (
            ck["step"],
            ck["elapsed"],
            ck["tokens_seen"],
            ck["sequences_seen"],
            ck["log"],
        )
        before = ck.get("before")
        print(f"resumed from {ckpt_path} at step {step}")
    elif cfg.init_from:  # the increment's "before": validated exactly as its steps will be
        before = validate(model, valid, cfg, cont)
        print(
            f"  validation of {cfg.init_from} before this increment: top-1 {before['top1']:.3f} "
            f"top-5 {before['top5']:.3f} entropy {before['entropy']:.2f}",
            flush=True,
        )

    def save_checkpoint():
        tmp = ckpt_path + ".tmp"
        torch.save(
            dict(
                model=model.state_dict(),
                optimizer=opt.state_dict(),
                step=step,
                elapsed=elapsed,
                tokens_seen=tokens_seen,
                sequences_seen=sequences_seen,
                log=log,
                before=before,
                model_config=asdict(model_cfg),
                train_config=asdict(cfg),
            ),
            tmp,
        )
        os.replace(tmp, ckpt_path)  # never leave a half-written checkpoint

    # A polite stop (kill, Ctrl-C) checkpoints before leaving, so a rerun resumes without loss.
    stop = {"signal": None}
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop.update(signal=signum))

    bf16 = use_bf16(cfg)
    n_params = sum(p.numel() for p in model.parameters())
    print(
        f"{cfg.name}: {model_cfg.architecture}, k={model_cfg.expansion}, {n_params / 1e6:.2f}M parameters, "
        f"{len(stream.segments)} training segments, {hardware(cfg, bf16)}"
    )
    model.train()
    last_ckpt = time.time()
    t0 = time.time() - elapsed
    last_step = cfg.stop_step or cfg.max_steps
    while step < last_step:
        if stop["signal"] is not None:
            save_checkpoint()
            raise SystemExit(
                f"stopped by signal {stop['signal']} at step {step}; checkpoint saved, rerun the same command to resume"
            )
        if cfg.time_budget_minutes > 0 and time.time() - t0 > cfg.time_budget_minutes * 60:
            print(f"time budget of {cfg.time_budget_minutes} min reached at step {step}")
            break
        inputs, targets = stream.get(cfg.first_batch + step)
        batch = to_device(make_batch(inputs, targets, step_expansion(cfg, step)), cfg.device)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, cfg)
        loss = forward_loss(model, batch, cfg, step, bf16)
        if not math.isfinite(loss.item()) or loss.item() > 100:
            raise SystemExit(
                f"loss {loss.item()} at step {step}: stopping; the last good checkpoint ({ckpt_path}) is kept"
            )
        backward_step(model, opt, loss, cfg)
        step += 1
        tokens_seen += sum(len(x) for x in inputs)
        sequences_seen += len(inputs)
        elapsed = time.time() - t0
        if step % 50 == 0:
            print(
                f"step {step} loss {loss.item():.4f} lr {lr_at(step, cfg):.2e} "
                f"{tokens_seen / elapsed:.0f} tok/s {elapsed / 60:.1f} min",
                flush=True,
            )
        if step % cfg.eval_every == 0 or step == last_step:
            ev = validate(model, valid, cfg, cont)
            log.append(dict(step=step, minutes=round(elapsed / 60, 2), loss=round(loss.item(), 4), **ev))
            print(
                f"  validation at step {step}: top-1 {ev['top1']:.3f} top-5 {ev['top5']:.3f} "
                f"entropy {ev['entropy']:.2f} ({ev['masks']} masks)",
                flush=True,
            )
            if "dag" in ev:
                print(f"  dag at step {step}: {json.dumps(ev['dag'])}", flush=True)
        if time.time() - last_ckpt > cfg.checkpoint_minutes * 60:
            save_checkpoint()
            last_ckpt = time.time()
    save_checkpoint()
    info = dict(
        data="see README.md (model card)",
        steps=step,
        sequences=sequences_seen,
        source_tokens=tokens_seen,
        minutes=round(elapsed / 60, 1),
        hardware=hardware(cfg, bf16),
        seed=cfg.seed,
        config={k: v for k, v in asdict(cfg).items() if k != "out_root"},  # where, not how
        validation=log[-1] if log else None,
        log=log,
    )
    if cfg.init_from:
        info = with_increment(
            previous,
            info,
            asdict(cfg),
            os.path.relpath(os.path.abspath(cfg.init_from), ROOT),
            before,
            time.strftime("%Y-%m-%d"),
        )
    out_dir = os.path.join(out_root, "models", cfg.name)
    size = export_model(model.float().cpu(), tok_path, out_dir, dtype="float16", training_info=info)
    with open(os.path.join(ckpt_dir, "log.json"), "w") as fh:
        json.dump(log, fh, indent=1)
    print(f"exported {out_dir} ({size / 1e6:.1f} MB of float16 weights) after {step} steps, {elapsed / 60:.1f} min")


if __name__ == "__main__":
    main()
