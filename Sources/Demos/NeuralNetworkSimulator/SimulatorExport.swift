import Foundation
import NeuralNets
import Tensors

extension NeuralNetworkSimulator {
    /// The trained network built from the engine's layers (`Sequential` of `Linear`,
    /// activations, `Dropout` and `Residual`), holding the current weights.
    public func makeSequential() -> Sequential { trainer.model.makeSequential() }

    /// The trained network's weights as a safetensors file (the state dictionary of
    /// ``makeSequential()``, float32), with metadata naming the demo, the settings query, the
    /// input features, the task and how to read the output.
    /// - Throws: ``DemoError/unavailable(_:)`` if the file cannot be written.
    public func exportSafetensors() throws(DemoError) -> Data {
        var metadata = [
            "demo": Self.id, "settings": settings.query, "epoch": String(trainer.epoch),
            "features": setup.features.map(\.rawValue).joined(separator: ","), "task": data.task.rawValue,
            "classes": String(data.classes), "output": outputReading,
        ]
        if let transform = data.transform {
            metadata["transform"] = "center=\(transform.center.map(DemoNumberFormat.roundTrip).joined(separator: ",")) scale=\(transform.scale.map(DemoNumberFormat.roundTrip).joined(separator: ","))"
        }
        do {
            return try Safetensors.data(makeSequential().stateDict(), metadata: metadata)
        } catch {
            throw DemoError.unavailable("could not write the safetensors file: \(error)")
        }
    }

    /// Swift code that rebuilds the trained network with NeuralNets, loads the weights
    /// exported by ``exportSafetensors()`` from `weightsFile`, and evaluates one point.
    public func exportSwiftSnippet(weightsFile: String = "model.safetensors") -> String {
        let model = trainer.model
        var lines: [String] = []
        var pending: [String] = []
        for planned in model.layerPlan {
            switch planned {
            case .linear, .residual:
                // Each block (a Linear with what follows it, or a residual block) on its own line.
                if !pending.isEmpty { lines.append(pending.joined(separator: ", ")) }
                pending = [planned.source]
            case .activation, .dropout:
                pending.append(planned.source)
            }
        }
        if !pending.isEmpty { lines.append(pending.joined(separator: ", ")) }
        let featureList = setup.features.map(\.source).joined(separator: ", ")
        var featureBody = "    [\(featureList)]"
        var parameters = "_ x1: Double, _ x2: Double"
        var example = "1.5, -2.0"
        var dataLine = "\(data.name) data"
        if let t = data.transform {
            func shifted(_ name: String, _ center: Double) -> String {
                center < 0 ? "\(name) + \(DemoNumberFormat.roundTrip(-center))" : "\(name) - \(DemoNumberFormat.roundTrip(center))"
            }
            parameters = "_ fileX1: Double, _ fileX2: Double"
            example = t.center.map(DemoNumberFormat.roundTrip).joined(separator: ", ")
            dataLine = "uploaded data (\(data.count) rows; the data set settings below do not apply)"
            featureBody = """
                    // The simulator mapped the uploaded coordinates into its plane.
                    let x1 = (\(shifted("fileX1", t.center[0]))) * \(DemoNumberFormat.roundTrip(t.scale[0]))
                    let x2 = (\(shifted("fileX2", t.center[1]))) * \(DemoNumberFormat.roundTrip(t.scale[1]))
                    return [\(featureList)]
                """
        }
        let reading = switch model.loss {
        case .binaryCrossEntropyWithLogits: ("one logit: its sigmoid is P(class 1)", "print(output.sigmoid())")
        case .crossEntropy: ("one logit per class: their softmax gives the class probabilities", "print(output.softmax(axis: -1))")
        case .meanSquaredError: ("the predicted value", "print(output)")
        }
        return """
            // A network trained in the MLHub Neural Network Simulator: \(dataLine), epoch \(trainer.epoch).
            // Settings: \(settings.query)
            // Inputs: \(setup.features.map(\.rawValue).joined(separator: ", ")) (see `features`); output: \(reading.0).
            import Foundation
            import NeuralNets
            import Tensors

            let model = Sequential(
            \(lines.map { "    " + $0 }.joined(separator: ",\n"))
            )
            try model.load(from: URL(fileURLWithPath: "\(weightsFile)"))
            model.eval()

            /// The inputs the network was trained on, for one point.
            func features(\(parameters)) -> [Double] {
            \(featureBody)
            }

            let output = withNoGrad { model(Tensor([features(\(example))]).to(.float32)) }
            \(reading.1)

            """
    }
}
