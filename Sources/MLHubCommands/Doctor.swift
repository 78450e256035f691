import ArgumentParser
import Foundation
import Tensors

/// `mlhub doctor`: what the engine runs on, and why.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the BLAS library, its kernel and threads, and the data folder.")

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let report = DoctorReport.current()
        print(json ? report.json : report.text)
    }
}

/// The facts `mlhub doctor` prints, gathered in one place so tests can check them.
struct DoctorReport {
    let blasLibrary: String
    let blasConfiguration: String
    let kernel: BLAS.KernelReport
    let threads: Int
    let processors: Int
    let dataFolder: URL
    let dataFolderExists: Bool

    static func current() -> DoctorReport {
        let folder = DataFolder.defaultURL()
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue
        return DoctorReport(blasLibrary: BLAS.libraryPath ?? "unknown", blasConfiguration: BLAS.configuration,
                            kernel: BLAS.kernelReport, threads: BLAS.threads, processors: BLAS.processors,
                            dataFolder: folder, dataFolderExists: exists)
    }

    var kernelExplanation: String {
        var text = kernel.reason
        if let env = kernel.environmentKernel, env.caseInsensitiveCompare(kernel.activeKernel) != .orderedSame {
            text += "; OPENBLAS_CORETYPE=\(env) from the environment was overridden (set MLHUB_BLAS_CORETYPE to choose)"
        }
        return text
    }

    var idleSpinExplanation: String {
        guard let exponent = kernel.idleSpinExponent else {
            return "OpenBLAS's default (its idle threads spin about 0.1 s after each threaded product)"
        }
        return "2^\(exponent) cycles after each threaded product, then the threads sleep ("
            + (kernel.idleSpinFromEnvironment ? "OPENBLAS_THREAD_TIMEOUT from the environment)" : "MLHub's setting; OPENBLAS_THREAD_TIMEOUT overrides it)")
    }

    var text: String {
        let rows: [(String, String)] = [
            ("BLAS library", blasLibrary),
            ("BLAS build", blasConfiguration.trimmingCharacters(in: .whitespaces)),
            ("BLAS kernel", "\(kernel.activeKernel) — \(kernelExplanation)"),
            ("CPU features", kernel.cpuFeatures.isEmpty ? "not detected" : kernel.cpuFeatures.joined(separator: " ")),
            ("BLAS threads", "\(threads) of \(processors) processors (one pool for large products; "
                + "a server sets 1 and runs requests side by side)"),
            ("BLAS idle spin", idleSpinExplanation),
            ("data folder", dataFolder.path + (dataFolderExists ? "" : " (not created yet)")),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }

    var json: String {
        let object: [String: Any] = [
            "blas_library": blasLibrary,
            "blas_configuration": blasConfiguration,
            "blas_kernel": kernel.activeKernel,
            "blas_kernel_requested": kernel.requestedKernel ?? NSNull(),
            "blas_kernel_reason": kernelExplanation,
            "cpu_features": kernel.cpuFeatures,
            "blas_threads": threads,
            "blas_idle_spin_log2": kernel.idleSpinExponent ?? NSNull(),
            "processors": processors,
            "data_folder": dataFolder.path,
            "data_folder_exists": dataFolderExists,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
