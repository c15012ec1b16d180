"""Build the tiny random fixture models and their golden outputs, the contract between the PyTorch
reference and the TypeScript runtime (src/model must match every array within 1e-4).

  /usr/bin/python3 -m training.make_fixture

writes models/tiny-random/ (ExLM, k = 4) and models/tiny-random-mlm/ (the twin), float32 weights,
src/model/testdata/tiny-random-int8/ (tiny-random's weights as int8, training/quantize_folder.py) and
src/model/testdata/<name>.golden.json for the three, the int8 one computed with the dequantised
weights. Deterministic: rerunning rewrites identical files.
"""

import json
import os

import torch

from training.decode import continuation_of, decode_sentence, slot_vocabulary
from training.export import export_model, load_model_folder
from training.model import CLS, MASK, SEP, ExLM, ModelConfig, make_batch
from training.quantize_folder import quantize_folder
from training.tokenizer import WordPieceTokenizer, build_wordpiece_vocab, write_tokenizer_json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDATA = os.path.join(ROOT, "src", "model", "testdata")

# A few lines of plain English for the fixture's small vocabulary (the real one comes from the corpus).
VOCAB_TEXT = """
The cat sat on the mat. She went to the store to buy some milk and bread.
A man walked into the room and looked at the window for a long time.
They were happy because the weather was warm and the sun was bright.
We can see the river from our house, and in the morning the birds sing.
He said that the book was on the table, but nobody could find it there.
The children played in the garden until their mother called them home for dinner.
It is not easy to learn a new language, yet many people do it every year.
The old ship sailed across the sea, and the captain watched the white whale.
Our government must protect the rights of every citizen of the nation.
Good words, fine sentences, strange readings: masked models guess what is missing!
"""

CASES = [
    ("no_mask", "The cat sat on the mat."),
    ("one_mask", "The cat [MASK] on the mat."),
    ("adjacent_masks", "She [MASK] [MASK] to the store."),
    ("many_masks", "[MASK] cat [MASK] on [MASK] mat [MASK] the window [MASK]"),
    (
        "long_input",
        "The old ship sailed across the sea, and the captain watched the white whale "
        "for a long time. They were happy because the [MASK] was warm and the sun was "
        "bright, so the children [MASK] in the garden until dinner.",
    ),
    ("all_masked", "[MASK] [MASK] [MASK] [MASK] [MASK]"),
    ("unknown_chars", "The ☃ cat [MASK] 😀 on the mat."),
]
ATTENTION_LAYER = 1


def fixture_config(expansion):
    return ModelConfig(
        vocab_size=0, hidden_size=32, num_layers=2, num_heads=2, ffn_size=64, expansion=expansion, max_positions=64
    )


def randomize(model, seed):
    """Weights far from the usual small init, so that outputs are far from uniform and a wrong
    TypeScript port cannot hide inside a tolerance."""
    gen = torch.Generator().manual_seed(seed)
    for name, p in model.named_parameters():
        if name.endswith("ln1.weight") or name.endswith("ln2.weight") or "ln.weight" in name:
            p.data = 1.0 + 0.3 * torch.randn(p.shape, generator=gen)
        else:
            p.data = 0.4 * torch.randn(p.shape, generator=gen)


def round_list(t):
    return [None if v == float("-inf") else float(f"{v:.7g}") for v in t.flatten().tolist()]


def golden_case(model, tok, name, text):
    cfg = model.cfg
    ids = [CLS] + tok.encode(text) + [SEP]
    M = ids.count(MASK)
    batch = make_batch([ids], [[CLS] + [0] * M + [SEP]], cfg.expansion)
    with torch.no_grad():
        out = model(batch, need_weights=True)
    L = batch["states"].shape[1]
    logprobs = out["logprobs"][0]  # (L, V)
    links = torch.full((L, L), float("-inf"))
    if cfg.architecture == "exlm":
        edge = torch.ones(L, L).triu(1).bool()
        links = out["links"][0].masked_fill(~edge, float("-inf"))
    allowed = slot_vocabulary(cfg.vocab_size, continuation_of({t: i for i, t in enumerate(tok.vocab)}))
    dec = decode_sentence(logprobs, links if cfg.architecture == "exlm" else None, M, cfg.architecture, allowed)
    filled = list(ids[1:-1])
    slots = [i for i, t in enumerate(filled) if t == MASK]
    for i, w in zip(slots, dec["fill_ids"]):
        filled[i] = w
    return {
        "name": name,
        "text": text,
        "token_ids": ids,
        "expanded": {k: batch[k][0].tolist() for k in ("tokens", "pos1", "pos2")},
        "states": batch["states"][0].tolist(),
        "hidden": round_list(out["hidden"][0]),
        "state_logprobs": round_list(logprobs),
        "links": round_list(links),
        "attention_layer": ATTENTION_LAYER,
        "attention": round_list(out["attention"][ATTENTION_LAYER][0]),
        "gamma": round_list(dec["gamma"]),
        "marginals": round_list(dec["marginals"]),
        "entropy": round_list(dec["entropy"]),
        "viterbi_path": dec["path"],
        "fill_ids": dec["fill_ids"],
        "fill_text": tok.decode(filled),
    }


def main():
    os.makedirs(TESTDATA, exist_ok=True)
    vocab = build_wordpiece_vocab(VOCAB_TEXT.strip().splitlines(), vocab_size=400, min_frequency=1)
    tok_path = os.path.join(TESTDATA, "tiny-random.tokenizer.json")
    write_tokenizer_json(vocab, tok_path)
    tok = WordPieceTokenizer.from_file(tok_path)
    for name, k, seed in (("tiny-random", 4, 1234), ("tiny-random-mlm", 1, 1235)):
        cfg = fixture_config(k)
        cfg.vocab_size = len(vocab)
        torch.manual_seed(seed)
        model = ExLM(cfg).eval()
        randomize(model, seed)
        folder = os.path.join(ROOT, "models", name)
        info = {"note": "random weights for tests: the golden fixture of src/model, not a language model", "seed": seed}
        export_model(model, tok_path, folder, dtype="float32", training_info=info)
        write_golden(model, tok, name, folder)
        if k > 1:
            # the int8 loader's fixture: the same weights quantised, and what they compute once
            # dequantised (the runtime must match it as closely as the float32 fixtures)
            int8_folder = os.path.join(TESTDATA, f"{name}-int8")
            quantize_folder(folder, int8_folder, force=True)
            write_golden(load_model_folder(int8_folder)[0], tok, f"{name}-int8", int8_folder)


def write_golden(model, tok, name, folder):
    golden = {
        "model": name,
        "attention_layer": ATTENTION_LAYER,
        "cases": [golden_case(model, tok, n, t) for n, t in CASES],
    }
    path = os.path.join(TESTDATA, f"{name}.golden.json")
    with open(path, "w") as fh:
        json.dump(golden, fh, separators=(",", ":"))
    print(f"{name}: vocab {model.cfg.vocab_size}, {len(CASES)} cases -> {folder}, {path}")


if __name__ == "__main__":
    main()
