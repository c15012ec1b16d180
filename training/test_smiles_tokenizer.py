"""The atom-level SMILES tokenizer: its tokens, ids, tokenizer.json and the golden file of the TS side.

Run: /usr/bin/python3 -m unittest training.test_smiles_tokenizer
"""

import json
import tempfile
import unittest
from pathlib import Path

from training.decode import continuation_of
from training.smiles_tokenizer import (
    GOLDEN_PATH,
    GOLDEN_TEXTS,
    GOLDEN_VOCAB_SMILES,
    REPO_ROOT,
    SMILES_PATTERN,
    SmilesTokenizer,
    build_smiles_vocab,
    smiles_pieces,
    smiles_tokenizer_json,
    write_smiles_tokenizer_json,
)
from training.tokenizer import SPECIAL_TOKENS


class TestPieces(unittest.TestCase):
    def test_atoms_bonds_branches_and_rings(self):
        self.assertEqual(
            smiles_pieces("CC(=O)Oc1ccccc1C(=O)O"),
            ["C", "C", "(", "=", "O", ")", "O", "c", "1", "c", "c", "c", "c", "c", "1", "C", "(", "=", "O", ")", "O"],
        )

    def test_two_letter_elements_and_bracket_atoms_are_one_token(self):
        self.assertEqual(
            smiles_pieces("ClC(Br)[C@@H]([NH3+])[nH]"),
            ["Cl", "C", "(", "Br", ")", "[C@@H]", "(", "[NH3+]", ")", "[nH]"],
        )
        self.assertEqual(smiles_pieces("[2H]OC.[Na+]"), ["[2H]", "O", "C", ".", "[Na+]"])

    def test_bonds_and_two_digit_ring_closures(self):
        self.assertEqual(smiles_pieces("C%12CC%12"), ["C", "%12", "C", "C", "%12"])
        self.assertEqual(smiles_pieces("F/C=C\\F"), ["F", "/", "C", "=", "C", "\\", "F"])
        self.assertEqual(smiles_pieces("C#N.C$C.c:c"), ["C", "#", "N", ".", "C", "$", "C", ".", "c", ":", "c"])
        self.assertEqual(smiles_pieces("C12"), ["C", "1", "2"])  # two ring closures, not ring 12

    def test_special_tokens_are_cut_out_before_the_pattern(self):
        self.assertEqual(smiles_pieces("C[MASK]O"), ["C", "[MASK]", "O"])
        self.assertEqual(smiles_pieces("[[MASK]]"), ["[UNK]", "[MASK]", "[UNK]"])
        self.assertEqual(smiles_pieces("[mask]"), ["[mask]"])  # a bracket "atom", not the mask

    def test_whitespace_is_skipped_and_other_characters_are_unk(self):
        self.assertEqual(smiles_pieces(" C C\tO\n"), ["C", "C", "O"])
        self.assertEqual(smiles_pieces("CXC"), ["C", "[UNK]", "C"])
        self.assertEqual(smiles_pieces("C😀C"), ["C", "[UNK]", "C"])  # one [UNK] per character
        self.assertEqual(smiles_pieces("%1"), ["[UNK]", "1"])
        self.assertEqual(smiles_pieces("[C"), ["[UNK]", "C"])

    def test_joined_pieces_give_the_smiles_back(self):
        for smiles in GOLDEN_VOCAB_SMILES + ["C%12CC%12", "[13CH3]C", "c1cc[se]c1", "OC(=O)/C=C\\C(=O)O"]:
            self.assertEqual("".join(smiles_pieces(smiles)), smiles)


class TestVocabAndIds(unittest.TestCase):
    def test_special_tokens_first_then_by_frequency(self):
        vocab = build_smiles_vocab(["CCO", "CCN", "c1ccccc1"])
        self.assertEqual(vocab[:5], SPECIAL_TOKENS)
        self.assertEqual(vocab[5:], ["c", "C", "1", "N", "O"])  # c x5, C x4, 1 x2, then N and O by code point

    def test_vocabulary_does_not_depend_on_the_order_of_molecules(self):
        smiles = ["CCO", "CCN", "c1ccccc1", "ClCBr", "[Na+].[Cl-]"]
        self.assertEqual(build_smiles_vocab(smiles), build_smiles_vocab(reversed(smiles)))

    def test_encode_decode_and_unknown_tokens(self):
        tokenizer = SmilesTokenizer(build_smiles_vocab(["CC(=O)O"]))
        ids = tokenizer.encode("CC(=O)O")
        self.assertEqual(tokenizer.decode(ids), "CC(=O)O")
        self.assertEqual(tokenizer.encode("C[MASK]N"), [tokenizer.ids["C"], 4, 1])
        self.assertEqual(tokenizer.tokenize("CBr"), ["C", "[UNK]"])
        self.assertEqual(tokenizer.decode([2, *ids, 3], skip_special_tokens=True), "CC(=O)O")
        self.assertEqual(tokenizer.decode([2, 999]), "[CLS][UNK]")

    def test_vocabulary_without_special_tokens_first_is_refused(self):
        with self.assertRaisesRegex(ValueError, "starts with"):
            SmilesTokenizer(["C", *SPECIAL_TOKENS])
        with self.assertRaisesRegex(ValueError, "once"):
            SmilesTokenizer([*SPECIAL_TOKENS, "C", "C"])


class TestTokenizerJson(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = Path(self.tmp.name) / "tokenizer.json"
        self.vocab = build_smiles_vocab(GOLDEN_VOCAB_SMILES)

    def tearDown(self):
        self.tmp.cleanup()

    def test_write_then_load_keeps_the_vocabulary_and_says_its_type(self):
        write_smiles_tokenizer_json(self.vocab, self.path)
        doc = json.loads(self.path.read_text(encoding="utf-8"))
        self.assertEqual(doc["type"], "smiles")
        self.assertEqual([(t["id"], t["content"]) for t in doc["added_tokens"]], list(enumerate(SPECIAL_TOKENS)))
        self.assertEqual(SmilesTokenizer.from_file(self.path).vocab, self.vocab)

    def test_training_reads_it_as_a_vocabulary_of_whole_words(self):
        # training/train.py reads model.vocab (token -> id) and masks whole words: every SMILES token is one.
        vocab = smiles_tokenizer_json(self.vocab)["model"]["vocab"]
        self.assertEqual(len(vocab), len(self.vocab))
        self.assertFalse(continuation_of(vocab).any())

    def test_other_files_are_refused(self):
        doc = smiles_tokenizer_json(self.vocab)
        for change, message in (
            ({"type": "wordpiece"}, "not a SMILES tokenizer"),
            ({"pre_tokenizer": {"pattern": {"Regex": "."}}}, "pattern must be"),
            ({"model": {"vocab": {"[PAD]": 0, "C": 2}}}, "without gaps"),
        ):
            self.path.write_text(json.dumps({**doc, **change}), encoding="utf-8")
            with self.assertRaisesRegex(ValueError, message):
                SmilesTokenizer.from_file(self.path)
        self.path.write_text("{", encoding="utf-8")
        with self.assertRaisesRegex(ValueError, "cannot read"):
            SmilesTokenizer.from_file(self.path)


class TestGolden(unittest.TestCase):
    """src/model/smilesTokenizer.test.ts checks the TypeScript tokenizer against the same file."""

    @classmethod
    def setUpClass(cls):
        cls.golden = json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))
        cls.tokenizer = SmilesTokenizer.from_file(REPO_ROOT / cls.golden["tokenizer"])

    def test_golden_tokenizer_is_the_one_the_module_builds(self):
        self.assertEqual(self.tokenizer.vocab, build_smiles_vocab(GOLDEN_VOCAB_SMILES))
        doc = json.loads((REPO_ROOT / self.golden["tokenizer"]).read_text(encoding="utf-8"))
        self.assertEqual(doc["pre_tokenizer"]["pattern"]["Regex"], SMILES_PATTERN)

    def test_python_reproduces_the_golden_cases(self):
        self.assertEqual([c["text"] for c in self.golden["cases"]], GOLDEN_TEXTS)
        for case in self.golden["cases"]:
            with self.subTest(text=case["text"]):
                ids = self.tokenizer.encode(case["text"])
                self.assertEqual(ids, case["ids"])
                self.assertEqual(self.tokenizer.tokenize(case["text"]), case["tokens"])
                self.assertEqual(self.tokenizer.decode(ids), case["decoded"])

    def test_golden_cases_meet_every_rule(self):
        ids = [i for case in self.golden["cases"] for i in case["ids"]]
        self.assertIn(1, ids)  # [UNK]
        self.assertIn(4, ids)  # [MASK]
        tokens = {t for case in self.golden["cases"] for t in case["tokens"]}
        for token in ("Cl", "Br", "[C@@H]", "[nH]", "(", "=", "#", "/", "\\", "."):
            self.assertIn(token, tokens)


if __name__ == "__main__":
    unittest.main()
