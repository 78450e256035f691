/// Errors the engine throws for problems in data, as opposed to programmer errors (which trap).
///
/// Everything that accepts outside input — file contents, command-line values, later HTTP
/// requests — validates through a throwing API so that bad input cannot crash the process.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two shapes that must agree (broadcast, match, multiply) do not.
    case shapeMismatch(operation: String, [Int], [Int])
    /// A shape is invalid for the stated reason (negative size, wrong rank, ...).
    case invalidShape([Int], reason: String)
    /// The number of values does not fill the shape.
    case countMismatch(shape: [Int], expected: Int, got: Int)
    /// Nested arrays have rows of different lengths, or elements of an unsupported type.
    case malformedNestedArray(String)
    /// The input is larger than the configured limit.
    case tooLarge(elements: Int, limit: Int)
    /// An argument is outside its allowed range.
    case invalidArgument(String)
    /// The matrix is singular (or numerically so) where an inverse or solve needs it not to be.
    case singularMatrix(operation: String)
    /// Cholesky found the matrix not positive definite.
    case notPositiveDefinite(operation: String)
    /// An iterative LAPACK routine did not converge.
    case noConvergence(operation: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, a, b):
            "\(op): shapes \(a) and \(b) are not compatible"
        case let .invalidShape(shape, reason):
            "invalid shape \(shape): \(reason)"
        case let .countMismatch(shape, expected, got):
            "shape \(shape) needs \(expected) values, got \(got)"
        case let .malformedNestedArray(why):
            "malformed nested array: \(why)"
        case let .tooLarge(elements, limit):
            "input has \(elements) elements, more than the limit of \(limit)"
        case let .invalidArgument(why):
            why
        case let .singularMatrix(op):
            "\(op): the matrix is singular"
        case let .notPositiveDefinite(op):
            "\(op): the matrix is not positive definite"
        case let .noConvergence(op):
            "\(op): the algorithm did not converge"
        }
    }
}
