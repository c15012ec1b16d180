"""Model card and evaluation sample on the tiny fixtures, written into temporary folders (the
fixtures' own folders are never touched).

Run: /usr/bin/python3 -m unittest training.test_model_card
"""

import contextlib
import io
import json
import os
import shutil
import tempfile
import unittest
from unittest import mock

from training import model_card
from training.decode import continuation_of
from training.eval_sample import make_sample, ratio_key
from training.evaluate import compare, evaluate_folder
from training.model_card import train_command, write_card
from training.train import TrainConfig, maskable_words, parse_config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = [os.path.join(ROOT, "models", n) for n in ("tiny-random", "tiny-random-mlm")]

SOURCE = {
    "version": "1.0.0",
    "license": "MIT",
    "terms": "README: please don't commercially republish them",
    "splits": {
        s: {"sentences": 10 * i + 1, "tokens": 100 * i + 7} for i, s in enumerate(("train", "validation", "test"))
    },
}
STATS = {
    "vocab_size": 315,
    "config": {"test_fraction": 0.03, "validation_fraction": 0.01},
    "sources": {"nlp-corpus": SOURCE},
    "totals": {s: {"sentences": v["sentences"], "tokens": v["tokens"]} for s, v in SOURCE["splits"].items()},
}


SMILES_TOKENIZER = os.path.join(ROOT, "src", "model", "testdata", "smiles-sample.tokenizer.json")
SMILES_SOURCE = {
    "origin": "example molecules",
    "terms": "ChEMBL: CC BY-SA 3.0; distributed in Debian's rdkit-data under RDKit's BSD-3-Clause licence",
    "kept": {"train": 80, "validation": 10, "test": 10},
}
SMILES_STATS = {
    "kind": "smiles",
    "vocab_size": 26,
    "config": {
        "rdkit_data": "/usr/share/RDKit",
        "seed": "exlm-smiles-v1",
        "validation_fraction": 0.1,
        "test_fraction": 0.1,
        "min_tokens": 3,
        "max_tokens": 126,
        "augment": 4,
    },
    "sources": {
        "chembl-set": SMILES_SOURCE,
        "nci-set": dict(
            SMILES_SOURCE, terms="NCI's open database is public", kept={"train": 8, "validation": 1, "test": 2}
        ),
    },
    "totals": {
        split: {
            "molecules": m,
            "scaffolds": m // 2,
            "rows": 5 * m if split == "train" else m,
            "tokens": 40 * m,
            "tokens_per_row": {"mean": 37.0, "median": 36.0, "max": 120},
        }
        for split, m in (("train", 88), ("validation", 11), ("test", 12))
    },
}


def fixture_sentences():
    """Id lists inside the fixtures' 315-entry vocabulary."""
    return [[5 + (7 * i + 3 * j) % 300 for j in range(4 + i % 9)] for i in range(30)]


def fixture_continuations():
    with open(os.path.join(FIXTURES[0], "tokenizer.json")) as fh:
        return continuation_of(json.load(fh)["model"]["vocab"]).numpy()


class TestEvalSample(unittest.TestCase):
    def test_seeded_and_well_formed(self):
        cont = fixture_continuations()
        sentences = fixture_sentences() + [[1, 7, 8, 9], [5, 6]]  # an [UNK] sentence, a short one
        a, eligible = make_sample(sentences, 10, seed=7, cont=cont)
        b, _ = make_sample(sentences, 10, seed=7, cont=cont)
        c, _ = make_sample(sentences, 10, seed=8, cont=cont)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        self.assertEqual(eligible, sum(1 for ids in fixture_sentences() if maskable_words(ids, cont)))
        self.assertEqual([it["index"] for it in a], sorted(it["index"] for it in a))
        for item in a:
            n = len(item["ids"])
            self.assertEqual(item["ids"], sentences[item["index"]])
            words = maskable_words(item["ids"], cont)
            n_words = sum(1 for t in item["ids"] if not cont[t])
            for r in (0.15, 0.3, 0.5):
                pos = item["masks"][ratio_key(r)]
                self.assertEqual(len(pos), min(len(words), max(1, round(r * n_words))))
                self.assertEqual(pos, sorted(set(pos)))
                self.assertTrue(set(pos) <= set(words))  # whole one-piece words only
                self.assertTrue(all(0 <= p < n for p in pos))


class TestMoleculeSample(unittest.TestCase):
    def test_tokens_are_words_and_the_domain_is_recorded(self):
        import numpy as np

        cont = np.zeros(26, dtype=bool)  # a SMILES vocabulary has no continuation pieces
        molecules = [[5 + (3 * i + j) % 20 for j in range(3 + i % 40)] for i in range(40)] + [[5, 1, 6]]
        sample, eligible = make_sample(molecules, 50, seed=7, cont=cont, domain="molecules")
        self.assertEqual(eligible, 40)  # the one with an [UNK] is left out
        for item in sample:
            self.assertEqual(item["domain"], "molecules")
            n = len(item["ids"])
            for r in (0.15, 0.3, 0.5):
                self.assertEqual(len(item["masks"][ratio_key(r)]), max(1, round(r * n)))
        long = [[5] * 126, [5] * 127]  # molecules are kept up to 126 tokens, sentences up to 60
        self.assertEqual(make_sample(long, 5, seed=7, cont=cont, domain="molecules")[1], 1)
        self.assertEqual(make_sample(long, 5, seed=7, cont=cont)[1], 0)
        self.assertEqual(
            {it["domain"] for it in make_sample(fixture_sentences(), 5, 7, fixture_continuations())[0]}, {"text"}
        )


class TestModelCard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        sample, _ = make_sample(fixture_sentences(), 12, seed=7, cont=fixture_continuations())
        cls.sentences = len(sample)
        cls.py = dict(
            sample="s.jsonl",
            sentences=len(sample),
            backend="wasm",
            route="ids",
            models=[evaluate_folder(f, sample) for f in FIXTURES],
        )
        for m in cls.py["models"]:
            m["parameters"] = 0

    def make_folder(self, tmp, training):
        folder = os.path.join(tmp, "tiny-random")
        shutil.copytree(FIXTURES[0], folder)
        with open(os.path.join(folder, "config.json")) as fh:
            cfg = json.load(fh)
        cfg["training"] = training
        with open(os.path.join(folder, "config.json"), "w") as fh:
            json.dump(cfg, fh)
        return folder

    def test_card_of_a_trained_model(self):
        tc = dict(
            vars(TrainConfig()),
            name="tiny-random",
            expansion=4,
            max_steps=2400,
            data_dir="runs/data",
            time_budget_minutes=110.0,
        )
        training = dict(
            steps=1800,
            sequences=123456,
            source_tokens=4567890,
            minutes=109.9,
            hardware="x86_64, 1 CPU threads, bf16 autocast True",
            seed=1234,
            config=tc,
            validation=dict(step=1800, top1=0.31, top5=0.52, entropy=3.2, masks=900),
        )
        with tempfile.TemporaryDirectory() as tmp:
            folder = self.make_folder(tmp, training)
            card = write_card(folder, self.py, STATS, parity=self.py)
            self.assertFalse(os.path.exists(os.path.join(FIXTURES[0], "README.md")))
        exlm, mlm = self.py["models"]
        for m in (exlm, mlm):  # both twins' rows, at every ratio
            for r in m["ratios"]:
                self.assertIn(
                    f"| {r['ratio']:.0%} | {r['masks']} | {100 * r['top1']:.1f}% | "
                    f"{100 * r['top5']:.1f}% | {r['entropy']:.3f} |",
                    card,
                )
        self.assertIn("**tiny-random** (this model)", card)
        self.assertIn("41,149", card)  # parameters, from weights.json
        self.assertIn("steps: 1,800 of a 2,400-step schedule", card)
        self.assertIn("x86_64, 1 CPU threads", card)
        self.assertIn("commercially", card)
        self.assertIn(
            "/usr/bin/python3 -m training.train --name tiny-random --expansion 4 --data-dir runs/data --max-steps 2400 "
            "--time-budget-minutes 110.0",
            card,
        )
        self.assertIn("`--stop-step 1800`", card)
        self.assertIn(f"npm run eval -- --models {FIXTURES[0]},{FIXTURES[1]} --limit {self.sentences}", card)
        self.assertIn("differ by at most 0 masks", card)
        self.assertIn("Its twin, tiny-random-mlm", card)
        self.assertIn("(float32 shards)", card)  # the fixture stores float32
        self.assertIn("on the same float32 files", card)

    def test_storage_comes_from_the_manifest(self):
        int8 = [
            {
                "paths": [],
                "weights": [
                    {"name": "a", "dtype": "float32", "quantization": {"dtype": "float16"}},
                    {"name": "b", "dtype": "float32", "quantization": {"dtype": "int8", "scale_axis": 0}},
                ],
            }
        ]
        self.assertEqual(model_card.storage_text(int8), "int8 and float16")
        self.assertEqual(
            model_card.storage_text([{"paths": [], "weights": [{"name": "a", "dtype": "float32"}]}]), "float32"
        )

    def test_card_of_an_increment_and_the_first_sentences(self):
        from training.increment import with_increment

        first_cfg = dict(vars(TrainConfig()), name="tiny-random", expansion=4, max_steps=2000)
        first = dict(
            steps=2000,
            sequences=1000,
            source_tokens=50000,
            minutes=90.0,
            hardware="x86_64, 1 CPU threads",
            seed=1234,
            config=first_cfg,
            validation=dict(step=2000, top1=0.25, top5=0.45, entropy=4.0, masks=700),
        )
        inc_cfg = dict(
            vars(TrainConfig()),
            name="tiny-inc",
            expansion=4,
            max_steps=500,
            lr=4e-4,
            first_batch=2000,
            init_from="models/tiny-random",
            single_copy_steps=0,
            link_warmup_steps=0,
            copy_wta=1.0,
        )
        inc_cfg.pop("out_root")
        dag = dict(
            copy_use=[0.25] * 4,
            copy_top1=[0.2, 0.21, 0.22, 0.24],
            copy_entropy=1.3,
            joint_gain=0.012,
            own_copy_mass=1.0,
            slot_top1=0.27,
        )
        info = dict(
            steps=500,
            sequences=300,
            source_tokens=9000,
            minutes=30.0,
            hardware="x86_64, 1 CPU threads",
            seed=1234,
            config=inc_cfg,
            log=[dict(step=500, minutes=30, top1=0.27, top5=0.5, entropy=3.9, dag=dag)],
            validation=dict(step=500, top1=0.27, top5=0.5, entropy=3.9, masks=700, dag=dag),
        )
        before = dict(top1=0.25, top5=0.45, entropy=4.0, masks=700)
        training = with_increment(first, info, inc_cfg, "models/tiny-random", before, "2026-12-07")
        rows = [
            dict(
                text="the [MASK] sat .",
                topic="t",
                answers=[["cat"]],
                fill=["dog"],
                slots=[dict(top=[["dog", 0.4], ["cat", 0.3]], top1=False, top5=True, entropy=2.0)],
            )
        ]
        first_sentences = [
            dict(model="tiny-random", rows=rows, slots=1, top1=0.0, top5=1.0, sentences_right=0),
            dict(model="tiny-random-mlm", rows=rows, slots=1, top1=0.0, top5=1.0, sentences_right=0),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            folder = self.make_folder(tmp, training)
            card = write_card(
                folder, self.py, STATS, parity=self.py, first=first_sentences, pair=["tiny-random", "tiny-random-mlm"]
            )
        self.assertIn("steps: 2,500 in 2 increments", card)
        self.assertIn("| 1 | random weights | 1-2,000 | 2,000 | 90 |", card)
        self.assertIn("| 2 | `models/tiny-random` | 2,001-2,500 | 500 | 30 |", card)
        self.assertIn("| 25.0% | 27.0% | 20.0%-24.0% | +0.012 |", card)
        self.assertIn("learned DAG + 0.5 anchor + 1.0 link prior + 1.0 winner-take-all (eps 0.1)", card)
        self.assertIn("--name tiny-inc --expansion 4", card)
        self.assertIn("--init-from models/tiny-random", card)
        self.assertIn("copied to `models/tiny-random`", card)
        self.assertIn("| tiny-random | 1 | 0.0% | 100.0% | 0 of 1 |", card)
        self.assertIn("| the [MASK] sat . | cat | dog 40%, **cat** 30% | dog 40%, **cat** 30% |", card)

    def test_card_beside_an_earlier_pair_of_int8_weights(self):
        from training.increment import with_increment

        first_cfg = dict(vars(TrainConfig()), name="tiny-random", expansion=4, max_steps=200)
        first = dict(
            steps=200, sequences=100, source_tokens=5000, minutes=9.0, hardware="x86_64", seed=1, config=first_cfg
        )
        inc_cfg = dict(
            vars(TrainConfig()), name="tiny-next", expansion=4, max_steps=100, init_from="models/tiny-random"
        )
        inc_cfg.pop("out_root")
        info = dict(steps=100, sequences=50, source_tokens=2500, minutes=5.0, hardware="x86_64", seed=1, config=inc_cfg)
        training = with_increment(first, info, inc_cfg, "models/tiny-random", None, "2026-12-07")
        training["quantized_from"] = dict(folder="tiny-next", weights="int8")
        earlier = [dict(m, model=m["model"] + "-old", folder=m["folder"] + "-old") for m in self.py["models"]]
        results = dict(self.py, models=self.py["models"] + earlier)
        with tempfile.TemporaryDirectory() as tmp:
            folder = self.make_folder(tmp, training)
            card = write_card(folder, results, STATS, pair=["tiny-random", "tiny-random-mlm"])
        self.assertIn("Its twin, tiny-random-mlm, has", card)  # the earlier pair is not its twin
        exlm, mlm = self.py["models"]
        self.assertIn(
            f"- 15% masked: tiny-random {'beats' if exlm['ratios'][0]['top1'] > mlm['ratios'][0]['top1'] else 'ties' if exlm['ratios'][0]['top1'] == mlm['ratios'][0]['top1'] else 'does not beat'} tiny-random-mlm",
            card,
        )
        self.assertNotIn("\nNone\n", card)
        self.assertIn("/usr/bin/python3 -m training.quantize_folder models/tiny-next models/tiny-random-int8", card)
        self.assertIn("converted to int8 as `models/tiny-random-int8` and copied to `models/tiny-random`", card)
        self.assertIn("-old`: copies of the earlier folders", card)

    def test_untrained_fixture_and_refusals(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = self.make_folder(tmp, {"note": "random weights for tests"})
            card = write_card(folder, self.py, STATS)
            other = dict(self.py, models=self.py["models"][1:])
            with self.assertRaises(SystemExit) as caught, contextlib.redirect_stderr(io.StringIO()):
                write_card(folder, other, STATS)
            self.assertIn("no model named tiny-random", str(caught.exception))
            stale = dict(self.py, sentences=self.py["sentences"] + 1)
            with self.assertRaises(SystemExit) as caught:
                write_card(folder, self.py, STATS, parity=stale)
            self.assertIn("rerun training.evaluate --compare", str(caught.exception))
        self.assertIn("untrained weights", card)
        self.assertIn('config.json says "random weights for tests"', card)
        self.assertIn("This folder records no training command.", card)
        self.assertNotIn("Its twin", card)
        self.assertNotIn("Notes from training", card)

    def test_training_notes_go_into_the_card(self):
        with tempfile.TemporaryDirectory() as tmp, mock.patch.object(model_card, "NOTES_DIR", tmp):
            folder = self.make_folder(tmp, {"note": "random weights for tests"})
            with open(os.path.join(tmp, "tiny-random.md"), "w") as fh:
                fh.write("The links collapsed.\n")
            card = write_card(folder, self.py, STATS)
        self.assertIn("## Notes from training\n\nThe links collapsed.\n\n## Known limits", card)

    def test_train_command_lists_only_changed_options(self):
        self.assertEqual(
            train_command(dict(vars(TrainConfig()), threads=1, name="mlm-en-small")),
            "/usr/bin/python3 -m training.train --name mlm-en-small --expansion 4 --threads 1",
        )
        preset = vars(parse_config(["--preset", "paper-base", "--lr", "1e-3", "--name", "exlm-paper"]))
        self.assertEqual(
            train_command(preset),  # what the preset sets is not repeated; what overrode it is
            "/usr/bin/python3 -m training.train --name exlm-paper --expansion 4 --preset paper-base --lr 0.001",
        )

    def test_compare_flags_a_difference(self):
        ts = json.loads(json.dumps(self.py))
        lines, ok = compare(ts, self.py, 3, 1e-3)
        self.assertTrue(ok)
        ts["models"][0]["ratios"][1]["top1_hits"] += 4
        lines, ok = compare(ts, self.py, 3, 1e-3)
        self.assertFalse(ok)
        self.assertIn("DIFFER", lines[1])
        ts = json.loads(json.dumps(self.py))
        ts["models"][1]["ratios"][0]["entropy"] += 2e-3
        self.assertFalse(compare(ts, self.py, 3, 1e-3)[1])


class TestMoleculeCard(unittest.TestCase):
    """A molecule model's card: the tiny fixtures reading SMILES, with results of its evaluation
    (the numbers are made up: the card only has to print them where they belong)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.folders = []
        for fixture in FIXTURES:
            name = os.path.basename(fixture).replace("tiny-random", "tiny-smiles")
            folder = os.path.join(self.tmp.name, name)
            shutil.copytree(fixture, folder)
            shutil.copy(SMILES_TOKENIZER, os.path.join(folder, "tokenizer.json"))
            self.folders.append(folder)
        ratios = lambda validity: [  # noqa: E731
            dict(
                ratio=r,
                masks=10 * (i + 1),
                top1=0.5 - 0.1 * i,
                top5=0.9,
                top1_hits=5,
                top5_hits=9,
                entropy=1.0,
                mean_ms=40.0,
                validity=validity - 0.2 * i,
                exact=0.1 / (i + 1),
                fills=12,
                valid_fills=6,
                exact_fills=1,
            )
            for i, r in enumerate((0.15, 0.3, 0.5))
        ]
        self.results = dict(
            tool="npm run eval",
            backend="wasm",
            route="ids",
            domain="molecules",
            validity_checker="RDKit MinimalLib 2026.09.1",
            valid_references=11,
            sample="data/smiles/eval-sample.jsonl",
            sentences=12,
            models=[
                dict(
                    model="tiny-smiles", folder=self.folders[0], architecture="exlm", expansion=4, ratios=ratios(0.55)
                ),
                dict(
                    model="tiny-smiles-mlm", folder=self.folders[1], architecture="mlm", expansion=1, ratios=ratios(0.5)
                ),
            ],
        )

    def tearDown(self):
        self.tmp.cleanup()

    def test_card_of_a_molecule_model(self):
        tc = dict(vars(TrainConfig()), name="tiny-smiles", expansion=4, max_steps=3000, data_dir="data/smiles")
        with open(os.path.join(self.folders[0], "config.json")) as fh:
            cfg = json.load(fh)
        cfg["training"] = dict(
            steps=3000,
            sequences=9000,
            source_tokens=300000,
            minutes=80.0,
            hardware="x86_64, 1 CPU threads",
            seed=1234,
            config=tc,
        )
        with open(os.path.join(self.folders[0], "config.json"), "w") as fh:
            json.dump(cfg, fh)
        dag = dict(
            slots=500,
            split="test",
            ratio=0.15,
            pairs=90,
            copy_use=[0.25] * 4,
            copy_top1=[0.3] * 4,
            copy_entropy=1.2,
            copy_entropy_max=1.3863,
            own_copy_mass=1.0,
            slot_top1=0.6,
            joint_gain=0.02,
        )
        card = write_card(self.folders[0], self.results, SMILES_STATS, dag=dag)
        self.assertIn("tiny-smiles is a small ExLM for molecules written as SMILES (k = 4", card)
        self.assertIn("| vocabulary | 315 SMILES tokens (atoms", card)  # the fixture's config says 315
        self.assertIn("not the one of this data (26)", card)
        self.assertIn("not meant for drug design", card)
        self.assertIn("- masking: 15% of the SMILES tokens, each masked token one [MASK]", card)
        self.assertNotIn("WordPiece", card)
        self.assertNotIn("sentences people try first", card)
        self.assertNotIn("commercially", card)  # that is nlp-corpus's request, not these sources'
        # data: sources with their terms, the scaffold split, augmentation and the share-alike licence
        self.assertIn("| `chembl-set` | example molecules | ChEMBL: CC BY-SA 3.0;", card)
        self.assertIn("| **total** | | | 88 | 11 | 12 |", card)
        self.assertIn("111 molecules from 2 example sets", card)
        self.assertIn("| train | 88 | 44 | 440 | 3,520 | 37.0 / 120 |", card)
        self.assertIn("Bemis-Murcko", card)
        self.assertIn("seed `exlm-smiles-v1`", card)
        self.assertIn("up to 4 randomized ones", card)
        self.assertIn("share-alike); the sets `chembl-set` hold them.", card)
        self.assertIn(
            "it credits ChEMBL as their source, and its weights are shared under the same terms, CC BY-SA 3.0", card
        )
        # evaluation: 12 molecules, validity and exactness per ratio, ExLM against its twin
        self.assertIn("Masked-token prediction on 12 test-split molecules", card)
        self.assertIn("RDKit (RDKit MinimalLib 2026.09.1", card)
        self.assertIn("the rule of training/smiles_validity.py (11 of the 12 test molecules themselves pass it)", card)
        self.assertIn(
            "| **tiny-smiles** (this model) | 4 | 15% | 10 | 50.0% | 90.0% | 1.000 | 55.0% | 10.0% | 40 |", card
        )
        self.assertIn("| tiny-smiles-mlm | 1 | 50% | 30 | 30.0% | 90.0% | 1.000 | 10.0% | 3.3% | 40 |", card)
        self.assertIn(
            "- 15% masked: more of tiny-smiles's joint fills are molecules than of tiny-smiles-mlm's "
            "(55.0% against 50.0%; the test molecule itself 10.0% against 10.0%).",
            card,
        )
        self.assertIn("--compare data/eval-results-smiles.json", card)
        # the DAG on molecules, the limits and the commands
        self.assertIn("on 500 masks of single test-split molecules\n(15% of the tokens masked)", card)
        self.assertIn("on 88 molecules", card)
        self.assertIn("/usr/bin/python3 -m training.smiles_data", card)
        self.assertIn("--name tiny-smiles --expansion 4 --data-dir data/smiles --max-steps 3000", card)
        self.assertIn("training.eval_sample --data-dir data/smiles --n 12", card)
        self.assertIn(f"npm run eval -- --models {self.folders[0]},{self.folders[1]}", card)
        self.assertIn(f"training.diagnostics --model {self.folders[0]} --data-dir data/smiles", card)
        self.assertIn("--stats data/smiles/stats.json", card)
        self.assertNotIn("give `--data-dir", card)  # data/smiles is where molecule data belongs

    def test_masking_range_in_the_training_lines_and_the_history(self):
        self.assertEqual(model_card.masked_share(dict(mask_ratio=0.15)), "15%")
        self.assertEqual(model_card.masked_share(dict(mask_ratio=0.15, mask_ratio_max=0)), "15%")
        ranged = dict(mask_ratio=0.15, mask_ratio_max=0.5)
        self.assertEqual(model_card.masked_share(ranged), "between 15% and 50% (drawn for each input)")
        row = dict(increment=2, init_from="models/a", first_batch=3000, steps=600, losses=ranged)
        fixed = dict(row, increment=1, init_from=None, first_batch=0, steps=3000, losses=dict(mask_ratio=0.15))
        table = model_card.history_table([fixed, row], exlm=False)
        self.assertIn("| 1 | random weights | 1-3,000 | 3,000 | 0 |  |  | cross-entropy |", table)
        self.assertIn("| cross-entropy; 15%-50% masked, drawn for each input |", table)

    def test_card_refuses_text_files_for_a_molecule_model_and_the_other_way_round(self):
        text_results = dict(self.results, domain="text")
        with self.assertRaises(SystemExit) as caught:
            write_card(self.folders[0], text_results, SMILES_STATS)
        self.assertIn(
            "is a molecule model but the evaluation results (--eval) are for text models: give "
            "data/eval-results-smiles.json",
            str(caught.exception),
        )
        with self.assertRaises(SystemExit) as caught:
            write_card(self.folders[0], self.results, STATS)
        self.assertIn(
            "data statistics (--stats) are for text models: give data/smiles/stats.json", str(caught.exception)
        )
        text_folder = os.path.join(self.tmp.name, "tiny-random")
        shutil.copytree(FIXTURES[0], text_folder)
        with self.assertRaises(SystemExit) as caught:
            write_card(
                text_folder, dict(self.results, models=[dict(self.results["models"][0], model="tiny-random")]), STATS
            )
        self.assertIn(
            "is a text model but the evaluation results (--eval) are for molecule models: give data/eval-results.json",
            str(caught.exception),
        )

    def test_valid_among_the_n_best_fills(self):
        # Results of npm run eval that list each input's 16 best joint fills: two more columns, their
        # definition, and the comparison's line; results without them keep the card as it was.
        plain = write_card(self.folders[0], self.results, SMILES_STATS)
        self.assertNotIn("best joint fills", plain)
        self.assertNotIn("valid among", plain)
        results = json.loads(json.dumps(self.results))
        results["best_fills"] = 16
        for m, share in zip(results["models"], (0.9, 0.8)):
            for r in m["ratios"]:
                r.update(validity_n_best=share, exact_n_best=share / 4)
        card = write_card(self.folders[0], results, SMILES_STATS)
        self.assertIn("| valid | exact | valid among 16 best | its exact | ms / molecule |", card)
        self.assertIn(
            "| **tiny-smiles** (this model) | 4 | 15% | 10 | 50.0% | 90.0% | 1.000 | 55.0% | 10.0% | 90.0% | 22.5% | 40 |",
            card,
        )
        self.assertIn("**Valid among the 16 best** is the share of inputs for which one of the model's 16", card)
        self.assertIn(
            "(55.0% against 50.0%; the test molecule itself 10.0% against 10.0%; among the 16 best joint fills "
            "a molecule for 90.0% against 80.0% of the inputs, the first one the test molecule for 22.5% against "
            "20.0%).",
            card,
        )

    def test_a_development_export_without_a_training_config(self):
        with open(os.path.join(self.folders[0], "config.json")) as fh:
            cfg = json.load(fh)
        cfg["training"] = {"steps": 1652, "note": "development export"}
        with open(os.path.join(self.folders[0], "config.json"), "w") as fh:
            json.dump(cfg, fh)
        card = write_card(self.folders[0], self.results, SMILES_STATS)
        self.assertIn('1,652 steps; config.json records no more than that ("development export").', card)
        self.assertIn("This folder records no training command.", card)


if __name__ == "__main__":
    unittest.main()
