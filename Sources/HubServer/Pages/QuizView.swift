import Lessons

/// The "check yourself" quiz. It works as a plain form (the server grades it and shows the
/// page again); with JavaScript each answer gets its feedback the moment it is picked.
enum QuizView {
    static func html(_ rendered: RenderedLesson, result: QuizResult?) -> String {
        guard !rendered.quiz.isEmpty else { return "" }
        let lesson = rendered.lesson
        let questions = rendered.quiz.enumerated().map { index, question in
            let answer = result?.answers[index]
            let choices = question.choices.enumerated().map { choiceIndex, choice in
                let id = "q\(index)c\(choiceIndex)"
                let chosen = answer?.chosen == choiceIndex
                var classes = ["choice"]
                if let answer, chosen { classes.append(answer.correct ? "is-correct" : "is-wrong") }
                if answer != nil, choiceIndex == question.correctIndex { classes.append("is-answer") }
                let showExplanation = answer != nil && (chosen || choiceIndex == question.correctIndex)
                return """
                <div class="\(classes.joined(separator: " "))">\
                <input type="radio" name="q\(index)" id="\(id)" value="\(choiceIndex)"\(chosen ? " checked" : "")>\
                <label for="\(id)">\(choice.html)</label>\
                <p class="explanation"\(showExplanation ? "" : " hidden")>\(choice.explanationHTML)</p></div>
                """
            }
            let feedback: String
            if let answer {
                feedback = answer.chosen < 0 ? "Not answered." : (answer.correct ? "Correct." : "Not quite — see the explanations.")
            } else {
                feedback = ""
            }
            return """
            <fieldset class="quiz-question" data-correct="\(question.correctIndex)">
            <legend><span class="question-number">\(index + 1).</span> \(question.html)</legend>
            \(choices.joined(separator: "\n"))
            <p class="feedback" aria-live="polite">\(feedback)</p>
            </fieldset>
            """
        }
        let score = result.map { "You got \($0.correct) of \($0.total) right." } ?? ""
        return """
        <section class="quiz" aria-labelledby="quiz-title">
        <h2 id="quiz-title">Check yourself</h2>
        <form class="quiz-form" method="post" action="\(lesson.path)/quiz#quiz-title" data-lesson="\(lesson.id)">
        \(questions.joined(separator: "\n"))
        <div class="quiz-actions"><button type="submit" class="button">Check answers</button>
        <p class="quiz-score" role="status">\(score)</p></div>
        </form>
        </section>
        """
    }
}
