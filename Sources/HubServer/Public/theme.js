// Runs in <head> before the page paints: applies the theme the learner chose last time, so
// the page never flashes the other theme. Without a saved choice the system's preference holds.
(function () {
  try {
    var saved = localStorage.getItem("mlhub-theme");
    if (saved === "light" || saved === "dark") document.documentElement.setAttribute("data-theme", saved);
  } catch (e) { /* storage blocked: follow the system */ }
})();
