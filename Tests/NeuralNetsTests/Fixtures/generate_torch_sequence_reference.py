#!/usr/bin/env python3
"""Writes torch_sequence_reference.json: PyTorch's outputs and gradients for the sequence layers
(RNN, LSTM, GRU and their cells, multi-head attention, scaled dot-product attention, transformer
encoder and decoder layers), the CTC loss, and reference values for the positional encodings
(sinusoidal, RoPE, ALiBi), which PyTorch does not provide: those are computed here from the
papers' formulas, independently of the Swift code.

Run offline from this folder, with PyTorch in a virtual environment outside the repo:
    python3 -m venv /tmp/anchors && /tmp/anchors/bin/pip install numpy torch
    /tmp/anchors/bin/python generate_torch_sequence_reference.py

Every case stores its inputs, the parameters (as `param.<PyTorch state-dict name>`), the forward
outputs, a fixed random cotangent per output (`cot_<output>`) and the gradients of
L = Σ output·cotangent (`grad_<input>`, `grad_param.<name>`), all in float64.
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "TensorsTests", "Fixtures"))
from fixture_writer import Fixture  # noqa: E402

torch.manual_seed(20261122)
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
fx = Fixture("torch_sequence_reference", directory=HERE)


def t(a):
    return a.detach().numpy()


def run_case(name, module, inputs, call, differentiable=None, extra=None):
    """Calls `call(module, *leaves)` → dict of named outputs; backpropagates a random cotangent
    per output and records inputs, parameters, outputs, cotangents and gradients."""
    differentiable = differentiable or {k: v.dtype.is_floating_point for k, v in inputs.items()}
    leaves = {k: v.detach().clone().requires_grad_(differentiable[k]) for k, v in inputs.items()}
    if module is not None:
        module.zero_grad()
    outputs = call(module, **leaves)
    arrays = {k: t(v) for k, v in inputs.items()}
    total = 0
    for k, out in outputs.items():
        cot = torch.randn(out.shape)
        arrays[k] = t(out)
        arrays[f"cot_{k}"] = t(cot)
        total = total + (out * cot).sum()
    total.backward()
    for k, leaf in leaves.items():
        if differentiable[k]:
            arrays[f"grad_{k}"] = t(leaf.grad)
    if module is not None:
        for pname, p in module.named_parameters():
            arrays[f"param.{pname}"] = t(p)
            arrays[f"grad_param.{pname}"] = t(p.grad)
        for bname, b in module.named_buffers():
            arrays[f"buffer.{bname}"] = t(b)
    arrays.update(extra or {})
    fx.case(name, **arrays)


# ---------------------------------------------------------------- recurrent layers
I, H, T, B = 3, 4, 5, 2
recurrent = [
    # name, class, kwargs, batched input shape, initial state given
    ("rnn_tanh", nn.RNN, dict(), (T, B, I), False),
    ("rnn_relu_2layer_bidirectional_state", nn.RNN, dict(nonlinearity="relu", num_layers=2, bidirectional=True), (T, B, I), True),
    ("rnn_tanh_batch_first_nobias", nn.RNN, dict(batch_first=True, bias=False), (B, T, I), True),
    ("lstm", nn.LSTM, dict(), (T, B, I), False),
    ("lstm_state", nn.LSTM, dict(), (T, B, I), True),
    ("lstm_2layer_bidirectional_batch_first_state", nn.LSTM, dict(num_layers=2, bidirectional=True, batch_first=True), (B, T, I), True),
    ("lstm_3layer_nobias", nn.LSTM, dict(num_layers=3, bias=False), (T, B, I), False),
    ("lstm_unbatched_bidirectional", nn.LSTM, dict(bidirectional=True), (T, I), True),
    ("gru", nn.GRU, dict(), (T, B, I), False),
    ("gru_2layer_bidirectional_state", nn.GRU, dict(num_layers=2, bidirectional=True), (T, B, I), True),
    ("gru_batch_first_state", nn.GRU, dict(batch_first=True), (B, T, I), True),
]
for name, cls, kwargs, shape, with_state in recurrent:
    layer = cls(I, H, **kwargs)
    directions = 2 if kwargs.get("bidirectional") else 1
    layers = kwargs.get("num_layers", 1)
    batched = len(shape) == 3
    state_shape = (layers * directions, B, H) if batched else (layers * directions, H)
    inputs = {"input": torch.randn(shape)}
    if with_state:
        inputs["h0"] = torch.randn(state_shape) * 0.5
        if cls is nn.LSTM:
            inputs["c0"] = torch.randn(state_shape) * 0.5
    is_lstm = cls is nn.LSTM

    def call(m, input, h0=None, c0=None):
        if is_lstm:
            out, (hn, cn) = m(input, (h0, c0)) if h0 is not None else m(input)
            return {"output": out, "h_n": hn, "c_n": cn}
        out, hn = m(input, h0) if h0 is not None else m(input)
        return {"output": out, "h_n": hn}

    run_case(f"recurrent_{name}", layer, inputs, call)

# ---------------------------------------------------------------- recurrent cells
cells = [
    ("rnn_cell_tanh", nn.RNNCell, dict(), True),
    ("rnn_cell_relu_nostate", nn.RNNCell, dict(nonlinearity="relu"), False),
    ("lstm_cell_state", nn.LSTMCell, dict(), True),
    ("lstm_cell_nostate", nn.LSTMCell, dict(), False),
    ("gru_cell_state", nn.GRUCell, dict(), True),
    ("gru_cell_nobias", nn.GRUCell, dict(bias=False), True),
]
for name, cls, kwargs, with_state in cells:
    cell = cls(I, H, **kwargs)
    inputs = {"input": torch.randn(B, I)}
    if with_state:
        inputs["h0"] = torch.randn(B, H) * 0.5
        if cls is nn.LSTMCell:
            inputs["c0"] = torch.randn(B, H) * 0.5
    is_lstm = cls is nn.LSTMCell

    def call(m, input, h0=None, c0=None):
        if is_lstm:
            h, c = m(input, (h0, c0)) if h0 is not None else m(input)
            return {"h": h, "c": c}
        return {"h": m(input, h0) if h0 is not None else m(input)}

    run_case(f"cell_{name}", cell, inputs, call)

# ---------------------------------------------------------------- multi-head attention
E, NH, L, S, N = 8, 2, 4, 5, 3


def mha_case(name, batch_first, query_shape, kv_shape, self_attention=False, key_padding=None, attn_mask=None,
             average=True, is_causal=False, bias=True):
    mha = nn.MultiheadAttention(E, NH, batch_first=batch_first, bias=bias)
    with torch.no_grad():  # non-zero biases, so that their gradients are exercised
        if bias:
            mha.in_proj_bias.normal_(0, 0.1)
            mha.out_proj.bias.normal_(0, 0.1)
    inputs = {"query": torch.randn(query_shape)}
    if not self_attention:
        inputs["key"] = torch.randn(kv_shape)
        inputs["value"] = torch.randn(kv_shape)
    if key_padding is not None:
        inputs["key_padding_mask"] = key_padding
    if attn_mask is not None:
        inputs["attn_mask"] = attn_mask
    differentiable = {k: k in ("query", "key", "value") for k in inputs}

    def call(m, query, key=None, value=None, key_padding_mask=None, attn_mask=None):
        if self_attention:
            key = value = query
        out, w = m(query, key, value, key_padding_mask=key_padding_mask, attn_mask=attn_mask,
                   need_weights=True, average_attn_weights=average, is_causal=is_causal)
        return {"output": out, "weights": w}

    run_case(f"mha_{name}", mha, inputs, call, differentiable)


mha_case("self", False, (L, N, E), None, self_attention=True)
padding = torch.tensor([[False] * S, [False, False, False, True, True], [True, False, False, False, False]])


def random_bool_mask():
    """True (hidden) at random, but keys 0 and 1 always visible, so that no query sees nothing."""
    m = torch.rand(L, S) > 0.6
    m[:, :2] = False
    return m


mha_case("cross_bool_masks", False, (L, N, E), (S, N, E), key_padding=padding, attn_mask=random_bool_mask())
mha_case("batch_first_float_mask_per_head", True, (N, L, E), (N, S, E), attn_mask=torch.randn(N * NH, L, S), average=False)
mha_case("self_causal", True, (N, L, E), None, self_attention=True,
         attn_mask=torch.ones(L, L, dtype=torch.bool).triu(1), is_causal=True)
mha_case("unbatched_nobias", False, (L, E), (S, E), bias=False, key_padding=torch.tensor([False, True, False, False, False]))

# ---------------------------------------------------------------- scaled dot-product attention
def sdpa_case(name, shape_q, shape_kv, mask=None, is_causal=False, scale=None):
    inputs = {"query": torch.randn(shape_q), "key": torch.randn(shape_kv), "value": torch.randn(shape_kv)}
    if mask is not None:
        inputs["mask"] = mask
    differentiable = {k: k != "mask" for k in inputs}

    def call(_, query, key, value, mask=None):
        return {"output": F.scaled_dot_product_attention(query, key, value, attn_mask=mask, is_causal=is_causal, scale=scale)}

    run_case(f"sdpa_{name}", None, inputs, call, differentiable)


sdpa_case("plain", (2, 3, 4, 6), (2, 3, 5, 6))
allowed = torch.rand(4, 5) > 0.3
allowed[:, 0] = True
sdpa_case("bool_mask_scale", (2, 4, 6), (2, 5, 6), mask=allowed, scale=0.3)
sdpa_case("float_mask", (2, 3, 4, 6), (2, 3, 5, 6), mask=torch.randn(3, 4, 5))
sdpa_case("causal", (2, 5, 4), (2, 5, 4), is_causal=True)

# ---------------------------------------------------------------- transformer layers
DM, FF = 8, 16


def transformer_case(name, cls, kwargs, inputs, call_kwargs, eval_mode=False):
    layer = cls(DM, NH, dim_feedforward=FF, **kwargs)
    with torch.no_grad():
        for m in layer.modules():
            if isinstance(m, nn.LayerNorm):  # away from the identity, so the affine parameters matter
                m.weight.normal_(1, 0.2)
                m.bias.normal_(0, 0.2)
            if isinstance(m, nn.MultiheadAttention):
                m.in_proj_bias.normal_(0, 0.1)
                m.out_proj.bias.normal_(0, 0.1)
    if eval_mode:
        layer.eval()
    differentiable = {k: v.dtype.is_floating_point and not k.endswith("mask") for k, v in inputs.items()}

    def call(m, **kw):
        return {"output": m(**kw, **call_kwargs)}

    run_case(f"transformer_{name}", layer, inputs, call, differentiable)


src = torch.randn(L, N, DM)
transformer_case("encoder_post_relu", nn.TransformerEncoderLayer, dict(dropout=0.0), {"src": src}, {})
transformer_case("encoder_pre_gelu_batch_first_padding", nn.TransformerEncoderLayer,
                 dict(dropout=0.0, activation="gelu", norm_first=True, batch_first=True),
                 {"src": torch.randn(N, L, DM), "src_key_padding_mask": torch.tensor([[False] * L, [False, False, True, True], [False, True, False, False]])}, {})
transformer_case("encoder_post_causal_eval", nn.TransformerEncoderLayer, dict(dropout=0.1),
                 {"src": src, "src_mask": torch.ones(L, L, dtype=torch.bool).triu(1)}, dict(is_causal=True), eval_mode=True)
memory = torch.randn(S, N, DM)
transformer_case("decoder_post_relu_causal", nn.TransformerDecoderLayer, dict(dropout=0.0),
                 {"tgt": src, "memory": memory, "tgt_mask": torch.ones(L, L, dtype=torch.bool).triu(1)}, dict(tgt_is_causal=True))
transformer_case("decoder_pre_gelu_batch_first_masks", nn.TransformerDecoderLayer,
                 dict(dropout=0.0, activation="gelu", norm_first=True, batch_first=True),
                 {"tgt": torch.randn(N, L, DM), "memory": torch.randn(N, S, DM),
                  "tgt_key_padding_mask": torch.tensor([[False] * L, [False, False, False, True], [False] * L]),
                  "memory_key_padding_mask": padding,
                  "memory_mask": random_bool_mask()}, {})

# ---------------------------------------------------------------- positional encodings (from the papers)
def sinusoidal_table(length, d, base=10000.0):
    """Vaswani et al. 2017, §3.5: PE(pos, 2i) = sin(pos / base^(2i/d)), PE(pos, 2i+1) = cos(...)."""
    pe = np.zeros((length, d))
    for pos in range(length):
        for i in range(0, d, 2):
            angle = pos / base ** (i / d)
            pe[pos, i] = math.sin(angle)
            if i + 1 < d:
                pe[pos, i + 1] = math.cos(angle)
    return pe


fx.case("positional_sinusoidal_even", table=sinusoidal_table(9, 6))
fx.case("positional_sinusoidal_odd", table=sinusoidal_table(7, 5, base=100.0))


def rope(x, offset, interleaved, base=10000.0):
    """Su et al. 2021, eq. 34: each feature pair is multiplied by the 2×2 rotation of angle
    m·θ_i, θ_i = base^(−2(i−1)/d) (pairs (2i, 2i+1); GPT-NeoX pairs (i, i + d/2))."""
    d = x.shape[-1]
    seq = x.shape[-2]
    out = x.clone()
    for m in range(seq):
        for i in range(d // 2):
            theta = (offset + m) * base ** (-2 * i / d)
            a, b = (2 * i, 2 * i + 1) if interleaved else (i, i + d // 2)
            xa, xb = x[..., m, a], x[..., m, b]
            out[..., m, a] = xa * math.cos(theta) - xb * math.sin(theta)
            out[..., m, b] = xa * math.sin(theta) + xb * math.cos(theta)
    return out


for name, interleaved, offset in [("interleaved", True, 0), ("halves_offset", False, 3)]:
    x = torch.randn(2, 3, 5, 8)
    run_case(f"positional_rope_{name}", None, {"input": x}, lambda _, input: {"output": rope(input, offset, interleaved)},
             extra={"offset": np.array(offset)})


def alibi_slopes(n):
    """Press et al. 2022, the reference implementation's get_slopes."""
    def power_of_2(n):
        start = 2 ** (-2 ** -(math.log2(n) - 3))
        return [start * start ** i for i in range(n)]
    if math.log2(n).is_integer():
        return power_of_2(n)
    closest = 2 ** math.floor(math.log2(n))
    return power_of_2(closest) + alibi_slopes(2 * closest)[0::2][: n - closest]


for heads in [8, 6, 12]:
    slopes = np.array(alibi_slopes(heads))
    queries, keys = 4, 6
    bias = np.zeros((heads, queries, keys))
    for h in range(heads):
        for i in range(queries):
            for j in range(keys):
                bias[h, i, j] = -slopes[h] * abs((i + keys - queries) - j)
    fx.case(f"positional_alibi_{heads}", slopes=slopes, bias=bias)

# ---------------------------------------------------------------- CTC loss
def ctc_case(name, logits, targets, input_lengths, target_lengths, **kwargs):
    inputs = {"logits": logits, "targets": targets, "input_lengths": input_lengths, "target_lengths": target_lengths}
    differentiable = {k: k == "logits" for k in inputs}

    def call(_, logits, targets, input_lengths, target_lengths):
        log_probs = logits.log_softmax(-1)
        log_probs.retain_grad()
        call.log_probs = log_probs
        return {"output": F.ctc_loss(log_probs, targets, input_lengths, target_lengths, **kwargs)}

    run_case(f"ctc_{name}", None, inputs, call, differentiable,
             extra={})
    # PyTorch's gradient with respect to the log-probabilities (exp(lp) − γ), for the record.
    fx.cases[f"ctc_{name}"]["torch_grad_log_probs"] = {
        "shape": list(call.log_probs.grad.shape), "data": [float(v) for v in call.log_probs.grad.reshape(-1)], "dtype": "float64"}


Tc, Nc, Cc = 12, 3, 5
ctc_case("mean_padded", torch.randn(Tc, Nc, Cc) * 2, torch.tensor([[1, 2, 2, 3], [4, 1, 0, 0], [3, 3, 1, 0]]),
         torch.tensor([12, 10, 8]), torch.tensor([4, 2, 3]))
ctc_case("sum_concatenated_blank4", torch.randn(Tc, Nc, Cc), torch.tensor([0, 1, 1, 2, 3, 0, 3, 2, 1]),
         torch.tensor([12, 9, 12]), torch.tensor([3, 2, 4]), blank=4, reduction="sum")
ctc_case("none_empty_target", torch.randn(Tc, Nc, Cc), torch.tensor([[1, 2, 1], [0, 0, 0], [2, 2, 2]]),
         torch.tensor([7, 12, 11]), torch.tensor([3, 0, 3]), reduction="none")
ctc_case("mean_zero_infinity", torch.randn(Tc, Nc, Cc), torch.tensor([[1, 2, 3], [1, 1, 1], [4, 3, 2]]),
         torch.tensor([12, 4, 10]), torch.tensor([3, 3, 2]), zero_infinity=True)
ctc_case("unbatched", torch.randn(Tc, Cc), torch.tensor([2, 4, 4, 1]), torch.tensor(10), torch.tensor(4), reduction="none")

fx.write()
