// MLHub live demos: what every demo page shares. It fetches the demo's schema, builds a
// control for every parameter, keeps a WebSocket to the demo's session on the server (and
// reconnects it), passes frames and scenes to the demo's own view (demo-{id}.js), keeps the
// page address equal to the settings, and lists saved runs. No framework, no build step.
//
// A view registers itself as MLHubDemo.views[id] = { build, drawFrame, drawScene, … } (see
// demo-nn-simulator.js); this file calls it.
(function () {
  "use strict";

  var MLHubDemo = window.MLHubDemo = window.MLHubDemo || {};
  MLHubDemo.views = MLHubDemo.views || {};

  // MARK: - Small helpers

  /// Makes an element: h("button", {class: "x", onclick: f}, ["text", child]).
  function h(tag, attributes, children) {
    var element = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (key) {
        var value = attributes[key];
        if (value === undefined || value === null || value === false) return;
        if (key.slice(0, 2) === "on" && typeof value === "function") element.addEventListener(key.slice(2), value);
        else if (key === "text") element.textContent = value;
        else if (key === "html") element.innerHTML = value;
        else element.setAttribute(key, value === true ? "" : String(value));
      });
    }
    appendChildren(element, children);
    return element;
  }

  function appendChildren(element, children) {
    if (children === undefined || children === null) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      element.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
  }

  var svgNS = "http://www.w3.org/2000/svg";
  function s(tag, attributes) {
    var element = document.createElementNS(svgNS, tag);
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  /// A number for people: 3 significant digits, a true minus sign, exponent form when tiny or huge.
  function formatNumber(value, digits) {
    if (value === null || value === undefined || !isFinite(value)) return "—";
    digits = digits || 3;
    var magnitude = Math.abs(value);
    var text;
    if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
      text = value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e").replace("e+", "e");
    } else {
      text = String(Number(value.toPrecision(digits)));
    }
    return text.replace(/-/g, "−");
  }

  var uniqueCounter = 0;
  function uniqueID(prefix) { uniqueCounter += 1; return prefix + "-" + uniqueCounter; }

  MLHubDemo.h = h;
  MLHubDemo.s = s;
  MLHubDemo.formatNumber = formatNumber;
  MLHubDemo.uniqueID = uniqueID;

  // MARK: - Queries and values

  /// The `name=value` pairs of a query, decoded (`+` is a space).
  function parseQuery(query) {
    var pairs = [];
    (query || "").replace(/^\?/, "").split("&").forEach(function (piece) {
      if (!piece) return;
      var equals = piece.indexOf("=");
      var name = equals < 0 ? piece : piece.slice(0, equals);
      var value = equals < 0 ? "" : piece.slice(equals + 1);
      try {
        pairs.push({ name: decodeURIComponent(name.replace(/\+/g, " ")), value: decodeURIComponent(value.replace(/\+/g, " ")) });
      } catch (error) { /* a malformed escape: ignore the pair */ }
    });
    return pairs;
  }

  /// Percent-encodes a value as the server does, keeping commas for readable lists.
  function encodeValue(text) { return encodeURIComponent(text).replace(/%2C/gi, ","); }

  /// A parameter's value from its query text, as a JavaScript value.
  function parseValue(parameter, text) {
    switch (parameter.kind) {
      case "int": case "number": return Number(text);
      case "bool": return text === "true";
      case "choice": return text;
      case "intList": return text === "" ? [] : text.split(",").map(Number);
      default: return text === "" ? [] : text.split(",");
    }
  }

  /// A value as query text (what `set` messages carry).
  function formatValue(parameter, value) {
    if (Array.isArray(value)) return value.join(",");
    if (typeof value === "boolean") return value ? "true" : "false";
    return String(value);
  }

  function sameValue(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every(function (x, i) { return x === b[i]; });
    }
    if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
    return a === b;
  }

  /// Round values for a slider over a wide range: 1, 2, 3, 5 in every decade of [min, max],
  /// with 0 first when the range starts at 0.
  function niceValues(min, max, integers) {
    var values = [];
    if (min <= 0) values.push(0);
    var low = Math.max(min, integers ? 1 : 1e-6);
    for (var exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(max)); exponent++) {
      [1, 2, 3, 5].forEach(function (m) {
        var v = Number((m * Math.pow(10, exponent)).toPrecision(6));
        if (v >= min && v <= max && (!integers || v === Math.round(v))) values.push(v);
      });
    }
    if (values.indexOf(min) < 0) values.unshift(min);
    if (values.indexOf(max) < 0) values.push(max);
    return values.sort(function (a, b) { return a - b; }).filter(function (v, i, all) { return i === 0 || v !== all[i - 1]; });
  }

  // MARK: - Tooltips

  /// One floating tooltip for the page: hovering or focusing anything with `data-help` (or
  /// whose view supplies a text through `tooltipFor`) explains it. Escape hides it. Screen
  /// readers get the same sentence through `aria-describedby`, so the tooltip is aria-hidden.
  function Tooltips(textFor) {
    var tip = h("div", { class: "demo-tooltip", "aria-hidden": "true", hidden: true });
    document.body.appendChild(tip);
    var current = null;

    function target(node) {
      return node && node.closest ? node.closest("[data-help],[data-tip]") : null;
    }
    function show(element, pointer) {
      var text = element.getAttribute("data-help") || textFor(element);
      if (!text) { hide(); return; }
      current = element;
      tip.textContent = text;
      tip.hidden = false;
      var box = element.getBoundingClientRect();
      var tipBox = tip.getBoundingClientRect();
      var x = pointer ? pointer.clientX + 12 : box.left;
      var y = pointer ? pointer.clientY + 16 : box.bottom + 6;
      if (y + tipBox.height > window.innerHeight - 4) y = (pointer ? pointer.clientY : box.top) - tipBox.height - 8;
      x = Math.max(4, Math.min(x, window.innerWidth - tipBox.width - 4));
      tip.style.left = (x + window.scrollX) + "px";
      tip.style.top = (Math.max(4, y) + window.scrollY) + "px";
    }
    function hide() { current = null; tip.hidden = true; }

    document.addEventListener("mouseover", function (event) {
      var element = target(event.target);
      if (element) show(element, element.hasAttribute("data-tip") ? event : null);
      else if (current && !current.contains(document.activeElement)) hide();
    });
    document.addEventListener("mousemove", function (event) {
      if (current && current.hasAttribute("data-tip") && target(event.target) === current) show(current, event);
    });
    // Keyboard focus shows the tooltip; a click's focus does not (the pointer already did).
    document.addEventListener("focusin", function (event) {
      var element = target(event.target);
      var keyboard = !event.target.matches || event.target.matches(":focus-visible");
      if (element && keyboard) show(element, null); else hide();
    });
    document.addEventListener("pointerdown", function () { hide(); });
    document.addEventListener("focusout", function () { hide(); });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
    window.addEventListener("scroll", function () { if (current && !current.contains(document.activeElement)) hide(); }, { passive: true });
    return { refresh: function () { if (current) show(current, null); }, hide: hide };
  }

  // MARK: - The demo

  function Demo(page, app, view) {
    this.page = page;
    this.app = app;
    this.view = view;
    this.id = page.getAttribute("data-demo");
    this.embedded = page.getAttribute("data-embed") === "1";
    this.initialQuery = page.getAttribute("data-query") || "";
    this.presetID = page.getAttribute("data-preset") || "";
    this.values = {};
    this.controls = {};
    this.query = this.initialQuery;
    this.playing = false;
    this.stepCount = 0;
    this.speed = view.defaultSpeed || 1;
    this.everConnected = false;
    this.attempt = 0;
    this.socket = null;
    this.pendingFrame = null;
    this.drawScheduled = false;
    this.sceneVersion = null;
    this.sceneKey = null;
    this.runs = [];
    this.compared = {};
  }

  Demo.prototype.start = function () {
    var demo = this;
    this.statusLine = h("p", { class: "demo-status", role: "status", "aria-live": "polite" });
    this.app.appendChild(this.statusLine);
    this.app.hidden = false;
    this.status("Loading the demo…");
    fetch("/api/demos/" + encodeURIComponent(this.id), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("the hub answered " + response.status);
        return response.json();
      })
      .then(function (entry) {
        demo.schema = entry.schema;
        demo.presets = entry.presets || [];
        demo.parameters = {};
        demo.schema.parameters.forEach(function (p) { demo.parameters[p.name] = p; });
        demo.applyQuery(demo.initialQuery);
        demo.build();
        demo.watchVisibility();
        demo.connect();
        if (demo.view.history && !demo.embedded) demo.loadRuns();
      })
      .catch(function (error) {
        demo.status("The demo could not be loaded: " + error.message + ". Reload the page to try again.", "error");
      });
  };

  // MARK: Building the page

  Demo.prototype.build = function () {
    var demo = this, view = this.view;
    this.app.hidden = false;
    this.tooltips = Tooltips(function (element) { return view.tooltipFor ? view.tooltipFor(element) : ""; });

    // Transport: play/pause, step, reset, speed, the step counter, save.
    this.playButton = h("button", { type: "button", class: "demo-button demo-play", "aria-pressed": "false",
      "data-help": "Starts or pauses training; the server trains and streams a frame about twenty times a second.",
      onclick: function () { demo.send({ type: demo.playing ? "pause" : "play" }); } }, "Play");
    var stepButton = h("button", { type: "button", class: "demo-button demo-step",
      "data-help": "Takes one frame's worth of " + (view.stepNoun || "steps") + " (as many as the speed says) and shows the result.",
      onclick: function () { demo.send({ type: "step", count: demo.speed }); } }, "Step");
    var resetButton = h("button", { type: "button", class: "demo-button demo-reset",
      "data-help": view.resetHelp || "Starts again from step 0 with the same settings and seed.",
      onclick: function () { demo.send({ type: "reset" }); } }, "Reset");
    var speedID = uniqueID("demo-speed");
    this.speedSelect = h("select", { id: speedID, class: "demo-speed",
      "data-help": "How many " + (view.stepNoun || "steps") + " the server takes between two frames: faster training, coarser animation.",
      onchange: function () {
        demo.speed = Number(demo.speedSelect.value);
        demo.send({ type: "frames", stepsPerFrame: demo.speed });
      } }, (view.speeds || [1, 2, 5, 10]).map(function (n) {
        return h("option", { value: n, selected: n === demo.speed }, n + " " + (n === 1 ? view.stepNounSingular || "step" : view.stepNoun || "steps") + " per frame");
      }));
    this.counterValue = h("span", { class: "demo-counter-value", "data-step": "0" }, "0");
    var counter = h("div", { class: "demo-counter", "data-help": view.counterHelp || "Steps taken since the last change that restarted training." }, [
      h("span", { class: "demo-counter-label" }, view.stepLabel || "Step"), this.counterValue]);
    var transport = h("div", { class: "demo-transport", role: "group", "aria-label": "Playback" }, [
      this.playButton, stepButton, resetButton,
      h("label", { class: "demo-speed-label", for: speedID }, [h("span", { class: "visually-hidden" }, "Speed"), this.speedSelect]),
    ]);
    this.errorLine = h("p", { class: "demo-error", role: "alert", hidden: true });
    var topbar = h("div", { class: "demo-topbar" }, [transport, counter]);
    if (view.history) {
      this.saveButton = h("button", { type: "button", class: "demo-button demo-save",
        "data-help": "Records this run (settings, losses, trained weights) in your experiment history below.",
        onclick: function () { demo.send({ type: "save" }); demo.status("Saving the run…"); } }, "Save run");
      topbar.appendChild(this.saveButton);
    }
    if (this.embedded) {
      topbar.appendChild(h("a", { class: "demo-open-full", href: this.pageURL(false), target: "_top",
        "data-help": "Opens this demo with these settings on a page of its own, with the experiment history." }, "Open full page ↗"));
    }

    // Presets with their commentary.
    var presetID = uniqueID("demo-preset");
    this.presetSelect = h("select", { id: presetID, class: "demo-preset-select",
      "data-help": "Ready setups, each with a note on what to watch; choosing one replaces the current settings.",
      onchange: function () {
        var preset = demo.presets.filter(function (p) { return p.id === demo.presetSelect.value; })[0];
        if (!preset) return;
        demo.presetID = preset.id;
        demo.showCommentary(preset);
        // A configured demo is a new one whose scene version starts again at 0: ask for its scene.
        if (demo.send({ type: "configure", query: preset.query })) demo.requestScene();
      } }, [h("option", { value: "" }, "Choose a ready setup…")].concat(this.presets.map(function (p) {
        return h("option", { value: p.id, selected: p.id === demo.presetID }, p.title);
      })));
    this.commentary = h("p", { class: "demo-commentary", "aria-live": "polite" });
    var presets = h("div", { class: "demo-presets" }, [
      h("label", { class: "demo-preset-label", for: presetID }, "Preset"), this.presetSelect, this.commentary]);

    this.app.insertBefore(topbar, this.statusLine);
    this.app.appendChild(this.errorLine);
    if (this.presets.length) this.app.appendChild(presets);
    var initialPreset = this.presets.filter(function (p) { return p.id === demo.presetID; })[0];
    if (initialPreset) this.showCommentary(initialPreset);

    // The view's own layout, with a slot per control group.
    var body = h("div", { class: "demo-body" });
    this.app.appendChild(body);
    var slots = view.build(this, body) || {};
    var groups = {};
    this.schema.parameters.forEach(function (parameter) {
      if ((view.ownControls || []).indexOf(parameter.name) >= 0) return;
      var control = demo.makeControl(parameter);
      demo.controls[parameter.name] = control;
      var group = groups[parameter.group];
      if (!group) {
        var legendID = uniqueID("demo-group");
        group = groups[parameter.group] = h("fieldset", { class: "demo-group", "data-group": parameter.group }, [
          h("legend", { id: legendID }, parameter.group)]);
        if (view.decorateGroup) view.decorateGroup(demo, parameter.group, group);
        (slots[parameter.group] || slots.other || body).appendChild(group);
      }
      group.appendChild(control.wrapper);
    });
    this.groups = groups;
    Object.keys(this.controls).forEach(function (name) { demo.controls[name].set(demo.values[name]); });
    this.updateRelevance();

    if (view.history && !this.embedded) this.app.appendChild(this.buildHistory());
    this.watchTheme();
    if (this.embedded) this.reportHeight();
  };

  Demo.prototype.showCommentary = function (preset) {
    this.commentary.textContent = "";
    this.commentary.classList.remove("is-changed");
    appendChildren(this.commentary, [h("strong", null, preset.title + ". "), preset.commentary,
      h("span", { class: "demo-commentary-changed" }, " (The settings have changed since this preset was chosen.)")]);
  };

  /// Every parameter's value under `query` applied to the defaults.
  Demo.prototype.valuesFor = function (query) {
    var demo = this, values = {};
    this.schema.parameters.forEach(function (p) { values[p.name] = p["default"]; });
    parseQuery(query).forEach(function (pair) {
      if (demo.parameters[pair.name]) values[pair.name] = parseValue(demo.parameters[pair.name], pair.value);
    });
    return values;
  };

  /// Keeps the preset menu honest: it names the preset only while the settings are its own.
  Demo.prototype.updatePresetState = function () {
    var demo = this;
    var preset = (this.presets || []).filter(function (p) { return p.id === demo.presetID; })[0];
    if (!preset || !this.presetSelect) return;
    var own = this.valuesFor(preset.query);
    var same = this.schema.parameters.every(function (p) { return sameValue(own[p.name], demo.values[p.name]); });
    this.presetSelect.value = same ? preset.id : "";
    this.commentary.classList.toggle("is-changed", !same);
  };

  /// The control for one parameter: `{wrapper, set(value)}`. A change sends `set`.
  Demo.prototype.makeControl = function (parameter) {
    var custom = this.view.controls && this.view.controls[parameter.name];
    if (custom) return custom(this, parameter);
    var demo = this;
    var id = uniqueID("demo-" + parameter.name.replace(/[^a-z0-9]/gi, "-"));
    var helpID = id + "-help";
    var help = h("span", { id: helpID, class: "visually-hidden" }, parameter.help);
    var labelText = parameter.label + (parameter.unit ? " (" + parameter.unit + ")" : "");
    var wrapper = h("div", { class: "demo-control demo-kind-" + parameter.kind, "data-param": parameter.name, "data-help": parameter.help });
    var send = function (value) { demo.setParameter(parameter.name, value); };

    switch (parameter.kind) {
      case "bool": {
        var box = h("input", { type: "checkbox", id: id, "aria-describedby": helpID,
          onchange: function () { send(box.checked); } });
        appendChildren(wrapper, [h("label", { class: "demo-check", for: id }, [box, " ", labelText]), help]);
        return { wrapper: wrapper, set: function (value) { box.checked = !!value; } };
      }
      case "choice": {
        var select = h("select", { id: id, "aria-describedby": helpID, onchange: function () { send(select.value); } },
          parameter.options.map(function (o) { return h("option", { value: o.value }, o.label); }));
        appendChildren(wrapper, [h("label", { for: id }, labelText), select, help]);
        return { wrapper: wrapper, set: function (value) { select.value = value; } };
      }
      case "choiceSet": {
        var groupLabelID = id + "-label";
        var boxes = parameter.options.map(function (o) {
          var optionID = id + "-" + o.value.replace(/[^a-z0-9]/gi, "-");
          var input = h("input", { type: "checkbox", id: optionID, value: o.value, onchange: function () {
            var chosen = boxes.filter(function (b) { return b.input.checked; }).map(function (b) { return b.input.value; });
            if (chosen.length < (parameter.minCount || 0)) { input.checked = true; demo.showError("Keep at least " + parameter.minCount + " checked."); return; }
            send(chosen);
          } });
          return { input: input, label: h("label", { class: "demo-check", for: optionID }, [input, " ", o.label]) };
        });
        appendChildren(wrapper, [h("span", { id: groupLabelID, class: "demo-control-label" }, labelText),
          h("div", { class: "demo-checks", role: "group", "aria-labelledby": groupLabelID, "aria-describedby": helpID },
            boxes.map(function (b) { return b.label; })), help]);
        return { wrapper: wrapper, set: function (value) {
          boxes.forEach(function (b) { b.input.checked = (value || []).indexOf(b.input.value) >= 0; });
        } };
      }
      case "intList": case "choiceList":
        return this.makeListControl(parameter, wrapper, id, labelText, help, send);
      default:
        return this.makeNumberControl(parameter, wrapper, id, labelText, help, send);
    }
  };

  /// A number: a slider (linear, or over round values for wide and logarithmic ranges) beside
  /// a field that takes any exact value; or the field alone for seeds and other huge ranges.
  Demo.prototype.makeNumberControl = function (parameter, wrapper, id, labelText, help, send) {
    var min = parameter.minimum, max = parameter.maximum, integer = parameter.kind === "int";
    var span = max - min;
    var wide = (parameter.scale === "log") || (integer && span > 100) ||
      (!integer && min === 0 && max >= 1 && parameter["default"] > 0 && parameter["default"] <= max / 100);
    var fieldOnly = integer && span > 1e6;
    var decimals = function (x) { var t = String(x); return t.indexOf(".") < 0 ? 0 : t.length - t.indexOf(".") - 1; };
    var step = integer ? 1 : Math.pow(10, -Math.max(decimals(parameter["default"]), decimals(max), decimals(min)));
    while (!integer && span / step < 50) step /= 10;
    var list = wide ? niceValues(min, max, integer) : null;
    var field = h("input", { type: "number", class: "demo-number", min: min, max: max, step: integer ? 1 : "any",
      id: fieldOnly ? id : id + "-value", "aria-label": fieldOnly ? null : labelText + " value", "aria-describedby": help.id,
      onchange: function () {
        var value = Number(field.value);
        if (field.value === "" || !isFinite(value)) return;
        send(integer ? Math.round(value) : value);
      } });
    var slider = null;
    if (!fieldOnly) {
      slider = h("input", { type: "range", id: id, "aria-describedby": help.id,
        oninput: function () { field.value = sliderValue(); slider.setAttribute("aria-valuetext", formatNumber(sliderValue(), 4)); },
        onchange: function () { send(sliderValue()); } });
    }
    function sliderValue() { return list ? list[Number(slider.value)] : Number(slider.value); }
    function placeSlider(value) {
      if (!slider) return;
      if (list) {
        if (list.indexOf(value) < 0) { list.push(value); list.sort(function (a, b) { return a - b; }); }
        slider.min = 0; slider.max = list.length - 1; slider.step = 1;
        slider.value = list.indexOf(value);
      } else {
        slider.min = min; slider.max = max; slider.step = step; slider.value = value;
      }
      slider.setAttribute("aria-valuetext", formatNumber(value, 4) + (parameter.unit || ""));
    }
    appendChildren(wrapper, [h("label", { for: id }, labelText),
      h("div", { class: "demo-number-row" }, [slider, field, parameter.unit ? h("span", { class: "demo-unit", "aria-hidden": "true" }, parameter.unit) : null]), help]);
    return { wrapper: wrapper, field: field, slider: slider, set: function (value) {
      field.value = value;
      placeSlider(value);
    } };
  };

  /// A list (hidden layer widths, per-layer activations): one row per element with its own
  /// field, plus buttons that add and remove elements within the allowed counts.
  Demo.prototype.makeListControl = function (parameter, wrapper, id, labelText, help, send) {
    var rows = h("div", { class: "demo-list-rows" });
    var value = [];
    var add = h("button", { type: "button", class: "demo-mini", "aria-label": "Add to " + labelText,
      onclick: function () {
        var next = value.slice();
        next.push(parameter.kind === "intList" ? (value[value.length - 1] || parameter.minimum || 1) : parameter.options[0].value);
        send(next);
      } }, "+");
    var remove = h("button", { type: "button", class: "demo-mini", "aria-label": "Remove the last from " + labelText,
      onclick: function () { send(value.slice(0, -1)); } }, "−");
    appendChildren(wrapper, [h("span", { class: "demo-control-label", id: id + "-label" }, labelText), rows,
      h("div", { class: "demo-list-buttons", role: "group", "aria-labelledby": id + "-label" }, [remove, add]), help]);
    function set(next) {
      value = (next || []).slice();
      rows.textContent = "";
      value.forEach(function (element, index) {
        var onChange = function (event) {
          var changed = value.slice();
          changed[index] = parameter.kind === "intList" ? Number(event.target.value) : event.target.value;
          send(changed);
        };
        var field = parameter.kind === "intList"
          ? h("input", { type: "number", min: parameter.minimum, max: parameter.maximum, step: 1, value: element, onchange: onChange })
          : h("select", { onchange: onChange }, parameter.options.map(function (o) { return h("option", { value: o.value, selected: o.value === element }, o.label); }));
        field.setAttribute("aria-label", labelText + " " + (index + 1));
        rows.appendChild(h("div", { class: "demo-list-row" }, [h("span", { class: "demo-list-index" }, String(index + 1)), field]));
      });
      if (!value.length) rows.appendChild(h("span", { class: "demo-list-empty" }, "none"));
      add.disabled = value.length >= (parameter.maxCount || 6);
      remove.disabled = value.length <= (parameter.minCount || 0);
    }
    return { wrapper: wrapper, set: set };
  };

  // MARK: Settings

  /// Reads a full or partial settings query into `values` (unnamed parameters keep their
  /// current value, or their default).
  Demo.prototype.applyQuery = function (query) {
    var demo = this;
    this.schema.parameters.forEach(function (p) {
      if (!(p.name in demo.values)) demo.values[p.name] = Array.isArray(p["default"]) ? p["default"].slice() : p["default"];
    });
    parseQuery(query).forEach(function (pair) {
      var parameter = demo.parameters[pair.name];
      if (parameter) demo.values[pair.name] = parseValue(parameter, pair.value);
    });
  };

  /// The settings that differ from the defaults, as a query (what the address shows).
  Demo.prototype.shortQuery = function (values) {
    var demo = this;
    values = values || this.values;
    return this.schema.parameters.filter(function (p) { return !sameValue(values[p.name], p["default"]); })
      .map(function (p) { return encodeURIComponent(p.name) + "=" + encodeValue(formatValue(p, values[p.name])); }).join("&");
  };

  Demo.prototype.pageURL = function (embed) {
    var query = this.shortQuery();
    if (embed) query = query ? query + "&embed=1" : "embed=1";
    return "/demos/" + this.id + (query ? "?" + query : "");
  };

  /// Asks the server to change one parameter (it answers with the settings it now has).
  Demo.prototype.setParameter = function (name, value) {
    this.send({ type: "set", name: name, value: formatValue(this.parameters[name], value) });
  };

  /// The server's settings: controls, the address, and what depends on them.
  Demo.prototype.settingsReceived = function (query) {
    var previous = {};
    var demo = this;
    Object.keys(this.values).forEach(function (k) { previous[k] = demo.values[k]; });
    this.query = query;
    this.applyQuery(query);
    Object.keys(this.controls).forEach(function (name) { demo.controls[name].set(demo.values[name]); });
    this.updateRelevance();
    if (this.view.settingsChanged) this.view.settingsChanged(this, previous);
    var key = this.view.sceneKey ? this.view.sceneKey(this.values) : null;
    if (key !== null && key !== this.sceneKey && this.sceneKey !== null) this.requestScene();
    this.sceneKey = key;
    this.updatePresetState();
    try { history.replaceState(history.state, "", this.pageURL(this.embedded)); } catch (error) { /* not allowed here */ }
  };

  /// Hides the controls that do nothing with the current settings (momentum without the
  /// momentum optimizer, say), as the view decides.
  Demo.prototype.updateRelevance = function () {
    var demo = this;
    if (!this.view.relevant) return;
    Object.keys(this.controls).forEach(function (name) {
      demo.controls[name].wrapper.hidden = !demo.view.relevant(name, demo.values);
    });
    if (this.view.groupRelevant) {
      Object.keys(this.groups || {}).forEach(function (group) {
        demo.groups[group].hidden = !demo.view.groupRelevant(group, demo.values);
      });
    }
  };

  // MARK: The connection

  Demo.prototype.connect = function () {
    var demo = this;
    var first = !this.everConnected;
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/demos/" + encodeURIComponent(this.id) + "/live"
      + (first ? "?query=" + encodeURIComponent(this.initialQuery) : "");
    this.status(first ? "Connecting to the hub…" : "Reconnecting…");
    var socket;
    try { socket = new WebSocket(url); } catch (error) { this.connectionLost(); return; }
    this.socket = socket;
    socket.onopen = function () { demo.attempt = 0; };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      demo.dispatch(message);
    };
    socket.onclose = function (event) {
      if (demo.socket !== socket) return;
      demo.socket = null;
      demo.setPlaying(false);
      if (demo.stopped) return;
      if (event.code === 1000 && demo.closedByServer) {
        demo.status("Disconnected: " + demo.closedByServer, "error", "Reconnect");
        return;
      }
      demo.connectionLost();
    };
  };

  Demo.prototype.connectionLost = function () {
    var demo = this;
    this.attempt += 1;
    var delay = this.busy ? 15 : Math.min(10, Math.pow(2, this.attempt - 1));
    var reason = this.busy ? this.busy : "The connection to the hub was lost.";
    this.status(reason + " Trying again in " + delay + " s…", "error", "Reconnect now");
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(function () { demo.connect(); }, delay * 1000);
  };

  Demo.prototype.reconnectNow = function () {
    clearTimeout(this.retryTimer);
    this.closedByServer = null;
    this.busy = null;
    if (this.socket) { try { this.socket.close(); } catch (error) { /* already closed */ } }
    this.socket = null;
    this.connect();
  };

  Demo.prototype.send = function (message) {
    if (this.stopped) {
      // Another tab drives this demo now; this one stays quiet until the learner takes it back.
      this.showError("This demo is open in another tab or frame. Use “Use it here” above to drive it from this page.");
      return false;
    }
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      this.showError("Not connected to the hub; the change was not sent. It reconnects by itself, or use “Reconnect now”.");
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  };

  /// The frame rate, speed, sizes and visibility the page wants.
  Demo.prototype.framesRequest = function () {
    var request = { type: "frames", fps: Math.min(this.view.fps || 20, this.maxFramesPerSecond || 20), stepsPerFrame: this.speed,
      hidden: this.isUnseen() };
    this.reportedUnseen = request.hidden;
    var sizes = this.view.frameSizes ? this.view.frameSizes(this) : {};
    Object.keys(sizes).forEach(function (k) { request[k] = sizes[k]; });
    return request;
  };

  /// Whether nobody can see the demo: a background tab, or the demo scrolled out of view.
  /// The server then trains on without sending frames.
  Demo.prototype.isUnseen = function () {
    return document.visibilityState === "hidden" || this.offscreen === true;
  };

  /// Tells the server when the demo goes out of sight and comes back.
  Demo.prototype.watchVisibility = function () {
    var demo = this;
    var report = function () {
      var unseen = demo.isUnseen();
      if (unseen === demo.reportedUnseen || !demo.socket || demo.socket.readyState !== WebSocket.OPEN) return;
      demo.send(demo.framesRequest());
    };
    document.addEventListener("visibilitychange", report);
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        demo.offscreen = !entries[entries.length - 1].isIntersecting;
        report();
      }).observe(this.app);
    }
  };

  Demo.prototype.requestScene = function () {
    this.send({ type: "scene", resolution: this.view.sceneResolution || 60 });
  };

  Demo.prototype.dispatch = function (message) {
    switch (message.type) {
      case "hello":
        this.maxFramesPerSecond = message.maxFramesPerSecond;
        var reconnected = this.everConnected;
        this.everConnected = true;
        this.busy = null;
        this.closedByServer = null;
        this.status("Connected. Press Play to train, or change anything first.", "ok");
        if (reconnected && message.query !== this.query) {
          // The session was closed while we were away: bring it back to this page's settings.
          this.send({ type: "configure", query: this.query });
        } else {
          this.settingsReceived(message.query);
        }
        this.send(this.framesRequest());
        this.requestScene();
        break;
      case "settings":
        this.clearError();
        this.settingsReceived(message.query);
        this.setPlaying(message.playing);
        break;
      case "frame":
        this.frameReceived(message.snapshot, message.playing);
        break;
      case "scene":
        this.scene = message.scene;
        if (this.view.sceneReceived) this.view.sceneReceived(this, message.scene);
        this.scheduleDraw();
        break;
      case "saved":
        this.status("Saved as run " + message.runID + " in your experiment history.", "ok");
        this.lastSavedRun = message.runID;
        if (this.view.history && !this.embedded) this.loadRuns();
        break;
      case "busy":
        this.busy = message.message;
        this.status(message.message, "error");
        break;
      case "error":
        this.errorReceived(message.message || "Something went wrong.");
        break;
    }
  };

  Demo.prototype.errorReceived = function (text) {
    if (this.view.handleError && this.view.handleError(this, text)) return;
    if (/another tab/.test(text)) {
      this.stopped = true;
      this.status(text, "error", "Use it here");
      return;
    }
    if (/Reload the page|long time without input/.test(text)) {
      this.closedByServer = text;
      this.setPlaying(false);
    }
    this.showError(text);
  };

  Demo.prototype.frameReceived = function (snapshot, playing) {
    this.lastSnapshot = snapshot;
    var step = snapshot.epoch !== undefined ? snapshot.epoch : snapshot.step;
    this.stepCount = step;
    this.counterValue.textContent = step.toLocaleString("en-US");
    this.counterValue.setAttribute("data-step", String(step));
    // Frames written just before a pause can arrive after it: only a stop is taken from them.
    if (playing === false && this.playing) this.setPlaying(false);
    if (snapshot.sceneVersion !== undefined && snapshot.sceneVersion !== this.sceneVersion) {
      if (this.sceneVersion !== null) this.requestScene();
      this.sceneVersion = snapshot.sceneVersion;
    }
    if (this.view.frameReceived) this.view.frameReceived(this, snapshot);
    this.pendingFrame = snapshot;
    this.scheduleDraw();
  };

  /// Draws at most once per display frame, the newest frame only.
  Demo.prototype.scheduleDraw = function () {
    var demo = this;
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    var draw = function () {
      demo.drawScheduled = false;
      if (demo.view.draw) demo.view.draw(demo, demo.lastSnapshot, demo.scene);
      if (demo.tooltips) demo.tooltips.refresh();
    };
    if (document.hidden) setTimeout(draw, 100); else requestAnimationFrame(draw);
  };

  Demo.prototype.setPlaying = function (playing) {
    this.playing = !!playing;
    if (!this.playButton) return;
    this.playButton.textContent = this.playing ? "Pause" : "Play";
    this.playButton.setAttribute("aria-pressed", this.playing ? "true" : "false");
    this.playButton.classList.toggle("is-playing", this.playing);
    this.app.classList.toggle("is-playing", this.playing);
    if (this.everConnected && this.socket) {
      this.status(this.playing ? "Training on the server; every change applies at once." : "Paused. Press Play or Step to go on.", "ok");
    }
  };

  // MARK: Status and errors

  /// The status line: `kind` is "ok", "error" or nothing; `action` adds a reconnect button.
  Demo.prototype.status = function (text, kind, action) {
    var demo = this;
    var line = this.statusLine;
    line.textContent = "";
    line.className = "demo-status" + (kind ? " is-" + kind : "");
    line.appendChild(document.createTextNode(text));
    if (action) {
      line.appendChild(document.createTextNode(" "));
      line.appendChild(h("button", { type: "button", class: "demo-link-button", "data-help": "Opens a new connection to the hub at once.", onclick: function () {
        demo.stopped = false;
        demo.reconnectNow();
      } }, action));
    }
  };

  Demo.prototype.showError = function (text) {
    if (!this.errorLine) return;
    this.errorLine.textContent = text;
    this.errorLine.hidden = false;
    this.reportHeight();
  };

  Demo.prototype.clearError = function () {
    if (this.errorLine && !this.errorLine.hidden) { this.errorLine.hidden = true; this.errorLine.textContent = ""; }
  };

  // MARK: Theme and embedding

  /// Colours come from CSS variables, read again when the theme changes.
  Demo.prototype.watchTheme = function () {
    var demo = this;
    var changed = function () {
      demo.colorCache = null;
      if (demo.view.themeChanged) demo.view.themeChanged(demo);
      demo.scheduleDraw();
    };
    new MutationObserver(changed).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      if (query.addEventListener) query.addEventListener("change", changed);
    }
    // A lesson's page and its embedded demo share the saved theme: follow a toggle made there.
    window.addEventListener("storage", function (event) {
      if (event.key !== "mlhub-theme") return;
      if (event.newValue === "light" || event.newValue === "dark") document.documentElement.setAttribute("data-theme", event.newValue);
      else document.documentElement.removeAttribute("data-theme");
    });
  };

  /// The colour a CSS custom property of the demo holds in the current theme (cached until
  /// the theme changes). The properties are light-dark() pairs, which only a colour property
  /// resolves: a hidden probe element takes the variable as its colour.
  Demo.prototype.color = function (name) {
    if (!this.colorCache) this.colorCache = {};
    if (!(name in this.colorCache)) {
      if (!this.colorProbe) {
        this.colorProbe = document.createElement("span");
        this.colorProbe.hidden = true;
        this.app.appendChild(this.colorProbe);
      }
      var declared = getComputedStyle(this.app).getPropertyValue(name).trim();
      this.colorProbe.style.color = declared ? "var(" + name + ")" : "#888";
      this.colorCache[name] = getComputedStyle(this.colorProbe).color;
    }
    return this.colorCache[name];
  };

  /// The same colour as an [r, g, b] triple, for blending on a canvas.
  Demo.prototype.rgb = function (name) {
    var parts = this.color(name).match(/[\d.]+/g);
    return parts ? [Number(parts[0]), Number(parts[1]), Number(parts[2])] : [128, 128, 128];
  };

  /// In a lesson's frame: tells the lesson page how tall the demo is.
  Demo.prototype.reportHeight = function () {
    if (!this.embedded || window.parent === window) return;
    var demo = this;
    if (!this.heightObserver && window.ResizeObserver) {
      this.heightObserver = new ResizeObserver(function () { demo.reportHeight(); });
      this.heightObserver.observe(document.body);
    }
    // The body's own height: the document's scroll height never falls below the frame's.
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === this.lastHeight) return;
    this.lastHeight = height;
    try { window.parent.postMessage({ type: "mlhub-demo-height", height: height }, location.origin); } catch (error) { /* not ours */ }
  };

  // MARK: - Experiment history

  Demo.prototype.buildHistory = function () {
    var demo = this;
    this.runsBody = h("tbody");
    this.runsHead = h("thead");
    this.runsTable = h("table", { class: "demo-runs" }, [h("caption", { class: "visually-hidden" }, "Saved runs"), this.runsHead, this.runsBody]);
    this.compareBox = h("div", { class: "demo-compare", "aria-live": "polite" });
    this.runsEmpty = h("p", { class: "demo-runs-empty" }, "No saved runs yet. Train for a while and press “Save run”.");
    var refresh = h("button", { type: "button", class: "demo-button demo-quiet", "data-help": "Reads the list of saved runs again.",
      onclick: function () { demo.loadRuns(); } }, "Refresh");
    return h("section", { class: "demo-history", "aria-labelledby": "demo-history-title" }, [
      h("div", { class: "demo-history-head" }, [h("h2", { id: "demo-history-title" }, "Experiment history"), refresh]),
      h("p", { class: "demo-history-note" }, "Your saved runs, newest first. Tick two or more to compare their settings and results side by side; each run can be loaded again or downloaded."),
      this.runsEmpty,
      h("div", { class: "demo-table-scroll" }, this.runsTable),
      this.compareBox,
    ]);
  };

  Demo.prototype.loadRuns = function () {
    var demo = this;
    return fetch("/api/demos/" + encodeURIComponent(this.id) + "/runs", { headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) throw new Error("the hub answered " + response.status); return response.json(); })
      .then(function (runs) { demo.runs = runs.map(function (run) { return demo.readRun(run); }); demo.renderRuns(); })
      .catch(function (error) { if (demo.runsEmpty) { demo.runsEmpty.hidden = false; demo.runsEmpty.textContent = "The history could not be loaded: " + error.message; } });
  };

  /// A run as the table needs it: its settings and its metrics by name.
  Demo.prototype.readRun = function (run) {
    var query = "", data = null, summary = {};
    try { var configuration = JSON.parse(run.configuration); query = configuration.query || ""; data = configuration.data || null; }
    catch (error) { /* unreadable: shown empty */ }
    try { summary = JSON.parse(run.summary) || {}; } catch (error) { /* unreadable */ }
    var values = this.valuesFor(query);
    var metrics = {};
    (summary.metrics || []).forEach(function (m) { metrics[m.name] = m.value; });
    return { id: run.id, finishedAt: run.finishedAt, values: values, data: dataText(data), shortQuery: this.shortQuery(values), step: summary.step,
      unit: summary.unit || "step", metrics: metrics, metricNames: (summary.metrics || []).map(function (m) { return m.name; }),
      weightsURL: run.weightsURL, swiftURL: run.swiftURL };
  };

  /// An uploaded data set as a run recorded it: "your CSV “blobs.csv”: 60 rows, 3 classes"; "" for generated data.
  function dataText(data) {
    if (!data || typeof data.rows !== "number") return "";
    var what = data.task === "regression" ? "regression" : (data.classes || "?") + " classes";
    return "your CSV" + (data.file ? " “" + data.file + "”" : "") + ": " + data.rows.toLocaleString("en-US") + " rows, " + what;
  }

  var metricLabels = {
    trainLoss: "Training loss", testLoss: "Test loss", trainAccuracy: "Training accuracy", testAccuracy: "Test accuracy",
    trainR2: "Training R²", testR2: "Test R²",
  };
  function metricLabel(name) { return metricLabels[name] || name.replace(/\.loss$/, " loss"); }
  function metricText(name, value) {
    if (value === null || value === undefined) return "—";
    return /Accuracy$/.test(name) ? (100 * value).toFixed(1) + " %" : formatNumber(value, 4);
  }

  Demo.prototype.renderRuns = function () {
    var demo = this;
    var names = [];
    this.runs.forEach(function (run) { run.metricNames.forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); }); });
    this.runsHead.textContent = "";
    this.runsHead.appendChild(h("tr", null, [h("th", { scope: "col" }, "Compare"), h("th", { scope: "col" }, "Run"), h("th", { scope: "col" }, "Saved"),
      h("th", { scope: "col" }, this.view.stepLabel || "Steps")].concat(names.map(function (n) { return h("th", { scope: "col" }, metricLabel(n)); }))
      .concat([h("th", { scope: "col" }, "Settings (changed from the defaults)"), h("th", { scope: "col" }, "Load and download")])));
    this.runsBody.textContent = "";
    this.runsEmpty.hidden = this.runs.length > 0;
    this.runsTable.hidden = this.runs.length === 0;
    this.runs.forEach(function (run) {
      var checkID = uniqueID("demo-compare");
      var check = h("input", { type: "checkbox", id: checkID, checked: !!demo.compared[run.id], onchange: function () {
        if (check.checked) demo.compared[run.id] = true; else delete demo.compared[run.id];
        demo.renderComparison();
      } });
      var saved = new Date(run.finishedAt);
      var links = [h("a", { href: "/demos/" + demo.id + (run.shortQuery ? "?" + run.shortQuery : ""), class: "demo-run-load",
        "data-help": "Opens the demo with this run's settings (training starts again from step 0)." +
          (run.data ? " The CSV is not stored: upload it again to train on it." : "") }, "Load settings")];
      if (run.weightsURL) links.push(h("a", { href: run.weightsURL, class: "demo-run-weights", download: "",
        "data-help": "The trained weights as a safetensors file, which PyTorch and the MLHub engine read." }, "Weights"));
      if (run.swiftURL) links.push(h("a", { href: run.swiftURL, class: "demo-run-swift", download: "",
        "data-help": "Swift code that rebuilds this network with the engine and loads the weights file." }, "Swift"));
      var row = h("tr", { "data-run": run.id, class: run.id === demo.lastSavedRun ? "is-new" : null }, [
        h("td", { "data-help": "Tick two or more runs to see their settings and results side by side." },
          h("label", { for: checkID }, [check, h("span", { class: "visually-hidden" }, "Compare run " + run.id)])),
        h("th", { scope: "row" }, "#" + run.id),
        h("td", null, h("time", { datetime: run.finishedAt }, isNaN(saved) ? run.finishedAt : saved.toLocaleString())),
        h("td", { class: "demo-num" }, run.step === undefined ? "—" : String(run.step)),
      ].concat(names.map(function (n) { return h("td", { class: "demo-num", "data-metric": n }, metricText(n, run.metrics[n])); }))
        .concat([h("td", { class: "demo-run-query" }, (run.data ? "Data: " + run.data + " · " : "") + demo.settingsText(run.values)),
          h("td", { class: "demo-run-links" }, links)]));
      demo.runsBody.appendChild(row);
    });
    this.renderComparison();
  };

  /// The settings that differ from the defaults, for people: "Learning rate 0.1 · Hidden layers 5,3".
  Demo.prototype.settingsText = function (values) {
    var changed = this.schema.parameters.filter(function (p) { return !sameValue(values[p.name], p["default"]); });
    if (!changed.length) return "the defaults";
    return changed.map(function (p) { return p.label + " " + (formatValue(p, values[p.name]) || "none"); }).join(" · ");
  };

  /// The ticked runs side by side: every setting that differs between them, then every metric.
  Demo.prototype.renderComparison = function () {
    var demo = this;
    var runs = this.runs.filter(function (run) { return demo.compared[run.id]; });
    this.compareBox.textContent = "";
    if (runs.length < 2) {
      if (runs.length === 1) this.compareBox.appendChild(h("p", { class: "demo-history-note" }, "Tick one more run to compare."));
      return;
    }
    var differing = this.schema.parameters.filter(function (p) {
      return runs.some(function (run) { return !sameValue(run.values[p.name], runs[0].values[p.name]); });
    });
    var names = [];
    runs.forEach(function (run) { run.metricNames.forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); }); });
    var head = h("tr", null, [h("th", { scope: "col" }, "")].concat(runs.map(function (run) { return h("th", { scope: "col" }, "Run #" + run.id); })));
    var rows = runs.some(function (run) { return run.data !== runs[0].data; })
      ? [h("tr", null, [h("th", { scope: "row" }, "Data")].concat(runs.map(function (run) { return h("td", null, run.data || "generated"); })))]
      : [];
    rows = rows.concat(differing.map(function (p) {
      return h("tr", null, [h("th", { scope: "row" }, p.label)].concat(runs.map(function (run) {
        return h("td", null, formatValue(p, run.values[p.name]) || "none");
      })));
    }));
    rows.push(h("tr", null, [h("th", { scope: "row" }, this.view.stepLabel || "Steps")].concat(runs.map(function (run) { return h("td", { class: "demo-num" }, String(run.step)); }))));
    names.forEach(function (n) {
      var values = runs.map(function (run) { return run.metrics[n]; });
      var finite = values.filter(function (v) { return v !== null && v !== undefined; });
      var best = /Loss$|\.loss$/.test(n) ? Math.min.apply(null, finite) : Math.max.apply(null, finite);
      rows.push(h("tr", null, [h("th", { scope: "row" }, metricLabel(n))].concat(values.map(function (v) {
        return h("td", { class: "demo-num" + (finite.length > 1 && v === best ? " is-best" : "") }, metricText(n, v));
      }))));
    });
    if (!differing.length) rows.unshift(h("tr", null, [h("th", { scope: "row" }, "Settings"), h("td", { colspan: runs.length }, "identical")]));
    this.compareBox.appendChild(h("h3", null, "Comparison"));
    this.compareBox.appendChild(h("div", { class: "demo-table-scroll" }, h("table", { class: "demo-compare-table" }, [h("thead", null, head), h("tbody", null, rows)])));
  };

  // MARK: - Start

  /// Starts the page's demo once the page and its view's script are both there: the view's
  /// script (deferred after this one) calls it again when it has registered.
  var started = false;
  function start() {
    if (started) return;
    var page = document.querySelector(".demo-page[data-demo]");
    var app = page && page.querySelector("[data-demo-app]");
    if (!page || !app) return;
    var view = MLHubDemo.views[page.getAttribute("data-demo")];
    if (!view) return;
    started = true;
    var demo = new Demo(page, app, view);
    MLHubDemo.current = demo;
    demo.start();
  }

  MLHubDemo.Demo = Demo;
  MLHubDemo.parseQuery = parseQuery;
  MLHubDemo.niceValues = niceValues;
  MLHubDemo.start = start;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
