import Demos
import Foundation

/// What a demo page sends over its WebSocket, one JSON object per message:
///
/// - `{"type":"play"}`, `{"type":"pause"}`, `{"type":"reset"}`
/// - `{"type":"step","count":5}`: that many steps, then one frame
/// - `{"type":"set","name":"learningRate","value":"0.03"}`: one parameter, as query text
/// - `{"type":"configure","query":"dataset=xor&hidden=4"}`: new settings (a preset, the URL)
/// - `{"type":"frames","fps":20,"resolution":60,"neuronResolution":24,"stepsPerFrame":1,"hidden":false}`
///   (`hidden`: the page is in a background tab; training goes on without frames until it
///   sends `"hidden":false`, which is answered with a frame at once)
/// - `{"type":"scene","resolution":60}`: the backdrop (data points, contours)
/// - `{"type":"upload","csv":"x1,x2,label\n…"}`: the learner's own data (network simulator)
/// - `{"type":"save","name":"my run"}`: record the run in the experiment history
struct DemoClientMessage: Decodable {
    enum Kind: String, Decodable {
        case play, pause, reset, step, set, configure, frames, scene, upload, save
    }

    let type: Kind
    let count: Int?
    let name: String?
    let value: String?
    let query: String?
    let fps: Int?
    let resolution: Int?
    let neuronResolution: Int?
    let stepsPerFrame: Int?
    let csv: String?
    let hidden: Bool?
}

/// What the server sends: `hello`, `frame`, `scene`, `settings`, `saved`, `error` and `busy`.
/// Frames embed the demo's own snapshot JSON unchanged.
enum DemoServerMessage {
    static func hello(demo: String, query: String, stepCount: Int, limits: DemoHostLimits) -> String {
        object(["type": "hello", "demo": demo, "query": query, "stepCount": stepCount, "maxFramesPerSecond": limits.maxFramesPerSecond])
    }

    static func frame(playing: Bool, snapshot: Data) -> String {
        #"{"type":"frame","playing":\#(playing),"snapshot":"# + String(decoding: snapshot, as: UTF8.self) + "}"
    }

    static func scene(_ scene: Data) -> String {
        #"{"type":"scene","scene":"# + String(decoding: scene, as: UTF8.self) + "}"
    }

    static func settings(query: String, stepCount: Int, playing: Bool) -> String {
        object(["type": "settings", "query": query, "stepCount": stepCount, "playing": playing])
    }

    static func saved(runID: Int64) -> String {
        object(["type": "saved", "runID": runID])
    }

    static func error(_ message: String) -> String {
        object(["type": "error", "message": message])
    }

    static func busy(_ message: String) -> String {
        object(["type": "busy", "message": message])
    }

    private static func object(_ fields: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else {
            return #"{"type":"error","message":"could not encode a message"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A saved run's `configuration` JSON: `{"query": "dataset=xor&hidden=4"}`, plus `data` when
/// the run trained on an uploaded CSV: `{"file": "blobs.csv", "rows": 60, "task":
/// "classification", "classes": 3}` (the file itself is not stored).
struct RunConfiguration: Codable, Equatable {
    struct UploadedData: Codable, Equatable {
        var file: String?
        var rows: Int
        var task: String
        var classes: Int

        init(_ summary: NeuralNetworkSimulator.CSVSummary, file: String?) {
            self.file = file
            rows = summary.rows
            task = summary.task.rawValue
            classes = summary.classes
        }
    }

    var query: String
    var data: UploadedData?
}
