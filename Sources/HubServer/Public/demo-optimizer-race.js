// The optimizer race's view: the loss surface as shaded contours with every racer's path on
// top (click the plane to move the start), each racer's loss against the step, and a table
// of where each one is. demo-core.js builds the controls and talks to the server.
(function () {
  "use strict";

  var M = window.MLHubDemo;
  var h = M.h, fmt = M.formatNumber;

  function fitCanvas(canvas) {
    var ratio = window.devicePixelRatio || 1;
    var width = Math.max(1, Math.round(canvas.clientWidth * ratio)), height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
    return ratio;
  }

  var racerIDs = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"];
  var groupRacer = { SGD: "sgd", Momentum: "momentum", Nesterov: "nesterov", AdaGrad: "adagrad", RMSProp: "rmsprop", Adam: "adam", AdamW: "adamw" };

  var view = {
    stepLabel: "Step", stepNoun: "steps", stepNounSingular: "step",
    speeds: [1, 2, 5, 10, 20, 50], defaultSpeed: 5, fps: 20, history: false, sceneResolution: 160,
    counterHelp: "Optimizer steps every racer has taken since the race started.",
    resetHelp: "Puts every racer back at the start with fresh optimizer state.",
  };

  view.relevant = function (name, values) {
    if (name === "condition") return values.surface === "bowl" || values.surface === "noisy-bowl";
    if (name === "noise" || name === "seed") return values.surface === "noisy-bowl";
    return true;
  };

  view.groupRelevant = function (group, values) {
    var racer = groupRacer[group];
    return !racer || (values.racers || []).indexOf(racer) >= 0;
  };

  view.sceneKey = function (values) { return values.surface + "|" + values.condition; };

  view.color = function (demo, racer) { return demo.color("--race-" + racer); };

  view.decorateGroup = function (demo, group, fieldset) {
    var racer = groupRacer[group];
    if (!racer) return;
    fieldset.classList.add("race-racer-group");
    var legend = fieldset.querySelector("legend");
    legend.insertBefore(h("span", { class: "race-swatch race-swatch-" + racer, "aria-hidden": "true" }), legend.firstChild);
  };

  /// A plain number field (the start point is set by clicking the plane, or typed here).
  function numberField(demo, parameter) {
    var id = M.uniqueID("race-" + parameter.name);
    var field = h("input", { type: "number", id: id, class: "demo-number", step: "any", min: parameter.minimum, max: parameter.maximum,
      "aria-describedby": id + "-help",
      onchange: function () { if (field.value !== "" && isFinite(Number(field.value))) demo.setParameter(parameter.name, Number(field.value)); } });
    var wrapper = h("div", { class: "demo-control race-start-field", "data-param": parameter.name, "data-help": parameter.help }, [
      h("label", { for: id }, parameter.label), field, h("span", { id: id + "-help", class: "visually-hidden" }, parameter.help)]);
    return { wrapper: wrapper, set: function (value) { field.value = value; } };
  }

  view.controls = {
    startX: numberField,
    startY: numberField,
    // The racers as toggles in their own colours.
    racers: function (demo, parameter) {
      var id = M.uniqueID("race-racers");
      var inputs = [];
      var chips = parameter.options.map(function (option) {
        var input = h("input", { type: "checkbox", id: id + "-" + option.value, value: option.value, onchange: function () {
          var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
          if (!chosen.length) { input.checked = true; demo.showError("At least one optimizer has to race."); return; }
          demo.setParameter("racers", chosen);
        } });
        inputs.push(input);
        return h("label", { class: "race-chip", for: id + "-" + option.value }, [input, h("span", { class: "race-swatch race-swatch-" + option.value, "aria-hidden": "true" }), option.label]);
      });
      var wrapper = h("div", { class: "demo-control race-racers", "data-param": "racers", "data-help": parameter.help }, [
        h("span", { class: "demo-control-label", id: id + "-label" }, parameter.label),
        h("div", { class: "race-chips", role: "group", "aria-labelledby": id + "-label" }, chips)]);
      return { wrapper: wrapper, set: function (value) { inputs.forEach(function (i) { i.checked = (value || []).indexOf(i.value) >= 0; }); } };
    },
  };

  view.build = function (demo, body) {
    view.demo = demo;
    var controls = h("section", { class: "race-controls", "aria-label": "Race settings" });
    var surfaceSlot = h("div"), raceSlot = h("div");
    var racerSlot = h("div", { class: "race-hyper" });
    controls.appendChild(surfaceSlot);
    controls.appendChild(raceSlot);
    controls.appendChild(h("details", { class: "race-details" }, [h("summary", null, "Learning rates and other hyperparameters"), racerSlot]));

    view.plane = h("canvas", { class: "race-plane-canvas", tabindex: "0", role: "img", "data-tip": "plane",
      "aria-label": "The loss surface with every optimizer's path; click, or use the arrow keys, to move the start" });
    view.plane.addEventListener("click", function (event) { view.placeStart(demo, event); });
    view.plane.addEventListener("mousemove", function (event) { view.pointer = view.cssPoint(event); });
    view.plane.addEventListener("keydown", function (event) { view.nudgeStart(demo, event); });
    view.planeCaption = h("p", { class: "race-caption" }, "Click the plane to start the race there (or focus it and use the arrow keys). Lighter is lower; the cross marks the minimum.");
    var plane = h("section", { class: "race-plane", "aria-labelledby": "race-plane-title" }, [
      h("h2", { id: "race-plane-title", class: "nn-heading" }, "Loss surface and paths"),
      h("div", { class: "race-plane-frame" }, view.plane), view.planeCaption]);

    view.lossCanvas = h("canvas", { class: "race-loss-canvas", role: "img", "aria-label": "Each optimizer's loss against the step, on a logarithmic scale" });
    view.lossNote = h("p", { class: "race-caption" });
    view.table = h("tbody");
    var results = h("section", { class: "race-results", "aria-labelledby": "race-loss-title" }, [
      h("h2", { id: "race-loss-title", class: "nn-heading" }, "Loss against step"),
      h("div", { class: "race-loss-frame" }, view.lossCanvas), view.lossNote,
      h("div", { class: "demo-table-scroll" }, h("table", { class: "race-table" }, [
        h("caption", { class: "visually-hidden" }, "Where each optimizer is"),
        h("thead", null, h("tr", null, [h("th", { scope: "col" }, "Optimizer"), h("th", { scope: "col", class: "demo-num" }, "Loss"),
          h("th", { scope: "col", class: "demo-num", "data-help": "How far each optimizer's point is from the nearest minimum of the surface." }, "Distance")])),
        view.table]))]);

    body.appendChild(h("div", { class: "race-layout" }, [controls, plane, results]));
    if (window.ResizeObserver) {
      new ResizeObserver(function () { view.backgroundKey = null; demo.scheduleDraw(); }).observe(view.plane);
      new ResizeObserver(function () { demo.scheduleDraw(); }).observe(view.lossCanvas);
    }
    view.paths = {};
    var slots = { Surface: surfaceSlot, Race: raceSlot, other: racerSlot };
    return slots;
  };

  view.themeChanged = function () { view.backgroundKey = null; };

  view.sceneReceived = function () { view.backgroundKey = null; };

  // MARK: The start point

  view.plotBox = function () {
    var scene = view.demo.scene;
    return scene ? scene.box : { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
  };

  view.toPlane = function (px, py) {
    var box = view.plotBox(), plot = view.plot;
    var fx = (px - plot.x) / plot.width, fy = (py - plot.y) / plot.height;
    return { x: box.xMin + fx * (box.xMax - box.xMin), y: box.yMax - fy * (box.yMax - box.yMin), inside: fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1 };
  };

  view.moveStart = function (demo, x, y) {
    var box = view.plotBox();
    x = Math.max(box.xMin, Math.min(box.xMax, Math.round(x * 1000) / 1000));
    y = Math.max(box.yMin, Math.min(box.yMax, Math.round(y * 1000) / 1000));
    demo.setParameter("startX", x);
    demo.setParameter("startY", y);
    demo.status("The race starts again from (" + fmt(x, 3) + ", " + fmt(y, 3) + ").", "ok");
  };

  /// The pointer in the canvas's drawing units (its backing store is a whole number of pixels).
  view.cssPoint = function (event) {
    var box = view.plane.getBoundingClientRect(), ratio = window.devicePixelRatio || 1;
    var sx = box.width ? view.plane.width / ratio / box.width : 1, sy = box.height ? view.plane.height / ratio / box.height : 1;
    return { x: (event.clientX - box.left) * sx, y: (event.clientY - box.top) * sy };
  };

  /// Whether the plane shows the chosen surface yet (just after a change its box may be the
  /// old surface's, and a click would land somewhere else).
  view.sceneIsCurrent = function (demo) {
    return !!demo.scene && demo.scene.surface === demo.values.surface;
  };

  view.placeStart = function (demo, event) {
    if (!view.plot || !view.sceneIsCurrent(demo)) return;
    var pointer = view.cssPoint(event);
    var point = view.toPlane(pointer.x, pointer.y);
    if (!point.inside) return;
    view.moveStart(demo, point.x, point.y);
  };

  view.nudgeStart = function (demo, event) {
    var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    var move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    if (!view.sceneIsCurrent(demo)) return;
    var box = view.plotBox();
    var x = demo.values.startX + move[0] * 0.05 * (box.xMax - box.xMin), y = demo.values.startY + move[1] * 0.05 * (box.yMax - box.yMin);
    demo.values.startX = x;
    demo.values.startY = y;
    clearTimeout(view.nudgeTimer);
    view.nudgeTimer = setTimeout(function () { view.moveStart(demo, x, y); }, 250);
    demo.scheduleDraw();
  };

  view.tooltipFor = function (element) {
    if (element.getAttribute("data-tip") !== "plane" || !view.pointer || !view.plot) return "";
    var point = view.toPlane(view.pointer.x, view.pointer.y);
    if (!point.inside) return "";
    var scene = view.demo.scene, value = "";
    if (scene) {
      var n = scene.grid.resolution, box = scene.box;
      var i = Math.round((point.x - box.xMin) / (box.xMax - box.xMin) * (n - 1)), j = Math.round((point.y - box.yMin) / (box.yMax - box.yMin) * (n - 1));
      value = ", loss ≈ " + fmt(scene.grid.values[j * n + i], 3);
    }
    return "(" + fmt(point.x, 3) + ", " + fmt(point.y, 3) + ")" + value + ". Click to start the race here.";
  };

  // MARK: Frames

  /// Frames carry each path from the first point this page does not have (`from`); a gap
  /// (frames written out of order) asks the server for whole paths again.
  view.frameReceived = function (demo, snapshot) {
    var gap = false;
    (snapshot.racers || []).forEach(function (racer) {
      if (!racer.path) return;
      var stored = view.paths[racer.id];
      if ((!stored && racer.path.from > 0) || (stored && racer.path.from > stored.x.length)) { gap = true; return; }
      if (racer.path.from === 0 || !stored) {
        view.paths[racer.id] = { x: racer.path.x.slice(), y: racer.path.y.slice(), loss: racer.path.loss.slice() };
      } else {
        stored.x.length = stored.y.length = stored.loss.length = racer.path.from;
        stored.x = stored.x.concat(racer.path.x); stored.y = stored.y.concat(racer.path.y); stored.loss = stored.loss.concat(racer.path.loss);
      }
    });
    if (gap) demo.send(demo.framesRequest());
  };

  view.draw = function (demo, snapshot, scene) {
    view.drawPlane(demo, snapshot, scene);
    view.drawLoss(demo, snapshot, scene);
    view.drawTable(demo, snapshot);
  };

  /// Levels for contour lines: even steps of log10(1 + f − min) or √(f − min), so that steep
  /// walls and flat floors both get lines.
  function transformFor(scene) {
    var min = scene.grid.min;
    return scene.logScale ? function (v) { return Math.log10(1 + Math.max(0, v - min)); } : function (v) { return Math.sqrt(Math.max(0, v - min)); };
  }

  view.drawBackground = function (demo, scene, width, height) {
    var key = [scene.surface, scene.grid.resolution, scene.grid.min, scene.grid.max, width, height, demo.colorCache ? "c" : "n"].join("|");
    if (view.backgroundKey === key && view.background) return view.background;
    var canvas = view.background || (view.background = document.createElement("canvas"));
    canvas.width = width; canvas.height = height;
    var context = canvas.getContext("2d");
    var n = scene.grid.resolution, values = scene.grid.values, T = transformFor(scene);
    var transformed = values.map(T);
    var top = Math.max.apply(null, transformed) || 1;
    var low = demo.rgb("--race-low"), high = demo.rgb("--race-high");
    var bands = 14;
    // Shaded bands per pixel, from the grid's values interpolated bilinearly, so that band
    // edges follow the contour lines instead of the grid's cells.
    var image = context.createImageData(width, height), data = image.data;
    var palette = [];
    for (var b = 0; b < bands; b++) {
      var f = b / (bands - 1);
      palette.push([low[0] + (high[0] - low[0]) * f, low[1] + (high[1] - low[1]) * f, low[2] + (high[2] - low[2]) * f]);
    }
    for (var py = 0; py < height; py++) {
      var v = (height - 1 - py) / Math.max(1, height - 1) * (n - 1), j0 = Math.min(n - 2, Math.floor(v)), fv = v - j0;
      for (var px = 0; px < width; px++) {
        var u = px / Math.max(1, width - 1) * (n - 1), i0 = Math.min(n - 2, Math.floor(u)), fu = u - i0;
        var base = j0 * n + i0;
        var value = (transformed[base] * (1 - fu) + transformed[base + 1] * fu) * (1 - fv)
          + (transformed[base + n] * (1 - fu) + transformed[base + n + 1] * fu) * fv;
        var color = palette[Math.max(0, Math.min(bands - 1, Math.floor(value / top * bands)))];
        var k = 4 * (py * width + px);
        data[k] = color[0]; data[k + 1] = color[1]; data[k + 2] = color[2]; data[k + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
    // Contour lines by marching squares.
    context.strokeStyle = demo.color("--race-contour");
    context.lineWidth = Math.max(1, width / 600);
    context.beginPath();
    var cellW = width / (n - 1), cellH = height / (n - 1);
    var at = function (i, j) { return transformed[j * n + i]; };
    for (var level = 1; level < bands; level++) {
      var L = top * level / bands;
      for (var j = 0; j < n - 1; j++) {
        for (var i = 0; i < n - 1; i++) {
          var a = at(i, j), b = at(i + 1, j), d = at(i, j + 1), e = at(i + 1, j + 1);
          var points = [];
          var edge = function (v1, v2, x1, y1, x2, y2) {
            if ((v1 < L) !== (v2 < L)) {
              var f = (L - v1) / (v2 - v1);
              points.push([x1 + (x2 - x1) * f, y1 + (y2 - y1) * f]);
            }
          };
          edge(a, b, i, j, i + 1, j);
          edge(b, e, i + 1, j, i + 1, j + 1);
          edge(d, e, i, j + 1, i + 1, j + 1);
          edge(a, d, i, j, i, j + 1);
          for (var p = 0; p + 1 < points.length; p += 2) {
            context.moveTo(points[p][0] * cellW, height - points[p][1] * cellH);
            context.lineTo(points[p + 1][0] * cellW, height - points[p + 1][1] * cellH);
          }
        }
      }
    }
    context.stroke();
    view.backgroundKey = key;
    return canvas;
  };

  view.drawPlane = function (demo, snapshot, scene) {
    var canvas = view.plane, ratio = fitCanvas(canvas), context = canvas.getContext("2d");
    var width = canvas.width, height = canvas.height;
    context.clearRect(0, 0, width, height);
    var margin = { left: 34 * ratio, bottom: 22 * ratio, top: 6 * ratio, right: 6 * ratio };
    var plot = { x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
    view.plot = { x: plot.x / ratio, y: plot.y / ratio, width: plot.width / ratio, height: plot.height / ratio };
    if (!scene) return;
    var box = scene.box;
    var toX = function (x) { return plot.x + (x - box.xMin) / (box.xMax - box.xMin) * plot.width; };
    var toY = function (y) { return plot.y + (box.yMax - y) / (box.yMax - box.yMin) * plot.height; };
    context.drawImage(view.drawBackground(demo, scene, Math.round(plot.width), Math.round(plot.height)), plot.x, plot.y, plot.width, plot.height);
    context.strokeStyle = demo.color("--demo-gridline");
    context.lineWidth = ratio;
    context.strokeRect(plot.x, plot.y, plot.width, plot.height);

    // Ticks.
    context.fillStyle = demo.color("--demo-muted");
    context.font = (11 * ratio) + "px system-ui, sans-serif";
    context.textAlign = "center"; context.textBaseline = "top";
    for (var t = 0; t <= 4; t++) {
      var x = box.xMin + t * (box.xMax - box.xMin) / 4;
      context.fillText(fmt(x, 2), toX(x), plot.y + plot.height + 4 * ratio);
    }
    context.textAlign = "right"; context.textBaseline = "middle";
    for (t = 0; t <= 4; t++) {
      var y = box.yMin + t * (box.yMax - box.yMin) / 4;
      context.fillText(fmt(y, 2), plot.x - 4 * ratio, toY(y));
    }

    context.save();
    context.beginPath();
    context.rect(plot.x, plot.y, plot.width, plot.height);
    context.clip();
    var ink = demo.color("--demo-ink"), outline = demo.color("--demo-point-outline");
    // The minima: crosses.
    context.lineWidth = 2.5 * ratio;
    scene.minima.forEach(function (m) {
      var cx = toX(m.x), cy = toY(m.y), r = 6 * ratio;
      context.strokeStyle = outline; context.lineWidth = 4.5 * ratio;
      context.beginPath(); context.moveTo(cx - r, cy - r); context.lineTo(cx + r, cy + r); context.moveTo(cx + r, cy - r); context.lineTo(cx - r, cy + r); context.stroke();
      context.strokeStyle = ink; context.lineWidth = 2 * ratio;
      context.beginPath(); context.moveTo(cx - r, cy - r); context.lineTo(cx + r, cy + r); context.moveTo(cx + r, cy - r); context.lineTo(cx - r, cy + r); context.stroke();
    });
    // The paths, each with its current point.
    var racers = (snapshot && snapshot.racers) || [];
    racers.forEach(function (racer) {
      var path = view.paths[racer.id];
      if (!path || !path.x.length) return;
      var color = view.color(demo, racer.id);
      context.strokeStyle = outline; context.lineWidth = 4 * ratio; context.lineJoin = "round";
      context.beginPath();
      path.x.forEach(function (x, i) { if (i === 0) context.moveTo(toX(x), toY(path.y[i])); else context.lineTo(toX(x), toY(path.y[i])); });
      context.globalAlpha = 0.6; context.stroke(); context.globalAlpha = 1;
      context.strokeStyle = color; context.lineWidth = 2 * ratio;
      context.stroke();
    });
    racers.forEach(function (racer) {
      var cx = toX(racer.x), cy = toY(racer.y), color = view.color(demo, racer.id);
      context.fillStyle = color; context.strokeStyle = outline; context.lineWidth = 1.5 * ratio;
      context.beginPath(); context.arc(cx, cy, 5 * ratio, 0, 2 * Math.PI); context.fill(); context.stroke();
    });
    // The start: a ring.
    var sx = toX(demo.values.startX), sy = toY(demo.values.startY);
    context.strokeStyle = outline; context.lineWidth = 5 * ratio;
    context.beginPath(); context.arc(sx, sy, 7 * ratio, 0, 2 * Math.PI); context.stroke();
    context.strokeStyle = ink; context.lineWidth = 2.5 * ratio;
    context.beginPath(); context.arc(sx, sy, 7 * ratio, 0, 2 * Math.PI); context.stroke();
    context.restore();
    canvas.setAttribute("data-start", demo.values.startX + "," + demo.values.startY);
  };

  view.drawLoss = function (demo, snapshot, scene) {
    var canvas = view.lossCanvas, ratio = fitCanvas(canvas), context = canvas.getContext("2d");
    var width = canvas.width, height = canvas.height;
    context.clearRect(0, 0, width, height);
    var racers = (snapshot && snapshot.racers) || [];
    if (!racers.length) return;
    // Losses can be negative (the saddle): plot them above the surface's lowest value.
    var offset = scene ? Math.min(0, scene.grid.min) : 0;
    var floor = 1e-12;
    var low = Infinity, high = -Infinity, steps = 1;
    racers.forEach(function (racer) {
      var path = view.paths[racer.id];
      if (!path) return;
      steps = Math.max(steps, path.loss.length - 1);
      path.loss.forEach(function (v) {
        var shifted = Math.max(floor, v - offset);
        if (isFinite(shifted)) { low = Math.min(low, shifted); high = Math.max(high, shifted); }
      });
    });
    if (!isFinite(low)) return;
    var top = Math.ceil(Math.log10(high)), bottom = Math.floor(Math.log10(low));
    if (top <= bottom) top = bottom + 1;
    var pad = { left: 44 * ratio, right: 8 * ratio, top: 8 * ratio, bottom: 20 * ratio };
    var w = width - pad.left - pad.right, hgt = height - pad.top - pad.bottom;
    var toX = function (i) { return pad.left + i / steps * w; };
    var toY = function (v) { return pad.top + (top - Math.log10(Math.max(floor, v - offset))) / (top - bottom) * hgt; };
    context.strokeStyle = demo.color("--demo-gridline"); context.lineWidth = ratio;
    context.fillStyle = demo.color("--demo-muted"); context.font = (10.5 * ratio) + "px system-ui, sans-serif";
    context.textAlign = "right"; context.textBaseline = "middle";
    var every = Math.max(1, Math.ceil((top - bottom) / 5));
    for (var e = bottom; e <= top; e += every) {
      var y = pad.top + (top - e) / (top - bottom) * hgt;
      context.beginPath(); context.moveTo(pad.left, y); context.lineTo(pad.left + w, y); context.stroke();
      context.fillText("1e" + e, pad.left - 4 * ratio, y);
    }
    context.textAlign = "right"; context.textBaseline = "top";
    context.fillText("step " + steps, pad.left + w, pad.top + hgt + 4 * ratio);
    context.textAlign = "left";
    context.fillText("0", pad.left, pad.top + hgt + 4 * ratio);
    racers.forEach(function (racer) {
      var path = view.paths[racer.id];
      if (!path) return;
      context.strokeStyle = view.color(demo, racer.id); context.lineWidth = 2 * ratio;
      context.beginPath();
      path.loss.forEach(function (v, i) { if (i === 0) context.moveTo(toX(i), toY(v)); else context.lineTo(toX(i), toY(v)); });
      context.stroke();
    });
    view.lossNote.textContent = offset < 0 ? "The saddle's loss goes below zero, so the curves show the loss + " + fmt(-offset, 3) + " (its lowest value) on a log scale."
      : "Loss on a logarithmic scale: each grid line is ten times the one below.";
  };

  view.drawTable = function (demo, snapshot) {
    var racers = (snapshot && snapshot.racers) || [];
    var rows = view.table.children;
    if (rows.length !== racers.length || racers.some(function (r, i) { return rows[i].getAttribute("data-racer") !== r.id; })) {
      view.table.textContent = "";
      racers.forEach(function (racer) {
        view.table.appendChild(h("tr", { "data-racer": racer.id }, [
          h("th", { scope: "row" }, [h("span", { class: "race-name" }, [h("span", { class: "race-swatch race-swatch-" + racer.id, "aria-hidden": "true" }), racer.label]),
            h("span", { class: "race-status" })]),
          h("td", { class: "demo-num" }), h("td", { class: "demo-num" })]));
      });
    }
    racers.forEach(function (racer, i) {
      var row = view.table.children[i];
      var path = view.paths[racer.id];
      row.setAttribute("data-path-length", path ? String(path.x.length) : "0");
      row.children[1].textContent = fmt(racer.loss, 4);
      row.children[2].textContent = fmt(racer.distanceToMinimum, 3);
      row.querySelector(".race-status").textContent = racer.status === "diverged" ? "diverged at step " + racer.stoppedAt
        : racer.status === "finished" ? "finished" : "running";
      if (racer.status === "diverged" && racer.reason) row.setAttribute("data-help", racer.label + " stopped: " + racer.reason + ".");
      else row.removeAttribute("data-help");
      row.classList.toggle("is-diverged", racer.status === "diverged");
    });
  };

  M.views["optimizer-race"] = view;
  if (document.readyState !== "loading") M.start();
})();
