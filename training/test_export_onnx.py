"""ONNX export (training/export_onnx.py): the exported forward pass computes what the PyTorch
reference computes, within 1e-4, for any length.

Run: /usr/bin/python3 -m unittest training.test_export_onnx -v

What runs the .onnx file itself: onnxruntime in Python when it is installed (Debian has no package
for it), else src/model/onnx-peer.test.ts (onnxruntime-web in Node, vitest) against the reference
JSON this module checks, and npm run bench:peer in Chromium.
"""

import importlib.util
import json
import os
import tempfile
import unittest

import torch

from training.export import load_model_folder
from training.export_onnx import OnnxForward, default_ids, export_onnx, model_digest, onnx_inputs, reference_outputs
from training.model import CLS, MASK, SEP

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = os.path.join(ROOT, "models", "tiny-random")
TINY_MLM = os.path.join(ROOT, "models", "tiny-random-mlm")
FIXTURE = os.path.join(ROOT, "src", "model", "testdata", "tiny-random.onnx-reference.json")
TOL = 1e-4
# A second input of another length (T = 22, L = 12) than the export's (T = 39, L = 20).
SHORT_IDS = [CLS, 40, MASK, 17, 99, 23, 8, 61, 12, 5, 77, MASK, 30, SEP]


def has_module(name):
    return importlib.util.find_spec(name) is not None


def max_diff(a, b):
    """Largest |a - b| where both are finite; fails unless both are -inf at the same places."""
    a, b = torch.as_tensor(a, dtype=torch.float32), torch.as_tensor(b, dtype=torch.float32)
    assert a.shape == b.shape, (a.shape, b.shape)
    inf_a, inf_b = torch.isneginf(a), torch.isneginf(b)
    assert torch.equal(inf_a, inf_b), "-inf at different places"
    assert torch.isfinite(a[~inf_a]).all() and torch.isfinite(b[~inf_b]).all(), "NaN or +inf"
    return (a[~inf_a] - b[~inf_b]).abs().max().item()


def from_json(values, shape):
    return torch.tensor([float("-inf") if v is None else v for v in values]).view(*shape)


class TestOnnxForward(unittest.TestCase):
    """The module that is exported, run in PyTorch, against ExLM.forward."""

    def check(self, folder, ids, fn=None):
        model, cfg = load_model_folder(folder)
        wrapper = OnnxForward(model).eval()
        inputs, expanded = onnx_inputs(ids, cfg.expansion)
        fn = fn or wrapper
        with torch.no_grad():
            out = fn(*inputs)
        log_probs, links = reference_outputs(model, ids)
        L = len(expanded["states"])
        if cfg.architecture == "exlm":
            got_lp, got_links = out
            self.assertEqual(tuple(got_links.shape), (L, L))
            self.assertLess(max_diff(got_links, links), TOL)
        else:
            got_lp = out
        self.assertEqual(tuple(got_lp.shape), (L, cfg.vocab_size))
        self.assertLess(max_diff(got_lp, log_probs), TOL)
        return model, wrapper, inputs

    def test_exlm_matches_reference(self):
        model, _, _ = self.check(TINY, default_ids(315))
        self.check(TINY, SHORT_IDS)
        self.assertEqual(model.cfg.vocab_size, 315)

    def test_mlm_twin_matches_reference(self):
        self.check(TINY_MLM, default_ids(315))

    def test_low_links_stay_finite(self):
        # Scale the transition scores up until links fall far below -88 (where exp underflows in
        # float32): the logsumexp over chunks must still agree with torch.logsumexp.
        model, cfg = load_model_folder(TINY)
        with torch.no_grad():
            model.link_query.weight.mul_(8)
        inputs, _ = onnx_inputs(default_ids(cfg.vocab_size), cfg.expansion)
        with torch.no_grad():
            _, links = OnnxForward(model).eval()(*inputs)
        _, ref = reference_outputs(model, default_ids(cfg.vocab_size))
        self.assertLess(ref[torch.isfinite(ref)].min().item(), -88)
        self.assertLess(max_diff(links, ref), TOL * 10)

    def test_trace_takes_other_lengths(self):
        # The ONNX graph is this trace: traced at T = 39, L = 20, it must compute other lengths too.
        model, cfg = load_model_folder(TINY)
        wrapper = OnnxForward(model).eval()
        traced_at, _ = onnx_inputs(default_ids(cfg.vocab_size), cfg.expansion)
        with torch.no_grad():
            traced = torch.jit.trace(wrapper, traced_at, check_trace=False)
        self.check(TINY, SHORT_IDS, fn=traced)


class TestExportFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "tiny-random.onnx")
        cls.ref = export_onnx(TINY, cls.out)
        cls.ref_path = os.path.join(cls.tmp.name, "tiny-random.reference.json")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_files_written(self):
        with open(self.out, "rb") as fh:
            graph = fh.read()
        self.assertGreater(len(graph), 1000)
        self.assertNotIn(b"ReduceLogSumExp", graph)
        with open(self.ref_path) as fh:
            ref = json.load(fh)
        self.assertEqual(ref["model_digest"], model_digest(TINY))
        L, V = len(ref["states"]), ref["vocab_size"]
        self.assertEqual((len(ref["tokens"]), L), (39, 20))
        self.assertEqual(len(ref["log_probs"]), L * V)
        self.assertEqual(len(ref["links"]), L * L)

    @unittest.skipUnless(
        has_module("onnx"),
        "the onnx Python module is not installed "
        "(Debian: python3-onnx); the graph is checked by onnxruntime-web instead",
    )
    def test_onnx_checker(self):
        import onnx

        graph = onnx.load(self.out)
        onnx.checker.check_model(graph)
        dims = {
            i.name: [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]
            for i in list(graph.graph.input) + list(graph.graph.output)
        }
        self.assertEqual(
            dims,
            {
                "tokens": ["T"],
                "pos1": ["T"],
                "pos2": ["T"],
                "states": ["L"],
                "log_probs": ["L", 315],
                "links": ["L", "L"],
            },
        )
        self.assertNotIn("ReduceLogSumExp", {n.op_type for n in graph.graph.node})

    @unittest.skipUnless(
        has_module("onnxruntime"),
        "no Python ONNX runtime (onnxruntime) here: "
        "src/model/onnx-peer.test.ts runs the graph in onnxruntime-web (Node) "
        "against the same reference, and npm run bench:peer in Chromium",
    )
    def test_onnxruntime_matches_reference(self):
        import onnxruntime

        session = onnxruntime.InferenceSession(self.out, providers=["CPUExecutionProvider"])
        model, cfg = load_model_folder(TINY)
        for ids in (default_ids(cfg.vocab_size), SHORT_IDS):
            inputs, _ = onnx_inputs(ids, cfg.expansion)
            feed = {n: x.numpy() for n, x in zip(["tokens", "pos1", "pos2", "states"], inputs)}
            log_probs, links = session.run(["log_probs", "links"], feed)
            ref_lp, ref_links = reference_outputs(model, ids)
            self.assertLess(max_diff(log_probs, ref_lp), TOL)
            self.assertLess(max_diff(links, ref_links), TOL)


class TestNodeFixture(unittest.TestCase):
    """src/model/testdata/tiny-random.onnx-reference.json, the reference of the Node test, is what
    the PyTorch reference computes for models/tiny-random as it is now."""

    def test_fixture_is_current(self):
        with open(FIXTURE) as fh:
            ref = json.load(fh)
        model, cfg = load_model_folder(TINY)
        self.assertEqual(
            ref["model_digest"],
            model_digest(TINY),
            "models/tiny-random changed: rewrite the fixture (training/export_onnx.py)",
        )
        log_probs, links = reference_outputs(model, ref["ids"])
        L = len(ref["states"])
        # The golden tolerance: float32 results differ by ~1e-5 between CPUs whose BLAS kernels
        # differ (AVX-512 or not), and the fixture was written on one of them.
        self.assertLess(max_diff(from_json(ref["log_probs"], (L, cfg.vocab_size)), log_probs), 1e-4)
        self.assertLess(max_diff(from_json(ref["links"], (L, L)), links), 1e-4)


if __name__ == "__main__":
    unittest.main()
