import Foundation
import Tensors

/// Stops training when a logged quantity has not improved for `patience` epochs, and can put
/// back the best weights.
public final class EarlyStopping: TrainingCallback {
    public let monitor: String, patience: Int, minimumDelta: Double, mode: Mode
    public let model: Module?
    public private(set) var bestValue: Double?
    public private(set) var bestEpoch: Int?
    private var bestState: [Tensor]?
    private var waited = 0

    /// Whether smaller or larger values are better.
    public enum Mode: Sendable { case minimize, maximize }

    /// - Parameter restoreBestWeights: pass the model to put its best weights back when training stops.
    public init(monitor: String = "validation.loss", patience: Int = 5, minimumDelta: Double = 0,
                mode: Mode = .minimize, restoreBestWeightsOf model: Module? = nil) {
        precondition(patience >= 0, "EarlyStopping: patience must be ≥ 0")
        self.monitor = monitor
        self.patience = patience
        self.minimumDelta = minimumDelta
        self.mode = mode
        self.model = model
    }

    public func epochDidEnd(epoch: Int, logs: [String: Double]) -> Bool {
        guard let value = logs[monitor], value.isFinite else { return false }
        let improved = bestValue.map { mode == .minimize ? value < $0 - minimumDelta : value > $0 + minimumDelta } ?? true
        if improved {
            bestValue = value
            bestEpoch = epoch
            waited = 0
            bestState = model.map { m in withNoGrad { m.stateDict().entries.map { $0.tensor.clone() } } }
            return false
        }
        waited += 1
        return waited > patience
    }

    public func trainingDidEnd(history: History) {
        guard let model, let bestState else { return }
        withNoGrad { for (t, saved) in zip(model.stateDict().entries.map(\.tensor), bestState) { t.assign(saved) } }
    }
}

/// Saves the model as safetensors after each epoch, or only when `monitor` improves.
public final class Checkpoint: TrainingCallback {
    public let model: Module, url: URL, monitor: String?
    public private(set) var saves = 0
    public private(set) var lastError: SafetensorsError?
    private var best = Double.infinity

    /// - Parameter monitor: save only when this (smaller is better) reaches a new best; `nil`
    ///   saves every epoch.
    public init(model: Module, url: URL, monitor: String? = "validation.loss") {
        self.model = model
        self.url = url
        self.monitor = monitor
    }

    public func epochDidEnd(epoch: Int, logs: [String: Double]) -> Bool {
        if let monitor {
            guard let value = logs[monitor], value < best else { return false }
            best = value
        }
        do {
            try model.save(to: url, metadata: ["epoch": String(epoch)])
            saves += 1
        } catch {
            // A full disk must not end the training; the error is kept for the caller to see.
            lastError = error
        }
        return false
    }
}

/// A progress bar on standard error with the running loss and throughput; on a terminal it
/// redraws one line, otherwise it prints one line per epoch.
public final class ProgressBar: TrainingCallback {
    private var epochs = 0, batchesPerEpoch = 0
    private var started = Date(), samples = 0, lossSum = 0.0, batches = 0
    private let width: Int
    private let interactive: Bool
    private let write: (String) -> Void

    public init(width: Int = 30, write: ((String) -> Void)? = nil) {
        self.width = width
        interactive = write == nil && isatty(2) != 0
        self.write = write ?? { FileHandle.standardError.write(Data($0.utf8)) }
    }

    public func trainingWillBegin(epochs: Int, batchesPerEpoch: Int) {
        self.epochs = epochs
        self.batchesPerEpoch = batchesPerEpoch
    }

    public func batchDidEnd(epoch: Int, batch: Int, loss: Double, samples n: Int) {
        if batch == 0 {
            started = Date()
            samples = 0
            lossSum = 0
            batches = 0
        }
        samples += n
        lossSum += loss
        batches += 1
        if interactive { write("\r" + line(epoch: epoch, done: batch + 1, extra: "")) }
    }

    public func epochDidEnd(epoch: Int, logs: [String: Double]) -> Bool {
        let extras = logs.keys.sorted().filter { $0 != "loss" && $0 != "learningRate" }
            .map { "\($0) \(format(logs[$0]!))" }.joined(separator: "  ")
        write((interactive ? "\r" : "") + line(epoch: epoch, done: batchesPerEpoch, extra: extras) + "\n")
        return false
    }

    func line(epoch: Int, done: Int, extra: String) -> String {
        let fraction = batchesPerEpoch > 0 ? Double(done) / Double(batchesPerEpoch) : 1
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: Swift.max(0, width - filled - 1))
        let elapsed = Swift.max(Date().timeIntervalSince(started), 1e-9)
        let throughput = Double(samples) / elapsed
        let loss = batches > 0 ? lossSum / Double(batches) : .nan
        return "epoch \(epoch + 1)/\(epochs) [\(bar)] \(done)/\(batchesPerEpoch)  loss \(format(loss))  \(Int(throughput)) samples/s"
            + (extra.isEmpty ? "" : "  " + extra)
    }

    private func format(_ v: Double) -> String { String(format: "%.4f", v) }
}
