"""Regression test of the ExLM training recipe on a synthetic language whose alignment is unambiguous.

Every sentence counts up from a random start in steps of a random stride (mod 24), so each masked
word follows from its neighbours and no two adjacent masked words are alike: a slot read from the
wrong [MASK]'s copies gets it wrong. A correctly trained ExLM reads each slot from its own [MASK]
(own-copy mass near 1). The learned links on their own, from the first step, collapse onto a
content-blind route (the failure this recipe fixes); the second test shows the task catches it.

Run: /usr/bin/python3 -m unittest training.test_alignment   (about 40 s on one core)
"""

import io
import json
import os
import shutil
import tempfile
import unittest
from contextlib import redirect_stdout

import numpy as np
import torch

from training import train
from training.decode import continuation_of
from training.export import load_model_folder
from training.make_fixture import TESTDATA

TOKENIZER = os.path.join(TESTDATA, "tiny-random.tokenizer.json")
TYPES = 24  # word types of the synthetic language


def word_ids():
    """TYPES whole-word ids of the tiny tokenizer (no "##" pieces, no special tokens)."""
    with open(TOKENIZER) as fh:
        vocab = json.load(fh)["model"]["vocab"]
    ids = sorted(i for t, i in vocab.items() if i >= 5 and not t.startswith("##"))
    assert len(ids) >= TYPES
    return np.array(ids[:TYPES])


def write_counting_data(folder, n_sentences=600, seed=0):
    rng = np.random.default_rng(seed)
    words = word_ids()
    shutil.copyfile(TOKENIZER, os.path.join(folder, "tokenizer.json"))
    for split in ("train", "validation"):
        lengths = rng.integers(6, 14, n_sentences)
        sentences = [words[(rng.integers(TYPES) + np.arange(n)) % TYPES] for n in lengths]
        np.save(os.path.join(folder, f"{split}.tokens.npy"), np.concatenate(sentences).astype(np.uint16))
        np.save(os.path.join(folder, f"{split}.offsets.npy"), np.concatenate([[0], np.cumsum(lengths)]))
        np.save(os.path.join(folder, f"{split}.docs.npy"), np.arange(n_sentences, dtype=np.int32))


class TestAlignment(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        write_counting_data(cls.tmp)
        cls.valid = train.load_split(cls.tmp, "validation")
        with open(TOKENIZER) as fh:
            cls.cont = continuation_of(json.load(fh)["model"]["vocab"]).numpy()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def train_and_diagnose(self, name, extra):
        args = [
            "--data-dir",
            self.tmp,
            "--out-root",
            self.tmp,
            "--name",
            name,
            "--expansion",
            "4",
            "--hidden-size",
            "32",
            "--num-layers",
            "2",
            "--num-heads",
            "2",
            "--ffn-size",
            "64",
            "--max-positions",
            "16",
            "--segment-tokens",
            "14",
            "--tokens-per-batch",
            "512",
            "--mask-ratio",
            "0.3",
            "--warmup-steps",
            "20",
            "--lr",
            "3e-3",
            "--eval-every",
            "1000",
            "--eval-sequences",
            "16",
            "--diag-sentences",
            "16",
            "--threads",
            "1",
            "--bf16",
            "off",
        ] + extra
        with redirect_stdout(io.StringIO()):
            train.main(args)
        model, _ = load_model_folder(os.path.join(self.tmp, "models", name))
        torch.manual_seed(0)
        return train.diagnose(model.float(), self.valid[0], self.valid[1], 200, self.cont, "cpu", ratio=0.3)

    def test_recipe_reads_each_slot_from_its_own_mask(self):
        dag = self.train_and_diagnose(
            "recipe",
            [
                "--max-steps",
                "500",
                "--single-copy-steps",
                "100",
                "--link-warmup-steps",
                "200",
                "--link-anchor",
                "0.5",
                "--link-prior",
                "1.0",
            ],
        )
        self.assertGreaterEqual(dag["own_copy_mass"], 0.9, dag)
        self.assertGreater(min(dag["copy_top1"]), 0.8, dag)  # every copy learned its slot
        self.assertGreater(dag["copy_entropy"], 0.5, dag)  # and the links still use several copies

    def test_learned_links_alone_collapse(self):
        dag = self.train_and_diagnose(
            "no-warmup",
            [
                "--max-steps",
                "240",
                "--single-copy-steps",
                "0",
                "--link-warmup-steps",
                "0",
                "--link-anchor",
                "0",
                "--link-prior",
                "0",
            ],
        )
        self.assertLess(dag["own_copy_mass"], 0.9, dag)


if __name__ == "__main__":
    unittest.main()
