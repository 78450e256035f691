extension DemoParameter {
    /// The longest value text accepted (a list of a few numbers or names is far shorter).
    static let maximumTextLength = 1_000

    /// Checks `value` against the parameter and returns it in canonical form (a `double` for a
    /// number given as an integer, a set in the options' order, a string parsed as the kind).
    /// - Throws: ``DemoError/invalidValue(parameter:expected:got:)`` naming the parameter and
    ///   what it accepts.
    public func validate(_ value: DemoValue) throws(DemoError) -> DemoValue {
        if case .string(let text) = value, kind != .choice { return try parse(text) }
        switch kind {
        case .int:
            guard let number = value.number, number.isFinite, number == number.rounded(), Swift.abs(number) < 1e15 else {
                throw invalid(got: value)
            }
            return .int(try checkedInt(Int(number)))
        case .number:
            guard let number = value.number, number.isFinite else { throw invalid(got: value) }
            guard number >= (minimum ?? -.infinity) && number <= (maximum ?? .infinity) else {
                throw DemoError.invalidValue(parameter: name, expected: rangeText, got: Self.quote(value))
            }
            return .double(number)
        case .bool:
            guard case .bool = value else { throw invalid(got: value) }
            return value
        case .choice:
            guard case .string(let text) = value, optionValues.contains(text) else { throw invalid(got: value) }
            return value
        case .intList:
            let list: [Int]
            switch value {
            case .ints(let v): list = v
            case .strings(let v) where v.isEmpty: list = []
            case .int(let v): list = [v]
            default: throw invalid(got: value)
            }
            try checkCount(list.count, got: value)
            for element in list { _ = try checkedInt(element, wholeValue: value) }
            return .ints(list)
        case .choiceList, .choiceSet:
            let list: [String]
            switch value {
            case .strings(let v): list = v
            case .ints(let v) where v.isEmpty: list = []
            default: throw invalid(got: value)
            }
            try checkCount(list.count, got: value)
            guard list.allSatisfy(optionValues.contains) else { throw invalid(got: value) }
            guard kind == .choiceSet else { return .strings(list) }
            guard Set(list).count == list.count else { throw invalid(got: value) }
            return .strings(optionValues.filter(list.contains))
        }
    }

    /// Parses `text` as the query would carry it (`4,4`, `0.03`, `true`, `tanh`) and validates it.
    public func parse(_ text: String) throws(DemoError) -> DemoValue {
        guard text.utf8.count <= Self.maximumTextLength else {
            throw DemoError.invalidValue(parameter: name, expected: expectedText, got: "a value of \(text.utf8.count) bytes")
        }
        let trimmed = text.trimmingSpaces
        let got = DemoValue.string(trimmed)
        switch kind {
        case .int:
            if let v = Int(trimmed) { return try validate(.int(v)) }
            if let v = Double(trimmed), v.isFinite { return try validate(.double(v)) }
            throw invalid(got: got)
        case .number:
            guard let v = Double(trimmed) else { throw invalid(got: got) }
            return try validate(.double(v))
        case .bool:
            switch trimmed.lowercased() {
            case "true", "1", "yes", "on": return .bool(true)
            case "false", "0", "no", "off": return .bool(false)
            default: throw invalid(got: got)
            }
        case .choice:
            return try validate(.string(trimmed))
        case .intList:
            let parts = Self.listParts(trimmed)
            var list: [Int] = []
            for part in parts {
                guard let v = Int(part) else { throw invalid(got: got) }
                list.append(v)
            }
            return try validate(.ints(list))
        case .choiceList, .choiceSet:
            return try validate(.strings(Self.listParts(trimmed)))
        }
    }

    /// The value as it goes into a query (before percent-encoding).
    public func format(_ value: DemoValue) -> String { value.text }

    /// What the parameter accepts, as the end of "`name` must be …".
    public var expectedText: String {
        switch kind {
        case .int: "an integer in \(rangeBounds)"
        case .number: "a number in \(rangeBounds)"
        case .bool: "true or false"
        case .choice: "one of \(optionValues.joined(separator: ", "))"
        case .intList: "a list of \(countText) integers in \(rangeBounds) separated by commas (like 4,4)"
        case .choiceList: "a list of \(countText) values from \(optionValues.joined(separator: ", ")) separated by commas"
        case .choiceSet: "a list of \(countText) distinct values from \(optionValues.joined(separator: ", ")) separated by commas"
        }
    }

    private var rangeText: String { "in \(rangeBounds)" }

    private var rangeBounds: String {
        "\(DemoNumberFormat.plain(minimum ?? -.infinity))...\(DemoNumberFormat.plain(maximum ?? .infinity))"
    }

    private var countText: String {
        let low = minCount ?? 0, high = maxCount ?? low
        return low == high ? "\(low)" : "\(low) to \(high)"
    }

    private func invalid(got value: DemoValue) -> DemoError {
        .invalidValue(parameter: name, expected: expectedText, got: Self.quote(value))
    }

    private func checkedInt(_ v: Int, wholeValue: DemoValue? = nil) throws(DemoError) -> Int {
        guard Double(v) >= (minimum ?? -.infinity) && Double(v) <= (maximum ?? .infinity) else {
            throw invalid(got: wholeValue ?? .int(v))
        }
        return v
    }

    private func checkCount(_ count: Int, got value: DemoValue) throws(DemoError) {
        guard count >= (minCount ?? 0) && count <= (maxCount ?? Int.max) else { throw invalid(got: value) }
    }

    /// A value for a message: numbers plain, text quoted.
    static func quote(_ value: DemoValue) -> String {
        switch value {
        case .int(let v): String(v)
        case .double(let v): DemoNumberFormat.plain(v)
        case .bool(let v): v ? "true" : "false"
        case .string(let v): "'\(v.count > 60 ? String(v.prefix(60)) + "…" : v)'"
        case .ints, .strings: "'\(value.text.count > 60 ? String(value.text.prefix(60)) + "…" : value.text)'"
        }
    }

    /// `"a, b,c"` → `["a", "b", "c"]`; an empty text is an empty list.
    static func listParts(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
