/// One entry of a slicing subscript such as `x[0, 1..<3, .all, .newAxis]`.
///
/// The entries follow NumPy's basic indexing: each consumes one axis of the tensor, except
/// ``newAxis`` (inserts a size-1 axis) and ``ellipsis`` (stands for as many ``all`` entries as
/// needed to reach the tensor's rank). Axes left over at the end are taken whole.
public enum TensorIndex: Sendable, Equatable {
    /// A single position; the axis is removed. Negative positions count from the end.
    /// Traps when the position is outside `-size..<size`.
    case index(Int)
    /// Positions `start, start+step, …` up to but not including `end`, as Python's
    /// `start:end:step`. Negative bounds count from the end; bounds beyond the axis are clamped,
    /// so the slice may be empty but never traps. `nil` bounds mean "from the first" and "to the
    /// last" element in the direction of `step` (for a negative step: from the last, down to and
    /// including the first). Traps when `step` is 0.
    case slice(start: Int? = nil, end: Int? = nil, step: Int = 1)
    /// The whole axis (`:` in NumPy).
    case all
    /// A new axis of size 1 (`None` / `np.newaxis` in NumPy); consumes no axis of the tensor.
    case newAxis
    /// As many whole axes as needed so that the entries cover every axis (`...` in NumPy).
    /// At most one may appear.
    case ellipsis
}

/// Values that can appear in a slicing subscript: `Int`, the `Int` ranges (`a..<b`, `a...b`,
/// `a...`, `..<b`, `...b`) and ``TensorIndex``.
///
/// Range bounds follow NumPy slice rules rather than Swift's: negative bounds count from the
/// end of the axis and bounds past the end are clamped (`x[2..<100]` takes from 2 to the end).
public protocol TensorIndexConvertible {
    /// The subscript entry this value stands for.
    var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { self }
}

extension Int: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { .index(self) }
}

extension Range: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: upperBound, step: 1) }
}

extension ClosedRange: TensorIndexConvertible where Bound == Int {
    /// `a...b` includes `b`; `a...(-1)` reaches the last element.
    public var tensorIndex: TensorIndex {
        .slice(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1, step: 1)
    }
}

extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: nil, step: 1) }
}

extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, end: upperBound, step: 1) }
}

extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    /// `...b` includes `b`; `...(-1)` reaches the last element.
    public var tensorIndex: TensorIndex { .slice(start: nil, end: upperBound == -1 ? nil : upperBound + 1, step: 1) }
}

// Let `.all`, `.newAxis`, `.ellipsis` and `.slice(...)` be written directly in a subscript whose
// entries are `any TensorIndexConvertible`. Disfavoured so that where the context is
// `TensorIndex` itself, the enum cases are chosen.
extension TensorIndexConvertible where Self == TensorIndex {
    /// The whole axis.
    @_disfavoredOverload public static var all: TensorIndex { TensorIndex.all }
    /// A new size-1 axis.
    @_disfavoredOverload public static var newAxis: TensorIndex { TensorIndex.newAxis }
    /// Whole axes for every axis not otherwise named.
    @_disfavoredOverload public static var ellipsis: TensorIndex { TensorIndex.ellipsis }
    /// A stepped slice, `start:end:step` in Python (see ``TensorIndex/slice(start:end:step:)``).
    @_disfavoredOverload public static func slice(start: Int? = nil, end: Int? = nil, step: Int = 1) -> TensorIndex {
        TensorIndex.slice(start: start, end: end, step: step)
    }
    /// A single position (see ``TensorIndex/index(_:)``).
    @_disfavoredOverload public static func index(_ position: Int) -> TensorIndex { TensorIndex.index(position) }
}
