#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations are recorded for differentiation on the current thread.
///
/// Recording is on by default. ``withNoGrad(_:)`` turns it off for a synchronous scope, as
/// `torch.no_grad()` does; inference, optimizer updates and gradient computations run there.
/// The setting is per thread, so a server's concurrent requests do not affect each other.
public enum GradMode {
    /// `true` when operations on tensors that require gradients are being recorded.
    @inline(__always)
    public static var isEnabled: Bool { disabledDepth == 0 }

    // A thread-local counter of nested no-grad scopes, stored directly in the key's slot.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var disabledDepth: Int {
        @inline(__always) get { Int(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }
}

/// Runs `body` with gradient recording turned off on this thread.
@discardableResult
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    GradMode.disabledDepth += 1
    defer { GradMode.disabledDepth -= 1 }
    return try body()
}

/// Runs `body` with gradient recording turned on on this thread, even inside ``withNoGrad(_:)``.
@discardableResult
public func withGrad<R>(_ body: () throws -> R) rethrows -> R {
    let saved = GradMode.disabledDepth
    GradMode.disabledDepth = 0
    defer { GradMode.disabledDepth = saved }
    return try body()
}
