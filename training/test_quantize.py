"""int8 weights: the codec (training/quantize.py), the exporter's int8 option and the folder converter.

Run: /usr/bin/python3 -m unittest training.test_quantize
"""

import json
import os
import tempfile
import unittest

import numpy as np
import torch

from training.export import SHARD_BYTES, export_model, load_model_folder, read_weights, write_weights
from training.make_fixture import CASES, fixture_config
from training.model import CLS, SEP, ExLM, make_batch
from training.quantize import (
    INT8_MAX,
    decode_int8,
    dequantize_int8,
    encode_int8,
    int8_byte_length,
    quantize_int8,
    scale_axis_of,
)
from training.quantize_folder import QuantizeError, quantize_folder
from training.tokenizer import build_wordpiece_vocab, write_tokenizer_json


def tiny_model(k, seed=0):
    cfg = fixture_config(k)
    cfg.vocab_size = 300
    torch.manual_seed(seed)
    return ExLM(cfg).eval()


def read_text(path):
    with open(path) as fh:
        return fh.read()


def read_json(path):
    return json.loads(read_text(path))


def write_text(path, text):
    with open(path, "w") as fh:
        fh.write(text)


def write_tokenizer(folder):
    path = os.path.join(folder, "tok.json")
    write_tokenizer_json(build_wordpiece_vocab([t for _, t in CASES], 300, 1), path)
    return path


class TestCodec(unittest.TestCase):
    def test_round_trip_error_is_at_most_half_a_step(self):
        rng = np.random.default_rng(0)
        a = rng.normal(0, 0.05, (64, 48)).astype(np.float32) * rng.uniform(0.1, 3, (64, 1)).astype(np.float32)
        for axis in (0, 1):
            for scale_dtype in ("float16", "float32"):
                q, scales = quantize_int8(a, axis, scale_dtype)
                self.assertEqual((q.dtype, scales.dtype.name, scales.shape), (np.int8, scale_dtype, (a.shape[axis],)))
                self.assertLessEqual(int(np.abs(q.astype(int)).max()), INT8_MAX)
                step = np.expand_dims(scales.astype(np.float32), 1 - axis)
                error = np.abs(dequantize_int8(q, scales, axis) - a)
                # float16 scales round down by at most 2^-11 relative, so q may clip at 127: still within a step
                bound = step * (0.5 if scale_dtype == "float32" else 0.51)
                self.assertTrue(np.all(error <= bound + 1e-9), f"axis {axis}, {scale_dtype}")
        q, scales = quantize_int8(a, 0)
        rel = np.sqrt(((dequantize_int8(q, scales, 0) - a) ** 2).mean() / (a**2).mean())
        self.assertLess(rel, 0.01)

    def test_zero_rows_tiny_rows_and_overflow(self):
        a = np.zeros((3, 4), np.float32)
        a[1] = [1e-9, -1e-9, 0, 0]  # below the smallest float16 scale: stored as zeros
        a[2] = [1, -2, 3, -4]
        q, scales = quantize_int8(a, 0)
        self.assertEqual(scales[0], 0)
        np.testing.assert_array_equal(q[:2], 0)
        np.testing.assert_allclose(dequantize_int8(q, scales, 0)[2], a[2], atol=4 / 254)
        big = np.full((2, 2), 1e7, np.float32)
        with self.assertRaisesRegex(ValueError, "overflows float16.*float32 scales"):
            quantize_int8(big, 0, "float16")
        q, scales = quantize_int8(big, 0, "float32")
        np.testing.assert_allclose(dequantize_int8(q, scales, 0), big, rtol=1e-6)

    def test_kernels_scale_per_output_unit_and_tables_per_row(self):
        self.assertEqual(scale_axis_of("layers.0.ffn.fc1.kernel"), 1)
        self.assertEqual(scale_axis_of("transition.gate.kernel"), 1)
        self.assertEqual(scale_axis_of("embed.weight"), 0)
        self.assertEqual(scale_axis_of("transition.pos"), 0)

    def test_bytes_round_trip_and_malformed_records(self):
        a = np.random.default_rng(2).normal(0, 1, (5, 7)).astype(np.float32)
        record, data = encode_int8("w.kernel", a)
        self.assertEqual(len(data), int8_byte_length([5, 7], record))
        self.assertEqual((record["scale_axis"], len(data)), (1, 35 + 7 * 2))
        back = decode_int8("w", [5, 7], record, data)
        q, scales = quantize_int8(a, record["scale_axis"])
        np.testing.assert_array_equal(back, dequantize_int8(q, scales, record["scale_axis"]))
        with self.assertRaisesRegex(ValueError, 'tensor "w": int8 scale_dtype .bfloat16.; expected'):
            decode_int8("w", [5, 7], {**record, "scale_dtype": "bfloat16"}, data)
        with self.assertRaisesRegex(ValueError, 'tensor "w": int8 scale_axis 2; expected an axis of its shape'):
            decode_int8("w", [5, 7], {**record, "scale_axis": 2}, data)
        bad = bytearray(data)
        bad[35:37] = np.array([np.inf], "<f2").tobytes()
        with self.assertRaisesRegex(ValueError, 'tensor "w": int8 scales must be finite'):
            decode_int8("w", [5, 7], record, bytes(bad))


class TestInt8Folders(unittest.TestCase):
    def test_export_int8_matrices_and_float16_vectors_close_to_float32(self):
        for k in (4, 1):
            model = tiny_model(k)
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "model")
                size = export_model(model, write_tokenizer(tmp), out, dtype="int8")
                manifest = read_json(os.path.join(out, "weights.json"))
                shards = [os.path.join(out, p) for p in manifest[0]["paths"]]
                self.assertEqual(sum(os.path.getsize(p) for p in shards), size)
                loaded, _ = load_model_folder(out)
            expected = 0
            for w in manifest[0]["weights"]:
                quantization = w["quantization"]
                self.assertEqual(w["dtype"], "float32")
                if len(w["shape"]) == 2:
                    self.assertEqual(quantization["dtype"], "int8", w["name"])
                    self.assertEqual(quantization["scale_axis"], scale_axis_of(w["name"]))
                    self.assertEqual(quantization["scale_dtype"], "float16")
                    expected += int8_byte_length(w["shape"], quantization)
                else:
                    self.assertEqual(quantization["dtype"], "float16", w["name"])
                    expected += 2 * int(np.prod(w["shape"]))
            self.assertEqual(size, expected)
            batch = make_batch([[CLS, 7, 4, 9, 4, SEP]], [[CLS, 8, 11, SEP]], k)
            with torch.no_grad():
                a, b = model(batch)["logprobs"], loaded(batch)["logprobs"]
            # int8 moves log-probs of this small-init model by a few thousandths, never by much
            self.assertGreater(float((a - b).abs().max()), 0)
            torch.testing.assert_close(a, b, atol=0.05, rtol=0)

    def test_int8_shards_stay_within_the_limit_and_read_back_across_them(self):
        rng = np.random.default_rng(3)
        arrays = [("big", rng.normal(0, 1, (3000, 2000)).astype(np.float32)), ("v", np.ones(5, np.float32))]
        with tempfile.TemporaryDirectory() as tmp:
            size = write_weights(arrays, tmp, "int8")
            shards = sorted(f for f in os.listdir(tmp) if f.endswith(".bin"))
            sizes = [os.path.getsize(os.path.join(tmp, f)) for f in shards]
            back = read_weights(tmp)
        self.assertEqual(len(shards), 2)
        self.assertTrue(all(s <= SHARD_BYTES for s in sizes))
        self.assertEqual(sum(sizes), size)
        big = arrays[0][1]
        step = np.abs(big).max() / INT8_MAX
        self.assertLessEqual(float(np.abs(back[0][1] - big).max()), 0.51 * step)
        np.testing.assert_array_equal(back[1][1], arrays[1][1])

    def test_read_weights_names_the_tensor_of_an_unknown_storage_type(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_weights([("w", np.ones((2, 2), np.float32))], tmp, "float16")
            path = os.path.join(tmp, "weights.json")
            manifest = read_json(path)
            manifest[0]["weights"][0]["quantization"]["dtype"] = "int4"
            write_text(path, json.dumps(manifest))
            with self.assertRaisesRegex(
                ValueError, "tensor \"w\" is stored as 'int4'; expected one of float16, float32, int8"
            ):
                read_weights(tmp)

    def test_quantize_folder_converts_a_float16_folder(self):
        model = tiny_model(4, seed=5)
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "src"), os.path.join(tmp, "dst")
            export_model(model, write_tokenizer(tmp), src, training_info={"steps": 3})
            config = read_json(os.path.join(src, "config.json"))
            config["evaluation"] = {"sentences": 1, "ratios": []}
            write_text(os.path.join(src, "config.json"), json.dumps(config))
            write_text(os.path.join(src, "README.md"), "# the card\n")
            before, after = quantize_folder(src, dst)
            self.assertEqual(before, os.path.getsize(os.path.join(src, "group1-shard1of1.bin")))
            self.assertLess(after, 0.6 * before)
            written = read_json(os.path.join(dst, "config.json"))
            card = read_text(os.path.join(dst, "README.md"))
            self.assertEqual(
                read_text(os.path.join(dst, "tokenizer.json")), read_text(os.path.join(src, "tokenizer.json"))
            )
            from_src = dict((n, a) for n, a, _ in read_weights(src))
            for name, arr, entry in read_weights(dst):
                self.assertEqual(entry["quantization"]["dtype"], "int8" if arr.ndim == 2 else "float16")
                if arr.ndim == 1:  # float16 to float16: unchanged
                    np.testing.assert_array_equal(arr, from_src[name])
            with self.assertRaisesRegex(QuantizeError, "already holds int8 weights"):
                quantize_folder(dst, os.path.join(tmp, "again"))
            with self.assertRaisesRegex(QuantizeError, "exists and is not empty"):
                quantize_folder(src, dst)
            with self.assertRaisesRegex(QuantizeError, "is the source folder"):
                quantize_folder(src, src, force=True)
            quantize_folder(src, dst, force=True)
        self.assertNotIn("evaluation", written)
        self.assertEqual(written["training"]["steps"], 3)
        self.assertEqual(written["training"]["quantized_from"]["folder"], "src")
        self.assertEqual(written["training"]["quantized_from"]["weight_bytes_after"], after)
        self.assertTrue(card.startswith("> **int8 weights** of `src`"))
        self.assertIn("# the card", card)


if __name__ == "__main__":
    unittest.main()
