// MLHub's small page script. The pages work without it; it adds the theme toggle, immediate
// quiz feedback, and saving "mark as done" without a page reload.
(function () {
  "use strict";

  function currentTheme() {
    var set = document.documentElement.getAttribute("data-theme");
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setupThemeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    button.hidden = false;
    var sync = function () {
      var dark = currentTheme() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.title = dark ? "Switch to the light theme" : "Switch to the dark theme";
    };
    sync();
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", next);
      try { localStorage.setItem("mlhub-theme", next); } catch (e) { /* not remembered */ }
      sync();
    });
  }

  function jsonRequest(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error((data && data.error && data.error.message) || response.statusText);
        return data;
      });
    });
  }

  function showAnswer(fieldset, chosen) {
    var correct = Number(fieldset.getAttribute("data-correct"));
    var choices = fieldset.querySelectorAll(".choice");
    choices.forEach(function (choice, index) {
      choice.classList.remove("is-correct", "is-wrong", "is-answer");
      var explanation = choice.querySelector(".explanation");
      var show = index === chosen || (chosen !== correct && index === correct);
      if (explanation) explanation.hidden = !show;
      if (index === chosen) choice.classList.add(index === correct ? "is-correct" : "is-wrong");
      if (chosen !== correct && index === correct) choice.classList.add("is-answer");
    });
    var feedback = fieldset.querySelector(".feedback");
    if (feedback) feedback.textContent = chosen === correct ? "Correct." : "Not quite. The right answer is marked; read why.";
  }

  function setupQuiz() {
    var form = document.querySelector(".quiz-form");
    if (!form) return;
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll(".quiz-question"));
    fieldsets.forEach(function (fieldset) {
      fieldset.addEventListener("change", function (event) {
        if (event.target && event.target.type === "radio") showAnswer(fieldset, Number(event.target.value));
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = fieldsets.map(function (fieldset) {
        var checked = fieldset.querySelector("input[type=radio]:checked");
        return checked ? Number(checked.value) : -1;
      });
      var score = form.querySelector(".quiz-score");
      jsonRequest("POST", "/api/quiz/" + form.getAttribute("data-lesson"), { answers: answers })
        .then(function (result) {
          result.answers.forEach(function (answer, index) {
            if (answer.chosen >= 0) showAnswer(fieldsets[index], answer.chosen);
            else fieldsets[index].querySelector(".feedback").textContent = "Not answered.";
          });
          score.textContent = "You got " + result.correct + " of " + result.total + " right. Saved to your progress.";
        })
        .catch(function (error) { score.textContent = "Could not save your answers: " + error.message; });
    });
  }

  function setupDoneForm() {
    var form = document.querySelector(".done-form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var field = form.querySelector("input[name=done]");
      var button = form.querySelector("button");
      var status = form.querySelector(".done-status");
      var done = field.value === "true";
      button.disabled = true;
      jsonRequest("PUT", "/api/progress/" + form.getAttribute("data-lesson"), { done: done })
        .then(function (state) {
          field.value = state.done ? "false" : "true";
          button.textContent = state.done ? "✓ Done (mark as not done)" : "Mark as done";
          button.classList.toggle("is-done", state.done);
          button.setAttribute("aria-pressed", state.done ? "true" : "false");
          status.textContent = state.done ? "Saved: this lesson is done." : "Saved: marked as not done.";
        })
        .catch(function (error) { status.textContent = "Not saved: " + error.message; })
        .then(function () { button.disabled = false; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupThemeToggle();
    setupQuiz();
    setupDoneForm();
  });
})();
