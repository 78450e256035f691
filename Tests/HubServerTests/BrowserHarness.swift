import Foundation
@testable import HubServer

/// The hub a test drives; `restartHub` replaces it with a new instance on the same port and
/// database file.
final class LiveHubFixture: @unchecked Sendable {
    private(set) var hub: LiveHub
    init(hub: LiveHub) { self.hub = hub }
    func restartHub() async throws { hub = try await hub.restart() }
}

/// Starts Chromium (a viewport of `width`×`height`, `chromiumArguments` added to its command
/// line) and a hub over a fresh data folder, runs `body`, then stops both and removes the
/// folder.
func withBrowserAndHub(width: Int = 1280, height: Int = 900, chromiumArguments: [String] = [],
                       _ body: (Browser, LiveHubFixture) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-browser-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    async let startedBrowser = Browser.start(width: width, height: height, arguments: chromiumArguments)
    async let startedHub = LiveHub.start(dataFolder: folder)
    let browser: Browser
    do {
        browser = try await startedBrowser
    } catch {
        try? await startedHub.stop()
        throw error
    }
    let fixture: LiveHubFixture
    do {
        fixture = LiveHubFixture(hub: try await startedHub)
    } catch {
        await browser.quit()
        throw error
    }
    do {
        try await body(browser, fixture)
    } catch {
        await browser.quit()
        try? await fixture.hub.stop()
        throw error
    }
    await browser.quit()
    try await fixture.hub.stop()
}
