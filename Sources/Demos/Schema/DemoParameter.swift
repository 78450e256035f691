/// One declared parameter of a demo: what a page builds a control from and what input is
/// validated against.
///
/// JSON (keys that do not apply are left out):
/// ```json
/// {"name": "learningRate", "label": "Learning rate", "kind": "number", "help": "…",
///  "default": 0.03, "minimum": 0.00001, "maximum": 10, "scale": "log",
///  "group": "Training", "effect": "live"}
/// {"name": "hidden", "label": "Hidden layers", "kind": "intList", "default": [4, 4],
///  "minimum": 1, "maximum": 8, "minCount": 0, "maxCount": 6, …}
/// {"name": "activation", "kind": "choice", "default": "tanh",
///  "options": [{"value": "relu", "label": "ReLU"}, …], …}
/// ```
/// For lists, `minimum` and `maximum` bound each element and `minCount`/`maxCount` the length.
public struct DemoParameter: Sendable, Codable, Equatable {
    /// What sort of value the parameter takes (and so which control draws it).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An integer in `minimum...maximum`.
        case int
        /// A finite number in `minimum...maximum` (a slider, linear or logarithmic).
        case number
        /// `true` or `false`.
        case bool
        /// One of `options`.
        case choice
        /// `minCount...maxCount` integers, each in `minimum...maximum` (`hidden=4,4`).
        case intList
        /// `minCount...maxCount` values from `options`, repeats allowed, order kept.
        case choiceList
        /// `minCount...maxCount` distinct values from `options` (a set of checkboxes).
        case choiceSet
    }

    /// How a slider maps its range.
    public enum Scale: String, Sendable, Codable { case linear, log }

    /// What changing the parameter of a running demo does, so a page can warn.
    public enum Effect: String, Sendable, Codable {
        /// Takes effect at the next step; training continues.
        case live
        /// Rebuilds the model with fresh weights; training restarts from step 0.
        case rebuild
        /// Regenerates the data and rebuilds the model; training restarts from step 0.
        case regenerate
        /// Restarts the demo from step 0 with the new value.
        case restart
    }

    public let name: String
    /// A short label for the control.
    public let label: String
    public let kind: Kind
    /// One sentence on what the parameter does.
    public let help: String
    public let defaultValue: DemoValue
    public let minimum: Double?
    public let maximum: Double?
    public let scale: Scale?
    public let options: [DemoOption]?
    public let minCount: Int?
    public let maxCount: Int?
    /// A unit for display (`"%"`), if any.
    public let unit: String?
    /// The heading the control sits under (`"Data"`, `"Network"`, `"Training"`).
    public let group: String
    public let effect: Effect

    enum CodingKeys: String, CodingKey {
        case name, label, kind, help, defaultValue = "default", minimum, maximum, scale, options, minCount, maxCount, unit, group, effect
    }

    init(name: String, label: String, kind: Kind, help: String, defaultValue: DemoValue, minimum: Double? = nil,
         maximum: Double? = nil, scale: Scale? = nil, options: [DemoOption]? = nil, minCount: Int? = nil,
         maxCount: Int? = nil, unit: String? = nil, group: String, effect: Effect) {
        self.name = name
        self.label = label
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.scale = scale
        self.options = options
        self.minCount = minCount
        self.maxCount = maxCount
        self.unit = unit
        self.group = group
        self.effect = effect
    }

    /// An integer parameter.
    public static func int(_ name: String, label: String, range: ClosedRange<Int>, default value: Int, unit: String? = nil,
                           group: String, effect: Effect, help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .int, help: help, defaultValue: .int(value),
                      minimum: Double(range.lowerBound), maximum: Double(range.upperBound), unit: unit, group: group, effect: effect)
    }

    /// A number parameter.
    public static func number(_ name: String, label: String, range: ClosedRange<Double>, default value: Double,
                              scale: Scale = .linear, unit: String? = nil, group: String, effect: Effect,
                              help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .number, help: help, defaultValue: .double(value),
                      minimum: range.lowerBound, maximum: range.upperBound, scale: scale, unit: unit, group: group, effect: effect)
    }

    /// A yes/no parameter.
    public static func bool(_ name: String, label: String, default value: Bool, group: String, effect: Effect,
                            help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .bool, help: help, defaultValue: .bool(value), group: group, effect: effect)
    }

    /// One of several options.
    public static func choice(_ name: String, label: String, options: [DemoOption], default value: String, group: String,
                              effect: Effect, help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .choice, help: help, defaultValue: .string(value), options: options,
                      group: group, effect: effect)
    }

    /// A list of integers (`hidden=4,4`).
    public static func intList(_ name: String, label: String, count: ClosedRange<Int>, element: ClosedRange<Int>,
                               default value: [Int], group: String, effect: Effect, help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .intList, help: help, defaultValue: .ints(value),
                      minimum: Double(element.lowerBound), maximum: Double(element.upperBound),
                      minCount: count.lowerBound, maxCount: count.upperBound, group: group, effect: effect)
    }

    /// An ordered list of options, repeats allowed (one activation per layer).
    public static func choiceList(_ name: String, label: String, options: [DemoOption], count: ClosedRange<Int>,
                                  default value: [String], group: String, effect: Effect, help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .choiceList, help: help, defaultValue: .strings(value), options: options,
                      minCount: count.lowerBound, maxCount: count.upperBound, group: group, effect: effect)
    }

    /// A set of distinct options (checkboxes), kept in the options' order.
    public static func choiceSet(_ name: String, label: String, options: [DemoOption], count: ClosedRange<Int>,
                                 default value: [String], group: String, effect: Effect, help: String) -> DemoParameter {
        DemoParameter(name: name, label: label, kind: .choiceSet, help: help, defaultValue: .strings(value), options: options,
                      minCount: count.lowerBound, maxCount: count.upperBound, group: group, effect: effect)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(Kind.self, forKey: .kind)
        self.init(name: try c.decode(String.self, forKey: .name), label: try c.decode(String.self, forKey: .label), kind: kind,
                  help: try c.decode(String.self, forKey: .help),
                  defaultValue: try c.decode(DemoValue.self, forKey: .defaultValue).normalized(for: kind),
                  minimum: try c.decodeIfPresent(Double.self, forKey: .minimum), maximum: try c.decodeIfPresent(Double.self, forKey: .maximum),
                  scale: try c.decodeIfPresent(Scale.self, forKey: .scale), options: try c.decodeIfPresent([DemoOption].self, forKey: .options),
                  minCount: try c.decodeIfPresent(Int.self, forKey: .minCount), maxCount: try c.decodeIfPresent(Int.self, forKey: .maxCount),
                  unit: try c.decodeIfPresent(String.self, forKey: .unit), group: try c.decode(String.self, forKey: .group),
                  effect: try c.decode(Effect.self, forKey: .effect))
    }

    /// The values `options` allows, in order.
    public var optionValues: [String] { options?.map(\.value) ?? [] }
}

/// One option of a choice parameter: the value sent and the label shown.
public struct DemoOption: Sendable, Codable, Equatable {
    public let value: String
    public let label: String

    public init(_ value: String, _ label: String? = nil) {
        self.value = value
        self.label = label ?? value
    }
}
