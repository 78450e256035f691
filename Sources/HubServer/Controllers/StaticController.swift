import Hummingbird
import NIOCore

/// Serves `/static/{file}` from the in-memory table of `Public/` files. Only exact names in
/// the table are served; everything else, traversal attempts included, is 404.
struct StaticController {
    let assets: StaticAssets

    func addRoutes(to router: Router<HubRequestContext>) {
        router.get("/static/:file") { request, context -> Response in
            guard let name = context.parameters.get("file"), let asset = assets[name] else {
                throw HTTPError(.notFound)
            }
            if request.headers[.ifNoneMatch] == asset.etag {
                return Response(status: .notModified, headers: [.eTag: asset.etag])
            }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes))
            )
        }
        router.get("/favicon.ico") { _, _ -> Response in
            Response(status: .movedPermanently, headers: [.location: "/static/favicon.svg"])
        }
    }
}
