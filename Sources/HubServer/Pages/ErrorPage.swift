/// The page for 404 and every other error a browser can hit.
enum ErrorPage {
    static func page(status: Int, title: String, message: String) -> String {
        PageLayout.page(
            title: title,
            main: """
            <section class="error-page">
            <p class="error-code">\(status)</p>
            <h1>\(title.htmlEscaped)</h1>
            <p>\(message.htmlEscaped)</p>
            <p><a class="button" href="/">Back to the modules</a> <a href="/search">Search the lessons</a></p>
            </section>
            """
        )
    }
}
