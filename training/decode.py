"""Inference on one sentence, the reference for src/model/dag.ts (docs/design.md, "Inference").

All in float64 log space on plain tensors: slot marginals by forward-backward with the inner emissions
summed out, the best joint fill by Viterbi with exactly M inner vertices, entropies.

Slots are scored over the slot vocabulary: every [MASK] stands for one whole word (the playground
masks words, training masks single-piece words), so a slot never holds a special token or a "##"
continuation piece.
"""

import torch

from training.model import NUM_SPECIAL


def slot_vocabulary(vocab_size, continuation=None):
    """(V,) bool: the ids a masked slot may hold: not special, not a continuation piece.
    continuation: (V,) bool, True for "##" pieces (None: the vocabulary has none)."""
    allowed = torch.ones(vocab_size, dtype=torch.bool)
    allowed[:NUM_SPECIAL] = False
    if continuation is not None:
        allowed &= ~torch.as_tensor(continuation, dtype=torch.bool)
    return allowed


def continuation_of(vocab):
    """(V,) bool from a token -> id vocabulary: True for WordPiece continuation pieces ("##ing")."""
    table = torch.zeros(len(vocab), dtype=torch.bool)
    for token, i in vocab.items():
        table[i] = token.startswith("##")
    return table


def non_special_log(logprobs, allowed=None):
    """Keep the slot vocabulary: (..., V) -> (..., V) with -inf outside it (default: the special ids)."""
    allowed = slot_vocabulary(logprobs.shape[-1]) if allowed is None else allowed
    return logprobs.masked_fill(~allowed, float("-inf"))


def path_tables(links, M):
    """Forward/backward tables over the paths S[0] -> M inner vertices -> S[L-1], links only (the
    emissions summed out). links (L, L) log transitions, -inf off the DAG. Returns alpha, beta
    (M + 2, L) in float64 log space and log Z, the log total weight of all such paths."""
    links = links.double()
    L = links.shape[0]
    alpha = torch.full((M + 2, L), float("-inf"), dtype=torch.float64)
    beta = torch.full((M + 2, L), float("-inf"), dtype=torch.float64)
    alpha[0, 0] = 0.0
    for i in range(1, M + 2):
        alpha[i] = torch.logsumexp(alpha[i - 1][:, None] + links, dim=0)
    beta[M + 1, L - 1] = 0.0
    for i in range(M, -1, -1):
        beta[i] = torch.logsumexp(links + beta[i + 1][None, :], dim=1)
    return alpha, beta, alpha[M + 1, L - 1]


def slot_gamma(links, M):
    """links (L, L) log transitions (-inf off the DAG). Returns gamma (M, L): the probability that
    the path's i-th inner vertex (i = 1..M) is state u. Path: S[0] -> M inner vertices -> S[L-1]."""
    alpha, beta, logz = path_tables(links, M)
    return (alpha[1 : M + 1] + beta[1 : M + 1] - logz).exp()  # (M, L)


def slot_marginals(logprobs, gamma, allowed=None):
    """p_i(w) = sum_u gamma_i(u) P_u(w), then restricted to the slot vocabulary and renormalised.
    logprobs (L, V), gamma (M, L) -> (M, V) probabilities, 0 outside the slot vocabulary."""
    allowed = slot_vocabulary(logprobs.shape[-1]) if allowed is None else allowed
    p = (gamma @ logprobs.exp()).masked_fill(~allowed, 0.0)  # (M, V)
    return p / p.sum(dim=1, keepdim=True)


def entropy(p):
    """Entropy in nats of each row of p (rows sum to 1)."""
    return -(p * torch.where(p > 0, p.log(), torch.zeros_like(p))).sum(dim=-1)


def viterbi(logprobs, links, M, allowed=None):
    """Best path S[0] -> a_1 < .. < a_M -> S[L-1] maximising sum links + sum_i max_w log P_{a_i}(w),
    w over the slot vocabulary. Returns (path of M+2 state indices, token id per slot)."""
    L = links.shape[0]
    best_lp, best_w = non_special_log(logprobs, allowed).max(dim=1)  # (L,)
    score = torch.full((L,), float("-inf"), dtype=torch.float64)
    score[0] = 0.0
    back = []
    for i in range(1, M + 2):
        cand = score[:, None] + links  # (from, to)
        score, arg = cand.max(dim=0)
        if i <= M:
            score = score + best_lp
        back.append(arg)
    path = [L - 1]
    for arg in reversed(back):
        path.append(int(arg[path[-1]]))
    path.reverse()
    return path, [int(best_w[u]) for u in path[1:-1]]


def decode_sentence(logprobs, links, M, architecture, allowed=None):
    """One sentence: logprobs (L, V), links (L, L) or None for the twin; allowed: the slot
    vocabulary (slot_vocabulary; default: all but the special ids). Returns a dict of float64
    tensors and lists: gamma, marginals, entropy, path, fill_ids."""
    logprobs = logprobs.double()
    L = logprobs.shape[0]
    if architecture == "mlm":
        gamma = torch.zeros(M, L, dtype=torch.float64)
        gamma[torch.arange(M), torch.arange(1, M + 1)] = 1.0
        marg = slot_marginals(logprobs, gamma, allowed)
        fill = [int(w) for w in marg.argmax(dim=1)]
        path = list(range(M + 2))
    else:
        links = links.double()
        gamma = slot_gamma(links, M)
        marg = slot_marginals(logprobs, gamma, allowed)
        path, fill = viterbi(logprobs, links, M, allowed)
    return dict(gamma=gamma, marginals=marg, entropy=entropy(marg), path=path, fill_ids=fill)
