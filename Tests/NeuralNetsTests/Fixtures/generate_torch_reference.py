#!/usr/bin/env python3
"""Writes torch_reference.json (and torch_written.safetensors): PyTorch's outputs, gradients,
optimizer trajectories and schedule values that the NeuralNets tests compare against.

Run offline from this folder, with PyTorch and safetensors from PyPI in a virtual environment
outside the repo:
    python3 -m venv /tmp/anchors && /tmp/anchors/bin/pip install numpy torch safetensors
    /tmp/anchors/bin/python generate_torch_reference.py

Every case stores its inputs, the parameters, the forward output and the gradients of
L = Σ output·cotangent (a fixed random cotangent), all in float64, so the Swift side can run the
same computation in float32 or float64 and compare.
"""
import math
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "TensorsTests", "Fixtures"))
from fixture_writer import Fixture  # noqa: E402

torch.manual_seed(20261121)
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
fx = Fixture("torch_reference", directory=HERE)


def t(a):
    return a.detach().numpy().copy()  # a copy: numpy views share memory with tensors updated later


def forward_backward(fn, *inputs):
    """Runs fn, backpropagates a fixed random cotangent; returns output, cotangent, input grads."""
    leaves = [x.detach().clone().requires_grad_(x.dtype.is_floating_point) for x in inputs]
    out = fn(*leaves)
    cot = torch.randn(out.shape)
    (out * cot).sum().backward()
    return out, cot, [x.grad if x.grad is not None else torch.zeros(0) for x in leaves]


# ---------------------------------------------------------------- Linear
for name, in_shape, bias in [("linear_bias", (5, 3), True), ("linear_nobias", (5, 3), False), ("linear_batched", (2, 4, 3), True)]:
    layer = nn.Linear(3, 2, bias=bias)
    x = torch.randn(in_shape)
    x.requires_grad_(True)
    out = layer(x)
    cot = torch.randn(out.shape)
    (out * cot).sum().backward()
    arrays = dict(input=t(x), weight=t(layer.weight), output=t(out), cotangent=t(cot),
                  grad_input=t(x.grad), grad_weight=t(layer.weight.grad))
    if bias:
        arrays.update(bias=t(layer.bias), grad_bias=t(layer.bias.grad))
    fx.case(name, **arrays)

emb = nn.Embedding(7, 3)
emb_idx = torch.tensor([[0, 3, 6], [2, 2, 1]])
emb_out = emb(emb_idx)
emb_cot = torch.randn(emb_out.shape)
(emb_out * emb_cot).sum().backward()
fx.case("embedding", weight=t(emb.weight), indices=emb_idx.numpy(), output=t(emb_out), cotangent=t(emb_cot),
        grad_weight=t(emb.weight.grad))

# ---------------------------------------------------------------- activations
act_input = torch.randn(4, 5) * 2
act_input[0, 0] = 25.0  # beyond softplus's threshold for beta = 2
activations = {
    "relu": F.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, 0.1),
    "elu": lambda x: F.elu(x, 1.3),
    "selu": F.selu,
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": F.silu,
    "mish": F.mish,
    "softplus": lambda x: F.softplus(x, beta=2, threshold=20),
    "hardswish": F.hardswish,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda x: F.softmax(x, dim=1),
    "log_softmax": lambda x: F.log_softmax(x, dim=0),
}
for name, fn in activations.items():
    out, cot, (gx,) = forward_backward(fn, act_input)
    fx.case(f"activation_{name}", input=t(act_input), output=t(out), cotangent=t(cot), grad_input=t(gx))
for name, weight, shape in [("prelu_shared", torch.tensor([0.2]), (4, 5)), ("prelu_channels", torch.tensor([0.1, 0.3, -0.2]), (2, 3, 4))]:
    x = torch.randn(shape)
    out, cot, (gx, gw) = forward_backward(lambda x, w: F.prelu(x, w), x, weight)
    fx.case(f"activation_{name}", input=t(x), weight=t(weight), output=t(out), cotangent=t(cot), grad_input=t(gx), grad_weight=t(gw))

# ---------------------------------------------------------------- losses
def loss_case(name, fn, inputs, differentiable):
    leaves = [x.detach().clone().requires_grad_(d) for x, d in zip(inputs, differentiable)]
    out = fn(*leaves)
    cot = torch.randn(out.shape)
    (out * cot).sum().backward()
    arrays = {f"in{i}": t(x) for i, x in enumerate(inputs)}
    arrays.update(output=t(out), cotangent=t(cot))
    for i, (x, d) in enumerate(zip(leaves, differentiable)):
        if d:
            arrays[f"grad{i}"] = t(x.grad)
    fx.case(f"loss_{name}", **arrays)


a, b = torch.randn(4, 3), torch.randn(4, 3)
for red in ["mean", "sum", "none"]:
    loss_case(f"mse_{red}", lambda x, y: F.mse_loss(x, y, reduction=red), [a, b], [True, True])
loss_case("l1", lambda x, y: F.l1_loss(x, y), [a, b], [True, True])
loss_case("huber", lambda x, y: F.huber_loss(x, y, delta=0.5), [a, b], [True, True])
loss_case("smooth_l1", lambda x, y: F.smooth_l1_loss(x, y, beta=0.5), [a, b], [True, True])
probs, labels01 = torch.rand(4, 3) * 0.9 + 0.05, (torch.rand(4, 3) > 0.5).double()
bce_weight = torch.rand(4, 3) + 0.5
loss_case("bce", lambda x, y: F.binary_cross_entropy(x, y), [probs, labels01], [True, False])
loss_case("bce_weighted", lambda x, y, w: F.binary_cross_entropy(x, y, weight=w), [probs, labels01, bce_weight], [True, False, False])
logits = torch.randn(4, 3) * 2
pos_weight = torch.tensor([0.5, 2.0, 3.0])
loss_case("bce_logits", lambda x, y: F.binary_cross_entropy_with_logits(x, y), [logits, labels01], [True, True])
loss_case("bce_logits_weighted", lambda x, y, w, p: F.binary_cross_entropy_with_logits(x, y, weight=w, pos_weight=p),
          [logits, labels01, bce_weight, pos_weight], [True, False, False, False])
ce_logits = torch.randn(6, 4) * 2
ce_targets = torch.tensor([0, 3, 1, 2, 3, 0])
ce_ignored = torch.tensor([0, -1, 1, 2, -1, 0])
ce_weight = torch.tensor([0.5, 1.0, 2.0, 1.5])
loss_case("ce", lambda x, y: F.cross_entropy(x, y), [ce_logits, ce_targets], [True, False])
loss_case("ce_sum", lambda x, y: F.cross_entropy(x, y, reduction="sum"), [ce_logits, ce_targets], [True, False])
loss_case("ce_none", lambda x, y: F.cross_entropy(x, y, reduction="none"), [ce_logits, ce_targets], [True, False])
loss_case("ce_weighted", lambda x, y, w: F.cross_entropy(x, y, weight=w), [ce_logits, ce_targets, ce_weight], [True, False, False])
loss_case("ce_ignore", lambda x, y: F.cross_entropy(x, y, ignore_index=-1), [ce_logits, ce_ignored], [True, False])
loss_case("ce_smoothing", lambda x, y: F.cross_entropy(x, y, label_smoothing=0.2), [ce_logits, ce_targets], [True, False])
loss_case("ce_all_options", lambda x, y, w: F.cross_entropy(x, y, weight=w, ignore_index=-1, label_smoothing=0.1),
          [ce_logits, ce_ignored, ce_weight], [True, False, False])
loss_case("ce_all_options_sum", lambda x, y, w: F.cross_entropy(x, y, weight=w, ignore_index=-1, label_smoothing=0.1, reduction="sum"),
          [ce_logits, ce_ignored, ce_weight], [True, False, False])
soft_targets = torch.softmax(torch.randn(6, 4), dim=1)
loss_case("ce_probabilities", lambda x, y, w: F.cross_entropy(x, y, weight=w, label_smoothing=0.1),
          [ce_logits, soft_targets, ce_weight], [True, True, False])
spatial_logits, spatial_targets = torch.randn(2, 3, 4), torch.tensor([[0, 2, 1, 1], [2, 0, 0, 1]])
loss_case("ce_spatial", lambda x, y: F.cross_entropy(x, y), [spatial_logits, spatial_targets], [True, False])
log_probs = F.log_softmax(torch.randn(6, 4), dim=1)
loss_case("nll_weighted_ignore", lambda x, y, w: F.nll_loss(x, y, weight=w, ignore_index=-1), [log_probs, ce_ignored, ce_weight], [True, False, False])
kl_target = torch.softmax(torch.randn(6, 4), dim=1)
kl_target[0, 1] = 0.0
loss_case("kl_batchmean", lambda x, y: F.kl_div(x, y, reduction="batchmean"), [log_probs, kl_target], [True, False])
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # PyTorch's note that "mean" is not the mathematical mean
    loss_case("kl_mean", lambda x, y: F.kl_div(x, y, reduction="mean"), [log_probs, kl_target], [True, False])
loss_case("kl_log_target", lambda x, y: F.kl_div(x, y, reduction="sum", log_target=True), [log_probs, torch.log(soft_targets)], [True, True])
hinge_labels = torch.tensor([1.0, -1.0, -1.0, 1.0, -1.0, 1.0])
loss_case("hinge_embedding", lambda x, y: F.hinge_embedding_loss(x, y, margin=0.5), [torch.randn(6), hinge_labels], [True, False])
x1, x2 = torch.randn(6, 5), torch.randn(6, 5)
loss_case("cosine_embedding", lambda a, b, y: F.cosine_embedding_loss(a, b, y, margin=0.2), [x1, x2, hinge_labels], [True, True, False])
loss_case("multi_margin", lambda x, y: F.multi_margin_loss(x, y), [ce_logits, ce_targets], [True, False])
loss_case("multi_margin_p2", lambda x, y: F.multi_margin_loss(x, y, p=2, margin=0.5), [ce_logits, ce_targets], [True, False])

# ---------------------------------------------------------------- convolution, pooling, normalisation layers
def module_case(name, module, x, train=True):
    """State before, forward output, gradients of the input and every parameter, buffers after."""
    module.train(train)
    arrays = {f"state.{k}": t(v).copy() for k, v in module.state_dict().items()}  # a copy: forward updates buffers in place
    x = x.detach().clone().requires_grad_(True)
    out = module(x)
    cot = torch.randn(out.shape)
    (out * cot).sum().backward()
    arrays.update(input=t(x), output=t(out), cotangent=t(cot), grad_input=t(x.grad))
    for k, p in module.named_parameters():
        arrays[f"grad.{k}"] = t(p.grad)
    for k, b in module.named_buffers():
        arrays[f"after.{k}"] = t(b)
    fx.case(f"module_{name}", **arrays)


module_case("conv2d_basic", nn.Conv2d(3, 4, 3), torch.randn(2, 3, 7, 6))
module_case("conv2d_stride_pad_dilation", nn.Conv2d(2, 3, (3, 2), stride=(2, 1), padding=(1, 2), dilation=(2, 1)), torch.randn(2, 2, 9, 8))
module_case("conv2d_groups", nn.Conv2d(4, 6, 3, padding=1, groups=2, bias=False), torch.randn(1, 4, 5, 5))
module_case("conv2d_depthwise", nn.Conv2d(3, 3, 3, stride=2, padding=1, groups=3), torch.randn(2, 3, 6, 6))
module_case("conv2d_pointwise", nn.Conv2d(5, 2, 1), torch.randn(2, 5, 3, 4))
module_case("conv1d", nn.Conv1d(4, 6, 3, stride=2, padding=1, groups=2), torch.randn(2, 4, 9))
module_case("conv_transpose2d", nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2), torch.randn(2, 4, 4, 5))
module_case("conv_transpose2d_dilated", nn.ConvTranspose2d(2, 3, (2, 3), stride=(1, 2), dilation=(2, 1)), torch.randn(1, 2, 3, 3))
module_case("maxpool2d", nn.MaxPool2d(3, stride=2, padding=1), torch.randn(2, 3, 7, 8))
module_case("maxpool2d_dilated", nn.MaxPool2d(2, stride=1, dilation=2), torch.randn(1, 2, 6, 5))
module_case("avgpool2d", nn.AvgPool2d(2), torch.randn(2, 3, 6, 8))
module_case("avgpool2d_exclude_pad", nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False), torch.randn(1, 2, 7, 7))
module_case("adaptive_avgpool2d", nn.AdaptiveAvgPool2d((3, 2)), torch.randn(2, 3, 5, 7))
module_case("upsample_nearest", nn.Upsample(scale_factor=2, mode="nearest"), torch.randn(1, 2, 3, 4))
module_case("batchnorm1d_train", nn.BatchNorm1d(4, momentum=0.2), torch.randn(8, 4) * 3 + 1)
module_case("batchnorm1d_sequence", nn.BatchNorm1d(3), torch.randn(4, 3, 5))
module_case("batchnorm2d_train", nn.BatchNorm2d(3), torch.randn(4, 3, 5, 5) * 2 - 1)
bn_eval = nn.BatchNorm2d(3)
bn_eval.running_mean.copy_(torch.tensor([0.5, -1.0, 2.0]))
bn_eval.running_var.copy_(torch.tensor([2.0, 0.5, 1.5]))
with torch.no_grad():
    bn_eval.weight.copy_(torch.tensor([1.5, 0.5, -1.0]))
    bn_eval.bias.copy_(torch.tensor([0.1, 0.2, 0.3]))
module_case("batchnorm2d_eval", bn_eval, torch.randn(2, 3, 4, 4), train=False)
ln = nn.LayerNorm([3, 4])
with torch.no_grad():
    ln.weight.copy_(torch.randn(3, 4))
    ln.bias.copy_(torch.randn(3, 4))
module_case("layernorm", ln, torch.randn(2, 5, 3, 4))
gn = nn.GroupNorm(2, 6)
with torch.no_grad():
    gn.weight.copy_(torch.randn(6))
    gn.bias.copy_(torch.randn(6))
module_case("groupnorm", gn, torch.randn(3, 6, 4, 2))
inorm = nn.InstanceNorm2d(3, affine=True)
with torch.no_grad():
    inorm.weight.copy_(torch.randn(3))
    inorm.bias.copy_(torch.randn(3))
module_case("instancenorm2d", inorm, torch.randn(2, 3, 4, 5))
rms = nn.RMSNorm([5], eps=1e-6)
with torch.no_grad():
    rms.weight.copy_(torch.randn(5))
module_case("rmsnorm", rms, torch.randn(3, 4, 5))
module_case("rmsnorm_default_eps", nn.RMSNorm([4, 5]), torch.randn(2, 4, 5))
unfold_x = torch.randn(2, 3, 6, 7)
out, cot, (gx,) = forward_backward(lambda x: F.unfold(x, (2, 3), dilation=(2, 1), padding=(1, 0), stride=(1, 2)), unfold_x)
fx.case("unfold", input=t(unfold_x), output=t(out), cotangent=t(cot), grad_input=t(gx))
fold_x = torch.randn(2, 3 * 6, 12)
out, cot, (gx,) = forward_backward(lambda x: F.fold(x, (5, 6), (2, 3), stride=(2, 1), padding=(1, 0)), fold_x)
fx.case("fold", input=t(fold_x), output=t(out), cotangent=t(cot), grad_input=t(gx))

# ---------------------------------------------------------------- optimizers: 20 steps on a fixed problem
X, Y = torch.randn(8, 3), torch.randn(8, 2)
W0, B0 = torch.randn(3, 2) * 0.5, torch.randn(2) * 0.1
fx.case("optimizer_problem", x=t(X), y=t(Y), w0=t(W0), b0=t(B0))


def problem_loss(w, b):
    return ((torch.tanh(X @ w + b) - Y) ** 2).mean()


def trajectory(make, steps=20):
    w, b = W0.clone().requires_grad_(True), B0.clone().requires_grad_(True)
    opt = make([w, b])
    ws, bs = [], []
    for _ in range(steps):
        opt.zero_grad()
        problem_loss(w, b).backward()
        opt.step()
        ws.append(t(w).copy())
        bs.append(t(b).copy())
    return ws, bs


class Lamb(torch.optim.Optimizer):
    """LAMB as in You et al. (2020), Algorithm 2, with bias correction: reference only."""

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            b1, b2 = g["betas"]
            for p in g["params"]:
                s = self.state[p]
                if not s:
                    s["step"], s["m"], s["v"] = 0, torch.zeros_like(p), torch.zeros_like(p)
                s["step"] += 1
                s["m"].mul_(b1).add_(p.grad, alpha=1 - b1)
                s["v"].mul_(b2).add_(p.grad * p.grad, alpha=1 - b2)
                m_hat = s["m"] / (1 - b1 ** s["step"])
                v_hat = s["v"] / (1 - b2 ** s["step"])
                r = m_hat / (v_hat.sqrt() + g["eps"]) + g["weight_decay"] * p
                wn, rn = p.norm().item(), r.norm().item()
                trust = wn / rn if wn > 0 and rn > 0 else 1.0
                p.add_(r, alpha=-g["lr"] * trust)


class Lion(torch.optim.Optimizer):
    """Lion as in Chen et al. (2023), Algorithm 2: reference only."""

    def __init__(self, params, lr, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            b1, b2 = g["betas"]
            for p in g["params"]:
                s = self.state.setdefault(p, {"m": torch.zeros_like(p)})
                c = b1 * s["m"] + (1 - b1) * p.grad
                p.mul_(1 - g["lr"] * g["weight_decay"]).add_(torch.sign(c), alpha=-g["lr"])
                s["m"].mul_(b2).add_(p.grad, alpha=1 - b2)


optimizers = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, weight_decay=0.01),
    "rmsprop_centered_momentum": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.5, centered=True),
    "adam": lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.95), weight_decay=0.01),
    "amsgrad": lambda p: torch.optim.Adam(p, lr=0.05, amsgrad=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1),
    "lamb": lambda p: Lamb(p, lr=0.05, weight_decay=0.01),
    "lion": lambda p: Lion(p, lr=0.01, weight_decay=0.1),
}
for name, make in optimizers.items():
    ws, bs = trajectory(make)
    fx.case(f"optimizer_{name}", w=np.array(ws), b=np.array(bs))

# ---------------------------------------------------------------- schedules: the rate after each of 40 steps
def schedule_values(make, steps=40):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    sched = make(opt)
    values = [opt.param_groups[0]["lr"]]
    for _ in range(steps):
        opt.step()
        sched.step()
        values.append(opt.param_groups[0]["lr"])
    return torch.tensor(values).numpy()


from torch.optim import lr_scheduler as S  # noqa: E402

schedules = {
    "step": lambda o: S.StepLR(o, step_size=7, gamma=0.5),
    "multistep": lambda o: S.MultiStepLR(o, milestones=[5, 12, 30], gamma=0.3),
    "exponential": lambda o: S.ExponentialLR(o, gamma=0.93),
    "polynomial": lambda o: S.PolynomialLR(o, total_iters=25, power=2.0),
    "cosine": lambda o: S.CosineAnnealingLR(o, T_max=15, eta_min=0.01),
    "cosine_restarts": lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.001),
    "warmup_cosine": lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5),
                                                  S.CosineAnnealingLR(o, T_max=30)], milestones=[5]),
    "one_cycle": lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=41),
    "one_cycle_linear": lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=41, pct_start=0.25, anneal_strategy="linear",
                                                div_factor=10, final_div_factor=100),
}
for name, make in schedules.items():
    fx.case(f"schedule_{name}", lr=schedule_values(make))

# ---------------------------------------------------------------- init gains
gains = [nn.init.calculate_gain(n) for n in ["linear", "sigmoid", "tanh", "relu", "selu"]]
gains.append(nn.init.calculate_gain("leaky_relu", 0.2))
fx.case("init_gains", gains=torch.tensor(gains).numpy())

# ---------------------------------------------------------------- safetensors written by PyTorch
from safetensors.torch import save_file  # noqa: E402

torch.manual_seed(7)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).float()
state = {k: v.contiguous() for k, v in model.state_dict().items()}
extras = {
    "extra.float64": torch.arange(6, dtype=torch.float64).reshape(2, 3) / 7,
    "extra.int64": torch.tensor([-3, 0, 2**40], dtype=torch.int64),
    "extra.bool": torch.tensor([True, False, True]),
    "extra.float16": torch.tensor([0.5, -1.25, 1000.0], dtype=torch.float16),
    "extra.bfloat16": torch.tensor([0.5, -1.25, 3.0], dtype=torch.bfloat16),
}
save_file({**state, **extras}, os.path.join(HERE, "torch_written.safetensors"), metadata={"written_by": "torch"})
fx.case("safetensors_contents", **{k.replace(".", "_"): v.double().numpy() for k, v in {**state, **extras}.items()})

fx.write()
