"""The molecules data: a full build from rdkit-data, its scaffold split, augmentation and token files,
determinism, training on it, and the validity metric.

Run: /usr/bin/python3 -m unittest training.test_smiles_data
(needs Debian's python3-rdkit and rdkit-data, in scripts/build/apt-packages.txt; the full build takes
about a minute on a 2-core machine)
"""

import csv
import io
import json
import random
import shutil
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
from rdkit import Chem, rdBase

from training import train
from training.smiles_data import (
    SPLITS,
    SmilesDataConfig,
    SourceError,
    assign_splits,
    build,
    canonical_smiles,
    random_spellings,
    scaffold_of,
)
from training.smiles_tokenizer import SmilesTokenizer, smiles_pieces
from training.smiles_validity import is_valid_smiles, validity

SMALL_SOURCES = ("chembl-fraggle", "chembl24-sample", "zinc-cdk2", "bzr")


def quiet_build(config):
    with redirect_stdout(io.StringIO()):
        return build(config)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


class TestFullBuild(unittest.TestCase):
    """One build of the real data with the default settings, as `python3 -m training.smiles_data` makes it."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.out = Path(cls.tmp)
        cls.config = SmilesDataConfig(out_dir=cls.out)
        cls.stats = quiet_build(cls.config)
        cls.tokenizer = SmilesTokenizer.from_file(cls.out / "tokenizer.json")
        cls.molecules = {split: read_tsv(cls.out / f"{split}.molecules.tsv") for split in SPLITS}
        cls.rows = {split: (cls.out / f"{split}.txt").read_text(encoding="utf-8").splitlines() for split in SPLITS}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_every_source_gives_molecules(self):
        for name, counts in self.stats["sources"].items():
            self.assertGreater(sum(counts["kept"].values()), 0, name)
            self.assertIn("BSD-3-Clause", counts["terms"])
        self.assertGreater(len(self.molecules["train"]), 10_000)

    def test_splits_are_about_80_10_10_and_share_no_scaffold_or_molecule(self):
        sizes = {split: len(self.molecules[split]) for split in SPLITS}
        total = sum(sizes.values())
        for split, share in (("train", 0.8), ("validation", 0.1), ("test", 0.1)):
            self.assertAlmostEqual(sizes[split] / total, share, delta=0.01, msg=split)
        scaffolds = {split: {m["scaffold"] for m in self.molecules[split]} for split in SPLITS}
        smiles = {split: {m["smiles"] for m in self.molecules[split]} for split in SPLITS}
        for a, b in (("train", "validation"), ("train", "test"), ("validation", "test")):
            self.assertFalse(scaffolds[a] & scaffolds[b], f"{a} and {b} share scaffolds")
            self.assertFalse(smiles[a] & smiles[b], f"{a} and {b} share molecules")
        self.assertEqual(sum(len(s) for s in smiles.values()), total)  # each molecule once

    def test_every_training_row_round_trips_through_the_tokenizer(self):
        for row in self.rows["train"]:
            self.assertEqual("".join(smiles_pieces(row)), row)
            self.assertEqual(self.tokenizer.decode(self.tokenizer.encode(row)), row)  # no [UNK] in train

    def test_token_files_hold_the_rows(self):
        for split in SPLITS:
            tokens = np.load(self.out / f"{split}.tokens.npy")
            offsets = np.load(self.out / f"{split}.offsets.npy")
            docs = np.load(self.out / f"{split}.docs.npy")
            self.assertEqual(tokens.dtype, np.uint16)
            self.assertEqual(len(offsets), len(self.rows[split]) + 1)
            self.assertEqual(docs.tolist(), list(range(len(self.rows[split]))))  # one document per row
            lengths = np.diff(offsets)
            self.assertGreaterEqual(lengths.min(), self.config.min_tokens)
            self.assertLessEqual(lengths.max(), self.config.max_tokens)
            for i in random.Random(0).sample(range(len(self.rows[split])), 300):
                ids = tokens[offsets[i] : offsets[i + 1]].tolist()
                self.assertEqual(ids, self.tokenizer.encode(self.rows[split][i]))

    def test_training_rows_are_the_canonical_and_randomized_spellings_of_their_molecule(self):
        index = np.load(self.out / "train.molecules.npy")
        spellings = {}
        for i, row in zip(index.tolist(), self.rows["train"]):
            spellings.setdefault(i, []).append(row)
        self.assertEqual(len(spellings), len(self.molecules["train"]))
        rng = random.Random(1)
        for i, rows in spellings.items():
            self.assertEqual(rows[0], self.molecules["train"][i]["smiles"])  # canonical first
            self.assertLessEqual(len(rows), 1 + self.config.augment)
            self.assertEqual(len(set(rows)), len(rows))
        for i in rng.sample(sorted(spellings), 400):  # RDKit reads each spelling as the same molecule
            for row in spellings[i]:
                self.assertEqual(canonical_smiles(row), spellings[i][0])
        augmented = sum(len(rows) - 1 for rows in spellings.values()) / len(spellings)
        self.assertGreater(augmented, 0.9 * self.config.augment)

    def test_held_out_rows_are_canonical_only(self):
        for split in ("validation", "test"):
            self.assertEqual(self.rows[split], [m["smiles"] for m in self.molecules[split]])
            self.assertEqual(np.load(self.out / f"{split}.molecules.npy").tolist(), list(range(len(self.rows[split]))))

    def test_stats_match_the_files(self):
        for split in SPLITS:
            totals = self.stats["totals"][split]
            self.assertEqual(totals["molecules"], len(self.molecules[split]))
            self.assertEqual(totals["rows"], len(self.rows[split]))
        self.assertEqual(self.stats["vocab_size"], self.tokenizer.vocab_size)
        self.assertEqual(json.loads((self.out / "stats.json").read_text())["totals"], self.stats["totals"])


class TestSmallBuild(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_same_command_writes_the_same_files(self):
        first, second = Path(self.tmp, "a"), Path(self.tmp, "b")
        quiet_build(SmilesDataConfig(out_dir=first, sources=SMALL_SOURCES))
        quiet_build(SmilesDataConfig(out_dir=second, sources=SMALL_SOURCES))
        names = sorted(p.name for p in first.iterdir())
        self.assertEqual(names, sorted(p.name for p in second.iterdir()))
        for name in names:
            if name != "stats.json":  # it holds the time taken
                self.assertEqual((first / name).read_bytes(), (second / name).read_bytes(), name)

    def test_another_seed_gives_another_split(self):
        a, b = Path(self.tmp, "a"), Path(self.tmp, "b")
        quiet_build(SmilesDataConfig(out_dir=a, sources=SMALL_SOURCES))
        quiet_build(SmilesDataConfig(out_dir=b, sources=SMALL_SOURCES, seed="another"))
        self.assertNotEqual((a / "test.txt").read_text(), (b / "test.txt").read_text())

    def test_missing_rdkit_data_names_the_package(self):
        with self.assertRaisesRegex(SourceError, "apt-get install rdkit-data"):
            quiet_build(SmilesDataConfig(out_dir=Path(self.tmp), rdkit_data=Path(self.tmp, "nowhere")))

    def test_training_loads_the_data_unchanged(self):
        out = Path(self.tmp, "smiles")
        quiet_build(SmilesDataConfig(out_dir=out, sources=SMALL_SOURCES, augment=1))
        args = ["--data-dir", str(out), "--out-root", self.tmp, "--hidden-size", "16", "--num-layers", "1"]
        args += ["--num-heads", "2", "--ffn-size", "32", "--tokens-per-batch", "512", "--eval-every", "2"]
        args += ["--eval-sequences", "8", "--diag-sentences", "8", "--warmup-steps", "1", "--threads", "1"]
        with redirect_stdout(io.StringIO()) as log:
            train.main(args + ["--name", "smiles-toy", "--expansion", "2", "--max-steps", "2"])
        rows = len((out / "train.txt").read_text().splitlines())
        self.assertIn(f"{rows} training segments", log.getvalue())  # one molecule per sequence
        self.assertIn("validation at step 2", log.getvalue())
        folder = Path(self.tmp, "models", "smiles-toy")
        self.assertEqual(json.loads((folder / "tokenizer.json").read_text())["type"], "smiles")


class TestSplitAndSpellings(unittest.TestCase):
    def test_scaffold_groups_stay_whole_whatever_the_order(self):
        scaffolds = [f"s{i % 37}" for i in range(400)] + [""] * 60
        splits = assign_splits(scaffolds, "seed", 0.1, 0.1)
        by_scaffold = {}
        for scaffold, split in zip(scaffolds, splits):
            by_scaffold.setdefault(scaffold, set()).add(split)
        self.assertTrue(all(len(s) == 1 for s in by_scaffold.values()))
        self.assertEqual(by_scaffold[""], {"train"})  # the big acyclic group trains
        order = list(range(len(scaffolds)))
        random.Random(3).shuffle(order)
        shuffled = assign_splits([scaffolds[i] for i in order], "seed", 0.1, 0.1)
        self.assertEqual(
            {scaffolds[i]: s for i, s in zip(order, shuffled)}, {sc: s.pop() for sc, s in by_scaffold.items()}
        )

    def test_split_sizes_follow_the_fractions(self):
        scaffolds = [f"s{i}" for i in range(1000)]
        splits = assign_splits(scaffolds, "seed", 0.1, 0.1)
        self.assertEqual([splits.count(s) for s in SPLITS], [800, 100, 100])

    def test_random_spellings_are_other_spellings_of_the_molecule(self):
        smiles = canonical_smiles("CC(=O)Oc1ccccc1C(=O)O")
        spellings = random_spellings(smiles, 4, "seed", 126)
        self.assertEqual(len(spellings), 4)
        self.assertNotIn(smiles, spellings)
        self.assertEqual({canonical_smiles(s) for s in spellings}, {smiles})
        self.assertEqual(spellings, random_spellings(smiles, 4, "seed", 126))
        self.assertNotEqual(spellings, random_spellings(smiles, 4, "other", 126))
        self.assertEqual(random_spellings(smiles, 4, "seed", 5), [])  # none fits 5 tokens
        self.assertEqual(random_spellings("C", 4, "seed", 126), [])  # methane has one spelling

    def test_scaffold_of_keeps_rings_and_linkers(self):
        self.assertEqual(scaffold_of(Chem.MolFromSmiles("CCc1ccccc1CCC1CC1")), "c1ccc(CCC2CC2)cc1")
        self.assertEqual(scaffold_of(Chem.MolFromSmiles("CCCCO")), "")


class TestValidity(unittest.TestCase):
    def test_molecules_are_valid(self):
        for smiles in ("CCO", "c1ccccc1", "C[C@@H](C(=O)O)N", "[Na+].[Cl-]", "OC(=O)/C=C\\C(=O)O", "C%12CC%12"):
            self.assertTrue(is_valid_smiles(smiles), smiles)

    def test_broken_strings_are_not(self):
        with rdBase.BlockLogs():
            for text in (
                "c1cccc1",
                "C1CC",
                "CC(C",
                "C(C)(C)(C)(C)C",
                "",
                " ",
                "CC O",
                "C[MASK]O",
                "C[UNK]",
                "Xx",
                "[C",
            ):
                self.assertFalse(is_valid_smiles(text), repr(text))

    def test_validity_is_the_share_of_valid_strings(self):
        self.assertEqual(validity(["CCO", "C1CC", "c1ccccc1", "CC("]), 0.5)
        self.assertEqual(validity([]), 0.0)


if __name__ == "__main__":
    unittest.main()
