"""Training end to end on a toy corpus: runs, resumes from its checkpoint, exports, refuses bad data.

Run: /usr/bin/python3 -m unittest training.test_train
"""

import io
import json
import os
import random
import shutil
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import torch

from training import train
from training.decode import continuation_of
from training.export import load_model_folder
from training.make_fixture import TESTDATA

TOKENIZER = os.path.join(TESTDATA, "tiny-random.tokenizer.json")


def write_toy_data(folder, vocab_size, n_sentences=120, seed=0):
    rng = np.random.default_rng(seed)
    shutil.copyfile(TOKENIZER, os.path.join(folder, "tokenizer.json"))
    for split in ("train", "validation"):
        lengths = rng.integers(3, 20, n_sentences)
        tokens = rng.integers(5, vocab_size, int(lengths.sum())).astype(np.uint16)
        np.save(os.path.join(folder, f"{split}.tokens.npy"), tokens)
        np.save(os.path.join(folder, f"{split}.offsets.npy"), np.concatenate([[0], np.cumsum(lengths)]))
        np.save(os.path.join(folder, f"{split}.docs.npy"), (np.arange(n_sentences) // 5).astype(np.int32))


def run(args):
    out = io.StringIO()
    with redirect_stdout(out):
        train.main(args)
    return out.getvalue()


class TestTrain(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.vocab = len(json.load(open(TOKENIZER))["model"]["vocab"])
        write_toy_data(self.tmp, self.vocab)
        self.args = [
            "--data-dir",
            self.tmp,
            "--out-root",
            self.tmp,
            "--hidden-size",
            "16",
            "--num-layers",
            "1",
            "--num-heads",
            "2",
            "--ffn-size",
            "32",
            "--max-positions",
            "32",
            "--tokens-per-batch",
            "256",
            "--eval-every",
            "4",
            "--eval-sequences",
            "8",
            "--warmup-steps",
            "2",
            "--threads",
            "1",
        ]

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_exlm_trains_resumes_and_exports(self):
        log = run(self.args + ["--name", "toy", "--expansion", "3", "--max-steps", "4"])
        self.assertIn("validation at step 4", log)
        log = run(self.args + ["--name", "toy", "--expansion", "3", "--max-steps", "8"])
        self.assertIn("resumed from", log)
        self.assertIn("after 8 steps", log)
        model, cfg = load_model_folder(os.path.join(self.tmp, "models", "toy"))
        self.assertEqual((cfg.expansion, cfg.vocab_size), (3, self.vocab))
        config = json.load(open(os.path.join(self.tmp, "models", "toy", "config.json")))
        self.assertEqual(config["training"]["steps"], 8)

    def test_increment_continues_from_a_model_folder_and_records_history(self):
        run(self.args + ["--name", "base", "--expansion", "2", "--max-steps", "4"])
        base = os.path.join(self.tmp, "models", "base")
        start, _ = load_model_folder(base)
        log = run(
            self.args
            + [
                "--name",
                "more",
                "--expansion",
                "2",
                "--max-steps",
                "3",
                "--init-from",
                base,
                "--copy-balance",
                "1",
                "--copy-wta",
                "1",
                "--hidden-size",
                "999",
            ]
        )
        self.assertIn("before this increment", log)
        self.assertIn("after 3 steps", log)
        model, cfg = load_model_folder(os.path.join(self.tmp, "models", "more"))
        self.assertEqual(cfg.hidden_size, 16)  # the folder's sizes, not the command line's
        moved = [not torch.equal(a, b) for a, b in zip(start.parameters(), model.parameters())]
        self.assertTrue(any(moved))
        training = json.load(open(os.path.join(self.tmp, "models", "more", "config.json")))["training"]
        self.assertEqual(training["steps"], 7)  # totals over both increments
        first, second = training["history"]
        self.assertEqual((first["increment"], first["init_from"], first["steps"]), (1, None, 4))
        self.assertEqual((second["increment"], second["first_batch"], second["steps"]), (2, 4, 3))
        # Named relative to the out-root: the folder's name once copied into the repository's models/.
        self.assertEqual((second["init_from"], training["config"]["init_from"]), ("models/base",) * 2)
        self.assertEqual(second["losses"]["single_copy_steps"], 0)  # the recipe's phases are done
        self.assertEqual(second["losses"]["copy_wta"], 1.0)
        self.assertEqual(set(second["before"]), {"top1", "top5", "entropy", "masks", "dag"})
        self.assertEqual(second["after"]["top1"], training["validation"]["top1"])
        # A third increment extends the same history.
        run(
            self.args
            + [
                "--name",
                "third",
                "--expansion",
                "2",
                "--max-steps",
                "2",
                "--init-from",
                os.path.join(self.tmp, "models", "more"),
            ]
        )
        training = json.load(open(os.path.join(self.tmp, "models", "third", "config.json")))["training"]
        self.assertEqual([r["first_batch"] for r in training["history"]], [0, 4, 7])
        self.assertEqual(training["steps"], 9)

    def test_increment_refuses_another_k_or_tokenizer(self):
        run(self.args + ["--name", "base", "--expansion", "2", "--max-steps", "2"])
        base = os.path.join(self.tmp, "models", "base")
        with self.assertRaises(SystemExit) as err:
            run(self.args + ["--name", "k3", "--expansion", "3", "--max-steps", "1", "--init-from", base])
        self.assertIn("k = 2", str(err.exception.code))
        tok = json.load(open(os.path.join(base, "tokenizer.json")))
        vocab = tok["model"]["vocab"]
        first = next(t for t, i in vocab.items() if i == 10)
        vocab["zz" + first] = vocab.pop(first)
        json.dump(tok, open(os.path.join(base, "tokenizer.json"), "w"))
        with self.assertRaises(SystemExit) as err:
            run(self.args + ["--name", "tok", "--expansion", "2", "--max-steps", "1", "--init-from", base])
        self.assertIn("tokenizer.json differs", str(err.exception.code))

    def test_twins_see_the_same_batches(self):
        cfg = train.TrainConfig(max_positions=32, tokens_per_batch=256)
        data = [np.load(os.path.join(self.tmp, f"train.{e}.npy")) for e in ("tokens", "offsets", "docs")]
        cont = continuation_of(json.load(open(TOKENIZER))["model"]["vocab"]).numpy()
        a, b = train.BatchStream(*data, cfg, cont), train.BatchStream(*data, cfg, cont)
        for step in (0, 5, 40):  # 40 lies in a later epoch
            self.assertEqual(a.get(step), b.get(step))
        x, y = a.get(3)
        for xi, yi in zip(x, y):
            self.assertEqual(xi.count(4), len(yi) - 2)
            self.assertLessEqual(len(xi), 32)

    def test_masks_whole_one_piece_words(self):
        vocab = json.load(open(TOKENIZER))["model"]["vocab"]
        cont = continuation_of(vocab).numpy()
        piece = next(i for t, i in vocab.items() if t.startswith("##"))
        words = [i for t, i in vocab.items() if i >= 5 and not t.startswith("##")][:6]
        # w0 w1+piece w2 w3+piece+piece w4 w5: only w0, w2, w4, w5 are one-piece words
        ids = [words[0], words[1], piece, words[2], words[3], piece, piece, words[4], words[5]]
        self.assertEqual(train.maskable_words(ids, cont), [0, 3, 7, 8])
        for seed in range(20):
            x, y = train.mask_segment(ids, 0.5, random.Random(seed), cont)
            masked = [p for p, t in enumerate(x[1:-1]) if t == 4]
            self.assertEqual(len(masked), 3)  # round(0.5 * 6 words)
            self.assertTrue(set(masked) <= {0, 3, 7, 8})
            self.assertEqual(y[1:-1], [ids[p] for p in masked])
            self.assertFalse(any(cont[t] for t in y[1:-1]))

    def test_segment_ratio_fixed_draws_nothing(self):
        cfg = train.TrainConfig(mask_ratio=0.15)
        rng, twin = random.Random(3), random.Random(3)
        self.assertEqual([train.segment_ratio(cfg, rng) for _ in range(5)], [0.15] * 5)
        self.assertEqual(rng.random(), twin.random())  # the batches of a fixed share are unchanged

    def test_segment_ratio_range_covers_it(self):
        cfg = train.TrainConfig(mask_ratio=0.15, mask_ratio_max=0.5)
        rng = random.Random(7)
        ratios = [train.segment_ratio(cfg, rng) for _ in range(2000)]
        self.assertTrue(all(0.15 <= r <= 0.5 for r in ratios))
        self.assertLess(min(ratios), 0.17)
        self.assertGreater(max(ratios), 0.48)
        self.assertAlmostEqual(sum(ratios) / len(ratios), 0.325, delta=0.01)

    def test_refuses_mask_ratio_max_below_mask_ratio(self):
        with self.assertRaises(SystemExit), redirect_stderr(io.StringIO()) as err:
            train.parse_config(["--mask-ratio", "0.3", "--mask-ratio-max", "0.2"])
        self.assertIn("must lie above --mask-ratio 0.3", err.getvalue())
        self.assertEqual(train.parse_config(["--mask-ratio-max", "0.5"]).mask_ratio_max, 0.5)

    def test_refuses_config_that_does_not_match_tokenizer(self):
        np.save(os.path.join(self.tmp, "train.tokens.npy"), np.array([5, 6, 60000], dtype=np.uint16))
        np.save(os.path.join(self.tmp, "train.offsets.npy"), np.array([0, 3]))
        np.save(os.path.join(self.tmp, "train.docs.npy"), np.array([0], dtype=np.int32))
        with self.assertRaises(SystemExit) as err:
            run(self.args + ["--name", "bad", "--max-steps", "1"])
        self.assertIn("outside the vocabulary", str(err.exception.code))


class TestRecordedFolder(unittest.TestCase):
    def test_relative_to_the_out_root_when_under_it_else_to_the_repository(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(train.__file__)))
        runs = os.path.join(root, "runs")
        self.assertEqual(train.recorded_folder(os.path.join(runs, "models", "x"), runs), "models/x")
        self.assertEqual(train.recorded_folder(os.path.join(root, "models", "x"), runs), "models/x")
        self.assertEqual(train.recorded_folder(os.path.join(root, "a", "b"), ""), "a/b")


if __name__ == "__main__":
    unittest.main()
