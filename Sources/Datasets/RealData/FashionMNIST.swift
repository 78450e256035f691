import Foundation
import Tensors

extension Dataset {
    /// The two parts of Fashion-MNIST.
    public enum Split: String, Sendable, CaseIterable {
        /// 60,000 training images.
        case train
        /// 10,000 test images.
        case test

        var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// Where Debian's `dataset-fashion-mnist` package installs the files.
    public static let fashionMNISTDirectory = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")

    /// The ten Fashion-MNIST classes, in label order.
    public static let fashionMNISTClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// Fashion-MNIST (Zalando Research, MIT licence): 28×28 greyscale pictures of clothes in ten
    /// classes, read from the IDX files of Debian's `dataset-fashion-mnist` package.
    ///
    /// - Parameters:
    ///   - split: ``Split/train`` (60,000 images) or ``Split/test`` (10,000).
    ///   - limit: load only the first `limit` samples (the files are decompressed only that far);
    ///     `nil` loads them all.
    ///   - directory: the folder holding `train-images-idx3-ubyte.gz` and the three other files
    ///     (uncompressed copies without `.gz` work too).
    /// - Returns: features `[n, 784]` `float64` in [0, 1] (pixel / 255, row-major, ``imageShape``
    ///   `[28, 28]`), target `[n]` `int64` in 0..<10, ``targetNames`` the class names.
    /// - Throws: ``DatasetError/fashionMNISTNotInstalled(directory:missing:)`` with the install
    ///   command when a file is missing; IDX, gzip and consistency errors for damaged files.
    public static func fashionMNIST(split: Split = .train, limit: Int? = nil,
                                    directory: URL = fashionMNISTDirectory) throws(DatasetError) -> Dataset {
        if let limit, limit < 0 {
            throw .invalidParameter(name: "limit", value: "\(limit)", expected: "a sample count ≥ 0")
        }
        let imageName = "\(split.filePrefix)-images-idx3-ubyte"
        let labelName = "\(split.filePrefix)-labels-idx1-ubyte"
        var files: [String: URL] = [:]
        var missing: [String] = []
        for name in [imageName, labelName] {
            let compressed = directory.appendingPathComponent(name + ".gz")
            let plain = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: compressed.path) {
                files[name] = compressed
            } else if FileManager.default.fileExists(atPath: plain.path) {
                files[name] = plain
            } else {
                missing.append(name + ".gz")
            }
        }
        guard missing.isEmpty, let imageURL = files[imageName], let labelURL = files[labelName] else {
            throw .fashionMNISTNotInstalled(directory: directory.path, missing: missing)
        }
        let pixels = 28 * 28
        let images = try IDXArray(contentsOf: imageURL, firstRows: limit)
        let labels = try IDXArray(contentsOf: labelURL, firstRows: limit)
        guard images.shape.count == 3, images.shape[1] == 28, images.shape[2] == 28, images.elementType == .uint8 else {
            throw .inconsistentFiles("\(imageURL.lastPathComponent): expected uint8 images of shape [n, 28, 28], got \(images.elementType) \(images.shape)")
        }
        guard labels.shape.count == 1, labels.elementType == .uint8 else {
            throw .inconsistentFiles("\(labelURL.lastPathComponent): expected uint8 labels of shape [n], got \(labels.elementType) \(labels.shape)")
        }
        guard images.shape[0] == labels.shape[0] else {
            throw .inconsistentFiles("\(images.shape[0]) images but \(labels.shape[0]) labels")
        }
        if let bad = labels.payload.firstIndex(where: { $0 > 9 }) {
            throw .inconsistentFiles("label \(bad) is \(labels.payload[bad]); expected 0...9")
        }
        let n = images.shape[0]
        return Dataset(
            features: images.tensor(scale: 1.0 / 255).reshaped([n, pixels]),
            target: Tensor(labels.payload.map { Int($0) }, shape: [n]),
            featureNames: (0..<28).flatMap { r in (0..<28).map { c in "pixel_\(r)_\(c)" } },
            targetNames: fashionMNISTClassNames,
            imageShape: [28, 28],
            source: "Fashion-MNIST by Zalando Research (Xiao, Rasul and Vollgraf, 2017), MIT licence; "
                + "read from \(directory.path) (\(split.rawValue) split).")
    }
}
