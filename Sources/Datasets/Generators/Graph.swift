import Tensors

/// An undirected graph whose nodes belong to communities and carry feature vectors, for lessons
/// on graph algorithms, community detection and graph neural networks.
public struct Graph: Sendable, Equatable {
    /// An undirected edge, stored with `source < target`.
    public struct Edge: Hashable, Sendable, Comparable {
        /// The smaller node number.
        public var source: Int
        /// The larger node number.
        public var target: Int

        /// The edge between `a` and `b`, in either order.
        public init(_ a: Int, _ b: Int) {
            source = Swift.min(a, b)
            target = Swift.max(a, b)
        }

        public static func < (l: Edge, r: Edge) -> Bool { (l.source, l.target) < (r.source, r.target) }
    }

    /// The number of nodes, numbered `0..<nodeCount`.
    public var nodeCount: Int
    /// The edges, sorted, without duplicates or self-loops.
    public var edges: [Edge]
    /// The community of each node, `[nodeCount]`.
    public var communities: [Int]
    /// Node features, `float64` `[nodeCount, featureDimension]`.
    public var features: Tensor

    public static func == (l: Graph, r: Graph) -> Bool {
        l.nodeCount == r.nodeCount && l.edges == r.edges && l.communities == r.communities
            && l.features.shape == r.features.shape
            && l.features.scalars(as: Double.self) == r.features.scalars(as: Double.self)
    }

    /// The symmetric 0/1 adjacency matrix, `float64` `[nodeCount, nodeCount]`.
    public func adjacencyMatrix() -> Tensor {
        var a = [Double](repeating: 0, count: nodeCount * nodeCount)
        for e in validEdges {
            a[e.source * nodeCount + e.target] = 1
            a[e.target * nodeCount + e.source] = 1
        }
        return Tensor(a, shape: [nodeCount, nodeCount])
    }

    /// The neighbours of each node, ascending.
    public func adjacencyLists() -> [[Int]] {
        var lists = [[Int]](repeating: [], count: nodeCount)
        for e in validEdges {
            lists[e.source].append(e.target)
            lists[e.target].append(e.source)
        }
        return lists.map { $0.sorted() }
    }

    /// The number of edges at each node.
    public func degrees() -> [Int] { adjacencyLists().map(\.count) }

    /// The edges whose ends are nodes of the graph (all of them, unless edited by hand).
    private var validEdges: [Edge] {
        edges.filter { $0.source >= 0 && $0.target < nodeCount && $0.source != $0.target }
    }
}

extension Dataset {
    /// A stochastic block model: `communities` groups of `nodesPerCommunity` nodes, where two
    /// nodes of the same community are linked with probability `inside` and two of different
    /// communities with probability `between`. Each node's features are drawn from a Gaussian
    /// (standard deviation `featureNoise`) around its community's centre, a random point on the
    /// unit sphere, so features hint at the communities too.
    ///
    /// - Returns: a ``Graph`` with nodes ordered by community.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for bad counts or
    ///   probabilities, ``DatasetError/limitExceeded(what:value:limit:)`` when the adjacency
    ///   matrix would exceed ``generatorElementLimit`` entries.
    public static func communityGraph(communities: Int = 3, nodesPerCommunity: Int = 10, inside: Double = 0.5,
                                      between: Double = 0.05, featureDimension: Int = 4, featureNoise: Double = 0.5,
                                      seed: UInt64 = 0) throws(DatasetError) -> Graph {
        try Check.count(communities, "communities")
        try Check.count(nodesPerCommunity, "nodesPerCommunity")
        try Check.fraction(inside, "inside")
        try Check.fraction(between, "between")
        try Check.count(featureDimension, "featureDimension")
        try Check.nonNegative(featureNoise, "featureNoise")
        try Check.size(communities, nodesPerCommunity)
        let n = communities * nodesPerCommunity
        try Check.size(n, n)
        try Check.size(n, featureDimension)
        var g = RandomGenerator(seed: seed)
        let community = (0..<n).map { $0 / nodesPerCommunity }
        var edges: [Graph.Edge] = []
        for a in 0..<n {
            for b in (a + 1)..<Swift.max(n, a + 1) {
                let p = community[a] == community[b] ? inside : between
                if g.nextDouble() < p { edges.append(Graph.Edge(a, b)) }
            }
        }
        let centres = (0..<communities).map { _ -> [Double] in
            let v = (0..<featureDimension).map { _ in g.nextNormal() }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? v.map { $0 / norm } : v
        }
        var features = [Double]()
        features.reserveCapacity(n * featureDimension)
        for node in 0..<n {
            for j in 0..<featureDimension { features.append(g.normal(mean: centres[community[node]][j], std: featureNoise)) }
        }
        return Graph(nodeCount: n, edges: edges, communities: community,
                     features: Tensor(features, shape: [n, featureDimension]))
    }
}
