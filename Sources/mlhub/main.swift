import Tensors
let a = Tensor([[1.0, 2.0], [3.0, 4.0]]).requiringGrad()
let b = (a.matmul(a) * 2 + 1).tanh().sum()
b.backward()
print(b.item(), a.grad!.scalars(as: Double.self), BLAS.kernelReport)
