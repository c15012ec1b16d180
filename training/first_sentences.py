"""The sentences people try first: training/first-sentences.json, scored per sentence.

A teacher or a newcomer opens the playground and types "the capital of france is [MASK] ." long
before any test split: the model card reports, for each of these sentences and each model, the first
guesses and whether the hidden word is first or in the top five. The corpus never holds them:
training.data drops every corpus sentence that is one of them, filled in (corpus_leaks). Shorter
phrases inside them ("the united states of america") are of course in the corpus: knowing those is
what the test asks for.

Run from the repository root:
  /usr/bin/python3 -m training.first_sentences --model models/exlm-en-small --model models/mlm-en-small \
      --json data/first-sentences.json
"""

import argparse
import json
import os
import re

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "first-sentences.json")
MASK_TOKEN = "[MASK]"
TOP_K = 5


def load(path=PATH):
    """The sentences, checked: one answer list per [MASK], each a non-empty list of words."""
    with open(path, encoding="utf-8") as fh:
        entries = json.load(fh)["sentences"]
    for n, entry in enumerate(entries):
        masks = entry["text"].split().count(MASK_TOKEN)
        answers = entry["answers"]
        if masks == 0 or len(answers) != masks or not all(a and all(isinstance(w, str) for w in a) for a in answers):
            raise ValueError(
                f"{path}: sentence {n} ({entry['text']!r}) needs one non-empty answer list per "
                f"[MASK] ({masks} masks, {len(answers)} answer lists)"
            )
    return entries


def filled(entry):
    """The sentence with each [MASK] replaced by its first answer."""
    answers = iter(a[0] for a in entry["answers"])
    return " ".join(next(answers) if w == MASK_TOKEN else w for w in entry["text"].split())


def words_key(text):
    """Lowercase words only, space-separated and padded: equal for "The man went." and "the man went ."."""
    return " " + " ".join(re.findall(r"[a-z0-9']+", text.lower())) + " "


def leak_keys(entries):
    """The words_key of every entry filled in: a corpus sentence with one of these keys is a leak."""
    return {words_key(filled(e)) for e in entries}


def corpus_leaks(sentences, entries):
    """The corpus sentences that are one of the entries, filled in (as words, ignoring case and
    punctuation): those must not be trained on, or the test set measures memory."""
    keys = leak_keys(entries)
    return [s for s in sentences if words_key(s) in keys]


def score_folder(folder, entries):
    """Per sentence: the top guesses of each slot (word, probability), whether the first guess and
    the top five hold an accepted answer, and the best joint fill."""
    # Imported here: training.data uses this module's corpus check and needs no PyTorch.
    import torch

    from training.decode import continuation_of, decode_sentence, slot_vocabulary
    from training.export import load_model_folder
    from training.model import CLS, MASK, SEP
    from training.tokenizer import WordPieceTokenizer
    from training.train import sentence_outputs

    model, cfg = load_model_folder(folder)
    tokenizer = WordPieceTokenizer.from_file(os.path.join(folder, "tokenizer.json"))
    allowed = slot_vocabulary(cfg.vocab_size, continuation_of(tokenizer.ids))
    pairs = []
    for entry in entries:
        ids = tokenizer.encode(entry["text"])
        M = ids.count(MASK)
        assert M == len(entry["answers"]), f"{entry['text']!r}: the tokenizer found {M} masks"
        pairs.append(([CLS] + ids + [SEP], [CLS] + [0] * M + [SEP]))  # targets unused: only shapes
    rows = []
    with torch.no_grad():
        outputs = list(sentence_outputs(model, pairs, "cpu"))
    for entry, ((_, y), logprobs, links) in zip(entries, outputs):
        M = len(y) - 2
        dec = decode_sentence(logprobs, links, M, cfg.architecture, allowed)
        slots = []
        for i in range(M):
            p, w = dec["marginals"][i].topk(TOP_K)
            top = [(tokenizer.vocab[int(t)], float(q)) for q, t in zip(p, w)]
            ok = set(entry["answers"][i])
            slots.append(
                dict(top=top, top1=top[0][0] in ok, top5=any(t in ok for t, _ in top), entropy=float(dec["entropy"][i]))
            )
        rows.append(
            dict(
                text=entry["text"],
                topic=entry["topic"],
                answers=entry["answers"],
                slots=slots,
                fill=[tokenizer.vocab[t] for t in dec["fill_ids"]],
            )
        )
    return dict(model=os.path.basename(os.path.normpath(folder)), rows=rows, **totals(rows))


def totals(rows):
    """Share of slots whose first guess / top five holds an accepted answer, and of sentences whose
    every slot's first guess does."""
    slots = [s for r in rows for s in r["slots"]]
    return dict(
        slots=len(slots),
        top1=sum(s["top1"] for s in slots) / max(len(slots), 1),
        top5=sum(s["top5"] for s in slots) / max(len(slots), 1),
        sentences_right=sum(all(s["top1"] for s in r["slots"]) for r in rows),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", required=True, help="a model folder (repeat for several)")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args(argv)
    entries = load()
    results = [score_folder(folder, entries) for folder in args.model]
    if args.json:  # before printing, so a closed pipe (| head) loses no results
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)
    for res in results:
        print(
            f"{res['model']}: top-1 {100 * res['top1']:.1f}%, top-5 {100 * res['top5']:.1f}% of {res['slots']} "
            f"slots; {res['sentences_right']} of {len(entries)} sentences right"
        )
    for n, entry in enumerate(entries):
        cells = []
        for res in results:
            slots = res["rows"][n]["slots"]
            cells.append(
                " | ".join(f"{s['top'][0][0]} {100 * s['top'][0][1]:.0f}%{' ok' if s['top1'] else ''}" for s in slots)
            )
        print(f"{entry['text']:60} " + "  ||  ".join(cells))


if __name__ == "__main__":
    main()
