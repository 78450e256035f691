/// A MathML element as the parser builds it. One generic shape (tag, attributes, text or
/// children) rather than a case per element keeps the parser free to emit whatever MathML
/// Core needs, and keeps escaping in exactly one place: the writer.
struct MathNode: Equatable, Sendable {
    struct Attribute: Equatable, Sendable {
        let name: String
        let value: String
    }

    let tag: String
    private(set) var attributes: [Attribute]
    /// Set for token elements (`mi`, `mn`, `mo`, `mtext`); their only content.
    let text: String?
    let children: [MathNode]

    private init(tag: String, attributes: [Attribute], text: String?, children: [MathNode]) {
        self.tag = tag
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    static func token(_ tag: String, _ text: String, _ attributes: [(String, String)] = []) -> MathNode {
        MathNode(tag: tag, attributes: attributes.map(Attribute.init), text: text, children: [])
    }

    static func element(_ tag: String, _ children: [MathNode], _ attributes: [(String, String)] = []) -> MathNode {
        MathNode(tag: tag, attributes: attributes.map(Attribute.init), text: nil, children: children)
    }

    static func mi(_ text: String, _ attributes: [(String, String)] = []) -> MathNode { token("mi", text, attributes) }
    static func mn(_ text: String) -> MathNode { token("mn", text) }
    static func mo(_ text: String, _ attributes: [(String, String)] = []) -> MathNode { token("mo", text, attributes) }
    static func mtext(_ text: String, _ attributes: [(String, String)] = []) -> MathNode { token("mtext", text, attributes) }
    static func mspace(_ width: String) -> MathNode { element("mspace", [], [("width", width)]) }

    /// Source the renderer could not interpret, shown in place (MathML's red error box).
    static func error(_ source: String) -> MathNode { element("merror", [mtext(source)]) }

    /// Elements such as `mfrac` and `msub` take exactly one element per argument: a single
    /// node is used as is (no needless `mrow`), anything else is wrapped.
    static func row(_ nodes: [MathNode]) -> MathNode {
        nodes.count == 1 ? nodes[0] : element("mrow", nodes)
    }

    static let empty = element("mrow", [])

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// A copy with `name` set, replacing any earlier value.
    func setting(_ name: String, _ value: String) -> MathNode {
        var copy = self
        copy.attributes.removeAll { $0.name == name }
        copy.attributes.append(Attribute(name: name, value: value))
        return copy
    }
}

/// Serialises `MathNode` trees. Every text node and attribute value goes through
/// `htmlEscaped`, so the output is well-formed XML whatever the input contained.
enum MathMLWriter {
    static func write(_ node: MathNode, into output: inout String) {
        output += "<" + node.tag
        for attribute in node.attributes {
            output += " " + attribute.name + "=\"" + attribute.value.htmlEscaped + "\""
        }
        if let text = node.text {
            output += ">" + text.htmlEscaped + "</" + node.tag + ">"
        } else if node.children.isEmpty && node.tag == "mspace" {
            output += "/>"
        } else {
            output += ">"
            for child in node.children { write(child, into: &output) }
            output += "</" + node.tag + ">"
        }
    }

    static func string(_ node: MathNode) -> String {
        var output = ""
        write(node, into: &output)
        return output
    }
}
