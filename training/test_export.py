"""Export round trip: a model written to a folder and read back computes the same thing.

Run: /usr/bin/python3 -m unittest training.test_export
"""

import json
import os
import tempfile
import unittest

import torch

from training.export import SHARD_BYTES, export_model, load_model_folder
from training.make_fixture import CASES, fixture_config
from training.model import CLS, SEP, ExLM, make_batch
from training.tokenizer import build_wordpiece_vocab, write_tokenizer_json


class TestExport(unittest.TestCase):
    def roundtrip(self, k, dtype):
        cfg = fixture_config(k)
        cfg.vocab_size = 300
        torch.manual_seed(k)
        model = ExLM(cfg).eval()
        with tempfile.TemporaryDirectory() as tmp:
            tok = os.path.join(tmp, "tok.json")
            write_tokenizer_json(build_wordpiece_vocab([t for _, t in CASES], 300, 1), tok)
            out = os.path.join(tmp, "model")
            export_model(model, tok, out, dtype=dtype, training_info={"steps": 0})
            loaded, cfg2 = load_model_folder(out)
            manifest = json.load(open(os.path.join(out, "weights.json")))
            config = json.load(open(os.path.join(out, "config.json")))
            self.assertTrue(os.path.exists(os.path.join(out, "tokenizer.json")))
        self.assertEqual(cfg2, cfg)
        self.assertEqual(config["architecture"], "exlm" if k > 1 else "mlm")
        self.assertEqual(config["training"], {"steps": 0})
        names = [w["name"] for w in manifest[0]["weights"]]
        self.assertEqual(len(names), len(list(model.parameters())))
        self.assertEqual(any(n.startswith("transition.") for n in names), k > 1)
        batch = make_batch([[CLS, 7, 4, 9, SEP]], [[CLS, 8, SEP]], k)
        with torch.no_grad():
            a, b = model(batch), loaded(batch)
        tol = 1e-6 if dtype == "float32" else 1e-2
        torch.testing.assert_close(a["logprobs"], b["logprobs"], atol=tol, rtol=0)
        return manifest

    def test_float32_roundtrip_exlm_and_twin(self):
        self.roundtrip(4, "float32")
        self.roundtrip(1, "float32")

    def test_float16_manifest_uses_tfjs_quantization(self):
        manifest = self.roundtrip(4, "float16")
        w = manifest[0]["weights"][0]
        self.assertEqual((w["dtype"], w["quantization"]["dtype"]), ("float32", "float16"))

    def test_shards_are_split_at_4mb(self):
        cfg = fixture_config(1)
        cfg.vocab_size, cfg.hidden_size, cfg.ffn_size = 20000, 64, 128  # ~2.6M floats
        model = ExLM(cfg)
        with tempfile.TemporaryDirectory() as tmp:
            tok = os.path.join(tmp, "tok.json")
            write_tokenizer_json(build_wordpiece_vocab(["a b c"], 30, 1), tok)
            size = export_model(model, tok, tmp, dtype="float32")
            shards = sorted(f for f in os.listdir(tmp) if f.endswith(".bin"))
            sizes = [os.path.getsize(os.path.join(tmp, f)) for f in shards]
        self.assertGreater(len(shards), 1)
        self.assertTrue(all(s <= SHARD_BYTES for s in sizes))
        self.assertEqual(sum(sizes), size)


if __name__ == "__main__":
    unittest.main()
