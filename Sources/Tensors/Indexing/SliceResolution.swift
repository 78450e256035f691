/// A slicing subscript resolved against a shape: one step per output axis or removed input axis.
///
/// Resolution validates the entries once (bounds, a single ellipsis, not too many entries);
/// ``view(of:)`` then builds the view of any tensor with that shape, whatever its strides,
/// which is what the gradient needs.
struct ResolvedSlice {
    enum Step {
        /// Inserts a size-1 axis.
        case newAxis
        /// Takes one position of the next input axis and removes the axis.
        case index(Int)
        /// Takes `count` positions of the next input axis, from `start` by `step`.
        case range(start: Int, count: Int, step: Int)
    }

    let steps: [Step]
    let inputShape: [Int]

    /// Resolves `entries` against `shape` (NumPy basic-indexing rules).
    init(_ entries: [TensorIndex], shape: [Int]) {
        let consuming = entries.filter { entry in
            switch entry {
            case .newAxis, .ellipsis: false
            default: true
            }
        }.count
        let ellipses = entries.filter { $0 == .ellipsis }.count
        precondition(ellipses <= 1, "subscript: more than one ellipsis in \(entries)")
        precondition(consuming <= shape.count,
                     "subscript: \(consuming) indices given for a tensor of rank \(shape.count) (shape \(shape))")
        var steps: [Step] = []
        var axis = 0
        func take(_ entry: TensorIndex) {
            switch entry {
            case .newAxis:
                steps.append(.newAxis)
            case .ellipsis:
                for _ in 0..<(shape.count - consuming) { take(.all) }
            case .all:
                steps.append(.range(start: 0, count: shape[axis], step: 1))
                axis += 1
            case let .index(i):
                let size = shape[axis]
                let position = i < 0 ? i + size : i
                precondition(position >= 0 && position < size,
                             "subscript: index \(i) is out of range for axis \(axis) of size \(size) (shape \(shape))")
                steps.append(.index(position))
                axis += 1
            case let .slice(start, end, step):
                let (first, count) = ResolvedSlice.resolve(start: start, end: end, step: step, size: shape[axis])
                steps.append(.range(start: first, count: count, step: step))
                axis += 1
            }
        }
        for entry in entries { take(entry) }
        while axis < shape.count { take(.all) }
        self.steps = steps
        inputShape = shape
    }

    /// A single range step on `axis` (the other axes whole).
    init(axis: Int, start: Int, count: Int, step: Int, shape: [Int]) {
        var steps: [Step] = []
        for a in shape.indices {
            steps.append(a == axis ? .range(start: start, count: count, step: step)
                                   : .range(start: 0, count: shape[a], step: 1))
        }
        self.steps = steps
        inputShape = shape
    }

    /// The first position and the number of positions of Python's `start:end:step` on an axis
    /// of `size` (negative bounds count from the end, bounds are clamped).
    static func resolve(start: Int?, end: Int?, step: Int, size: Int) -> (start: Int, count: Int) {
        precondition(step != 0, "subscript: slice step must not be zero")
        func normalized(_ bound: Int, lowest: Int, highest: Int) -> Int {
            Swift.min(Swift.max(bound < 0 ? bound + size : bound, lowest), highest)
        }
        if step > 0 {
            let first = start.map { normalized($0, lowest: 0, highest: size) } ?? 0
            let last = end.map { normalized($0, lowest: 0, highest: size) } ?? size
            return (first, last > first ? (last - first + step - 1) / step : 0)
        }
        // Going down, -1 stands for "before the first element".
        let first = start.map { normalized($0, lowest: -1, highest: size - 1) } ?? size - 1
        let last = end.map { normalized($0, lowest: -1, highest: size - 1) } ?? -1
        return (first, first > last ? (first - last - step - 1) / -step : 0)
    }

    /// The shape of the view.
    var outputShape: [Int] {
        steps.compactMap { step in
            switch step {
            case .newAxis: 1
            case .index: nil
            case let .range(_, count, _): count
            }
        }
    }

    /// The view of `tensor` (which has ``inputShape``), sharing its storage. Not recorded.
    func view(of tensor: Tensor) -> Tensor {
        var shape: [Int] = [], strides: [Int] = []
        shape.reserveCapacity(steps.count)
        strides.reserveCapacity(steps.count)
        var offset = tensor.offset, axis = 0
        for step in steps {
            switch step {
            case .newAxis:
                shape.append(1)
                strides.append(0)
            case let .index(i):
                offset += i * tensor.strides[axis]
                axis += 1
            case let .range(start, count, step):
                if count > 0 { offset += start * tensor.strides[axis] }
                shape.append(count)
                strides.append(tensor.strides[axis] * step)
                axis += 1
            }
        }
        return tensor.view(shape: shape, strides: strides, offset: offset)
    }
}
