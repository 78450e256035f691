import Foundation
import Testing
import Tensors
@testable import Datasets

/// Fashion-MNIST from Debian's `dataset-fashion-mnist` (installed by the README's setup line).
@Suite("DatasetsFashionMNIST", .serialized)
struct FashionMNISTTests {
    @Test(arguments: [(Dataset.Split.train, 60_000), (.test, 10_000)])
    func realFilesLoadWithBalancedClasses(split: Dataset.Split, expected: Int) throws {
        let data = try Dataset.fashionMNIST(split: split)
        #expect(data.features.shape == [expected, 784])
        #expect(data.features.dtype == .float64)
        #expect(data.target.shape == [expected])
        #expect(data.target.dtype == .int64)
        #expect(data.imageShape == [28, 28])
        #expect(data.targetNames == Dataset.fashionMNISTClassNames)
        #expect(classCounts(data.target, classes: 10) == [Int](repeating: expected / 10, count: 10))
        // Pixels are bytes / 255: the first images span the whole range in steps of 1/255.
        let pixels = data.features.scalars(as: Double.self).prefix(100 * 784)
        #expect(pixels.min() == 0 && pixels.max() == 1)
        #expect(pixels.allSatisfy { Swift.abs($0 * 255 - ($0 * 255).rounded()) < 1e-9 })
    }

    @Test func limitReadsOnlyTheFirstSamples() throws {
        let all = try Dataset.fashionMNIST(split: .test)
        let few = try Dataset.fashionMNIST(split: .test, limit: 25)
        #expect(few.features.shape == [25, 784])
        #expect(few.target.scalars(as: Int.self) == Array(all.target.scalars(as: Int.self).prefix(25)))
        #expect(few.features.scalars(as: Double.self) == Array(all.features.scalars(as: Double.self).prefix(25 * 784)))
        // The first test image of Fashion-MNIST is an ankle boot (label 9); the second a pullover.
        #expect(Array(few.target.scalars(as: Int.self).prefix(2)) == [9, 2])
    }

    @Test func missingFilesSayHowToInstall() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        expectError(.fashionMNISTNotInstalled(directory: empty.path,
                                              missing: ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"])) {
            try Dataset.fashionMNIST(split: .train, directory: empty)
        }
        do {
            _ = try Dataset.fashionMNIST(split: .test, directory: empty)
        } catch {
            #expect(error.description.contains("sudo apt-get install dataset-fashion-mnist"))
            #expect(error.description.contains("/usr/share/datasets/fashion-mnist"))
        }
    }

    @Test func mismatchedCountsAreReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-fm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two blank images but three labels, uncompressed.
        var images = Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28])
        images.append(Data(count: 2 * 784))
        try images.write(to: dir.appendingPathComponent("t10k-images-idx3-ubyte"))
        try Data([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]).write(to: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
        expectError(.inconsistentFiles("2 images but 3 labels")) { try Dataset.fashionMNIST(split: .test, directory: dir) }
    }
}
