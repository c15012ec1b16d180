"""Training in increments: continue from a shipped model folder and record each increment.

A model folder's config.json "training" field describes how its weights were made. After an
increment (`training.train --init-from models/NAME`) it holds the totals over all increments, the
latest increment's config, validation and log (as a single run's would), and "history": one record
per increment, the first being the run that trained from random weights. Each record says where it
started (init_from, first_batch), what it did (steps, sequences, source tokens, schedule, losses,
data), what it cost (minutes, hardware, date) and the validation before and after, measured the same
way, so that the model card can show whether each increment helped; "config" holds the run's whole
training configuration, from which the card writes the command that repeats it.
"""

import json
import os

from training.export import load_model_folder

# The config fields that make up an increment's schedule and losses in its history record.
SCHEDULE_KEYS = (
    "lr",
    "warmup_steps",
    "min_lr_ratio",
    "lr_decay",
    "max_steps",
    "weight_decay",
    "tokens_per_batch",
    "batch_sequences",
    "seed",
)
LOSS_KEYS = (
    "mask_ratio",
    "mask_ratio_max",
    "single_copy_steps",
    "link_warmup_steps",
    "link_anchor",
    "link_prior",
    "copy_balance",
    "copy_wta",
    "copy_wta_eps",
)


def load_start(folder, expansion, vocab, tokenizer_path):
    """The model of `folder` (float32, train mode) and its config.json "training" field (or {}).
    Refuses a folder whose k differs from `expansion` or whose tokenizer differs from the data's,
    naming the mismatch: the token ids of the data would mean other words to it."""
    config_path = os.path.join(folder, "config.json")
    if not os.path.exists(config_path):
        raise SystemExit(f"--init-from {folder}: no config.json there (expected a model folder)")
    model, model_cfg = load_model_folder(folder)
    if model_cfg.expansion != expansion:
        raise SystemExit(
            f"--init-from {folder}: its expansion is k = {model_cfg.expansion}, this run's --expansion is {expansion}"
        )
    with open(os.path.join(folder, "tokenizer.json")) as fh:
        theirs = json.load(fh)["model"]["vocab"]
    if theirs != vocab:
        raise SystemExit(
            f"--init-from {folder}: its tokenizer.json differs from {tokenizer_path}; "
            f"build the token files with that tokenizer (training.data --tokenizer)"
        )
    with open(config_path) as fh:
        training = json.load(fh).get("training") or {}
    return model.train(), training


def first_record(training):
    """The history record of a folder trained before increments were recorded: its one run."""
    config = training.get("config", {})
    return dict(
        increment=1,
        init_from=None,
        first_batch=0,
        steps=training.get("steps", 0),
        sequences=training.get("sequences", 0),
        source_tokens=training.get("source_tokens", 0),
        minutes=training.get("minutes", 0.0),
        hardware=training.get("hardware", ""),
        date=None,
        schedule={k: config[k] for k in SCHEDULE_KEYS if k in config},
        losses={k: config[k] for k in LOSS_KEYS if k in config},
        data=config.get("data_dir"),
        before=None,
        after=brief(training.get("validation")),
        config=config,
    )


def brief(validation):
    """The numbers of a validation report worth keeping in a history (no per-step log)."""
    if not validation:
        return None
    keep = {k: validation[k] for k in ("top1", "top5", "entropy", "masks") if k in validation}
    dag = validation.get("dag")
    if dag:
        keep["dag"] = {
            k: dag[k] for k in ("copy_use", "copy_top1", "copy_entropy", "joint_gain", "own_copy_mass") if k in dag
        }
    return keep


def history_of(training):
    """The increments behind a folder's weights so far (empty for random weights)."""
    if not training:
        return []
    return list(training.get("history") or [first_record(training)])


def with_increment(previous, info, cfg, init_from, before, date):
    """The "training" field after an increment: `info` (this run as train.py describes a run) with
    the totals over all increments and the history extended by this one."""
    history = history_of(previous)
    record = dict(
        increment=len(history) + 1,
        init_from=init_from,
        first_batch=cfg["first_batch"],
        steps=info["steps"],
        sequences=info["sequences"],
        source_tokens=info["source_tokens"],
        minutes=info["minutes"],
        hardware=info["hardware"],
        date=date,
        schedule={k: cfg[k] for k in SCHEDULE_KEYS if k in cfg},
        losses={k: cfg[k] for k in LOSS_KEYS},
        data=cfg["data_dir"],
        before=brief(before),
        after=brief(info.get("validation")),
        config={k: v for k, v in cfg.items() if k != "out_root"},
    )  # how, not where
    history.append(record)
    totals = {key: sum(r[key] or 0 for r in history) for key in ("steps", "sequences", "source_tokens")}
    totals["minutes"] = round(sum(r["minutes"] or 0 for r in history), 1)
    return {**info, **totals, "history": history}
