extension OptimizerRace {
    /// A frame of the race:
    /// ```json
    /// {"step": 120, "surface": "bowl", "finished": false, "racers": [
    ///   {"id": "adam", "label": "Adam", "status": "running", "x": 0.01, "y": -0.002, "loss": 0.0001,
    ///    "distanceToMinimum": 0.01, "path": {"from": 0, "x": […], "y": […], "loss": […]}},
    ///   {"id": "sgd", "status": "diverged", "reason": "…", "stoppedAt": 12, …}]}
    /// ```
    /// The light form leaves out `path`; with `since: s` the path holds the points after step
    /// `s` (`from` is the index of its first point, point 0 being the start).
    public struct Snapshot: Sendable, Codable, Equatable {
        public var step: Int
        public var surface: String
        /// True when every racer has stopped.
        public var finished: Bool
        public var racers: [RacerState]
    }

    /// One racer's state; `status` is `running`, `finished` or `diverged`.
    public struct RacerState: Sendable, Codable, Equatable {
        public var id: String
        public var label: String
        public var status: String
        public var reason: String?
        /// The step at which it stopped.
        public var stoppedAt: Int?
        public var x: Double
        public var y: Double
        public var loss: Double
        public var distanceToMinimum: Double
        public var path: Path?
    }

    /// Points of a path as parallel arrays, starting at index `from`.
    public struct Path: Sendable, Codable, Equatable {
        public var from: Int
        public var x: [Double]
        public var y: [Double]
        public var loss: [Double]
    }

    /// The surface for drawing contours:
    /// `{"surface": "rosenbrock", "label": "…", "box": {…}, "grid": {"resolution": 80, "min": …, "max": …, "values": […]},
    ///   "logScale": true, "minima": [{"x": 1, "y": 1}], "start": {"x": -1.5, "y": 2}}`.
    public struct Scene: Sendable, Codable, Equatable {
        public var surface: String
        public var label: String
        public var box: DemoBox
        public var grid: DemoGrid
        /// Whether contours read better on a logarithmic scale.
        public var logScale: Bool
        public var minima: [Point]
        public var start: Point
    }

    public struct Point: Sendable, Codable, Equatable {
        public var x: Double
        public var y: Double
    }
}
