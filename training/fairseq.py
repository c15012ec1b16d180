"""Official fairseq ExLM checkpoints (model p_roberta_ext_denselink) to our model folder, and back.

  /usr/bin/python3 -m training.fairseq convert --checkpoint checkpoint_best.pt --dict dict.txt \\
      --gpt2-encoder encoder.json --gpt2-bpe vocab.bpe --out models/exlm-official
  /usr/bin/python3 -m training.fairseq convert --checkpoint X.pt --dict dict.txt \\
      --tokenizer tokenizer.json --out DIR          # dict symbols are ids into that tokenizer.json
  /usr/bin/python3 -m training.fairseq export --model models/tiny-random --out X.pt --dict-out dict.txt

What a fairseq checkpoint holds (torch.save of a dict, fairseq's checkpoint_utils):
  "model"  the state dict, names in docs/model-format.md (plus the buffers below),
  "cfg"    the hydra config as plain containers; cfg["model"] holds the model's hyper-parameters,
           an argparse.Namespace for models declared with add_args, as this one is, or a dict,
  "args"   the same Namespace in older checkpoints, where "cfg" is None,
and optimizer / training state that we ignore. The hyper-parameters we read keep their official
names: encoder_layers, encoder_embed_dim, encoder_ffn_embed_dim, encoder_attention_heads,
ext_state_num (k), max_positions (rows of the link position table less 2: a bound on the EXPANDED
length), encoder_normalize_before, no_scale_embedding, activation_fn, untie_weights_roberta,
links_feature, max_transition_length, quant_noise_pq, encoder_layers_to_keep, token_dropout.

Besides the parameters, the state dict carries buffers and a tied alias, all checked, none stored:
  encoder.sentence_encoder.version                          fairseq's format version
  encoder.sentence_encoder.layers.{i}.self_attn.rot_emb.inv_freq   RoPE frequencies, base 10000
  encoder.lm_head.weight                                    the same tensor as embed_tokens.weight

The vocabulary: fairseq's Dictionary puts <s>=0 <pad>=1 </s>=2 <unk>=3 before the lines of
dict.txt ("<symbol> <count>"), and the masked-LM task appends <mask> after them. For the official
text models the symbols are decimal GPT-2 token ids (encoder.json maps byte-level strings to them;
vocab.bpe holds the merges). We keep our special ids ([PAD] 0, [UNK] 1, [CLS] 2 from <s>, [SEP] 3
from </s>, [MASK] 4 from <mask>), then the dictionary entries in file order from id 5; embedding
rows and the LM-head bias are permuted alike.

Where the official code differs from docs/design.md in a way that changes outputs, convert refuses
and says why (see refusals() and docs/model-format.md); it never converts approximately.
"""

import argparse
import copy
import hashlib
import io
import json
import os
import pickle
import sys
import zipfile
from collections import OrderedDict
from dataclasses import asdict, dataclass

import torch

from training.export import export_model, load_model_folder
from training.model import CLS, MASK, PAD, SEP, UNK, ExLM, ModelConfig
from training.tokenizer import SPECIAL_TOKENS, tokenizer_json

MODEL_NAME = "p_roberta_ext_denselink"
# the architectures registered for the model, with the defaults their functions fill in
ARCHS = {
    "p_roberta_ext_denselink": dict(layers=12, dim=768, ffn=3072, heads=12, prenorm=False),
    "p_roberta_ext_denselink_base": dict(layers=12, dim=768, ffn=3072, heads=12, prenorm=False),
    "p_roberta_ext_denselink_prenorm": dict(layers=12, dim=768, ffn=3072, heads=12, prenorm=True),
    "p_roberta_ext_denselink_large": dict(layers=24, dim=1024, ffn=4096, heads=16, prenorm=False),
    "p_ext_denselink_xlm": dict(layers=16, dim=1280, ffn=5120, heads=16, prenorm=False),
}
FS_BOS, FS_PAD, FS_EOS, FS_UNK = 0, 1, 2, 3  # fairseq Dictionary's special ids
FS_NUM_SPECIAL = 4  # dict.txt's first line gets id 4
FS_SPECIAL_SYMBOLS = ("<s>", "<pad>", "</s>", "<unk>")
FS_MASK_SYMBOL = "<mask>"
POSITION_OFFSET = 2  # learned positions start at padding_idx + 1 (fairseq's make_positions)
ROPE_BASE = 10000.0  # fixed in the official RotaryEmbedding
LAYER_NORM_EPS = 1e-5  # fairseq's LayerNorm default
ENC = "encoder.sentence_encoder."


class ConversionError(ValueError):
    """The checkpoint, dictionary or tokenizer cannot be converted; the message says what and why."""


# ----------------------------------------------------------------------------------------------
# Reading a checkpoint without running arbitrary pickled code
#
# torch's zip format: <prefix>data.pkl pickles the object, each tensor's bytes are the record
# <prefix>data/<key>. We unpickle data.pkl ourselves: torch.load's pickle_module is not honoured by
# every torch version (some builds fall back to plain pickle), so it cannot be trusted to restrict.
_STORAGE_DTYPES = {
    "FloatStorage": torch.float32,
    "HalfStorage": torch.float16,
    "BFloat16Storage": torch.bfloat16,
    "DoubleStorage": torch.float64,
    "LongStorage": torch.int64,
    "IntStorage": torch.int32,
    "ShortStorage": torch.int16,
    "CharStorage": torch.int8,
    "ByteStorage": torch.uint8,
    "BoolStorage": torch.bool,
}
_ALLOWED_GLOBALS = {
    ("collections", "OrderedDict"),
    ("argparse", "Namespace"),
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "complex"),
    ("builtins", "slice"),
}


def _rebuild_tensor(storage, offset, size, stride, *_):
    return torch.as_strided(storage, size, stride, offset).clone()  # storage: flat tensor of the record


def _rebuild_parameter(data, *_):
    return data


class _Unpickler(pickle.Unpickler):
    """Builds only tensors, containers, numbers, strings, argparse.Namespace (fairseq's cfg["model"] and
    args) and numpy scalars: a checkpoint cannot make us import or call anything else."""

    def __init__(self, file, archive, prefix):
        super().__init__(file)
        self.archive, self.prefix = archive, prefix

    def find_class(self, module, name):
        if module == "torch" and name in _STORAGE_DTYPES:
            return _STORAGE_DTYPES[name]
        if module == "torch._utils" and name in ("_rebuild_tensor", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch._utils" and name in ("_rebuild_parameter", "_rebuild_parameter_with_state"):
            return _rebuild_parameter
        if module == "torch" and isinstance(getattr(torch, name, None), torch.dtype):
            return getattr(torch, name)
        if (module, name) in _ALLOWED_GLOBALS or (
            module in ("numpy.core.multiarray", "numpy._core.multiarray") and name in ("scalar", "_reconstruct")
        ):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")

    def persistent_load(self, pid):
        kind, dtype, key = pid[:3]  # ("storage", storage type, record key, location, numel)
        if kind != "storage" or not isinstance(dtype, torch.dtype):
            raise pickle.UnpicklingError(f"persistent id {kind!r}")
        data = self.archive.read(f"{self.prefix}data/{key}")
        return torch.frombuffer(bytearray(data), dtype=dtype) if data else torch.empty(0, dtype=dtype)


def load_checkpoint(path):
    """torch.load(weights_only=True) where it can read the checkpoint; fairseq checkpoints hold Python
    floats and argparse.Namespace objects that older torch versions' weights_only loader refuses, so
    those are read by _Unpickler, which builds only plain data. Anything else fails with its type."""
    if not os.path.isfile(path):
        raise ConversionError(f"{path}: no such checkpoint file")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception:
        pass
    if not zipfile.is_zipfile(path):
        raise ConversionError(
            f"{path}: not a torch checkpoint in the zip format of torch.save (torch 1.6 on); "
            f"re-save it with a recent torch"
        )
    with zipfile.ZipFile(path) as archive:
        pickles = [n for n in archive.namelist() if n.endswith("data.pkl")]
        if len(pickles) != 1:
            raise ConversionError(f"{path}: expected one data.pkl record in the zip, found {len(pickles)}")
        prefix = pickles[0][: -len("data.pkl")]
        if prefix + "byteorder" in archive.namelist() and archive.read(prefix + "byteorder") != b"little":
            raise ConversionError(f"{path}: saved on a big-endian machine; re-save it on a little-endian one")
        try:
            return _Unpickler(io.BytesIO(archive.read(pickles[0])), archive, prefix).load()
        except pickle.UnpicklingError as error:
            raise ConversionError(
                f"{path}: holds a pickled Python object of type {error} that this converter does not build (it "
                f"reads only tensors, containers, numbers, strings and argparse.Namespace); re-save the "
                f"checkpoint as {{'model': state_dict, 'cfg': {{'model': hyper-parameters}}}}"
            ) from None
        except Exception as error:
            raise ConversionError(f"{path}: not a readable torch checkpoint ({error})") from None


# ----------------------------------------------------------------------------------------------
# Hyper-parameters


@dataclass
class FairseqHparams:
    arch: str
    encoder_layers: int
    encoder_embed_dim: int  # d
    encoder_ffn_embed_dim: int  # f
    encoder_attention_heads: int  # H, also the number of link chunks
    ext_state_num: int  # k
    max_positions: int | None  # P_off: link positions, a bound on the expanded length
    encoder_normalize_before: bool
    no_scale_embedding: bool
    activation_fn: str
    untie_weights_roberta: bool
    links_feature: str
    max_transition_length: int
    quant_noise_pq: float
    encoder_layers_to_keep: str | None
    token_dropout: bool


def read_hparams(state, path):
    """The model's hyper-parameters from cfg["model"] (hydra) or args (legacy), with the defaults the
    official architecture functions fill in for fields that are absent."""
    if not isinstance(state, dict) or not isinstance(state.get("model"), dict):
        raise ConversionError(
            f"{path}: not a fairseq checkpoint: expected a dict whose 'model' is the "
            f"state dict, with the hyper-parameters in 'cfg' or 'args'"
        )
    cfg = state.get("cfg")
    source = cfg.get("model") if isinstance(cfg, dict) else None
    where = "cfg['model']"
    if source is None:
        source, where = state.get("args"), "args"
    if source is None:
        raise ConversionError(f"{path}: no hyper-parameters: neither cfg['model'] nor args is set")
    if not isinstance(source, (dict, argparse.Namespace)):
        raise ConversionError(f"{path}: {where} is a {type(source).__name__}, expected a dict or argparse.Namespace")
    m = vars(source) if isinstance(source, argparse.Namespace) else dict(source)
    arch = m.get("arch") or m.get("_name")
    if arch is None:
        raise ConversionError(f"{path}: {where} names no architecture (fields 'arch' and '_name' are missing)")
    if arch not in ARCHS:
        if str(arch).startswith("p_roberta") or arch == "p_xlm":
            raise ConversionError(
                f"{path}: architecture {arch!r} is the official MLM baseline, which gives every token "
                f"pos2 = 0 where our twin gives [CLS]/[SEP]/[MASK] pos2 = 1 (docs/design.md): its outputs "
                f"would change, so it is not converted. A twin converts from {MODEL_NAME} trained with "
                f"--ext-state-num 1."
            )
        raise ConversionError(
            f"{path}: unknown architecture {arch!r} in {where}: expected model {MODEL_NAME} "
            f"(arch one of {', '.join(ARCHS)})"
        )
    d = ARCHS[arch]
    task = cfg.get("task") if isinstance(cfg, dict) else None
    task = vars(task) if isinstance(task, argparse.Namespace) else (task or {})
    # fairseq's build_model falls back to the task's tokens_per_sample
    given = (m.get("max_positions"), m.get("tokens_per_sample"), task.get("tokens_per_sample"))
    max_positions = next((v for v in given if v is not None), None)
    return FairseqHparams(
        arch=arch,
        encoder_layers=int(m.get("encoder_layers", d["layers"])),
        encoder_embed_dim=int(m.get("encoder_embed_dim", d["dim"])),
        encoder_ffn_embed_dim=int(m.get("encoder_ffn_embed_dim", d["ffn"])),
        encoder_attention_heads=int(m.get("encoder_attention_heads", d["heads"])),
        ext_state_num=int(m.get("ext_state_num", 4)),
        max_positions=None if max_positions is None else int(max_positions),
        encoder_normalize_before=bool(m.get("encoder_normalize_before", d["prenorm"])),
        no_scale_embedding=bool(m.get("no_scale_embedding", True)),
        activation_fn=str(m.get("activation_fn", "gelu")),
        untie_weights_roberta=bool(m.get("untie_weights_roberta", False)),
        links_feature=str(m.get("links_feature", "feature:position")),
        max_transition_length=int(m.get("max_transition_length", 99999)),
        quant_noise_pq=float(m.get("quant_noise_pq", 0) or 0),
        encoder_layers_to_keep=m.get("encoder_layers_to_keep") or None,
        token_dropout=bool(m.get("token_dropout", False)),
    )


def refusals(hp, expanded_positions):
    """Every way this checkpoint's model differs from docs/design.md; empty if it converts exactly."""
    out = []
    if not hp.encoder_normalize_before:
        out.append(
            f"post-LayerNorm layers (encoder_normalize_before is false, the default of arch {hp.arch}); "
            f"our encoder is pre-LayerNorm. The official training command passes "
            f"--encoder-normalize-before (or use arch p_roberta_ext_denselink_prenorm)"
        )
    if not hp.no_scale_embedding:
        out.append(
            "token embeddings scaled by sqrt(encoder_embed_dim) (no_scale_embedding is false); ours are not scaled"
        )
    if hp.activation_fn != "gelu":
        out.append(f"activation_fn {hp.activation_fn!r}; ours is 'gelu' (erf)")
    if hp.untie_weights_roberta:
        out.append("an LM head untied from the embedding (untie_weights_roberta); ours is tied")
    if hp.quant_noise_pq > 0:
        out.append(f"quant_noise_pq {hp.quant_noise_pq}: an extra linear layer on the embeddings")
    if hp.encoder_layers_to_keep:
        out.append(f"pruned layers (encoder_layers_to_keep {hp.encoder_layers_to_keep!r})")
    if hp.ext_state_num > 1 and hp.links_feature != "feature:position":
        out.append(
            f"links_feature {hp.links_feature!r}; our transition head reads 'feature:position' "
            f"(hidden state and a learned position)"
        )
    if hp.ext_state_num > 1 and hp.max_transition_length != -1 and hp.max_transition_length < expanded_positions:
        out.append(
            f"links limited to the next {hp.max_transition_length} positions (max_transition_length); "
            f"ours reach every later state"
        )
    return out


# ----------------------------------------------------------------------------------------------
# Names and shapes


def official_names(num_layers, exlm):
    """(our PyTorch parameter name, official fairseq name); Linear weights are [out, in] on both sides,
    so only the vocabulary rows and the link position rows move."""
    pairs = [("embed.weight", ENC + "embed_tokens.weight")]
    for i in range(num_layers):
        ours, theirs = f"layers.{i}.", f"{ENC}layers.{i}."
        for o, t in (
            ("ln1", "self_attn_layer_norm"),
            ("attn.q", "self_attn.q_proj"),
            ("attn.k", "self_attn.k_proj"),
            ("attn.v", "self_attn.v_proj"),
            ("attn.o", "self_attn.out_proj"),
            ("ln2", "final_layer_norm"),
            ("fc1", "fc1"),
            ("fc2", "fc2"),
        ):
            pairs += [(ours + o + ".weight", theirs + t + ".weight"), (ours + o + ".bias", theirs + t + ".bias")]
    for o, t in (
        ("final_ln", ENC + "emb_layer_norm_after"),
        ("lm_dense", "encoder.lm_head.dense"),
        ("lm_ln", "encoder.lm_head.layer_norm"),
    ):
        pairs += [(o + ".weight", t + ".weight"), (o + ".bias", t + ".bias")]
    pairs.append(("lm_bias", "encoder.lm_head.bias"))
    if exlm:
        pairs.append(("link_pos.weight", "encoder.link_positional.weight"))
        for o, t in (
            ("link_query", "encoder.query_linear"),
            ("link_key", "encoder.key_linear"),
            ("link_gate", "encoder.gate_linear"),
        ):
            pairs += [(o + ".weight", t + ".weight"), (o + ".bias", t + ".bias")]
    return pairs


def link_shapes(d, H, P_off):
    """The official transition head's tensors and shapes (also present, and unused by us, when k = 1)."""
    return {
        "encoder.link_positional.weight": (P_off + POSITION_OFFSET, d),
        "encoder.query_linear.weight": (d, 2 * d),
        "encoder.query_linear.bias": (d,),
        "encoder.key_linear.weight": (d, 2 * d),
        "encoder.key_linear.bias": (d,),
        "encoder.gate_linear.weight": (H, 2 * d),
        "encoder.gate_linear.bias": (H,),
    }


def rope_inv_freq(head_dim):
    r = head_dim // 2  # each half of a head is rotated by one of pos1, pos2
    return 1.0 / (ROPE_BASE ** (torch.arange(0, r, 2).float() / r))  # (r/2,)


def shape_str(shape):
    return "[" + ", ".join(str(s) for s in shape) + "]"


# ----------------------------------------------------------------------------------------------
# Dictionary and vocabulary order


def read_dict(path):
    """Symbols of dict.txt in file order (fairseq ids 4, 5, ...), as fairseq's Dictionary reads them."""
    if not os.path.isfile(path):
        raise ConversionError(f"{path}: no such dictionary file")
    symbols, seen = [], set(FS_SPECIAL_SYMBOLS)
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip().rsplit(" ", 1)
            if len(parts) != 2 or not parts[1].lstrip("-").isdigit():
                if len(parts) == 2 and parts[1] == "#fairseq:overwrite":
                    raise ConversionError(
                        f"{path}: line {n}: the #fairseq:overwrite flag (a duplicate symbol) "
                        f"is not supported: every symbol must appear once"
                    )
                raise ConversionError(f"{path}: line {n}: expected '<symbol> <count>', got {line.rstrip()!r}")
            if parts[0] in seen:
                raise ConversionError(
                    f"{path}: line {n}: symbol {parts[0]!r} appears twice (fairseq's "
                    f"<s> <pad> </s> <unk> come before the file and must not be in it)"
                )
            seen.add(parts[0])
            symbols.append(parts[0])
    return symbols


def fairseq_rows(symbols):
    """(rows, entries): rows[i] = the fairseq id of our id i; entries = dict symbols of our ids 5..
    <mask> is appended after the file's symbols unless the file has it (the masked-LM task does so)."""
    mask = FS_NUM_SPECIAL + (symbols.index(FS_MASK_SYMBOL) if FS_MASK_SYMBOL in symbols else len(symbols))
    rows = [FS_PAD, FS_UNK, FS_BOS, FS_EOS, mask]  # our PAD, UNK, CLS, SEP, MASK
    entries = []
    for j, s in enumerate(symbols):
        if s != FS_MASK_SYMBOL:
            rows.append(FS_NUM_SPECIAL + j)
            entries.append(s)
    assert [PAD, UNK, CLS, SEP, MASK] == list(range(5))
    return rows, entries


# ----------------------------------------------------------------------------------------------
# tokenizer.json


def _merges_within(merges, vocab):
    """Merges a Hugging Face BPE model accepts: both parts and their join in the vocabulary."""
    kept = []
    for m in merges:
        a, b = m.split(" ", 1)
        if a in vocab and b in vocab and a + b in vocab:
            kept.append(m)
    return kept


def _check_unique(tokens, what):
    seen = {}
    for i, t in enumerate(tokens):
        if t in seen:
            raise ConversionError(
                f"{what}: token {t!r} would get two ids ({seen[t]} and {i}): every dict "
                f"symbol must name a different token"
            )
        seen[t] = i


def gpt2_tokenizer_json(encoder_path, bpe_path, entries, dict_path="dict.txt"):
    """A byte-level BPE tokenizer.json (GPT-2's encoder.json + vocab.bpe) whose ids follow the remapped
    dictionary: our five specials at 0-4, then the token of each dict entry. Returns (doc, notes)."""
    for p in (encoder_path, bpe_path):
        if not os.path.isfile(p):
            raise ConversionError(f"{p}: no such file")
    try:
        with open(encoder_path, encoding="utf-8") as fh:
            encoder = json.load(fh)  # byte-level string -> GPT-2 id
        assert isinstance(encoder, dict) and all(isinstance(i, int) for i in encoder.values())
    except (json.JSONDecodeError, AssertionError):
        raise ConversionError(
            f"{encoder_path}: expected GPT-2's encoder.json, a JSON object of token -> integer id"
        ) from None
    decoder = {i: t for t, i in encoder.items()}
    tokens, literal = [], []
    for n, s in enumerate(entries, 1):
        if s.isdigit():
            if int(s) not in decoder:
                raise ConversionError(
                    f"{dict_path}: symbol {s} (entry {n}) is not an id of {encoder_path} (0..{len(decoder) - 1})"
                )
            tokens.append(decoder[int(s)])
        else:
            tokens.append(s)  # fairseq's filler symbols (madeupword0000): never produced by the BPE
            literal.append(s)
    vocab = SPECIAL_TOKENS + tokens
    _check_unique(vocab, dict_path)
    with open(bpe_path, encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh]
    merges = []
    for n, line in enumerate(lines, 1):
        if (n == 1 and line.startswith("#version")) or not line:
            continue
        if len(line.split(" ")) != 2:
            raise ConversionError(f"{bpe_path}: line {n}: expected a merge 'left right', got {line!r}")
        merges.append(line)
    ids = {t: i for i, t in enumerate(vocab)}
    kept = _merges_within(merges, ids)
    doc = tokenizer_json(SPECIAL_TOKENS)  # our specials and [CLS] $A [SEP]; the rest is replaced below
    for added in doc["added_tokens"]:
        added["lstrip"] = added["content"] == "[MASK]"  # "a [MASK] b": the mask takes the space, as <mask>
    doc["normalizer"] = None
    doc["pre_tokenizer"] = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    doc["decoder"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    doc["model"] = {
        "type": "BPE",
        "dropout": None,
        "unk_token": "[UNK]",
        "continuing_subword_prefix": None,
        "end_of_word_suffix": None,
        "fuse_unk": False,
        "byte_fallback": False,
        "vocab": ids,
        "merges": kept,
    }
    notes = []
    missing = len(set(encoder) - set(tokens))
    if missing:
        notes.append(
            f"{missing} GPT-2 tokens are not in {os.path.basename(dict_path)} (fairseq reads them as "
            f"<unk>); {len(merges) - len(kept)} merges that need them were left out"
        )
    if literal:
        notes.append(
            f"{len(literal)} dict symbols are not GPT-2 ids and became tokens as written "
            f"({', '.join(literal[:3])}{', ...' if len(literal) > 3 else ''})"
        )
    return doc, notes


def remapped_tokenizer_json(base_path, entries, dict_path="dict.txt"):
    """One of our tokenizer.json files (specials [PAD] [UNK] [CLS] [SEP] [MASK] at 0-4) with its
    vocabulary reordered: the dict symbols are ids into it. Returns (doc, notes)."""
    try:
        with open(base_path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError:
        raise ConversionError(f"{base_path}: no such tokenizer file") from None
    except json.JSONDecodeError as error:
        raise ConversionError(f"{base_path}: not valid JSON ({error})") from None
    model = doc.get("model") if isinstance(doc, dict) else None
    if (
        not isinstance(model, dict)
        or model.get("type") not in ("WordPiece", "BPE")
        or not isinstance(model.get("vocab"), dict)
    ):
        raise ConversionError(
            f"{base_path}: expected a Hugging Face tokenizer.json with a WordPiece or BPE model and its vocab"
        )
    added = [(t.get("id"), t.get("content")) for t in doc.get("added_tokens", [])]
    if added != list(enumerate(SPECIAL_TOKENS)):
        raise ConversionError(
            f"{base_path}: added_tokens must be the special tokens {SPECIAL_TOKENS} with ids "
            f"0-4, as in our model folders; got {added[:5]}"
        )
    by_id = {i: t for t, i in model["vocab"].items()}
    tokens = []
    for n, s in enumerate(entries, 1):
        if not s.isdigit() or int(s) not in by_id:
            raise ConversionError(
                f"{dict_path}: symbol {s!r} (entry {n}) is not a vocabulary id of {base_path} (0..{len(by_id) - 1})"
            )
        if int(s) < len(SPECIAL_TOKENS):
            raise ConversionError(
                f"{dict_path}: symbol {s} (entry {n}) is the special token {by_id[int(s)]} "
                f"of {base_path}, which fairseq's own special symbols stand for"
            )
        tokens.append(by_id[int(s)])
    vocab = SPECIAL_TOKENS + tokens
    _check_unique(vocab, dict_path)
    out = copy.deepcopy(doc)
    out["model"]["vocab"] = {t: i for i, t in enumerate(vocab)}
    notes = []
    if model["type"] == "BPE":
        out["model"]["merges"] = _merges_within(
            [m if isinstance(m, str) else " ".join(m) for m in model.get("merges", [])], out["model"]["vocab"]
        )
    dropped = len(by_id) - len(vocab)
    if dropped:
        notes.append(f"{dropped} tokens of {os.path.basename(base_path)} are not in the dictionary and were left out")
    return out, notes


# ----------------------------------------------------------------------------------------------
# fairseq -> our model folder


def convert(checkpoint, dict_txt, out_dir, base_vocab, dtype="float16", force=False, log=print):
    """Write our model folder for an official checkpoint. base_vocab: {"gpt2_encoder", "gpt2_bpe"} (GPT-2
    byte-level BPE) or {"tokenizer"} (a tokenizer.json whose vocabulary ids the dict symbols are).
    Returns the folder's ModelConfig."""
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise ConversionError(f"{out_dir}: is a file; give a folder for the model")
    if os.path.isdir(out_dir) and os.listdir(out_dir) and not force:
        raise ConversionError(f"{out_dir}: exists and is not empty (pass --force to write into it)")
    if set(base_vocab) == {"gpt2_encoder", "gpt2_bpe"}:

        def make_tokenizer(entries):
            return gpt2_tokenizer_json(base_vocab["gpt2_encoder"], base_vocab["gpt2_bpe"], entries, dict_txt)

        tokenizer_source = (
            f"GPT-2 byte-level BPE ({os.path.basename(base_vocab['gpt2_encoder'])}, "
            f"{os.path.basename(base_vocab['gpt2_bpe'])})"
        )
    elif set(base_vocab) == {"tokenizer"}:

        def make_tokenizer(entries):
            return remapped_tokenizer_json(base_vocab["tokenizer"], entries, dict_txt)

        tokenizer_source = f"{os.path.basename(base_vocab['tokenizer'])} (dict symbols are its vocabulary ids)"
    else:
        raise ConversionError("base vocabulary: give GPT-2's encoder.json and vocab.bpe, or a tokenizer.json")

    state = load_checkpoint(checkpoint)
    hp = read_hparams(state, checkpoint)
    sd = OrderedDict((k, v) for k, v in state["model"].items() if not k.startswith("classification_heads."))
    heads = len(state["model"]) - len(sd)
    symbols = read_dict(dict_txt)
    rows, entries = fairseq_rows(symbols)

    # sizes: the vocabulary from the embedding (checked against the dict), the rest from cfg
    embed = sd.get(ENC + "embed_tokens.weight")
    if embed is None:
        raise ConversionError(
            f"{checkpoint}: missing tensor {ENC}embed_tokens.weight (the token embedding, "
            f"[vocabulary, encoder_embed_dim])"
        )
    V, d, H, k = embed.shape[0], hp.encoder_embed_dim, hp.encoder_attention_heads, hp.ext_state_num
    if len(rows) != V:
        raise ConversionError(
            f"{dict_txt}: {len(symbols)} symbols, which with fairseq's <s> <pad> </s> <unk>"
            f"{'' if FS_MASK_SYMBOL in symbols else ' and the appended <mask>'} make {len(rows)} rows, but "
            f"{ENC}embed_tokens.weight has {V} rows: this dictionary does not belong to this checkpoint"
        )
    if k < 1:
        raise ConversionError(f"{checkpoint}: ext_state_num is {k}; expected a whole number of at least 1")
    if hp.max_positions is None:
        link = sd.get("encoder.link_positional.weight")
        if link is None:
            raise ConversionError(
                f"{checkpoint}: the hyper-parameters give no max_positions and there is no "
                f"encoder.link_positional.weight to read it from"
            )
        hp.max_positions = link.shape[0] - POSITION_OFFSET
    P_off = hp.max_positions
    N = P_off // k  # our max_positions: source length whose worst-case expansion fits the link table
    why = refusals(hp, k * N)
    if why:
        raise ConversionError(
            f"{checkpoint}: the official model here differs from ours (docs/design.md), "
            f"so converting would change its outputs:\n  - " + "\n  - ".join(why)
        )
    if d % H or (d // H) % 4:
        raise ConversionError(
            f"{checkpoint}: head size encoder_embed_dim / encoder_attention_heads = {d}/{H} "
            f"must be a whole multiple of 4 (two RoPE halves of even size)"
        )
    if N < 2:
        raise ConversionError(
            f"{checkpoint}: max_positions {P_off} with ext_state_num {k} leaves room for no "
            f"sentence ([CLS] and [SEP] alone take 2k expanded positions)"
        )
    cfg = ModelConfig(
        vocab_size=V,
        hidden_size=d,
        num_layers=hp.encoder_layers,
        num_heads=H,
        ffn_size=hp.encoder_ffn_embed_dim,
        expansion=k,
        max_positions=N,
        layer_norm_eps=LAYER_NORM_EPS,
        rope_base=ROPE_BASE,
    )

    # every tensor present, of its shape, and nothing else
    model = ExLM(cfg).eval()
    params = dict(model.named_parameters())
    pairs = official_names(cfg.num_layers, cfg.architecture == "exlm")
    expected = {theirs: tuple(params[ours].shape) for ours, theirs in pairs}
    optional = {ENC + "version": None, "encoder.lm_head.weight": (V, d)}  # None: any shape
    optional.update({f"{ENC}layers.{i}.self_attn.rot_emb.inv_freq": (d // H // 4,) for i in range(cfg.num_layers)})
    # the official transition head, link_positional with its 2 offset rows; k = 1: our twin has none
    (expected if k > 1 else optional).update(link_shapes(d, H, P_off))
    sizes = (
        f"encoder_layers={cfg.num_layers}, encoder_embed_dim={d}, encoder_ffn_embed_dim={cfg.ffn_size}, "
        f"encoder_attention_heads={H}, max_positions={P_off}, vocabulary {V}"
    )
    for name, shape in expected.items():
        if name not in sd:
            raise ConversionError(
                f"{checkpoint}: missing tensor {name} (expected shape {shape_str(shape)} from {sizes})"
            )
    for name, t in sd.items():
        shape = expected.get(name, optional.get(name, "unexpected"))
        if shape == "unexpected":
            raise ConversionError(
                f"{checkpoint}: unexpected tensor {name} {shape_str(t.shape)}: not part of "
                f"{MODEL_NAME} as documented in docs/model-format.md"
            )
        if shape is not None and tuple(t.shape) != shape:
            raise ConversionError(
                f"{checkpoint}: tensor {name} has shape {shape_str(t.shape)}, expected "
                f"{shape_str(shape)} (from {sizes})"
            )
    tied = sd.get("encoder.lm_head.weight")
    if tied is not None and not torch.equal(tied, sd[ENC + "embed_tokens.weight"]):
        raise ConversionError(
            f"{checkpoint}: encoder.lm_head.weight differs from {ENC}embed_tokens.weight: an "
            f"untied LM head, where ours is tied to the embedding"
        )
    for i in range(cfg.num_layers):
        inv = sd.get(f"{ENC}layers.{i}.self_attn.rot_emb.inv_freq")
        if inv is not None and not torch.allclose(inv.float(), rope_inv_freq(d // H), rtol=1e-3, atol=0):
            raise ConversionError(
                f"{checkpoint}: {ENC}layers.{i}.self_attn.rot_emb.inv_freq is not the RoPE "
                f"frequencies of base {ROPE_BASE:g} that our model uses"
            )

    # copy: vocabulary rows into our order, link positions from row 2 on
    base_doc, notes = make_tokenizer(entries)
    rows_t = torch.tensor(rows)
    with torch.no_grad():
        for ours, theirs in pairs:
            t = sd[theirs].float()
            if theirs in (ENC + "embed_tokens.weight", "encoder.lm_head.bias"):
                t = t[rows_t]  # (V, d) / (V,): our id i <- fairseq id rows[i]
            elif theirs == "encoder.link_positional.weight":
                t = t[POSITION_OFFSET : POSITION_OFFSET + cfg.max_expanded_positions]  # (k N, d)
            params[ours].copy_(t)

    os.makedirs(out_dir, exist_ok=True)
    tok_path = os.path.join(out_dir, "tokenizer.json")
    with open(tok_path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(base_doc, ensure_ascii=False, indent=2) + "\n")
    with open(checkpoint, "rb") as fh:
        digest = hashlib.sha256()
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    source = {
        "format": "fairseq",
        "model": MODEL_NAME,
        "arch": hp.arch,
        "checkpoint": os.path.basename(checkpoint),
        "sha256": digest.hexdigest(),
        "dict": os.path.basename(dict_txt),
        "tokenizer": tokenizer_source,
        "fairseq_hparams": {k_: v for k_, v in asdict(hp).items() if k_ != "arch"},
    }
    info = {"converted_from": source, "note": "weights converted by training/fairseq.py, not trained here"}
    size = export_model(model, tok_path, out_dir, dtype=dtype, training_info=info)
    if heads:
        notes.append(f"{heads} classification-head tensors were left out (not part of the masked LM)")
    if k == 1 and "encoder.link_positional.weight" in sd:
        notes.append(
            "ext_state_num 1: the official transition head was left out (our twin has none; with one "
            "state per mask the links never change a prediction)"
        )
    if P_off != k * N:
        notes.append(
            f"link positions {k * N}..{P_off - 1} were left out: max_positions {P_off} is not a "
            f"multiple of ext_state_num {k}"
        )
    if hp.token_dropout:
        notes.append("token_dropout: the official code applies it in training mode only, so inference matches")
    write_card(out_dir, cfg, sum(p.numel() for p in params.values()), source, notes, dtype, size)
    log(
        f"converted {os.path.basename(checkpoint)} ({hp.arch}, k={k}, {cfg.num_layers} layers, d={d}, "
        f"vocabulary {V}) -> {out_dir} ({dtype}, {size / 1e6:.1f} MB of weights)"
    )
    for note in notes:
        log(f"note: {note}")
    return cfg


def write_card(out_dir, cfg, params, source, notes, dtype, size):
    """README.md of a converted folder: what it was converted from and what the conversion did."""
    name = os.path.basename(os.path.abspath(out_dir))
    hp = source["fairseq_hparams"]
    lines = [
        f"# {name}",
        "",
        f"{'ExLM' if cfg.architecture == 'exlm' else 'The vanilla-MLM twin (k = 1)'} converted from an official "
        f"fairseq checkpoint (model `{MODEL_NAME}`, arch `{source['arch']}`) by `training/fairseq.py`; it was "
        f"not trained in this repository. Its data, licence and evaluation are those of the source checkpoint.",
        "",
        "| | |",
        "| --- | --- |",
        f"| source checkpoint | `{source['checkpoint']}` (sha256 `{source['sha256']}`) |",
        f"| dictionary | `{source['dict']}` |",
        f"| tokenizer | {source['tokenizer']} |",
        f"| size | {cfg.num_layers} layers, d = {cfg.hidden_size}, {cfg.num_heads} heads, ffn {cfg.ffn_size}, "
        f"vocabulary {cfg.vocab_size}, k = {cfg.expansion}, {params / 1e6:.2f}M parameters |",
        f"| positions | {cfg.max_positions} source tokens (fairseq max_positions {hp['max_positions']} expanded) |",
        f"| weights | {dtype}, {size / 1e6:.1f} MB |",
        "",
        "## What the conversion did",
        "",
        "- Special ids remapped to ours: `<pad>` 1 -> `[PAD]` 0, `<unk>` 3 -> `[UNK]` 1, `<s>` 0 -> `[CLS]` 2, "
        "`</s>` 2 -> `[SEP]` 3, `<mask>` -> `[MASK]` 4; the dictionary entries follow from id 5 in file "
        "order. Embedding rows and the LM-head bias are permuted alike.",
        "- Linear weights stored as kernels `[in, out]`; names as in docs/model-format.md.",
    ]
    if cfg.architecture == "exlm":
        lines.append(
            f"- `transition.pos` = rows 2..{cfg.max_expanded_positions + 1} of "
            f"`encoder.link_positional.weight` (fairseq's learned positions start at padding_idx + 1)."
        )
    lines += [f"- {note[0].upper() + note[1:]}." for note in notes]
    lines += [
        "",
        "Checked before converting: every tensor present with its shape, nothing unexpected, the LM head tied, "
        "RoPE base 10000, and no difference from docs/design.md (pre-LayerNorm, unscaled embeddings, GELU, "
        "dense links over `feature:position`).",
        "",
    ]
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


# ----------------------------------------------------------------------------------------------
# our model folder -> fairseq


def fairseq_state(model, cfg):
    """(state dict with official names in fairseq's vocabulary order, cfg['model'] dict)."""
    if cfg.rope_base != ROPE_BASE or cfg.layer_norm_eps != LAYER_NORM_EPS:
        raise ConversionError(
            f"rope_base {cfg.rope_base} / layer_norm_eps {cfg.layer_norm_eps}: the official "
            f"model fixes them at {ROPE_BASE:g} / {LAYER_NORM_EPS:g}"
        )
    V, d, H, k = cfg.vocab_size, cfg.hidden_size, cfg.num_heads, cfg.expansion
    fs_from_ours = [CLS, PAD, SEP, UNK] + list(range(5, V)) + [MASK]  # fairseq id j <- our id fs_from_ours[j]
    order = torch.tensor(fs_from_ours)
    params = dict(model.named_parameters())
    sd = OrderedDict()
    sd[ENC + "version"] = torch.tensor([3.0])
    for ours, theirs in official_names(cfg.num_layers, cfg.architecture == "exlm"):
        t = params[ours].detach().float().clone()
        if theirs in (ENC + "embed_tokens.weight", "encoder.lm_head.bias"):
            t = t[order]
        elif theirs == "encoder.link_positional.weight":
            t = torch.cat([torch.zeros(POSITION_OFFSET, d), t])  # rows 0, 1: never used (padding_idx 1)
        sd[theirs] = t
    if cfg.architecture != "exlm":  # the official model always has the head: zeros, never read for k = 1
        for name, shape in link_shapes(d, H, cfg.max_expanded_positions).items():
            sd[name] = torch.zeros(shape)
    for i in range(cfg.num_layers):
        sd[f"{ENC}layers.{i}.self_attn.rot_emb.inv_freq"] = rope_inv_freq(d // H)
    sd["encoder.lm_head.weight"] = sd[ENC + "embed_tokens.weight"]  # tied: one tensor, two names
    hparams = {
        "_name": MODEL_NAME,
        "arch": "p_roberta_ext_denselink_prenorm",
        "encoder_layers": cfg.num_layers,
        "encoder_embed_dim": d,
        "encoder_ffn_embed_dim": cfg.ffn_size,
        "encoder_attention_heads": H,
        "ext_state_num": k,
        "max_positions": cfg.max_expanded_positions,
        "max_source_positions": cfg.max_expanded_positions,
        "encoder_normalize_before": True,
        "layernorm_embedding": False,
        "no_scale_embedding": True,
        "activation_fn": "gelu",
        "pooler_activation_fn": "tanh",
        "untie_weights_roberta": False,
        "links_feature": "feature:position",
        "max_transition_length": 99999,
        "token_dropout": False,
        "dropout": 0.1,
        "attention_dropout": 0.1,
        "activation_dropout": 0.0,
        "pooler_dropout": 0.0,
        "encoder_layerdrop": 0.0,
        "encoder_layers_to_keep": None,
        "quant_noise_pq": 0,
        "quant_noise_pq_block_size": 8,
        "quant_noise_scalar": 0,
    }
    return sd, hparams


def to_fairseq(model_dir, out_checkpoint, out_dict, log=print):
    """Write our model folder as a fairseq checkpoint of p_roberta_ext_denselink (the twin: ext_state_num 1)
    and its dict.txt, whose symbols are decimal ids into the folder's tokenizer.json."""
    model, cfg = load_model_folder(model_dir)
    sd, hparams = fairseq_state(model, cfg)
    state = {
        "args": None,
        "cfg": {
            "_name": None,
            "model": hparams,
            "task": {"_name": "masked_lm", "tokens_per_sample": cfg.max_positions},
            "criterion": {"_name": "nat_dag_loss_mlm"},
        },
        "model": sd,
        "optimizer_history": [],
        "extra_state": {"exported_from": os.path.basename(os.path.abspath(model_dir))},
    }
    for path in (out_checkpoint, out_dict):
        if os.path.dirname(os.path.abspath(path)):
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.save(state, out_checkpoint)
    with open(out_dict, "w", encoding="utf-8") as fh:
        fh.writelines(f"{i} 1\n" for i in range(5, cfg.vocab_size))  # fairseq ids 4.. = our ids 5..
    log(f"exported {model_dir} -> {out_checkpoint} ({len(sd)} tensors) and {out_dict} ({cfg.vocab_size - 5} symbols)")


# ----------------------------------------------------------------------------------------------
# command line


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m training.fairseq",
        description="Convert official fairseq ExLM checkpoints to our model folder and back (docs/model-format.md).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("convert", help="fairseq checkpoint + dict.txt -> model folder")
    c.add_argument("--checkpoint", required=True, help="fairseq checkpoint (.pt) of p_roberta_ext_denselink")
    c.add_argument("--dict", required=True, help="its dict.txt ('<symbol> <count>' lines)")
    c.add_argument("--gpt2-encoder", help="GPT-2 encoder.json (the dict symbols are its ids)")
    c.add_argument("--gpt2-bpe", help="GPT-2 vocab.bpe (the merges)")
    c.add_argument(
        "--tokenizer", help="instead of the GPT-2 files: a tokenizer.json whose vocabulary ids the dict symbols are"
    )
    c.add_argument("--out", required=True, help="model folder to write")
    c.add_argument("--dtype", choices=("float16", "float32"), default="float16", help="weight storage")
    c.add_argument("--force", action="store_true", help="write into an existing non-empty --out")
    e = sub.add_parser("export", help="model folder -> fairseq checkpoint + dict.txt")
    e.add_argument("--model", required=True, help="our model folder")
    e.add_argument("--out", required=True, help="checkpoint to write (.pt)")
    e.add_argument("--dict-out", required=True, help="dict.txt to write")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            to_fairseq(args.model, args.out, args.dict_out)
            return 0
        gpt2 = (args.gpt2_encoder, args.gpt2_bpe)
        if args.tokenizer is not None and any(gpt2):
            parser.error("give either --tokenizer or --gpt2-encoder with --gpt2-bpe, not both")
        if args.tokenizer is None and not all(gpt2):
            parser.error("the base vocabulary: give --gpt2-encoder and --gpt2-bpe, or --tokenizer")
        base = {"tokenizer": args.tokenizer} if args.tokenizer else {"gpt2_encoder": gpt2[0], "gpt2_bpe": gpt2[1]}
        convert(
            args.checkpoint,
            args.dict,
            args.out,
            base,
            dtype=args.dtype,
            force=args.force,
            log=lambda s: print(s, flush=True),
        )
        return 0
    except ConversionError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
