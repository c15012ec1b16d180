"""fairseq conversion: the fixtures through to_fairseq and back, vocabulary remapping, the GPT-2 tokenizer,
and the refusals with their messages.

Run: /usr/bin/python3 -m unittest training.test_fairseq -v
"""

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import tempfile
import unittest

import torch

from training.export import load_model_folder
from training.fairseq import (
    ConversionError,
    convert,
    fairseq_state,
    gpt2_tokenizer_json,
    load_checkpoint,
    read_dict,
    to_fairseq,
)
from training.make_fixture import CASES
from training.model import CLS, MASK, SEP, ExLM, ModelConfig, make_batch
from training.tokenizer import SPECIAL_TOKENS, WordPieceTokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = {"exlm": os.path.join(ROOT, "models", "tiny-random"), "mlm": os.path.join(ROOT, "models", "tiny-random-mlm")}
TEXTS = [text for name, text in CASES if name in ("one_mask", "adjacent_masks", "many_masks")]
QUIET = lambda *_: None  # noqa: E731


def outputs(folder, texts=TEXTS):
    """Per text: (token strings, per-state log-probabilities (L, V), links (L, L) or None)."""
    model, cfg = load_model_folder(folder)
    tok = WordPieceTokenizer.from_file(os.path.join(folder, "tokenizer.json"))
    out = []
    for text in texts:
        ids = [CLS] + tok.encode(text) + [SEP]
        batch = make_batch([ids], [[CLS] + [0] * ids.count(MASK) + [SEP]], cfg.expansion)
        with torch.no_grad():
            res = model(batch)
        out.append(([tok.vocab[i] for i in ids], res["logprobs"][0], res["links"][0] if "links" in res else None))
    return out, tok


def read_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_text(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def weights_of(folder):
    """(manifest entries, the bytes of all shards)."""
    manifest = read_json(os.path.join(folder, "weights.json"))
    blob = b""
    for p in manifest[0]["paths"]:
        with open(os.path.join(folder, p), "rb") as fh:
            blob += fh.read()
    return manifest[0]["weights"], blob


class Opaque:
    """Stands for an object a checkpoint must not make us build."""


class FixtureCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="exlm-fairseq-")
        cls.exported = {}
        for arch, folder in FIXTURES.items():
            ckpt, dict_txt = os.path.join(cls.tmp, f"{arch}.pt"), os.path.join(cls.tmp, f"{arch}.dict.txt")
            to_fairseq(folder, ckpt, dict_txt, log=QUIET)
            cls.exported[arch] = (ckpt, dict_txt)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def out_dir(self):
        return tempfile.mkdtemp(dir=self.tmp)

    def convert(self, arch="exlm", checkpoint=None, dict_txt=None, out=None, **kw):
        ckpt, dt = self.exported[arch]
        out = out or os.path.join(self.out_dir(), "model")
        tokenizer = os.path.join(FIXTURES[arch], "tokenizer.json")
        convert(checkpoint or ckpt, dict_txt or dt, out, {"tokenizer": tokenizer}, log=QUIET, **kw)
        return out

    def edited(self, edit, arch="exlm"):
        """A copy of the exported checkpoint after edit(state)."""
        state = load_checkpoint(self.exported[arch][0])
        edit(state)
        path = os.path.join(self.out_dir(), "edited.pt")
        torch.save(state, path)
        return path


class TestRoundTrip(FixtureCase):
    def check_roundtrip(self, arch):
        original = FIXTURES[arch]
        converted = self.convert(arch, dtype="float32")
        (w0, b0), (w1, b1) = weights_of(original), weights_of(converted)
        self.assertEqual(w1, w0)  # names, shapes, dtypes, in file order
        self.assertEqual(b1, b0)  # every tensor bit for bit
        c0, c1 = (read_json(os.path.join(f, "config.json")) for f in (original, converted))
        self.assertEqual(c1.pop("training")["converted_from"]["format"], "fairseq")
        c0.pop("training")
        self.assertEqual(c1, c0)
        self.assertEqual(
            read_json(os.path.join(converted, "tokenizer.json")), read_json(os.path.join(original, "tokenizer.json"))
        )
        card = read_text(os.path.join(converted, "README.md"))
        self.assertIn("converted from an official fairseq checkpoint", card)
        self.assertIn(f"`{arch}.pt`", card)
        (a, _), (b, _) = outputs(original), outputs(converted)
        for (tok_a, lp_a, ln_a), (tok_b, lp_b, ln_b) in zip(a, b):
            self.assertEqual(tok_a, tok_b)
            torch.testing.assert_close(lp_b, lp_a, atol=1e-4, rtol=0)
            if arch == "exlm":
                torch.testing.assert_close(ln_b, ln_a, atol=1e-4, rtol=0)
            else:
                self.assertIsNone(ln_b)

    def test_exlm_roundtrip_keeps_every_tensor_and_output(self):
        self.check_roundtrip("exlm")

    def test_twin_roundtrip_keeps_every_tensor_and_output(self):
        self.check_roundtrip("mlm")

    def test_exported_checkpoint_uses_official_layout(self):
        state = load_checkpoint(self.exported["exlm"][0])
        sd, m = state["model"], state["cfg"]["model"]
        self.assertEqual(
            (m["_name"], m["ext_state_num"], m["encoder_embed_dim"], m["max_positions"]),
            ("p_roberta_ext_denselink", 4, 32, 256),
        )
        self.assertEqual(tuple(sd["encoder.link_positional.weight"].shape), (256 + 2, 32))
        self.assertEqual(tuple(sd["encoder.sentence_encoder.layers.1.fc1.weight"].shape), (64, 32))  # [out, in]
        self.assertTrue(torch.equal(sd["encoder.lm_head.weight"], sd["encoder.sentence_encoder.embed_tokens.weight"]))
        model, _ = load_model_folder(FIXTURES["exlm"])
        emb = sd["encoder.sentence_encoder.embed_tokens.weight"]
        # fairseq order: <s> <pad> </s> <unk> = our [CLS] [PAD] [SEP] [UNK], then ours 5.., then <mask>
        for fs_id, our_id in ((0, 2), (1, 0), (2, 3), (3, 1), (4, 5), (emb.shape[0] - 1, 4)):
            self.assertTrue(torch.equal(emb[fs_id], model.embed.weight[our_id].detach()))
        self.assertEqual(read_dict(self.exported["exlm"][1])[:2], ["5", "6"])

    def test_float16_by_default(self):
        converted = self.convert("exlm")
        weights, _ = weights_of(converted)
        self.assertEqual({w.get("quantization", {}).get("dtype") for w in weights}, {"float16"})
        a, _ = load_model_folder(FIXTURES["exlm"])
        b, _ = load_model_folder(converted)
        for (name, p), q in zip(a.named_parameters(), b.parameters()):
            self.assertTrue(torch.equal(p.detach().half().float(), q.detach()), name)

    def test_shuffled_dictionary_moves_rows_with_their_tokens(self):
        ckpt, dict_txt = self.exported["exlm"]
        symbols = read_dict(dict_txt)
        perm = list(range(len(symbols)))
        random.Random(7).shuffle(perm)  # new line j holds old line perm[j]
        folder = self.out_dir()
        new_dict = os.path.join(folder, "dict.txt")
        with open(new_dict, "w") as fh:
            fh.writelines(f"{symbols[p]} 1\n" for p in perm)

        def shuffle(state):
            rows = torch.tensor([0, 1, 2, 3] + [4 + p for p in perm] + [4 + len(symbols)])  # <mask> stays last
            for name in ("encoder.sentence_encoder.embed_tokens.weight", "encoder.lm_head.bias"):
                state["model"][name] = state["model"][name][rows]
            state["model"]["encoder.lm_head.weight"] = state["model"]["encoder.sentence_encoder.embed_tokens.weight"]

        converted = self.convert(checkpoint=self.edited(shuffle), dict_txt=new_dict, dtype="float32")
        (a, tok_a), (b, tok_b) = outputs(FIXTURES["exlm"]), outputs(converted)
        self.assertNotEqual(tok_a.vocab, tok_b.vocab)
        self.assertEqual(tok_b.vocab[:5], SPECIAL_TOKENS)
        self.assertEqual(sorted(tok_a.vocab), sorted(tok_b.vocab))
        columns = torch.tensor([tok_b.ids[t] for t in tok_a.vocab])  # old id -> new id
        for (tokens_a, lp_a, ln_a), (tokens_b, lp_b, ln_b) in zip(a, b):
            self.assertEqual(tokens_a, tokens_b)
            torch.testing.assert_close(lp_b[:, columns], lp_a, atol=1e-4, rtol=0)
            torch.testing.assert_close(ln_b, ln_a, atol=1e-4, rtol=0)

    def test_hyperparameters_from_namespace_or_legacy_args(self):
        def as_namespace(state):
            state["cfg"]["model"] = argparse.Namespace(**state["cfg"]["model"])

        def as_legacy_args(state):
            state["args"] = argparse.Namespace(**state["cfg"]["model"])
            state["cfg"] = None

        for edit in (as_namespace, as_legacy_args):
            converted = self.convert(checkpoint=self.edited(edit), dtype="float32")
            self.assertEqual(weights_of(converted), weights_of(FIXTURES["exlm"]))

    def test_cli_converts_and_refuses_a_non_empty_folder(self):
        from training.fairseq import main

        ckpt, dict_txt = self.exported["mlm"]
        out = os.path.join(self.out_dir(), "cli")
        argv = [
            "convert",
            "--checkpoint",
            ckpt,
            "--dict",
            dict_txt,
            "--tokenizer",
            os.path.join(FIXTURES["mlm"], "tokenizer.json"),
            "--out",
            out,
            "--dtype",
            "float32",
        ]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            self.assertEqual(main(argv), 0)
        self.assertIn("converted mlm.pt (p_roberta_ext_denselink_prenorm, k=1", printed.getvalue())
        self.assertEqual(weights_of(out), weights_of(FIXTURES["mlm"]))
        with self.assertRaisesRegex(ConversionError, "exists and is not empty .*--force"):
            self.convert("mlm", out=out)
        with contextlib.redirect_stdout(printed):
            self.assertEqual(main(argv + ["--force"]), 0)


class TestRefusals(FixtureCase):
    def refused(self, pattern, edit=None, arch="exlm", **kw):
        if edit is not None:
            kw["checkpoint"] = self.edited(edit, arch)
        with self.assertRaisesRegex(ConversionError, pattern):
            self.convert(arch, **kw)

    def test_missing_tensor(self):
        name = "encoder.sentence_encoder.layers.1.fc2.weight"
        self.refused(rf"missing tensor {name} \(expected shape \[32, 64\]", lambda s: s["model"].pop(name))

    def test_shape_mismatch(self):
        def edit(state):
            state["model"]["encoder.query_linear.weight"] = torch.zeros(32, 32)

        self.refused(r"tensor encoder\.query_linear\.weight has shape \[32, 32\], expected \[32, 64\]", edit)

    def test_link_table_of_another_size(self):
        def edit(state):
            state["model"]["encoder.link_positional.weight"] = torch.zeros(100, 32)

        self.refused(r"encoder\.link_positional\.weight has shape \[100, 32\], expected \[258, 32\]", edit)

    def test_dictionary_of_another_size(self):
        short = os.path.join(self.out_dir(), "short.txt")
        with open(self.exported["exlm"][1]) as src, open(short, "w") as dst:
            dst.writelines(src.readlines()[:-1])
        self.refused(
            r"short\.txt: 309 symbols, .* make 314 rows, but encoder\.sentence_encoder\.embed_tokens"
            r"\.weight has 315 rows",
            dict_txt=short,
        )

    def test_malformed_dictionary_line(self):
        bad = os.path.join(self.out_dir(), "bad.txt")
        with open(bad, "w") as fh:
            fh.write("5 1\n6\n")
        self.refused(r"bad\.txt: line 2: expected '<symbol> <count>'", dict_txt=bad)

    def test_unexpected_tensor(self):
        def edit(state):
            state["model"]["encoder.sentence_encoder.layernorm_embedding.weight"] = torch.ones(32)

        self.refused(r"unexpected tensor encoder\.sentence_encoder\.layernorm_embedding\.weight", edit)

    def test_unknown_architecture(self):
        def edit(state):
            state["cfg"]["model"].update(_name="transformer", arch="transformer")

        self.refused(r"unknown architecture 'transformer'", edit)

    def test_official_mlm_baseline(self):
        def edit(state):
            state["cfg"]["model"].update(_name="p_roberta", arch="p_roberta_base")

        self.refused(r"'p_roberta_base' is the official MLM baseline.*pos2 = 0", edit)

    def test_post_layer_norm(self):
        def edit(state):
            state["cfg"]["model"].update(arch="p_roberta_ext_denselink_base")
            del state["cfg"]["model"]["encoder_normalize_before"]  # the arch's default: post-LN

        self.refused(r"post-LayerNorm layers \(encoder_normalize_before is false", edit)

    def test_scaled_embeddings_and_limited_links(self):
        def edit(state):
            state["cfg"]["model"].update(no_scale_embedding=False, max_transition_length=8)

        self.refused(r"(?s)scaled by sqrt.*next 8 positions", edit)

    def test_untied_lm_head(self):
        def edit(state):
            state["model"]["encoder.lm_head.weight"] = state["model"]["encoder.lm_head.weight"] + 1

        self.refused(r"encoder\.lm_head\.weight differs from .*untied", edit)

    def test_foreign_pickled_object(self):
        def edit(state):
            state["extra_state"] = Opaque()

        self.refused(r"pickled Python object of type training\.test_fairseq\.Opaque", edit)

    def test_not_a_checkpoint(self):
        path = os.path.join(self.out_dir(), "sd.pt")
        torch.save({"weight": torch.zeros(2)}, path)
        self.refused(r"sd\.pt: not a fairseq checkpoint", checkpoint=path)


# A tiny GPT-2 byte-level vocabulary: "Ġ" is the space; "Ġwor" and "!" are left out of the dictionary.
GPT2_ENCODER = {
    "h": 0,
    "e": 1,
    "l": 2,
    "o": 3,
    "w": 4,
    "r": 5,
    "d": 6,
    "Ġ": 7,
    "he": 8,
    "ll": 9,
    "hell": 10,
    "hello": 11,
    "Ġw": 12,
    "or": 13,
    "Ġwor": 14,
    "ld": 15,
    "Ġworld": 16,
    "!": 17,
}
GPT2_MERGES = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld"]
GPT2_DICT = [11, 16, 7, 0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 15, "madeupword0000"]  # most frequent first


class TestGpt2(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="exlm-gpt2-")
        self.encoder = os.path.join(self.tmp, "encoder.json")
        self.bpe = os.path.join(self.tmp, "vocab.bpe")
        self.dict = os.path.join(self.tmp, "dict.txt")
        with open(self.encoder, "w", encoding="utf-8") as fh:
            json.dump(GPT2_ENCODER, fh, ensure_ascii=False)
        with open(self.bpe, "w", encoding="utf-8") as fh:
            fh.write("#version: 0.2\n" + "\n".join(GPT2_MERGES) + "\n")
        with open(self.dict, "w", encoding="utf-8") as fh:
            fh.writelines(f"{s} {100 - n}\n" for n, s in enumerate(GPT2_DICT))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check_tokenizer(self, doc):
        vocab = doc["model"]["vocab"]
        by_id = sorted(vocab, key=vocab.get)
        self.assertEqual(by_id[:5], SPECIAL_TOKENS)
        self.assertEqual(
            by_id[5:],
            [
                "hello",
                "Ġworld",
                "Ġ",
                "h",
                "e",
                "l",
                "o",
                "w",
                "r",
                "d",
                "he",
                "ll",
                "hell",
                "Ġw",
                "or",
                "ld",
                "madeupword0000",
            ],
        )
        self.assertEqual(list(vocab.values()), list(range(len(GPT2_DICT) + 5)))
        self.assertEqual(doc["model"]["type"], "BPE")
        self.assertEqual(doc["model"]["unk_token"], "[UNK]")
        self.assertEqual(doc["model"]["merges"], ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "l d"])
        self.assertEqual(doc["pre_tokenizer"]["type"], "ByteLevel")
        self.assertFalse(doc["pre_tokenizer"]["add_prefix_space"])
        self.assertEqual(doc["decoder"]["type"], "ByteLevel")
        self.assertEqual(
            [(t["id"], t["content"], t["special"], t["normalized"]) for t in doc["added_tokens"]],
            [(i, t, True, False) for i, t in enumerate(SPECIAL_TOKENS)],
        )
        self.assertEqual([t["content"] for t in doc["added_tokens"] if t["lstrip"]], ["[MASK]"])
        post = doc["post_processor"]
        self.assertEqual(post["type"], "TemplateProcessing")
        self.assertEqual([next(iter(p.values()))["id"] for p in post["single"]], ["[CLS]", "A", "[SEP]"])
        self.assertEqual({t: v["ids"] for t, v in post["special_tokens"].items()}, {"[CLS]": [2], "[SEP]": [3]})

    def test_tokenizer_json_follows_the_dictionary(self):
        doc, notes = gpt2_tokenizer_json(self.encoder, self.bpe, [str(s) for s in GPT2_DICT], self.dict)
        self.check_tokenizer(doc)
        self.assertIn("2 GPT-2 tokens are not in dict.txt", notes[0])
        self.assertIn("2 merges that need them were left out", notes[0])
        self.assertIn("madeupword0000", notes[1])

    def test_unknown_gpt2_id(self):
        with self.assertRaisesRegex(ConversionError, r"dict\.txt: symbol 99 \(entry 2\) is not an id of .*encoder"):
            gpt2_tokenizer_json(self.encoder, self.bpe, ["11", "99"], self.dict)

    def test_convert_with_gpt2_files(self):
        cfg = ModelConfig(
            vocab_size=5 + len(GPT2_DICT),
            hidden_size=16,
            num_layers=1,
            num_heads=2,
            ffn_size=32,
            expansion=2,
            max_positions=8,
        )
        torch.manual_seed(3)
        model = ExLM(cfg).eval()
        sd, hparams = fairseq_state(model, cfg)
        ckpt = os.path.join(self.tmp, "gpt2.pt")
        torch.save({"args": None, "cfg": {"model": hparams}, "model": sd}, ckpt)
        out = os.path.join(self.tmp, "model")
        convert(ckpt, self.dict, out, {"gpt2_encoder": self.encoder, "gpt2_bpe": self.bpe}, log=QUIET)
        self.check_tokenizer(read_json(os.path.join(out, "tokenizer.json")))
        loaded, cfg2 = load_model_folder(out)
        self.assertEqual(cfg2, cfg)
        # fairseq row 4 (dict line 1, "hello") is our id 5: the rows went back where they came from
        torch.testing.assert_close(loaded.embed.weight, model.embed.weight, atol=1e-2, rtol=0)
        self.assertTrue(
            torch.equal(
                sd["encoder.sentence_encoder.embed_tokens.weight"][4].half().float(), loaded.embed.weight[5].detach()
            )
        )
        card = read_text(os.path.join(out, "README.md"))
        self.assertIn("GPT-2 byte-level BPE (encoder.json, vocab.bpe)", card)
        self.assertIn("2 GPT-2 tokens are not in dict.txt", card)


if __name__ == "__main__":
    unittest.main()
