// The Neural Network Simulator's view: the data column, the network drawn as columns of
// neurons (each with its own surface) joined by weighted edges, the output surface with the
// data on top, loss curves, accuracy or R², and the confusion matrix. demo-core.js builds the
// generic controls, talks to the server, and calls the functions below.
(function () {
  "use strict";

  var M = window.MLHubDemo;
  var h = M.h, s = M.s, fmt = M.formatNumber;

  // MARK: Colours

  /// The theme's colours as RGB triples, read once per theme.
  function palette(demo) {
    if (demo.nnPalette && demo.colorCache) return demo.nnPalette;
    demo.nnPalette = {
      neg: demo.rgb("--demo-neg"), pos: demo.rgb("--demo-pos"), mid: demo.rgb("--demo-mid"),
      classes: [0, 1, 2, 3, 4].map(function (k) { return demo.rgb("--demo-class-" + k); }),
      outline: demo.color("--demo-point-outline"), ink: demo.color("--demo-ink"), muted: demo.color("--demo-muted"),
      train: demo.color("--demo-train"), test: demo.color("--demo-test"), grid: demo.color("--demo-gridline"),
    };
    return demo.nnPalette;
  }

  function mix(a, b, t) { return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]; }
  function css(c) { return "rgb(" + Math.round(c[0]) + "," + Math.round(c[1]) + "," + Math.round(c[2]) + ")"; }

  /// A value in [−1, 1] on the diverging scale (orange below zero, blue above).
  function diverging(p, t, strength) {
    t = Math.max(-1, Math.min(1, t || 0));
    return mix(p.mid, t < 0 ? p.neg : p.pos, Math.abs(t) * strength);
  }

  /// Paints an n×n grid (row 0 at the bottom) into `canvas` at its own resolution.
  function paintGrid(canvas, n, colorAt) {
    if (canvas.width !== n || canvas.height !== n) { canvas.width = n; canvas.height = n; }
    var context = canvas.getContext("2d");
    var image = context.createImageData(n, n);
    var data = image.data;
    for (var row = 0; row < n; row++) {
      var gridRow = n - 1 - row;
      for (var col = 0; col < n; col++) {
        var c = colorAt(gridRow * n + col);
        var k = 4 * (row * n + col);
        data[k] = c[0]; data[k + 1] = c[1]; data[k + 2] = c[2]; data[k + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }

  /// Sizes a canvas's backing store to its CSS box (for sharp lines on high-density screens).
  function fitCanvas(canvas) {
    var ratio = window.devicePixelRatio || 1;
    var width = Math.max(1, Math.round(canvas.clientWidth * ratio)), height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
    return ratio;
  }

  var featureFunctions = {
    x1: function (a) { return a; }, x2: function (a, b) { return b; }, x1sq: function (a) { return a * a; },
    x2sq: function (a, b) { return b * b; }, x1x2: function (a, b) { return a * b; },
    sinx1: function (a) { return Math.sin(a); }, sinx2: function (a, b) { return Math.sin(b); },
  };

  // MARK: The view

  var view = {
    stepLabel: "Epoch", stepNoun: "epochs", stepNounSingular: "epoch",
    speeds: [1, 2, 5, 10, 25, 50], defaultSpeed: 1, fps: 20, history: true, sceneResolution: 60,
    counterHelp: "Epochs trained since the network was last built or reset; each epoch is one pass over the training points.",
    resetHelp: "Starts training again from epoch 0 with the same data and the same initial weights.",
    ownControls: ["hidden", "features", "layerActivations"],
  };

  view.relevant = function (name, values) {
    if (name === "classes") return values.dataset === "spiral" || values.dataset === "gaussians";
    if (name === "momentum") return values.optimizer === "momentum";
    if (name === "regularizationRate") return values.regularization !== "none";
    return true;
  };

  view.frameSizes = function () {
    var width = view.outputCanvas ? view.outputCanvas.clientWidth : 300;
    return { resolution: Math.max(48, Math.min(80, Math.round(width / 4.5))), neuronResolution: 20 };
  };

  view.controls = {
    // The data sets as a group of labelled choices, all visible at once.
    dataset: function (demo, parameter) {
      var name = M.uniqueID("nn-dataset");
      var helpID = name + "-help";
      var inputs = [];
      var choices = parameter.options.map(function (option) {
        var id = name + "-" + option.value;
        var input = h("input", { type: "radio", name: name, id: id, value: option.value,
          onchange: function () { if (input.checked) demo.setParameter("dataset", option.value); } });
        inputs.push(input);
        return h("label", { class: "nn-dataset-choice", for: id }, [input, h("span", null, option.label)]);
      });
      var wrapper = h("div", { class: "demo-control nn-dataset", "data-param": "dataset", "data-help": parameter.help }, [
        h("span", { class: "demo-control-label", id: name + "-label" }, parameter.label),
        h("div", { class: "nn-dataset-choices", role: "radiogroup", "aria-labelledby": name + "-label", "aria-describedby": helpID }, choices),
        h("span", { id: helpID, class: "visually-hidden" }, parameter.help)]);
      return { wrapper: wrapper, set: function (value) { inputs.forEach(function (i) { i.checked = i.value === value; }); } };
    },
    // The seed, with a button that draws a new one (new points, new initial weights).
    seed: function (demo, parameter) {
      var id = M.uniqueID("nn-seed");
      var field = h("input", { type: "number", id: id, class: "demo-number", min: 0, max: parameter.maximum, step: 1,
        "aria-describedby": id + "-help",
        onchange: function () { if (field.value !== "") demo.setParameter("seed", Math.max(0, Math.round(Number(field.value)))); } });
      var button = h("button", { type: "button", class: "demo-button demo-quiet nn-regenerate",
        "data-help": "Draws a new seed: new random points, a new train/test split and new initial weights.",
        onclick: function () { demo.setParameter("seed", Math.floor(Math.random() * 1e9)); } }, "Regenerate");
      var wrapper = h("div", { class: "demo-control", "data-param": "seed", "data-help": parameter.help }, [
        h("label", { for: id }, parameter.label), h("div", { class: "demo-number-row" }, [field, button]),
        h("span", { id: id + "-help", class: "visually-hidden" }, parameter.help)]);
      return { wrapper: wrapper, set: function (value) { field.value = value; } };
    },
  };

  // MARK: Layout

  view.build = function (demo, body) {
    view.demo = demo;
    var settings = h("div", { class: "nn-settings" });
    var dataColumn = h("section", { class: "nn-column-data", "aria-labelledby": "nn-data-title" }, [h("h2", { id: "nn-data-title", class: "nn-heading" }, "Data")]);
    var networkColumn = h("section", { class: "nn-column-network", "aria-labelledby": "nn-network-title" });
    var outputColumn = h("section", { class: "nn-column-output", "aria-labelledby": "nn-output-title" });
    body.appendChild(settings);
    body.appendChild(h("div", { class: "nn-layout" }, [dataColumn, networkColumn, outputColumn]));

    var dataSlot = h("div", { class: "nn-data-controls" });
    dataColumn.appendChild(dataSlot);
    dataColumn.appendChild(view.buildUpload(demo));
    view.dataNote = h("p", { class: "nn-data-note" });
    dataColumn.appendChild(view.dataNote);

    // The network: layer buttons, then the diagram.
    view.layerCount = h("span", { class: "nn-layer-count" });
    view.addLayer = h("button", { type: "button", class: "demo-mini", "aria-label": "Add a hidden layer",
      "data-help": "Adds a hidden layer (up to six); the network is rebuilt with fresh weights.",
      "data-focus-key": "add-layer", onclick: function () { view.changeLayers(+1); } }, "+");
    view.removeLayer = h("button", { type: "button", class: "demo-mini", "aria-label": "Remove the last hidden layer",
      "data-help": "Removes the last hidden layer (with none the network is a linear model); the network is rebuilt.",
      "data-focus-key": "remove-layer", onclick: function () { view.changeLayers(-1); } }, "−");
    networkColumn.appendChild(h("div", { class: "nn-network-head" }, [
      h("h2", { id: "nn-network-title", class: "nn-heading" }, "Network"),
      h("div", { class: "nn-layer-buttons", role: "group", "aria-label": "Hidden layers" }, [view.removeLayer, view.addLayer, view.layerCount]),
    ]));
    // The diagram scrolls sideways when six wide layers do not fit; the edges live in the
    // scrolled box with the columns.
    view.diagram = h("div", { class: "nn-diagram" });
    view.inner = h("div", { class: "nn-diagram-inner" });
    view.edges = s("svg", { class: "nn-edges", "aria-hidden": "true" });
    view.columns = h("div", { class: "nn-columns" });
    view.inner.appendChild(view.edges);
    view.inner.appendChild(view.columns);
    view.diagram.appendChild(view.inner);
    networkColumn.appendChild(view.diagram);
    networkColumn.appendChild(h("p", { class: "nn-diagram-note" }, "Each square shows what that neuron computes over the plane; hover or focus one to see it large and read its weights. Lines are weights: blue positive, orange negative, thicker is larger."));

    // The output.
    view.outputCanvas = h("canvas", { class: "nn-output-canvas", role: "img", "data-tip": "surface",
      "aria-label": "The network's output over the plane, with the data points" });
    view.outputCanvas.addEventListener("mousemove", function (event) {
      var box = view.outputCanvas.getBoundingClientRect();
      view.pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
    });
    view.outputCaption = h("p", { class: "nn-output-caption" });
    view.showTest = h("input", { type: "checkbox", id: "nn-show-test", onchange: function () { demo.scheduleDraw(); } });
    view.discretize = h("input", { type: "checkbox", id: "nn-discretize", onchange: function () { demo.scheduleDraw(); } });
    view.legend = h("div", { class: "nn-legend", "aria-hidden": "true" });
    view.banner = h("p", { class: "nn-banner", role: "alert", hidden: true });
    view.metrics = h("dl", { class: "nn-metrics" });
    view.lossCanvas = h("canvas", { class: "nn-loss-canvas", role: "img", "aria-label": "Training and test loss against the epoch" });
    view.confusion = h("div", { class: "nn-confusion" });
    // Two blocks: the plot with its figures, and the curves; side by side when there is room.
    var main = h("div", { class: "nn-output-main" }), side = h("div", { class: "nn-output-side" });
    outputColumn.appendChild(main);
    outputColumn.appendChild(side);
    main.appendChild(h("h2", { id: "nn-output-title", class: "nn-heading" }, "Output"));
    main.appendChild(view.metrics);
    main.appendChild(view.banner);
    main.appendChild(h("div", { class: "nn-output-frame" }, view.outputCanvas));
    main.appendChild(view.legend);
    main.appendChild(h("div", { class: "nn-toggles" }, [
      h("label", { class: "demo-check", for: "nn-show-test", "data-help": "Also draws the test points, which training never sees (ringed)." }, [view.showTest, " Show test data"]),
      h("label", { class: "demo-check", for: "nn-discretize", "data-help": "Colours each point of the plane by the predicted class alone, without shades of confidence." }, [view.discretize, " Discretize output"]),
    ]));
    main.appendChild(view.outputCaption);
    side.appendChild(h("h3", { class: "nn-subheading" }, "Loss"));
    side.appendChild(h("div", { class: "nn-loss-frame" }, view.lossCanvas));
    view.lossLegend = h("p", { class: "nn-loss-legend" }, [
      h("span", { class: "nn-swatch nn-swatch-test" }), " Test ", h("span", { class: "nn-swatch nn-swatch-train" }), " Training"]);
    side.appendChild(view.lossLegend);
    view.lossLog = h("input", { type: "checkbox", id: "nn-loss-log", onchange: function () { demo.scheduleDraw(); } });
    side.appendChild(h("div", { class: "nn-toggles" }, [
      h("label", { class: "demo-check", for: "nn-loss-log",
        "data-help": "Draws the loss on a logarithmic scale, where each step down is ten times smaller, so that late progress stays visible." },
        [view.lossLog, " Logarithmic scale"])]));
    side.appendChild(view.confusion);

    if (window.ResizeObserver) {
      new ResizeObserver(function () { view.layoutEdges(); demo.scheduleDraw(); }).observe(view.diagram);
      new ResizeObserver(function () { demo.scheduleDraw(); }).observe(view.outputCanvas);
    }
    view.rebuildNetwork(demo);
    return { Data: dataSlot, Network: settings, Training: settings, other: settings };
  };

  view.buildUpload = function (demo) {
    var id = M.uniqueID("nn-upload");
    view.uploadInput = h("input", { type: "file", id: id, class: "nn-upload-input", accept: ".csv,text/csv,text/plain", "aria-describedby": id + "-note",
      onchange: function () { view.upload(demo); } });
    view.uploadMessage = h("p", { class: "nn-upload-message", role: "alert", hidden: true });
    return h("div", { class: "demo-control nn-upload", "data-help": "Trains on your own 2-D points from a CSV file instead of a generated data set." }, [
      h("label", { for: id }, "Your own data (CSV)"), view.uploadInput,
      h("p", { class: "nn-upload-note", id: id + "-note" }, "Rows x1,x2,label (classes 0–4) or x1,x2,y for regression, an optional header; 10 to 2,000 rows, at most 64 KiB."),
      view.uploadMessage]);
  };

  view.upload = function (demo) {
    var file = view.uploadInput.files && view.uploadInput.files[0];
    if (!file) return;
    var fail = function (text) {
      view.uploadMessage.textContent = text;
      view.uploadMessage.className = "nn-upload-message is-error";
      view.uploadMessage.hidden = false;
      view.uploadInput.value = "";
    };
    if (file.size > 65536) { fail("“" + file.name + "” has " + file.size.toLocaleString("en-US") + " bytes; the limit is 65,536 (64 KiB)."); return; }
    var reader = new FileReader();
    reader.onload = function () {
      view.pendingUpload = file.name;
      view.uploadMessage.hidden = true;
      if (!demo.send({ type: "upload", csv: String(reader.result), name: file.name })) { view.pendingUpload = null; fail("Not connected to the hub; try again in a moment."); }
      else demo.status("Uploading “" + file.name + "”…");
    };
    reader.onerror = function () { fail("The file could not be read."); };
    reader.readAsText(file);
  };

  view.handleError = function (demo, text) {
    if (!view.pendingUpload) return false;
    var name = view.pendingUpload;
    view.pendingUpload = null;
    view.uploadMessage.textContent = "“" + name + "” was not used: " + text;
    view.uploadMessage.className = "nn-upload-message is-error";
    view.uploadMessage.hidden = false;
    view.uploadInput.value = "";
    demo.status("The upload was rejected; the demo goes on with the data it had.", "error");
    return true;
  };

  view.sceneReceived = function (demo, scene) {
    if (view.pendingUpload && scene.dataset === "custom") {
      view.uploadMessage.textContent = "Training on “" + view.pendingUpload + "”: " + (scene.train.x1.length + scene.test.x1.length) + " points"
        + (scene.task === "classification" ? ", " + scene.classes + " classes." : ", regression.");
      view.uploadMessage.className = "nn-upload-message is-ok";
      view.uploadMessage.hidden = false;
      view.pendingUpload = null;
      demo.status("Your data is loaded; training restarts from epoch 0.", "ok");
    }
    var count = scene.train.x1.length + scene.test.x1.length;
    var name = scene.dataset === "custom" ? "your CSV" : (demo.parameters.dataset.options.filter(function (o) { return o.value === scene.dataset; })[0] || { label: scene.dataset }).label;
    view.dataNote.textContent = "Now: " + name + ", " + count + " points (" + scene.train.x1.length + " for training, " + scene.test.x1.length + " for testing)"
      + (scene.dataset === "custom" ? ". Choose a data set above to go back to generated data." : ".");
    view.regressionScale = 0;
    scene.train.target.concat(scene.test.target).forEach(function (t) { view.regressionScale = Math.max(view.regressionScale, Math.abs(t)); });
    view.outputCanvas.setAttribute("data-points", String(count));
    view.outputCanvas.setAttribute("data-dataset", scene.dataset);
  };

  // MARK: The network diagram

  view.changeLayers = function (delta) {
    var demo = view.demo, hidden = demo.values.hidden.slice();
    if (delta > 0 && hidden.length < 6) hidden.push(hidden.length ? hidden[hidden.length - 1] : 4);
    if (delta < 0 && hidden.length > 0) hidden.pop();
    demo.setParameter("hidden", hidden);
  };

  view.changeNeurons = function (layer, delta) {
    var demo = view.demo, hidden = demo.values.hidden.slice();
    hidden[layer] = Math.max(1, Math.min(8, hidden[layer] + delta));
    demo.setParameter("hidden", hidden);
  };

  view.toggleFeature = function (feature) {
    var demo = view.demo;
    var options = demo.parameters.features.options.map(function (o) { return o.value; });
    var chosen = demo.values.features.slice();
    var at = chosen.indexOf(feature);
    if (at >= 0) {
      if (chosen.length === 1) { demo.showError("The network needs at least one input feature."); return; }
      chosen.splice(at, 1);
    } else {
      chosen.push(feature);
    }
    chosen.sort(function (a, b) { return options.indexOf(a) - options.indexOf(b); });
    demo.setParameter("features", chosen);
  };

  /// One hidden layer's activation: the network-wide one unless `layerActivations` names
  /// another. Choosing for layer k fills the earlier layers with what they already use.
  view.setLayerActivation = function (layer, value) {
    var demo = view.demo;
    var list = demo.values.layerActivations.slice();
    while (list.length <= layer) list.push(demo.values.activation);
    list[layer] = value === "" ? demo.values.activation : value;
    while (list.length && list[list.length - 1] === demo.values.activation) list.pop();
    demo.setParameter("layerActivations", list);
  };

  view.structureKey = function (values) {
    return JSON.stringify([values.features, values.hidden, values.layerActivations, values.activation, values.residual]);
  };

  view.settingsChanged = function (demo) {
    var key = view.structureKey(demo.values);
    if (key !== view.builtKey) view.rebuildNetwork(demo);
  };

  view.rebuildNetwork = function (demo) {
    var values = demo.values;
    view.builtKey = view.structureKey(values);
    var focusKey = document.activeElement && document.activeElement.getAttribute && document.activeElement.getAttribute("data-focus-key");
    var hidden = values.hidden || [];
    var activationLabel = {};
    demo.parameters.activation.options.forEach(function (o) { activationLabel[o.value] = o.label; });
    view.featureLabels = {};
    demo.parameters.features.options.forEach(function (o) { view.featureLabels[o.value] = o.label; });
    view.activationLabel = activationLabel;

    view.layerCount.textContent = hidden.length === 0 ? "No hidden layer (a linear model)" : hidden.length + " hidden layer" + (hidden.length === 1 ? "" : "s");
    view.addLayer.disabled = hidden.length >= 6;
    view.removeLayer.disabled = hidden.length === 0;

    view.columns.textContent = "";
    view.nodes = {};

    // Inputs: every feature, on or off.
    var inputs = h("div", { class: "nn-column nn-inputs" }, [h("div", { class: "nn-column-head" }, h("span", { class: "nn-column-title" }, "Features"))]);
    view.featureCanvases = [];
    demo.parameters.features.options.forEach(function (option) {
      var on = values.features.indexOf(option.value) >= 0;
      var canvas = h("canvas", { class: "nn-thumb", width: 20, height: 20 });
      view.featureCanvases.push({ canvas: canvas, feature: option.value });
      var button = h("button", { type: "button", class: "nn-node nn-feature" + (on ? " is-on" : ""), "aria-pressed": on ? "true" : "false",
        "data-feature": option.value, "data-focus-key": "feature-" + option.value,
        "data-help": (on ? "Input " + option.label + " is on: click to remove it." : "Input " + option.label + " is off: click to feed it to the network.") + " The network is rebuilt.",
        onclick: function () { view.toggleFeature(option.value); } }, [canvas, h("span", { class: "nn-feature-label" }, option.label)]);
      if (on) view.nodes["in-" + values.features.indexOf(option.value)] = button;
      inputs.appendChild(button);
    });
    view.columns.appendChild(inputs);

    // Hidden layers.
    hidden.forEach(function (width, layer) {
      var own = values.layerActivations[layer];
      var select = h("select", { class: "nn-layer-activation", "aria-label": "Activation of hidden layer " + (layer + 1),
        "data-focus-key": "activation-" + layer, "data-help": "The activation of this layer; “(all)” follows the network-wide Activation setting.",
        onchange: function () { view.setLayerActivation(layer, select.value); } },
        [h("option", { value: "" }, (activationLabel[values.activation] || values.activation) + " (all)")].concat(
          demo.parameters.layerActivations.options.map(function (o) { return h("option", { value: o.value, selected: own === o.value }, o.label); })));
      var minus = h("button", { type: "button", class: "demo-mini", "aria-label": "Remove a neuron from layer " + (layer + 1), disabled: width <= 1,
        "data-focus-key": "minus-" + layer, "data-help": "One neuron fewer in this layer (the network is rebuilt).",
        onclick: function () { view.changeNeurons(layer, -1); } }, "−");
      var plus = h("button", { type: "button", class: "demo-mini", "aria-label": "Add a neuron to layer " + (layer + 1), disabled: width >= 8,
        "data-focus-key": "plus-" + layer, "data-help": "One neuron more in this layer, up to eight (the network is rebuilt).",
        onclick: function () { view.changeNeurons(layer, +1); } }, "+");
      var column = h("div", { class: "nn-column nn-hidden", "data-layer": layer }, [
        h("div", { class: "nn-column-head" }, [
          h("div", { class: "nn-neuron-buttons" }, [minus, h("span", { class: "nn-neuron-count", title: width + (width === 1 ? " neuron" : " neurons") }, String(width)), plus]),
          select]),
      ]);
      for (var i = 0; i < width; i++) {
        var node = h("div", { class: "nn-node nn-neuron", tabindex: "0", "data-tip": "neuron", "data-layer": layer, "data-index": i,
          "aria-label": "Hidden layer " + (layer + 1) + ", neuron " + (i + 1) }, h("canvas", { class: "nn-thumb", width: 20, height: 20 }));
        view.hoverable(node, { layer: layer, index: i });
        view.nodes["h" + layer + "-" + i] = node;
        column.appendChild(node);
      }
      view.columns.appendChild(column);
    });

    // The output: one neuron (a probability or a value), or one per class.
    var outputs = h("div", { class: "nn-column nn-outputs" }, [h("div", { class: "nn-column-head" }, h("span", { class: "nn-column-title" }, "Output"))]);
    var count = view.outputCount || 1;
    for (var k = 0; k < count; k++) {
      var outputNode = count === 1
        ? h("div", { class: "nn-node nn-output-node", tabindex: "0", "data-tip": "neuron", "data-layer": hidden.length, "data-index": 0,
            "aria-label": "The output neuron" }, h("canvas", { class: "nn-thumb", width: 20, height: 20 }))
        : h("div", { class: "nn-node nn-output-node nn-class-node nn-class-" + k, tabindex: "0", "data-tip": "neuron", "data-layer": hidden.length, "data-index": k,
            "aria-label": "The output neuron of class " + k }, h("span", null, String(k)));
      view.hoverable(outputNode, null);
      view.nodes["out-" + k] = outputNode;
      outputs.appendChild(outputNode);
    }
    view.nodes.out = view.nodes["out-0"];
    view.columns.appendChild(outputs);

    view.drawFeatureThumbs(demo);
    view.layoutEdges();
    if (focusKey) {
      var again = view.columns.querySelector("[data-focus-key='" + focusKey + "']") || view.diagram.parentNode.querySelector("[data-focus-key='" + focusKey + "']");
      if (again && !again.disabled) again.focus();
    }
    demo.scheduleDraw();
  };

  /// Hovering or focusing a neuron shows its surface in the large plot.
  view.hoverable = function (node, which) {
    var enter = function () { view.hovered = which || "output"; view.demo.scheduleDraw(); };
    var leave = function () { view.hovered = null; view.demo.scheduleDraw(); };
    node.addEventListener("mouseenter", enter);
    node.addEventListener("focus", enter);
    node.addEventListener("mouseleave", leave);
    node.addEventListener("blur", leave);
  };

  /// Places one SVG path per weight between the node centres (after layout or a resize).
  view.layoutEdges = function () {
    var demo = view.demo;
    if (!demo || !view.nodes) return;
    var box = view.inner.getBoundingClientRect();
    if (!box.width) return;
    view.edges.setAttribute("width", box.width);
    view.edges.setAttribute("height", box.height);
    view.edges.setAttribute("viewBox", "0 0 " + box.width + " " + box.height);
    view.edges.textContent = "";
    view.edgePaths = [];
    var anchor = function (node, side) {
      var r = node.getBoundingClientRect();
      return { x: (side === "right" ? r.right : r.left) - box.left, y: r.top + r.height / 2 - box.top };
    };
    var hidden = demo.values.hidden || [];
    var sources = demo.values.features.map(function (_, i) { return view.nodes["in-" + i]; });
    var layerTargets = hidden.map(function (width, layer) {
      var nodes = [];
      for (var i = 0; i < width; i++) nodes.push(view.nodes["h" + layer + "-" + i]);
      return nodes;
    });
    var outputNodes = [];
    for (var k = 0; k < (view.outputCount || 1); k++) outputNodes.push(view.nodes["out-" + k]);
    layerTargets.push(outputNodes);
    layerTargets.forEach(function (targets, layer) {
      var paths = [];
      targets.forEach(function (target, o) {
        var row = [];
        sources.forEach(function (source, i) {
          if (!source || !target) { row.push(null); return; }
          var a = anchor(source, "right"), b = anchor(target, "left");
          var mid = (a.x + b.x) / 2;
          var d = "M" + a.x.toFixed(1) + " " + a.y.toFixed(1) + "C" + mid.toFixed(1) + " " + a.y.toFixed(1) + " " + mid.toFixed(1) + " " + b.y.toFixed(1) + " " + b.x.toFixed(1) + " " + b.y.toFixed(1);
          var path = s("path", { d: d, class: "nn-edge" });
          var hit = s("path", { d: d, class: "nn-edge-hit", "data-tip": "edge", "data-layer": layer, "data-from": i, "data-to": o });
          view.edges.appendChild(path);
          view.edges.appendChild(hit);
          row.push(path);
        });
        paths.push(row);
      });
      view.edgePaths.push(paths);
      sources = targets;
    });
    if (demo.lastSnapshot) view.drawEdges(demo, demo.lastSnapshot);
  };

  view.drawFeatureThumbs = function (demo) {
    var p = palette(demo), n = 20;
    view.featureCanvases.forEach(function (entry) {
      var f = featureFunctions[entry.feature], values = [], largest = 1e-9;
      for (var j = 0; j < n; j++) for (var i = 0; i < n; i++) {
        var v = f(-6 + 12 * i / (n - 1), -6 + 12 * j / (n - 1));
        values.push(v);
        largest = Math.max(largest, Math.abs(v));
      }
      paintGrid(entry.canvas, n, function (k) { return diverging(p, values[k] / largest, 1); });
    });
  };

  view.themeChanged = function (demo) {
    demo.nnPalette = null;
    view.themeVersion = (view.themeVersion || 0) + 1;
    if (view.featureCanvases) view.drawFeatureThumbs(demo);
  };

  view.drawEdges = function (demo, snapshot) {
    var network = snapshot.network;
    if (!network || !view.edgePaths) return;
    var p = palette(demo);
    var scale = network.maxAbsWeight > 0 ? network.maxAbsWeight : 1;
    network.layers.forEach(function (layer, l) {
      var paths = view.edgePaths[l];
      if (!paths) return;
      layer.weights.forEach(function (row, o) {
        row.forEach(function (w, i) {
          var path = paths[o] && paths[o][i];
          if (!path) return;
          var t = Math.abs(w) / scale;
          path.style.stroke = css(w < 0 ? p.neg : p.pos);
          path.style.strokeWidth = (0.6 + 4.4 * t).toFixed(2);
          path.style.strokeOpacity = (0.25 + 0.75 * t).toFixed(2);
        });
      });
    });
  };

  // MARK: Tooltips with numbers

  view.tooltipFor = function (element) {
    var demo = view.demo, snapshot = demo.lastSnapshot;
    var kind = element.getAttribute("data-tip");
    var network = snapshot && snapshot.network;
    var inputName = function (layer, i) {
      if (layer === 0) return view.featureLabels[network.features[i]] || network.features[i];
      return "neuron " + (i + 1) + " of layer " + layer;
    };
    var targetName = function (layer, o) {
      return layer === network.layers.length - 1 ? "the output" + (network.layers[layer].outputs > 1 ? " (class " + o + ")" : "") : "neuron " + (o + 1) + " of layer " + (layer + 1);
    };
    if (kind === "edge") {
      if (!network) return "A weight; press Play or Step to see its value.";
      var l = Number(element.getAttribute("data-layer")), i = Number(element.getAttribute("data-from")), o = Number(element.getAttribute("data-to"));
      var layer = network.layers[l];
      if (!layer || !layer.weights[o]) return "";
      var w = layer.weights[o][i];
      return "Weight from " + inputName(l, i) + " to " + targetName(l, o) + ": " + fmt(w, 4);
    }
    if (kind === "neuron") {
      var li = Number(element.getAttribute("data-layer")), index = Number(element.getAttribute("data-index"));
      var isOutput = element.classList.contains("nn-output-node");
      if (!network || !network.layers[li]) return isOutput ? "The output: hover to see it in the large plot." : "A neuron: press Play or Step to see its weights.";
      var L = network.layers[li];
      var title = isOutput ? "Output (" + L.activation + ")" : "Layer " + (li + 1) + ", neuron " + (index + 1) + " (" + (view.activationLabel[L.activation] || L.activation) + ")";
      var dead = !isOutput && (snapshot.neurons || []).some(function (n) { return n.layer === li && n.index === index && n.inactive; });
      var weights = (L.weights[index] || []).map(function (w, k) { return inputName(li, k) + " " + fmt(w, 3); });
      if (weights.length > 8) weights = weights.slice(0, 8).concat(["…"]);
      return title + (dead ? ", dead: 0 on every training point" : "") + ". Bias " + fmt(L.biases[index], 3) + "; weights: " + weights.join(", ") + ".";
    }
    if (kind === "surface") return view.surfaceTip(demo, snapshot);
    return "";
  };

  view.surfaceTip = function (demo, snapshot) {
    if (!snapshot || !snapshot.output || !view.pointer || !view.plot) return "The network's output over the plane.";
    var plot = view.plot, box = snapshot.output.box;
    var fx = (view.pointer.x - plot.x) / plot.width, fy = (view.pointer.y - plot.y) / plot.height;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return "The network's output over the plane.";
    var x = box.xMin + fx * (box.xMax - box.xMin), y = box.yMax - fy * (box.yMax - box.yMin);
    var grid = snapshot.output.grid, n = grid.resolution;
    var col = Math.round(fx * (n - 1)), row = Math.round((1 - fy) * (n - 1));
    var v = grid.values[row * n + col];
    var where = view.originalText(demo, x, y);
    if (snapshot.output.kind === "probability") return where + ": P(class 1) = " + fmt(v, 3);
    if (snapshot.output.kind === "class") return where + ": class " + snapshot.output.classIndex[row * n + col] + " (probability " + fmt(v, 3) + ")";
    return where + ": prediction " + fmt(v, 3);
  };

  /// Plane coordinates as the learner knows them (an upload's own units).
  view.originalText = function (demo, x, y) {
    var t = demo.scene && demo.scene.transform;
    if (t) { x = x / t.scale[0] + t.center[0]; y = y / t.scale[1] + t.center[1]; }
    return "x₁ " + fmt(x, 3) + ", x₂ " + fmt(y, 3);
  };

  // MARK: Drawing a frame

  view.draw = function (demo, snapshot, scene) {
    var layers = snapshot && snapshot.network && snapshot.network.layers;
    var outputs = layers && layers.length ? layers[layers.length - 1].outputs : (view.outputCount || 1);
    if (outputs !== (view.outputCount || 1)) { view.outputCount = outputs; view.rebuildNetwork(demo); }
    view.drawOutput(demo, snapshot, scene);
    if (!snapshot) return;
    view.drawMetrics(demo, snapshot);
    if (snapshot.network) view.drawEdges(demo, snapshot);
    view.drawNeurons(demo, snapshot);
    view.drawLoss(demo, snapshot);
    view.drawConfusion(demo, snapshot);
  };

  view.neuronGrid = function (snapshot, layer, index) {
    var found = (snapshot.neurons || []).filter(function (n) { return n.layer === layer && n.index === index; })[0];
    return found || null;
  };

  view.drawNeurons = function (demo, snapshot) {
    var p = palette(demo);
    (snapshot.neurons || []).forEach(function (neuron) {
      var node = view.nodes["h" + neuron.layer + "-" + neuron.index];
      if (!node) return;
      node.classList.toggle("is-inactive", neuron.inactive);
      var g = neuron.grid, scale = Math.max(Math.abs(g.min), Math.abs(g.max), 1e-6);
      paintGrid(node.firstChild, g.resolution, function (k) { return neuron.inactive ? p.mid : diverging(p, g.values[k] / scale, 1); });
    });
    if (snapshot.output && view.nodes.out && (view.outputCount || 1) === 1) {
      var o = snapshot.output, n = o.grid.resolution, step = Math.max(1, Math.floor(n / 24));
      var small = Math.floor((n - 1) / step) + 1;
      paintGrid(view.nodes.out.firstChild, small, function (k) {
        var row = Math.floor(k / small) * step, col = (k % small) * step;
        return view.outputColor(demo, p, o, row * n + col, false);
      });
    }
  };

  /// The colour of output cell k.
  view.outputColor = function (demo, p, output, k, discrete) {
    var v = output.grid.values[k];
    if (output.kind === "probability") {
      var t = 2 * v - 1;
      return diverging(p, discrete ? (t < 0 ? -1 : 1) : t, discrete ? 0.42 : 0.55);
    }
    if (output.kind === "class") {
      var classes = (demo.scene && demo.scene.classes) || 3;
      var confidence = discrete ? 1 : Math.max(0, (v - 1 / classes) / (1 - 1 / classes));
      return mix(p.mid, p.classes[output.classIndex[k] % 5], 0.12 + 0.43 * confidence);
    }
    var scale = view.regressionScale || Math.max(Math.abs(output.grid.min), Math.abs(output.grid.max), 1e-6);
    var r = v / scale;
    return diverging(p, discrete ? Math.round(r * 4) / 4 : r, 0.6);
  };

  view.pointColor = function (demo, p, scene, target) {
    if (scene.task === "classification") {
      if (scene.classes === 2) return target >= 0.5 ? p.pos : p.neg;
      return p.classes[target % 5];
    }
    return diverging(p, target / (view.regressionScale || 1), 1);
  };

  view.drawOutput = function (demo, snapshot, scene) {
    var canvas = view.outputCanvas;
    var ratio = fitCanvas(canvas);
    var context = canvas.getContext("2d");
    var p = palette(demo);
    var width = canvas.width, height = canvas.height;
    context.clearRect(0, 0, width, height);
    var margin = { left: 30 * ratio, bottom: 22 * ratio, top: 4 * ratio, right: 4 * ratio };
    var plot = { x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
    view.plot = { x: plot.x / ratio, y: plot.y / ratio, width: plot.width / ratio, height: plot.height / ratio };
    var box = (snapshot && snapshot.output && snapshot.output.box) || (scene && scene.box) || { xMin: -6, xMax: 6, yMin: -6, yMax: 6 };

    // The surface: the output, or the neuron being hovered.
    var surface = view.surfaceCanvas || (view.surfaceCanvas = document.createElement("canvas"));
    var drewSurface = false;
    if (snapshot && snapshot.output) {
      var hovered = view.hovered && view.hovered !== "output" ? view.neuronGrid(snapshot, view.hovered.layer, view.hovered.index) : null;
      if (hovered) {
        var g = hovered.grid, scale = Math.max(Math.abs(g.min), Math.abs(g.max), 1e-6);
        paintGrid(surface, g.resolution, function (k) { return diverging(p, g.values[k] / scale, 0.85); });
        view.outputCaption.textContent = "Showing neuron " + (view.hovered.index + 1) + " of layer " + (view.hovered.layer + 1) + " (its activation over the plane, scaled to its own range).";
      } else {
        var output = snapshot.output, discrete = view.discretize.checked;
        paintGrid(surface, output.grid.resolution, function (k) { return view.outputColor(demo, p, output, k, discrete); });
        view.outputCaption.textContent = output.kind === "probability" ? "Shading: the predicted probability of the blue class; points: the training data."
          : output.kind === "class" ? "Shading: the predicted class, stronger where the network is more confident; points: the training data."
          : "Shading: the predicted value (blue above zero, orange below); points: the training data coloured by their value.";
      }
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = "high";
      context.drawImage(surface, plot.x, plot.y, plot.width, plot.height);
      drewSurface = true;
    }
    if (!drewSurface) {
      context.fillStyle = css(p.mid);
      context.fillRect(plot.x, plot.y, plot.width, plot.height);
    }

    var toX = function (x) { return plot.x + (x - box.xMin) / (box.xMax - box.xMin) * plot.width; };
    var toY = function (y) { return plot.y + (box.yMax - y) / (box.yMax - box.yMin) * plot.height; };

    // The points: training filled, test ringed (when shown).
    if (scene) {
      var radius = 3.2 * ratio;
      var drawPoints = function (points, test) {
        context.lineWidth = (test ? 1.4 : 1) * ratio;
        context.strokeStyle = test ? p.ink : p.outline;
        for (var i = 0; i < points.x1.length; i++) {
          context.beginPath();
          context.arc(toX(points.x1[i]), toY(points.x2[i]), radius, 0, 2 * Math.PI);
          context.fillStyle = css(view.pointColor(demo, p, scene, points.target[i]));
          context.fill();
          context.stroke();
        }
      };
      context.save();
      context.beginPath();
      context.rect(plot.x, plot.y, plot.width, plot.height);
      context.clip();
      drawPoints(scene.train, false);
      if (view.showTest.checked) drawPoints(scene.test, true);
      context.restore();
    }

    // Axes: a frame and ticks (in the file's units for an upload).
    context.strokeStyle = p.grid;
    context.lineWidth = 1 * ratio;
    context.strokeRect(plot.x, plot.y, plot.width, plot.height);
    context.fillStyle = p.muted;
    context.font = (11 * ratio) + "px system-ui, sans-serif";
    var transform = scene && scene.transform;
    var ticks = function (low, high) { var out = []; var step = (high - low) / 4; for (var t = 0; t <= 4; t++) out.push(low + t * step); return out; };
    context.textAlign = "center"; context.textBaseline = "top";
    ticks(box.xMin, box.xMax).forEach(function (x) {
      var label = transform ? x / transform.scale[0] + transform.center[0] : x;
      context.fillText(fmt(label, 2), toX(x), plot.y + plot.height + 4 * ratio);
    });
    context.textAlign = "right"; context.textBaseline = "middle";
    ticks(box.yMin, box.yMax).forEach(function (y) {
      var label = transform ? y / transform.scale[1] + transform.center[1] : y;
      context.fillText(fmt(label, 2), plot.x - 4 * ratio, toY(y));
    });
    view.drawLegend(demo, snapshot, scene);
  };

  view.drawLegend = function (demo, snapshot, scene) {
    var kind = snapshot && snapshot.output ? snapshot.output.kind : null;
    var key = kind + "|" + (scene ? scene.classes : "") + "|" + (view.themeVersion || 0);
    if (key === view.legendKey) return;
    view.legendKey = key;
    view.legend.textContent = "";
    var p = palette(demo);
    if (kind === "class" && scene) {
      for (var k = 0; k < scene.classes; k++) {
        view.legend.appendChild(h("span", { class: "nn-legend-item" }, [h("span", { class: "nn-swatch", style: "background:" + css(p.classes[k]) }), "class " + k]));
      }
      return;
    }
    var low = kind === "value" ? "negative" : "class 0", high = kind === "value" ? "positive" : "class 1";
    view.legend.appendChild(h("span", { class: "nn-legend-item" }, [h("span", { class: "nn-swatch", style: "background:" + css(p.neg) }), low]));
    view.legend.appendChild(h("span", { class: "nn-legend-bar", style: "background:linear-gradient(90deg," + css(diverging(p, -1, 0.55)) + "," + css(p.mid) + "," + css(diverging(p, 1, 0.55)) + ")" }));
    view.legend.appendChild(h("span", { class: "nn-legend-item" }, [h("span", { class: "nn-swatch", style: "background:" + css(p.pos) }), high]));
  };

  view.drawMetrics = function (demo, snapshot) {
    var rows = [["Test loss", snapshot.testLoss, "nn-test-loss"], ["Training loss", snapshot.trainLoss, "nn-train-loss"]];
    var m = snapshot.metrics || {};
    if (m.testAccuracy !== undefined) {
      rows.push(["Test accuracy", m.testAccuracy, "nn-test-accuracy", true], ["Training accuracy", m.trainAccuracy, "nn-train-accuracy", true]);
    } else if (m.testR2 !== undefined) {
      rows.push(["Test R²", m.testR2, "nn-test-r2"], ["Training R²", m.trainR2, "nn-train-r2"]);
    }
    if (!view.metricCells || view.metricCells.length !== rows.length || view.metricCells[2] && view.metricCells[2].className !== rows[2][2]) {
      view.metrics.textContent = "";
      view.metricCells = rows.map(function (row) {
        var cell = h("dd", { class: row[2] });
        view.metrics.appendChild(h("div", { class: "nn-metric" }, [h("dt", null, row[0]), cell]));
        return cell;
      });
    }
    rows.forEach(function (row, i) {
      var cell = view.metricCells[i], value = row[1];
      cell.textContent = row[3] ? (value === null || value === undefined ? "—" : (100 * value).toFixed(1) + " %") : fmt(value, 3);
      cell.setAttribute("data-value", value === null || value === undefined ? "" : String(value));
    });
    view.metrics.setAttribute("data-test-loss", String(snapshot.testLoss));
    view.metrics.setAttribute("data-train-loss", String(snapshot.trainLoss));
    view.banner.hidden = !snapshot.diverged;
    if (snapshot.diverged) view.banner.textContent = "Training diverged: the loss or a weight stopped being a finite number. Lower the learning rate, then press Reset.";
  };

  view.drawLoss = function (demo, snapshot) {
    var canvas = view.lossCanvas, history = snapshot.history;
    var ratio = fitCanvas(canvas), context = canvas.getContext("2d"), p = palette(demo);
    var width = canvas.width, height = canvas.height;
    context.clearRect(0, 0, width, height);
    if (!history || !history.epochs || !history.epochs.length) return;
    var pad = { left: 36 * ratio, right: 6 * ratio, top: 6 * ratio, bottom: 18 * ratio };
    var w = width - pad.left - pad.right, hgt = height - pad.top - pad.bottom;
    var finite = function (v) { return v !== null && isFinite(v); };
    var top = 0;
    history.train.concat(history.test).forEach(function (v) { if (finite(v)) top = Math.max(top, v); });
    if (!(top > 0)) top = 1;
    var lastEpoch = Math.max(1, history.epochs[history.epochs.length - 1]);
    var toX = function (e) { return pad.left + e / lastEpoch * w; };
    var toY = function (v) { return pad.top + (1 - Math.min(v, top) / top) * hgt; };
    var bottomLabel = "0";
    if (view.lossLog && view.lossLog.checked) {
      // From the smallest positive loss (at most eight decades below the largest) up to the largest.
      var low = top;
      history.train.concat(history.test).forEach(function (v) { if (finite(v) && v > 0) low = Math.min(low, v); });
      var high = Math.log10(top), floor = Math.min(Math.floor(Math.log10(Math.max(low, top * 1e-8))), high - 1);
      toY = function (v) { return pad.top + (high - Math.max(floor, Math.log10(Math.max(v, 1e-300)))) / (high - floor) * hgt; };
      bottomLabel = "1e" + floor;
    }
    canvas.setAttribute("data-scale", view.lossLog && view.lossLog.checked ? "log" : "linear");
    canvas.setAttribute("aria-label", "Training and test loss against the epoch" + (view.lossLog && view.lossLog.checked ? ", on a logarithmic scale" : ""));
    canvas.setAttribute("data-bottom", bottomLabel === "0" ? "0" : String(Math.pow(10, floor)));
    context.strokeStyle = p.grid; context.lineWidth = ratio;
    context.beginPath(); context.moveTo(pad.left, pad.top); context.lineTo(pad.left, pad.top + hgt); context.lineTo(pad.left + w, pad.top + hgt); context.stroke();
    context.fillStyle = p.muted; context.font = (10.5 * ratio) + "px system-ui, sans-serif";
    context.textAlign = "right"; context.textBaseline = "top"; context.fillText(fmt(top, 2), pad.left - 4 * ratio, pad.top);
    context.textBaseline = "bottom"; context.fillText(bottomLabel, pad.left - 4 * ratio, pad.top + hgt);
    context.textAlign = "right"; context.textBaseline = "top"; context.fillText("epoch " + lastEpoch, pad.left + w, pad.top + hgt + 3 * ratio);
    var line = function (values, color, dash, widthFactor) {
      context.strokeStyle = color; context.lineWidth = widthFactor * ratio; context.setLineDash(dash.map(function (d) { return d * ratio; }));
      context.beginPath();
      var drawing = false;
      values.forEach(function (v, i) {
        if (!finite(v)) { drawing = false; return; }
        var x = toX(history.epochs[i]), y = toY(v);
        if (drawing) context.lineTo(x, y); else context.moveTo(x, y);
        drawing = true;
      });
      context.stroke();
      context.setLineDash([]);
    };
    line(history.train, p.train, [4, 3], 1.6);
    line(history.test, p.test, [], 2);
  };

  view.drawConfusion = function (demo, snapshot) {
    var matrix = snapshot.confusion;
    var key = matrix ? JSON.stringify(matrix) : "";
    if (key === view.confusionKey) return;
    view.confusionKey = key;
    view.confusion.textContent = "";
    if (!matrix || !matrix.length) return;
    var classes = matrix.length;
    var head = h("tr", null, [h("td", { class: "nn-confusion-corner" }, "actual ↓ / predicted →")].concat(matrix.map(function (_, j) { return h("th", { scope: "col" }, String(j)); })));
    var rows = matrix.map(function (row, i) {
      var total = row.reduce(function (a, b) { return a + b; }, 0) || 1;
      return h("tr", null, [h("th", { scope: "row" }, String(i))].concat(row.map(function (count, j) {
        var share = count / total;
        return h("td", { class: i === j ? "is-diagonal" : null,
          style: "background:color-mix(in srgb, var(--demo-matrix) " + Math.round(55 * share) + "%, var(--bg))" }, String(count));
      })));
    });
    view.confusion.appendChild(h("h3", { class: "nn-subheading" }, "Confusion matrix (test points)"));
    view.confusion.appendChild(h("table", { class: "nn-confusion-table", "aria-label": "Confusion matrix of the " + classes + " classes on the test points" },
      [h("thead", null, head), h("tbody", null, rows)]));
  };

  M.views["nn-simulator"] = view;
  if (document.readyState !== "loading") M.start();
})();
