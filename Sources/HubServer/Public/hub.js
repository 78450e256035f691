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

  // Live demos in lessons: each `@demo` block holds a link and a static figure, which work
  // without JavaScript. With it, the figure gives way to the demo itself in a frame; the demo
  // page reports its height (postMessage) and the frame follows it.
  function setupDemoEmbeds() {
    var embeds = Array.prototype.slice.call(document.querySelectorAll(".demo-embed[data-demo-src]"));
    if (!embeds.length) return;
    var frames = embeds.map(function (embed) {
      var frame = document.createElement("iframe");
      frame.src = embed.getAttribute("data-demo-src");
      frame.title = (embed.getAttribute("data-demo-title") || "Live demo") + ", live";
      frame.loading = "lazy";
      frame.className = "demo-embed-frame";
      frame.style.cssText = "display:block;box-sizing:content-box;width:calc(100% - 2px);height:min(85vh,56rem);border:1px solid var(--border);border-radius:var(--radius);background:var(--bg);margin:0.8rem 0;";
      var figure = embed.querySelector("figure");
      if (figure) figure.parentNode.replaceChild(frame, figure); else embed.appendChild(frame);
      var note = embed.querySelector(".demo-embed-link span");
      if (note) note.textContent = "The demo runs live on the hub's server, right here; the link opens it on its own page.";
      return frame;
    });
    window.addEventListener("message", function (event) {
      if (event.origin !== location.origin || !event.data || event.data.type !== "mlhub-demo-height") return;
      frames.forEach(function (frame) {
        if (frame.contentWindow !== event.source) return;
        var height = Math.max(320, Math.min(5000, Number(event.data.height) || 0));
        frame.style.height = height + "px";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupThemeToggle();
    setupQuiz();
    setupDoneForm();
    setupDemoEmbeds();
  });
})();
