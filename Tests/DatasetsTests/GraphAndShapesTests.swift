import Foundation
import Testing
import Tensors
@testable import Datasets

@Suite("DatasetsGraph")
struct GraphTests {
    @Test func communitiesAreDenserInside() throws {
        let graph = try Dataset.communityGraph(communities: 4, nodesPerCommunity: 40, inside: 0.3, between: 0.02, seed: 1)
        #expect(graph.nodeCount == 160)
        #expect(graph.edges == graph.edges.sorted() && Set(graph.edges).count == graph.edges.count)
        #expect(graph.edges.allSatisfy { $0.source < $0.target })
        var insideEdges = 0, betweenEdges = 0
        for e in graph.edges {
            if graph.communities[e.source] == graph.communities[e.target] { insideEdges += 1 } else { betweenEdges += 1 }
        }
        let insidePairs = 4 * 40 * 39 / 2, betweenPairs = 160 * 159 / 2 - insidePairs
        #expect(Swift.abs(Double(insideEdges) / Double(insidePairs) - 0.3) < 0.03)
        #expect(Swift.abs(Double(betweenEdges) / Double(betweenPairs) - 0.02) < 0.005)
        let a = graph.adjacencyMatrix()
        #expect(a.shape == [160, 160])
        let values = a.scalars(as: Double.self)
        for i in 0..<160 {
            #expect(values[i * 160 + i] == 0)
            for j in 0..<160 { #expect(values[i * 160 + j] == values[j * 160 + i]) }
        }
        #expect(graph.degrees().reduce(0, +) == 2 * graph.edges.count)
        #expect(graph.adjacencyLists()[graph.edges[0].source].contains(graph.edges[0].target))
    }

    @Test func featuresClusterByCommunity() throws {
        let graph = try Dataset.communityGraph(communities: 3, nodesPerCommunity: 200, featureDimension: 5, featureNoise: 0.2, seed: 2)
        #expect(graph.features.shape == [600, 5])
        let x = rows(graph.features)
        for c in 0..<3 {
            let members = x.enumerated().filter { graph.communities[$0.offset] == c }.map(\.element)
            let centre = (0..<5).map { j in meanAndStd(members.map { $0[j] }).mean }
            // The centre is a unit vector; the spread around it is the feature noise.
            #expect(Swift.abs(centre.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1) < 0.05)
            #expect(Swift.abs(meanAndStd(members.map { $0[0] }).std - 0.2) < 0.03)
        }
        #expect(try Dataset.communityGraph(seed: 4) == Dataset.communityGraph(seed: 4))
        #expect(try Dataset.communityGraph(seed: 4) != Dataset.communityGraph(seed: 5))
        expectError(.invalidParameter(name: "inside", value: "1.5", expected: "a fraction in [0, 1]")) {
            try Dataset.communityGraph(inside: 1.5)
        }
    }
}

@Suite("DatasetsShapes")
struct ShapesTests {
    @Test func boxesAreTightAndShapesApart() throws {
        let set = try Dataset.shapesWithBoxes(count: 40, imageSize: 32, maxShapes: 3, noise: 0, seed: 1)
        #expect(set.images.shape == [40, 32, 32])
        #expect(set.classNames == ["square", "circle", "triangle"])
        let pixels = set.images.scalars(as: Double.self)
        var kinds = Set<Int>()
        for (n, boxes) in set.boxes.enumerated() {
            #expect((1...3).contains(boxes.count))
            for (i, box) in boxes.enumerated() {
                kinds.insert(box.label)
                #expect(box.width >= 6 && box.width <= 12 && box.x >= 0 && box.x + box.width <= 32)
                for other in boxes[(i + 1)...] { #expect(box.iou(other) == 0) }
                // Tight: some shape pixel lies on each edge of the box.
                let on = { (r: Int, c: Int) in pixels[n * 1024 + r * 32 + c] > 0 }
                #expect((box.x..<(box.x + box.width)).contains { on(box.y, $0) })
                #expect((box.x..<(box.x + box.width)).contains { on(box.y + box.height - 1, $0) })
                #expect((box.y..<(box.y + box.height)).contains { on($0, box.x) })
                #expect((box.y..<(box.y + box.height)).contains { on($0, box.x + box.width - 1) })
            }
            // Without noise, lit pixels are exactly those inside some box's shape.
            for r in 0..<32 {
                for c in 0..<32 where pixels[n * 1024 + r * 32 + c] > 0 {
                    #expect(boxes.contains { $0.contains(row: r, column: c) })
                }
            }
            let squares = boxes.filter { $0.label == ShapeKind.square.rawValue }
            for box in squares {
                #expect((box.y..<(box.y + box.height)).allSatisfy { r in
                    (box.x..<(box.x + box.width)).allSatisfy { pixels[n * 1024 + r * 32 + $0] >= 0.5 }
                })
            }
        }
        #expect(kinds == [0, 1, 2])
    }

    @Test func masksLabelEveryShapePixel() throws {
        let boxes = try Dataset.shapesWithBoxes(count: 20, imageSize: 24, noise: 0, seed: 2)
        let masks = try Dataset.shapesWithMasks(count: 20, imageSize: 24, noise: 0, seed: 2)
        #expect(masks.classNames == ["background", "square", "circle", "triangle"])
        #expect(masks.masks.shape == [20, 24, 24] && masks.masks.dtype == .int64)
        #expect(masks.images.scalars(as: Double.self) == boxes.images.scalars(as: Double.self))
        let m = masks.masks.scalars(as: Int.self), p = masks.images.scalars(as: Double.self)
        for i in m.indices { #expect((m[i] > 0) == (p[i] > 0)) }
        // Every box's class is the mask's class inside it.
        for (n, list) in boxes.boxes.enumerated() {
            for box in list {
                let inside = (box.y..<(box.y + box.height)).flatMap { r in (box.x..<(box.x + box.width)).map { m[n * 576 + r * 24 + $0] } }
                #expect(Set(inside.filter { $0 > 0 }) == [box.label + 1])
            }
        }
    }

    @Test func noiseStaysInRange() throws {
        let set = try Dataset.shapesWithMasks(count: 5, imageSize: 16, noise: 0.1, seed: 3)
        let values = set.images.scalars(as: Double.self)
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(values.contains { $0 > 0 && $0 < 0.5 })
        expectError(.invalidParameter(name: "imageSize", value: "8", expected: "an integer in 16...4096")) {
            try Dataset.shapesWithBoxes(imageSize: 8)
        }
    }

    @Test func intersectionOverUnion() {
        let a = BoundingBox(x: 0, y: 0, width: 4, height: 4, label: 0)
        #expect(a.iou(a) == 1)
        #expect(a.iou(BoundingBox(x: 2, y: 0, width: 4, height: 4, label: 0)) == 8.0 / 24)
        #expect(a.iou(BoundingBox(x: 4, y: 4, width: 2, height: 2, label: 0)) == 0)
    }
}
