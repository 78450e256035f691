// Free-function spellings of the elementwise math, so formulas read as in a textbook:
// `tanh(x.matmul(w) + b)`. Each forwards to the method of the same name.

public func exp(_ x: Tensor) -> Tensor { x.exp() }
public func log(_ x: Tensor) -> Tensor { x.log() }
public func log1p(_ x: Tensor) -> Tensor { x.log1p() }
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
public func abs(_ x: Tensor) -> Tensor { x.abs() }
public func sin(_ x: Tensor) -> Tensor { x.sin() }
public func cos(_ x: Tensor) -> Tensor { x.cos() }
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
public func relu(_ x: Tensor) -> Tensor { x.relu() }
public func softplus(_ x: Tensor) -> Tensor { x.softplus() }
public func erf(_ x: Tensor) -> Tensor { x.erf() }
public func pow(_ x: Tensor, _ y: Tensor) -> Tensor { Tensor.pow(x, y) }
public func pow(_ x: Tensor, _ y: Double) -> Tensor { Tensor.pow(x, y) }
public func minimum(_ x: Tensor, _ y: Tensor) -> Tensor { Tensor.minimum(x, y) }
public func maximum(_ x: Tensor, _ y: Tensor) -> Tensor { Tensor.maximum(x, y) }
public func matmul(_ x: Tensor, _ y: Tensor) -> Tensor { x.matmul(y) }
