"""ExLM and its vanilla-MLM twin, the PyTorch reference of docs/design.md.

One module holds the whole model so it reads top to bottom: expansion of [CLS]/[SEP]/[MASK] into k
states with 2D positions, a pre-LN encoder with 2D RoPE, a tied LM head evaluated on the states only,
the transition head that links the states into a DAG, and the DAG loss (a log-space dynamic programme
vectorised over batch and vertices). src/model/ in TypeScript mirrors this file; the golden fixture
(training/make_fixture.py) proves they agree.

Shapes: B batch, N source length, T expanded length, L number of states, Y = M + 2 targets per sentence,
d hidden size, H heads, V vocabulary.
"""

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
NUM_SPECIAL = 5
# Share of the words masked in training and in validation (BERT's 15%): enough masks per segment to
# learn from, while most of the context stays visible.
MASK_RATIO = 0.15
# Stands in for -inf inside training: exp() of it is exactly 0 in float32, yet its gradients stay
# finite (a true -inf makes logsumexp's backward produce NaN for unreachable vertices).
NEG = -1e4


@dataclass
class ModelConfig:
    vocab_size: int = 8192
    hidden_size: int = 192  # d
    num_layers: int = 4
    num_heads: int = 4  # H; also the number of transition chunks
    ffn_size: int = 768
    expansion: int = 4  # k: copies per [CLS]/[SEP]/[MASK]; 1 = the vanilla-MLM twin
    max_positions: int = 128  # longest source sequence, [CLS] and [SEP] included
    layer_norm_eps: float = 1e-5
    rope_base: float = 10000.0

    @property
    def architecture(self):
        return "exlm" if self.expansion > 1 else "mlm"

    @property
    def max_expanded_positions(self):
        # worst case: every source position is expanded
        return self.expansion * self.max_positions

    def to_json(self):
        out = {"architecture": self.architecture, **asdict(self)}
        out["max_expanded_positions"] = self.max_expanded_positions
        out["special_tokens"] = {"pad": PAD, "unk": UNK, "cls": CLS, "sep": SEP, "mask": MASK}
        return out

    @staticmethod
    def from_json(obj):
        fields = ModelConfig.__dataclass_fields__
        missing = [f for f in fields if f not in obj]
        if missing:
            raise ValueError(f"config is missing field(s): {', '.join(missing)}")
        cfg = ModelConfig(**{f: obj[f] for f in fields})
        if "architecture" in obj and obj["architecture"] != cfg.architecture:
            raise ValueError(
                f"config field 'architecture' is {obj['architecture']!r} but expansion "
                f"{cfg.expansion} means {cfg.architecture!r}"
            )
        return cfg


# ----------------------------------------------------------------------------------------------
# Expansion and batching (plain index bookkeeping, done once per batch on the CPU)


def expand(ids, k):
    """Expand one source sequence. ids: list of N token ids ([CLS] ... [SEP]).
    Returns (tokens, pos1, pos2, states): lists of length T, T, T and L = k(M+2).
    For k = 1 (the twin) [CLS]/[SEP]/[MASK] still carry pos2 = 1, ordinary tokens pos2 = 0."""
    tokens, pos1, pos2, states = [], [], [], []
    for i, tok in enumerate(ids):
        if tok in (CLS, SEP, MASK):
            for c in range(1, k + 1):
                states.append(len(tokens))
                tokens.append(tok)
                pos1.append(i)
                pos2.append(c)
        else:
            tokens.append(tok)
            pos1.append(i)
            pos2.append(0)
    return tokens, pos1, pos2, states


def make_batch(inputs, targets, k):
    """inputs: list of B masked source id lists; targets: list of B lists y = [CLS, masked tokens
    left to right, SEP]. Returns a dict of padded tensors."""
    expanded = [expand(x, k) for x in inputs]
    B = len(inputs)
    T = max(len(e[0]) for e in expanded)
    L = max(len(e[3]) for e in expanded)
    Y = max(len(y) for y in targets)
    tokens = torch.zeros(B, T, dtype=torch.long)
    pos1 = torch.zeros(B, T, dtype=torch.long)
    pos2 = torch.zeros(B, T, dtype=torch.long)
    key_valid = torch.zeros(B, T, dtype=torch.bool)
    states = torch.zeros(B, L, dtype=torch.long)
    state_valid = torch.zeros(B, L, dtype=torch.bool)
    y = torch.zeros(B, Y, dtype=torch.long)
    y_len = torch.zeros(B, dtype=torch.long)
    for b, ((tok, p1, p2, st), tgt) in enumerate(zip(expanded, targets)):
        tokens[b, : len(tok)] = torch.tensor(tok)
        pos1[b, : len(tok)] = torch.tensor(p1)
        pos2[b, : len(tok)] = torch.tensor(p2)
        key_valid[b, : len(tok)] = True
        states[b, : len(st)] = torch.tensor(st)
        state_valid[b, : len(st)] = True
        y[b, : len(tgt)] = torch.tensor(tgt)
        y_len[b] = len(tgt)
    return dict(
        tokens=tokens,
        pos1=pos1,
        pos2=pos2,
        key_valid=key_valid,
        states=states,
        state_valid=state_valid,
        y=y,
        y_len=y_len,
    )


# ----------------------------------------------------------------------------------------------
# Encoder


def rope_tables(pos, r, base):
    """pos: (B, T) integer positions -> cos, sin: (B, 1, T, r) for rotate-half RoPE of dimension r."""
    inv_freq = base ** (-torch.arange(0, r, 2, dtype=torch.float32) / r)  # (r/2,)
    ang = pos.float()[..., None] * inv_freq  # (B, T, r/2)
    ang = torch.cat([ang, ang], dim=-1)  # (B, T, r)
    return ang.cos()[:, None], ang.sin()[:, None]


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


def apply_rope2d(x, rope):
    """x: (B, H, T, dh); first half of each head rotated by pos1, second half by pos2."""
    (cos1, sin1), (cos2, sin2) = rope
    u, w = x.chunk(2, dim=-1)
    u = u * cos1 + rotate_half(u) * sin1
    w = w * cos2 + rotate_half(w) * sin2
    return torch.cat([u, w], dim=-1)


def layer_norm(ln, x):
    # torch 1.13's CPU autocast leaves LayerNorm to the input dtype: keep it in float32.
    return ln(x.float())


class Packing:
    """The valid positions of a padded (B, T) batch, to run row-wise layers on them alone: pad()
    puts (R, ...) rows back into (B, T, ...) with zeros at the padding, unpad() takes them out."""

    def __init__(self, valid):
        self.B, self.T = valid.shape
        self.rows = valid.reshape(-1).nonzero().squeeze(1)  # (R,) in (B T) order

    def pad(self, x):
        full = x.new_zeros(self.B * self.T, *x.shape[1:]).index_copy(0, self.rows, x)
        return full.view(self.B, self.T, *x.shape[1:])

    def unpad(self, x):
        return x.reshape(self.B * self.T, *x.shape[2:]).index_select(0, self.rows)


class SelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg.hidden_size
        self.H, self.dh = cfg.num_heads, d // cfg.num_heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))

    def forward(self, a, rope, key_bias, need_weights=False, packing=None):
        """a: (B, T, d), or (R, d) the valid rows of `packing` (the projections skip the padding,
        attention runs padded) -> the same shape, attention maps."""
        d = a.shape[-1]
        B, T = (packing.B, packing.T) if packing else a.shape[:2]

        def split(t):
            if packing:
                t = packing.pad(t)
            return t.view(B, T, self.H, self.dh).transpose(1, 2)  # (B, H, T, dh)

        q = split(self.q(a)) / math.sqrt(self.dh)
        k = split(self.k(a))
        v = split(self.v(a))
        q, k = apply_rope2d(q, rope), apply_rope2d(k, rope)
        scores = (q @ k.transpose(-1, -2)).float() + key_bias  # (B, H, T, T)
        att = scores.softmax(dim=-1)
        out = (att.to(v.dtype) @ v).transpose(1, 2).reshape(B, T, d)
        return self.o(packing.unpad(out) if packing else out), (att if need_weights else None)


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg.hidden_size
        self.ln1 = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.attn = SelfAttention(cfg)
        self.ln2 = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.fc1 = nn.Linear(d, cfg.ffn_size)
        self.fc2 = nn.Linear(cfg.ffn_size, d)

    def forward(self, h, rope, key_bias, need_weights=False, packing=None):
        a, att = self.attn(layer_norm(self.ln1, h), rope, key_bias, need_weights, packing)
        h = h + a
        h = h + self.fc2(F.gelu(self.fc1(layer_norm(self.ln2, h))))
        return h, att


class TargetLogProbs(torch.autograd.Function):
    """out[r, j] = log_softmax(z W^T + b)[r, y[r, j]]: the LM head's log-probabilities of a few
    targets per row, for R rows (R x Y), without keeping R x V float32 tensors for backward.

    The logits are made and kept in blocks of rows, in the matmul's dtype: an ExLM batch's (R, V)
    table in one piece (some 80 MB) would be mapped afresh from the system, page by page, at every
    step, blocks of 8 MB are reused from the heap. Each row's logsumexp is taken a few rows at a
    time, in cache, and kept (R floats) for backward. The backward pass turns the logits, a few
    rows at a time, into d loss / d logits = S - gsum * exp(logits - logsumexp) (S: the upstream
    gradient g placed at the targets, gsum: its row sums), in place where the logits are float32,
    then runs the two matmuls of a linear layer block by block, the bias gradient as a column of
    ones beside z. In float32 this is the gradient of log_softmax + gather to rounding; under
    autocast the matmuls run in the autocast dtype, as F.linear's would, the logsumexp, the softmax
    and the sum over blocks in float32. The backward pass runs once: the saved logits become the
    gradient, and a second pass through a retained graph fails on the version check."""

    BLOCK = 256  # rows per matmul and per stored block: 256 x 8192 float32 fill 8 MiB
    CHUNK = 32  # rows per logsumexp / softmax: 32 x 8192 float32 fill 1 MiB

    @staticmethod
    def forward(ctx, z, weight, bias, y):
        R = z.shape[0]
        acc = torch.promote_types(z.dtype, torch.float32)  # logsumexp and softmax in float32 at least
        lse = torch.empty(R, 1, dtype=acc, device=z.device)
        picked = torch.empty(y.shape, dtype=acc, device=z.device)
        wt = weight.t()
        blocks = []
        for s in range(0, R, TargetLogProbs.BLOCK):
            e = min(R, s + TargetLogProbs.BLOCK)
            logits = torch.addmm(bias, z[s:e], wt)  # (e - s, V)
            for c in range(s, e, TargetLogProbs.CHUNK):
                f = min(e, c + TargetLogProbs.CHUNK)
                chunk = logits[c - s : f - s].to(acc)
                torch.logsumexp(chunk, dim=1, keepdim=True, out=lse[c:f])
                torch.sub(chunk.gather(1, y[c:f]), lse[c:f], out=picked[c:f])
            blocks.append(logits)
        ctx.save_for_backward(z, weight, lse, y, *blocks)
        return picked

    @staticmethod
    def backward(ctx, g):
        z, weight, lse, y, *blocks = ctx.saved_tensors
        g = g.to(lse.dtype)
        neg_gsum = g.sum(dim=1, keepdim=True).neg_()  # (R, 1)
        zc = torch.cat([z, torch.ones(z.shape[0], 1, dtype=z.dtype, device=z.device)], dim=1)  # (R, d + 1)
        grad_z = torch.empty_like(z) if ctx.needs_input_grad[0] else None
        grad_wb = torch.zeros(weight.shape[0], zc.shape[1], dtype=lse.dtype, device=z.device)  # weight, bias
        s = 0
        for d_logits in blocks:  # each block's logits become its d loss / d logits
            e = s + d_logits.shape[0]
            for c in range(s, e, TargetLogProbs.CHUNK):
                f = min(e, c + TargetLogProbs.CHUNK)
                chunk = d_logits[c - s : f - s].to(g.dtype)  # the logits themselves where they are float32
                chunk.sub_(lse[c:f]).exp_().mul_(neg_gsum[c:f]).scatter_add_(1, y[c:f], g[c:f])
                if chunk.dtype != d_logits.dtype:
                    d_logits[c - s : f - s] = chunk
            if grad_z is not None:
                torch.mm(d_logits, weight, out=grad_z[s:e])
            if d_logits.dtype == grad_wb.dtype:
                grad_wb.addmm_(d_logits.t(), zc[s:e])
            else:
                grad_wb += d_logits.t() @ zc[s:e]
            s = e
        grad_wb = grad_wb.to(weight.dtype)
        return grad_z, grad_wb[:, :-1], grad_wb[:, -1], None


class Projection(torch.autograd.Function):
    """y = x W^T + a, returned twice: (y, a copy of y whose gradient reaches W and a but not x), as
    if the second came from x.detach() W^T + a, at the cost of one forward matmul and one
    weight-gradient matmul. The transition head uses it to serve the DAG loss (gradient into the
    encoder's states x) and the link prior (gradient into the head and its positions a only)."""

    @staticmethod
    def forward(ctx, x, weight, a):
        y = torch.addmm(a, x, weight.t())
        ctx.save_for_backward(x, weight)
        return y, y.clone()

    @staticmethod
    def backward(ctx, g, g_copy):
        x, weight = ctx.saved_tensors
        g_all = g + g_copy
        return g @ weight, g_all.t() @ x, g_all


def project(x, weight, a):
    """Projection's two outputs, x (N, in), weight (out, in), a (N, out); the matmul in the
    autocast dtype where autocast is on (as F.linear's would be)."""
    dtype = autocast_dtype(x.device.type) or torch.result_type(x, weight)
    with torch.autocast(x.device.type, enabled=False):
        return Projection.apply(x.to(dtype), weight.to(dtype), a.to(dtype))


def autocast_dtype(device_type):
    """The autocast dtype in force on `device_type`, or None."""
    if device_type == "cpu" and torch.is_autocast_cpu_enabled():
        return torch.get_autocast_cpu_dtype()
    if device_type == "cuda" and torch.is_autocast_enabled():
        return torch.get_autocast_gpu_dtype()
    return None


def target_logprobs(z, weight, bias, y):
    """log_softmax(F.linear(z, weight, bias)).gather(1, y) as TargetLogProbs computes it: z (R, d),
    weight (V, d), bias (V,), y (R, Y) -> (R, Y) float32. Under autocast the matmul runs in the
    autocast dtype (as F.linear's would), everything after it in float32."""
    dev = z.device.type
    dtype = autocast_dtype(dev) or torch.result_type(z, weight)
    with torch.autocast(dev, enabled=False):
        return TargetLogProbs.apply(z.to(dtype), weight.to(dtype), bias.to(dtype), y)


class ExLM(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        assert cfg.hidden_size % cfg.num_heads == 0 and (cfg.hidden_size // cfg.num_heads) % 4 == 0, (
            "head size must be a multiple of 4 (two RoPE halves of even size)"
        )
        self.cfg = cfg
        d, V = cfg.hidden_size, cfg.vocab_size
        self.embed = nn.Embedding(V, d)
        self.layers = nn.ModuleList(Layer(cfg) for _ in range(cfg.num_layers))
        self.final_ln = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        # LM head: dense -> gelu -> LN -> tied embedding + bias
        self.lm_dense = nn.Linear(d, d)
        self.lm_ln = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        self.lm_bias = nn.Parameter(torch.zeros(V))
        if cfg.architecture == "exlm":
            self.link_pos = nn.Embedding(cfg.max_expanded_positions, d)
            self.link_query = nn.Linear(2 * d, d)
            self.link_key = nn.Linear(2 * d, d)
            self.link_gate = nn.Linear(2 * d, cfg.num_heads)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def encode(self, tokens, pos1, pos2, key_valid, need_weights=False, packing=None):
        """tokens, pos1, pos2, key_valid: (B, T) -> h_L (B, T, d) float32, attention maps. With
        packing (Packing(key_valid)): h_L at the valid positions only, (R, d), every row-wise layer
        run on those alone (training: a batch of the ExLM pads more, its masks expand k-fold)."""
        cfg = self.cfg
        r = cfg.hidden_size // cfg.num_heads // 2
        rope = (rope_tables(pos1, r, cfg.rope_base), rope_tables(pos2, r, cfg.rope_base))
        key_bias = torch.zeros(key_valid.shape, dtype=torch.float32)
        key_bias = key_bias.masked_fill(~key_valid, float("-inf"))[:, None, None, :]  # (B,1,1,T)
        if packing:
            tokens = tokens.reshape(-1).index_select(0, packing.rows)
        h = self.embed(tokens)  # (B, T, d) or (R, d): no scaling, no absolute positions
        atts = []
        for layer in self.layers:
            h, att = layer(h, rope, key_bias, need_weights, packing)
            atts.append(att)
        return layer_norm(self.final_ln, h), atts

    def encode_states(self, batch):
        """The final hidden states of the states (B, L, d), for training: the encoder on the valid
        positions only (encode's packing), equal to gather_states(encode(...)) to rounding."""
        packing = Packing(batch["key_valid"])
        h, _ = self.encode(batch["tokens"], batch["pos1"], batch["pos2"], batch["key_valid"], packing=packing)
        B, T = packing.B, packing.T
        dev = h.device
        row_of = torch.zeros(B * T, dtype=torch.long, device=dev)  # (B T) position -> its row in h
        row_of[packing.rows] = torch.arange(packing.rows.shape[0], device=dev)
        states = batch["states"] + T * torch.arange(B, device=dev)[:, None]  # (B, L) positions in (B T)
        return h.index_select(0, row_of[states.reshape(-1)]).view(B, -1, h.shape[-1])

    def head_logits(self, hs):
        """hs: (B, L, d) final hidden states of the states -> LM-head logits (B, L, V), tied weights."""
        z = layer_norm(self.lm_ln, F.gelu(self.lm_dense(hs)))
        return F.linear(z, self.embed.weight, self.lm_bias)

    def state_logprobs(self, hs):
        """log P_u over the whole vocabulary (B, L, V), float32: what inference shows."""
        return self.head_logits(hs).float().log_softmax(dim=-1)

    def emissions(self, hs, y, state_valid=None):
        """log P_u(y_i) for every state u and target i, (B, Y, L) float32, computed only for the
        valid states (state_valid (B, L); None: all) and without keeping (B, L, V) float32
        log-probabilities for backward (target_logprobs). Padded states get NEG (the losses never
        read them). Equal, loss and gradients, to gathering from state_logprobs."""
        B, L, d = hs.shape
        if state_valid is None:
            rows, y_rows = hs.reshape(B * L, d), y.repeat_interleave(L, dim=0)  # (B L, d), (B L, Y)
        else:
            rows, y_rows = hs[state_valid], y.repeat_interleave(state_valid.sum(dim=1), dim=0)
        z = layer_norm(self.lm_ln, F.gelu(self.lm_dense(rows)))  # (R, d), float32
        picked = target_logprobs(z, self.embed.weight, self.lm_bias, y_rows)  # (R, Y)
        if state_valid is None:
            return picked.view(B, L, -1).transpose(1, 2)
        out = picked.new_full((B, L, y.shape[1]), NEG)
        return out.masked_scatter(state_valid[..., None], picked).transpose(1, 2)

    def links(self, hs, state_pos, state_valid):
        """hs: (B, L, d); state_pos: (B, L) expanded index of each state; state_valid: (B, L).
        Returns links (B, L, L): log transition probabilities, NEG where there is no edge."""
        f = torch.cat([hs, self.link_pos(state_pos).to(hs.dtype)], dim=-1)  # (B, L, 2d)
        return self._links_from(self.link_query(f), self.link_key(f), self.link_gate(f), state_valid)

    def _links_from(self, q, k, gate, state_valid):
        """The transition head after its projections: q, k (B, L, d), gate logits (B, L, H) -> links
        (B, L, L)."""
        B, L, d = q.shape
        H = self.cfg.num_heads
        c = d // H
        q = q.reshape(B, L, H, c).transpose(1, 2)  # (B, H, L, c)
        k = k.reshape(B, L, H, c).transpose(1, 2)  # (B, H, L, c)
        gate = gate.float().log_softmax(dim=-1)  # (B, L, H)
        scores = (q @ k.transpose(-1, -2)).float() / math.sqrt(c)  # (B, H, L, L)
        idx = torch.arange(L, device=q.device)
        edge = (idx[None, :] > idx[:, None])[None] & state_valid[:, None, :] & state_valid[:, :, None]
        scores = scores.masked_fill(~edge[:, None], NEG)
        logattn = scores.log_softmax(dim=-1)  # over successors t of each s
        links = torch.logsumexp(logattn + gate.transpose(1, 2)[..., None], dim=1)  # (B, L, L)
        # rows without any successor (the last state, padding) softmaxed over nothing: re-mask
        return links.masked_fill(~edge, NEG)

    def forward(self, batch, need_weights=False):
        """Everything inference needs, on the states only: hidden states, attention maps, log P_u over
        the vocabulary (B, L, V) and, for ExLM, links (B, L, L)."""
        h, atts = self.encode(batch["tokens"], batch["pos1"], batch["pos2"], batch["key_valid"], need_weights)
        hs = self.gather_states(h, batch["states"])
        out = dict(hidden=h, attention=atts, logprobs=self.state_logprobs(hs))
        if self.cfg.architecture == "exlm":
            out["links"] = self.links(hs, batch["states"], batch["state_valid"])
        return out

    @staticmethod
    def gather_states(h, states):
        return torch.gather(h, 1, states[..., None].expand(-1, -1, h.shape[-1]))  # (B, L, d)

    def loss(
        self,
        batch,
        fixed=None,
        stay=0.7,
        learned_weight=1.0,
        fixed_weight=0.0,
        prior_weight=0.0,
        prior="uniform",
        balance_weight=0.0,
        wta_weight=0.0,
        wta_eps=0.1,
        norm=None,
    ):
        """Training loss. The twin: cross-entropy. ExLM, on the same emissions:
          learned_weight * the DAG loss over the transition head's links (what inference uses)
          + fixed_weight * the DAG loss over fixed links `fixed` ("uniform"/"diagonal", warmup_links)
          + prior_weight * the cross-entropy of the head's links against fixed links `prior`
          + balance_weight * copy_balance_loss (the links use every copy of the next mask, on average)
          + wta_weight * slot_wta_loss (each slot trains its best copy most: the copies specialise).
        The link warm-up trains on fixed links alone, so that every copy of a [MASK] learns its own
        slot; the prior teaches the head that each mask's copies lead to the next mask's copies, all
        alike, and keeps it from betting everything on one copy before the copies differ.

        norm: None, each term a mean over this batch; or, when this batch is a share of a larger one
        (a data-parallel rank's, a micro-batch of gradient accumulation), the larger batch's counts
        {"sentences", "masks", "link_rows"} (train.loss_counts): each term is then this share's sum
        over the larger batch's count, so that the shares' losses and gradients add up to the
        larger batch's own. The copy balance, a function of the batch's mean, is the one exception:
        each share's own, weighted by its share of the masks."""
        hs = self.encode_states(batch)  # (B, L, d)
        emit = self.emissions(hs, batch["y"], batch["state_valid"])  # (B, Y, L)
        if self.cfg.architecture != "exlm" or emit.shape[1] == emit.shape[2]:
            # the twin, or ExLM fed a k = 1 batch (one copy)
            return mlm_loss(emit, batch["y_len"], None if norm is None else norm["masks"])
        links, prior_links = self.loss_links(hs, batch, learned_weight > 0, prior_weight > 0)
        return path_losses(
            emit,
            links,
            prior_links,
            batch,
            self.cfg.expansion,
            fixed,
            stay,
            learned_weight,
            fixed_weight,
            prior_weight,
            prior,
            balance_weight,
            wta_weight,
            wta_eps,
            norm,
        )

    def loss_links(self, hs, batch, learned, prior):
        """The links the loss needs: (links for the DAG loss or None, links for the link prior or
        None), each equal to links() to rounding. The prior trains the transition head only (the
        encoder's states learn from the DAG): its links are the head's on hs.detach(); with both,
        one projection serves the two (Projection). The head's three linear layers on [h; Pos] run
        as one matmul, split as h W_h^T + (Pos W_p^T + b)[state_pos]: the first on the valid
        states only, the second once per expanded position of the batch."""
        if not (learned or prior):
            return None, None
        states, valid = batch["states"], batch["state_valid"]
        B, L, d = hs.shape
        heads = (self.link_query, self.link_key, self.link_gate)
        weight = torch.cat([m.weight for m in heads])  # (2d + H, 2d): q, k and gate
        bias = torch.cat([m.bias for m in heads])
        rows = valid.view(-1).nonzero().squeeze(1)  # (R,) valid states in (B L)
        by_pos = F.linear(self.link_pos.weight[: batch["tokens"].shape[1]], weight[:, d:], bias)  # (T, 2d + H)
        pos_part = by_pos.index_select(0, states.view(-1).index_select(0, rows))  # (R, 2d + H)
        h = hs.reshape(B * L, d).index_select(0, rows)  # (R, d)
        if learned and prior:
            projs = project(h, weight[:, :d], pos_part)
        else:
            projs = (F.linear(h if learned else h.detach(), weight[:, :d]) + pos_part,)
        n = len(projs)
        proj = torch.cat(projs)  # (n R, 2d + H)
        every = torch.cat([rows + j * B * L for j in range(n)])
        proj = proj.new_zeros(n * B * L, proj.shape[1]).index_copy(0, every, proj).view(n * B, L, -1)
        out = self._links_from(proj[..., :d], proj[..., d : 2 * d], proj[..., 2 * d :], valid.repeat(n, 1))
        if n == 2:
            return out[:B], out[B:]
        return (out, None) if learned else (None, out)


def path_losses(
    emit,
    links,
    prior_links,
    batch,
    k,
    fixed=None,
    stay=0.7,
    learned_weight=1.0,
    fixed_weight=0.0,
    prior_weight=0.0,
    prior="uniform",
    balance_weight=0.0,
    wta_weight=0.0,
    wta_eps=0.1,
    norm=None,
):
    """ExLM.loss after the emissions (B, Y, L) and the transition head's links (ExLM.loss_links):
    the DAG losses over the learned and the fixed links (one dynamic programme, the two stacked
    along the batch), the winner-take-all anchor, the link prior, the copy balance and the per-slot
    winner-take-all term. norm: as ExLM.loss's."""
    valid, total = batch["state_valid"], 0.0
    norm = norm or {}
    fixed_links = {}  # mode -> warmup_links, made once

    def fixed_for(mode):
        if mode not in fixed_links:
            fixed_links[mode] = warmup_links(valid, k, mode, stay)
        return fixed_links[mode]

    dags = []  # (links, weight)
    if learned_weight > 0:
        dags.append((links, learned_weight))
    if fixed_weight > 0 and fixed == "readings":
        total = total + fixed_weight * best_reading_loss(emit, batch["y_len"], valid, k, norm.get("sentences"))
    elif fixed_weight > 0:
        dags.append((fixed_for(fixed), fixed_weight))
    if dags:
        n, B = len(dags), emit.shape[0]
        logp = dag_logp(
            emit.repeat(n, 1, 1), torch.cat([x for x, _ in dags]), batch["y_len"].repeat(n), valid.repeat(n, 1)
        ).view(n, B)
        for j, (_, weight) in enumerate(dags):
            if "sentences" in norm:
                total = total + weight * -logp[j].sum() / norm["sentences"]
            else:
                total = total + weight * -logp[j].mean()
    if prior_weight > 0:
        total = total + prior_weight * link_prior_loss(prior_links, fixed_for(prior), norm.get("link_rows"))
    if balance_weight > 0:
        share = float((batch["y_len"] - 2).sum()) / norm["masks"] if "masks" in norm else 1.0
        total = total + balance_weight * share * copy_balance_loss(links, batch["y_len"], k)
    if wta_weight > 0:
        total = total + wta_weight * slot_wta_loss(emit, batch["y_len"], k, wta_eps, norm.get("masks"))
    return total


# ----------------------------------------------------------------------------------------------
# Fixed links for the link warm-up and the anchor: training-time only, never used at inference
#
# Why: at the start all states emit alike, so the DAG loss can only fall through the links, and the
# learned links collapse onto a content-blind route through late states (slots read from the wrong
# [MASK]). Fixed links that step from each [MASK]'s copies to the next [MASK]'s copies keep the
# alignment right while every copy learns to predict its own slot; the transition head takes over
# afterwards. States are grouped k by k: group 0 is [CLS], groups 1..M the masks, group M+1 [SEP].


def warmup_links(state_valid, k, mode, stay=0.7):
    """Fixed log transitions (B, L, L), NEG off the allowed edges. From [CLS] to the first mask's
    copies uniformly; from mask i's copies to mask i+1's: uniformly ("uniform") or, for "diagonal",
    copy c -> copy c with probability `stay` and the others share the rest, so each copy index
    becomes one consistent reading of the whole sentence; from the last mask's copies straight to
    the final state S[L-1] (the path's end), with probability 1."""
    B, L = state_valid.shape
    dev = state_valid.device
    idx = torch.arange(L, device=dev)
    group, copy = idx // k, idx % k
    nxt = group[None, :] == group[:, None] + 1  # (L, L): t in the group after s
    uniform = -math.log(k)
    if mode == "uniform":
        val = torch.full((L, L), uniform, device=dev)
    elif mode == "diagonal":
        same = copy[:, None] == copy[None, :]
        other = math.log((1 - stay) / (k - 1)) if k > 1 else 0.0
        val = torch.where(same, torch.tensor(math.log(stay), device=dev), torch.tensor(other, device=dev))
        val = torch.where(group[:, None] == 0, torch.tensor(uniform, device=dev), val)
    else:
        raise ValueError(f"unknown link warm-up mode {mode!r}: use 'uniform' or 'diagonal'")
    n_states = state_valid.sum(dim=1)  # (B,) = k (M + 2)
    last = (n_states - 1)[:, None, None]  # (B, 1, 1)
    into_sep = group[None, None, :] == (n_states // k - 1)[:, None, None]  # (B, 1, L)
    out = torch.where(nxt[None], val[None], torch.tensor(NEG, device=dev)).expand(B, L, L)
    end = torch.where(idx[None, None, :] == last, torch.tensor(0.0, device=dev), torch.tensor(NEG, device=dev))
    out = torch.where(nxt[None] & into_sep, end, out)
    both = state_valid[:, :, None] & state_valid[:, None, :]
    return out.masked_fill(~both, NEG)


def own_copy_emissions(emit, y_len, k):
    """Each mask slot's target at its own mask's k copies: own (B, Y-2, k) = log P of y_i at copy c
    of mask i (slots 1..Y-2, states i*k .. i*k + k - 1), and valid (B, Y-2), 1.0 where slot i exists.
    emit (B, Y, L) = log P_u(y_i); y_len (B,)."""
    B, Y, L = emit.shape
    i = torch.arange(1, Y - 1, device=emit.device)  # mask slots 1..Y-2
    idx = (i[:, None] * k + torch.arange(k, device=emit.device)[None, :]).clamp(max=L - 1)  # (Y-2, k)
    own = emit[:, 1 : Y - 1, :].gather(2, idx[None].expand(B, -1, -1))  # (B, Y-2, k)
    return own, (i[None, :] < (y_len - 1)[:, None]).float()


def best_reading_loss(emit, y_len, state_valid, k, count=None):
    """Winner-take-all over the k readings of a sentence, reading c = copy c of every [MASK]:
    -max_c log P(y | reading c) / (M + 2), averaged over sentences. Only the best reading of each
    sentence learns from it, so the copies specialise into different, self-consistent readings
    (multiple-choice learning) instead of all learning the same average guess.
    emit (B, Y, L) = log P_u(y_i); y_len (B,); state_valid (B, L); count: divide the sum over
    sentences by this instead of B (ExLM.loss's norm)."""
    own, valid = own_copy_emissions(emit, y_len, k)  # (B, Y-2, k), (B, Y-2)
    reading = (own * valid[..., None]).sum(dim=1)  # (B, k)
    last = state_valid.sum(dim=1) - 1
    rows = torch.arange(emit.shape[0], device=emit.device)
    ends = emit[:, 0, 0] + emit[rows, y_len - 1, last]  # [CLS] and [SEP] states
    best = reading.max(dim=1).values + ends  # (B,)
    if count is not None:
        return -(best / y_len.float()).sum() / count
    return -(best / y_len.float()).mean()


def copy_balance_loss(links, y_len, k):
    """Load balancing of the copies: KL(u || uniform) of u, the mean over the batch of how each
    state's links share out over the k copies of the next [MASK] (renormalised over those k).
    Without it the free links drift onto one copy (docs/exlm-training.md); unlike the link prior it
    constrains only the average, so single transitions can still prefer one copy.
    links (B, L, L) log transitions, L = k * G; y_len (B,) = M + 2 per sentence."""
    B, L, _ = links.shape
    G = L // k
    groups = links.float().view(B, G, k, G, k)
    step = torch.diagonal(groups, offset=1, dim1=1, dim2=3)  # (B, k, k, G-1): group g -> g+1
    q = step.permute(0, 3, 1, 2).softmax(dim=-1)  # (B, G-1, k from, k to), rows renormalised
    into_mask = torch.arange(1, G, device=links.device)[None, :] < (y_len - 1)[:, None]  # (B, G-1)
    rows = q[into_mask]  # (R, k, k)
    if rows.shape[0] == 0:
        return links.new_zeros(())
    u = rows.mean(dim=(0, 1))  # (k,)
    return (u * (u * k).clamp_min(1e-9).log()).sum()


def slot_wta_loss(emit, y_len, k, eps=0.1, count=None):
    """Relaxed winner-take-all per slot: the cross-entropy of slot i's target at its own mask's
    copies, weighted 1 - eps on the copy that scores it best now and eps / (k - 1) on the others
    (weights held constant). Identical copies get identical gradients from the DAG loss, a
    symmetric point; this term breaks the tie, so each copy specialises on the readings it wins.
    emit (B, Y, L) = log P_u(y_i); y_len (B,); count: divide by this instead of the slots here."""
    own, valid = own_copy_emissions(emit, y_len, k)  # (B, Y-2, k), (B, Y-2)
    w = torch.full_like(own, eps / max(k - 1, 1))
    w.scatter_(2, own.argmax(dim=2, keepdim=True), 1 - eps)
    total = -((w.detach() * own).sum(dim=-1) * valid).sum()
    return total / (valid.sum().clamp(min=1) if count is None else count)


def link_prior_loss(links, prior, count=None):
    """Cross-entropy of the learned links against fixed ones, both (B, L, L) log transitions with
    NEG off their edges: mean over the source states that have edges in `prior` of
    -sum_t exp(prior(s, t)) * links(s, t) (count: divide the sum by this instead of those states)."""
    p = prior.exp() * (prior > NEG / 2)  # (B, L, L), exactly 0 off the prior's edges
    rows = p.sum(dim=-1) > 0.5  # (B, L)
    ce = -(p * links.float()).sum(dim=-1)  # (B, L)
    return ce[rows].mean() if count is None else ce[rows].sum() / count


# ----------------------------------------------------------------------------------------------
# Losses


def gather_emissions(logprobs, y):
    """(B, L, V) log-probabilities and (B, Y) targets -> emissions (B, Y, L)."""
    L = logprobs.shape[1]
    return torch.gather(logprobs, 2, y[:, None, :].expand(-1, L, -1)).transpose(1, 2)


def dag_loss(emit, links, y_len, state_valid):
    """-log P(y) / (M+2), averaged over sentences, summing over every path through the DAG.
    emit (B, Y, L) = log P_u(y_i), links (B, L, L) with NEG off the DAG, y_len (B,), state_valid (B, L).
    f_i(u) = log P_u(y_i) + logsumexp_v (f_{i-1}(v) + links(v, u)); log P(y) = f_{Y_b-1}(last state)."""
    return -dag_logp(emit, links, y_len, state_valid).mean()


def dag_logp(emit, links, y_len, state_valid):
    """log P(y) / (M+2) of each sentence (B,), the forward programme of dag_loss, vectorised over the
    batch (several DAG losses on the same emissions run as one, stacked along the batch)."""
    B, Y, L = emit.shape
    emit = emit.masked_fill(~state_valid[:, None, :], NEG)
    start = torch.full((B, L), NEG, device=emit.device)
    start[:, 0] = 0.0
    f = emit[:, 0] + start  # (B, L)
    finals = [f]
    for i in range(1, Y):
        f = emit[:, i] + torch.logsumexp(f[:, :, None] + links, dim=1)  # (B, L)
        finals.append(f)
    f_all = torch.stack(finals, dim=1)  # (B, Y, L)
    last_state = state_valid.sum(dim=1) - 1  # (B,)
    logp = f_all[torch.arange(B, device=emit.device), y_len - 1, last_state]  # (B,)
    return logp / y_len.float()


def mlm_loss(emit, y_len, count=None):
    """Twin: mean cross-entropy over the masked positions. With k = 1 the states are [CLS], the
    masks, [SEP], so state j carries target j: the diagonal of the emissions (B, Y, L), Y = L.
    count: divide the sum by this instead of the masked positions here (ExLM.loss's norm)."""
    B, Y, L = emit.shape
    diag = torch.diagonal(emit, dim1=1, dim2=2)[:, 1:-1]  # (B, L-2): state j, target j
    valid = torch.arange(1, L - 1, device=emit.device)[None, :] < (y_len - 1)[:, None]
    return -(diag[valid]).sum() / (valid.sum().clamp(min=1) if count is None else count)
