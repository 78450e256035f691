import BLASKernelSelection
import Foundation
import Testing
@testable import MLHubCommands
@testable import Tensors

@Suite("mlhub doctor")
struct DoctorTests {
    @Test func theActiveKernelIsOneTheCPUCanRunAndTheFastestItsFeaturesAllow() {
        let report = BLAS.kernelReport
        #expect(mlhub_cpu_can_run_core(report.activeKernel) == 1, "\(report.activeKernel) with features \(report.cpuFeatures)")
        let features = Set(report.cpuFeatures)
        if ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"].allSatisfy(features.contains) {
            #expect(["SkylakeX", "Cooperlake"].contains(report.activeKernel))
        } else if features.isSuperset(of: ["avx2", "fma"]) {
            #expect(report.activeKernel == "Haswell")
        }
        #expect(report.applied)
        #expect(!report.reason.isEmpty)
    }

    @Test func theCPUCheckRefusesUnknownAndUnrunnableKernels() {
        #expect(mlhub_cpu_can_run_core("NoSuchCore") == 0)
        #expect(mlhub_cpu_can_run_core(nil) == 0)
        let features = Set(BLAS.kernelReport.cpuFeatures)
        #expect((mlhub_cpu_can_run_core("SkylakeX") == 1) == features.contains("avx512bw"))
    }

    @Test func theReportNamesTheLibraryKernelThreadsAndDataFolder() throws {
        let report = DoctorReport.current()
        #expect(report.blasLibrary.contains("openblas"))
        let text = report.text
        for label in ["BLAS library", "BLAS kernel", "BLAS threads", "data folder", report.kernel.activeKernel] {
            #expect(text.contains(label), "doctor text lacks \(label)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(json["blas_kernel"] as? String == report.kernel.activeKernel)
        #expect(json["blas_threads"] as? Int == BLAS.threads)
    }

    @Test func aHaswellSettingInTheEnvironmentDoesNotHoldBackAFasterCPU() throws {
        // OpenBLAS reads OPENBLAS_CORETYPE when it loads, so this needs a fresh process.
        let output = try runMLHub(["doctor", "--json"], environment: ["OPENBLAS_CORETYPE": "Haswell"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let features = Set(BLAS.kernelReport.cpuFeatures)
        let expected = features.contains("avx512bw") ? BLAS.kernelReport.activeKernel : "Haswell"
        #expect(json["blas_kernel"] as? String == expected)
    }

    @Test func anExplicitChoiceIsHonouredOnlyWhenTheCPUCanRunIt() throws {
        let chosen = try runMLHub(["doctor", "--json"], environment: ["MLHUB_BLAS_CORETYPE": "Sandybridge"])
        #expect(chosen.contains(#""blas_kernel":"Sandybridge""#))
        let refused = try runMLHub(["doctor", "--json"], environment: ["MLHUB_BLAS_CORETYPE": "NoSuchCore"])
        #expect(refused.contains(#""blas_kernel":"\#(BLAS.kernelReport.activeKernel)""#))
        #expect(refused.contains("ignored"))
    }

    @Test func openBLASIdleThreadsSpinBrieflyUnlessTheEnvironmentSaysOtherwise() throws {
        // The value is OpenBLAS's own (openblas_thread_timeout), read back after the pool restarted.
        if ProcessInfo.processInfo.environment["OPENBLAS_THREAD_TIMEOUT"] == nil {
            #expect(BLAS.kernelReport.idleSpinExponent == 18 && !BLAS.kernelReport.idleSpinFromEnvironment)
        }
        let json = try runMLHub(["doctor", "--json"], environment: ["OPENBLAS_THREAD_TIMEOUT": "20"])
        #expect(json.contains(#""blas_idle_spin_log2":20"#), "\(json)")
        let text = try runMLHub(["doctor"], environment: ["OPENBLAS_THREAD_TIMEOUT": "22"])
        #expect(text.contains("2^22 cycles") && text.contains("from the environment"), "\(text)")
        // OpenBLAS clamps the exponent to [4, 30] and ignores what is not a number.
        #expect(try runMLHub(["doctor", "--json"], environment: ["OPENBLAS_THREAD_TIMEOUT": "99"])
            .contains(#""blas_idle_spin_log2":30"#))
        #expect(try runMLHub(["doctor", "--json"], environment: ["OPENBLAS_THREAD_TIMEOUT": "abc"])
            .contains(#""blas_idle_spin_log2":null"#))
    }

    @Test func theDataFolderFollowsTheEnvironment() {
        #expect(DataFolder.defaultURL(environment: ["MLHUB_DATA": "/srv/hub", "HOME": "/home/a"]).path == "/srv/hub")
        #expect(DataFolder.defaultURL(environment: ["XDG_DATA_HOME": "/x", "HOME": "/home/a"]).path == "/x/mlhub")
        #expect(DataFolder.defaultURL(environment: ["HOME": "/home/a"]).path == "/home/a/.local/share/mlhub")
    }
}

/// Runs the built `mlhub` executable (next to the test bundle) and returns its standard output.
func runMLHub(_ arguments: [String], environment extra: [String: String]) throws -> String {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlhub")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable.path])
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "MLHUB_BLAS_CORETYPE")
    for (k, v) in extra { environment[k] = v }
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
