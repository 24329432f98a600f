// Presenter mode and the projector's Fit: steps through the stages so that what is shown always
// fits the screen whole, with box text between MIN_TEXT and MAX_TEXT pixels; the keys a
// presentation clicker sends; B blanks the screen; clicking a box shows its trace alone.
(function () {
  "use strict";

  var page = window.logicmodelPage;
  if (!page) return;
  var svg = page.svg, stage = page.stage, data = page.data, hooks = page.hooks;
  var root = document.documentElement;
  var stepLabel = document.getElementById("lm-step");
  var MIN_TEXT = 18, MAX_TEXT = 34;  // a line of box text on screen, in pixels, with a margin:
  // the browser rounds a line's height, so a zoom measured on one scale lands a pixel off on another
  var MARGIN = 24;  // pixels of screen kept clear around what a step shows
  var LABEL_BAND = 70;  // the foot of the screen, where the step's label sits
  var stageNames = { focus: "Partnership focus", inputs: "Inputs", activities: "Activities",
    outputs: "Outputs", interim: "Interim outcomes", intermediate: "Intermediate outcomes",
    ultimate: "Ultimate outcomes" };
  var contributionStages = { inputs: true, activities: true, outputs: true };

  var presenting = null;  // { steps, step, theme, trace }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Every box on show: Graphviz's layout has no focus box; a draft may lack stages.
  function drawnBoxes() {
    return Array.prototype.slice.call(svg.querySelectorAll(".el[data-stage]"));
  }

  // The tallest and shortest line of a box's text, in the diagram's units: what a zoom
  // multiplies into pixels on the screen.
  function lineHeights(box) {
    var scale = svg.getScreenCTM().a;
    var lines = box.querySelectorAll("tspan");
    if (!lines.length) lines = box.querySelectorAll("text");
    var low = Infinity, high = 0;
    each(lines, function (line) {
      var h = line.getBoundingClientRect().height / scale;
      if (h > 0) { low = Math.min(low, h); high = Math.max(high, h); }
    });
    return low === Infinity ? null : { low: low, high: high };
  }

  function union(nodes) {
    var box = null;
    nodes.forEach(function (node) {
      var b = page.boxOf(node);
      if (!box) { box = { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height }; return; }
      box.x = Math.min(box.x, b.x); box.y = Math.min(box.y, b.y);
      box.r = Math.max(box.r, b.x + b.width); box.b = Math.max(box.b, b.y + b.height);
    });
    return box;
  }

  // Where the screen shows a step: the whole stage less the band for the step's label.
  function screen() {
    return { width: stage.clientWidth, height: Math.max(1, stage.clientHeight - LABEL_BAND) };
  }

  // The zoom (pixels per unit) at which a set of boxes and headings fills the screen, at most
  // as large as keeps its text under MAX_TEXT; and whether its text is then MIN_TEXT or more.
  function framing(nodes, lines) {
    var area = union(nodes);
    var room = screen();
    var scale = Math.min((room.width - 2 * MARGIN) / Math.max(1, area.r - area.x),
                         (room.height - 2 * MARGIN) / Math.max(1, area.b - area.y));
    if (lines) scale = Math.min(scale, MAX_TEXT / lines.high);
    return { area: area, scale: scale, readable: !lines || scale * lines.low >= MIN_TEXT };
  }

  function linesOf(boxes) {
    var found = null;
    boxes.forEach(function (box) {
      var h = lineHeights(box);
      if (!h) return;
      if (!found) { found = { low: h.low, high: h.high }; return; }
      found.low = Math.min(found.low, h.low); found.high = Math.max(found.high, h.high);
    });
    return found;
  }

  function show(frame) {
    var room = screen();
    var width = stage.clientWidth / frame.scale, height = stage.clientHeight / frame.scale;
    var cx = (frame.area.x + frame.area.r) / 2;
    var cy = (frame.area.y + frame.area.b) / 2;
    page.setView([cx - width / 2, cy - room.height / frame.scale / 2, width, height]);
  }


  // ------------------------------------------------------------ the steps

  // One part per stage, or several where a stage's column is too tall to read whole: the
  // column's boxes top to bottom in as few runs of even length as each fits readably.
  function parts() {
    var found = [];
    data.reveal.forEach(function (name) {
      var boxes = drawnBoxes().filter(function (box) { return box.dataset.stage === name; });
      if (!boxes.length) return;
      boxes.sort(function (a, b) { return page.boxOf(a).y - page.boxOf(b).y; });
      var runs = 1;
      while (runs < boxes.length && !evenRuns(boxes, runs).every(readable)) runs += 1;
      evenRuns(boxes, runs).forEach(function (run, k) {
        found.push({ stage: name, boxes: run, part: k });
      });
    });
    return found;
  }

  function evenRuns(boxes, count) {
    var runs = [];
    for (var k = 0; k < count; k++) {
      runs.push(boxes.slice(Math.round(k * boxes.length / count),
                            Math.round((k + 1) * boxes.length / count)));
    }
    return runs;
  }

  function readable(boxes) { return framing(boxes, linesOf(boxes)).readable; }

  // A step shows its part and as many parts before it as still fit readably.
  function shownAt(steps, k) {
    var from = k;
    while (from > 0 && fits(steps.slice(from - 1, k + 1))) from -= 1;
    return steps.slice(from, k + 1);
  }

  // What a step frames: its boxes. The stages' headings show where they fall on the screen;
  // the step's label names the stage in any case.
  function nodesOf(shown) { return boxesOf(shown); }

  function boxesOf(shown) {
    return shown.reduce(function (all, part) { return all.concat(part.boxes); }, []);
  }

  function fits(shown) { return framing(nodesOf(shown), linesOf(boxesOf(shown))).readable; }

  // Hide everything but the given boxes, their stages' headings, the lanes while a
  // contribution shows, and the links between boxes shown.
  function showOnly(boxes, stages) {
    var on = {};
    boxes.forEach(function (box) { on[box.id] = true; });
    each(svg.querySelectorAll(".el[data-stage]"), function (box) {
      box.classList.toggle("hidden-step", !on[box.id]);
    });
    var lanes = stages.some(function (name) { return contributionStages[name]; });
    each(svg.querySelectorAll("[data-stage]:not(.el)"), function (node) {
      var wanted = node.classList.contains("lanes") ? lanes : stages.indexOf(node.dataset.stage) >= 0;
      node.classList.toggle("hidden-step", !wanted);
    });
    data.links.forEach(function (link, k) {
      var line = page.links[k];
      if (!line) return;
      var ends = [page.boxes[link[0]], page.boxes[link[1]]];
      line.classList.toggle("hidden-step", !ends.every(function (box) { return box && on[box.id]; }));
    });
  }

  function reveal(k) {
    var steps = presenting.steps;
    presenting.step = k;
    presenting.trace = false;
    root.classList.remove("presenting-trace");
    var shown = shownAt(steps, k);
    var stages = shown.map(function (part) { return part.stage; });
    showOnly(boxesOf(shown), stages);
    var part = steps[k];
    label((k + 1) + " / " + steps.length + ": " + stageNames[part.stage] +
          (part.part ? " (continued)" : ""));
    show(framing(nodesOf(shown), linesOf(boxesOf(shown))));
  }

  function label(text) {
    stepLabel.hidden = false;
    stepLabel.textContent = text;
  }

  // Fit while presenting: everything revealed so far, whole, however small.
  function overview() {
    var steps = presenting.steps;
    var shown = steps.slice(0, presenting.step + 1);
    showOnly(boxesOf(shown), shown.map(function (part) { return part.stage; }));
    var frame = framing(nodesOf(shown), null);
    show(frame);
    label((presenting.step + 1) + " / " + steps.length + ": everything so far");
  }

  // The trace of a clicked box on its own: what feeds an outcome, or what a contribution feeds.
  function showTrace(i) {
    var lit = Array.prototype.slice.call(svg.querySelectorAll(".el.lit"));
    if (!lit.length) return;
    presenting.trace = true;
    root.classList.add("presenting-trace");
    var stages = [];
    lit.forEach(function (box) { if (stages.indexOf(box.dataset.stage) < 0) stages.push(box.dataset.stage); });
    showOnly(lit, stages);
    show(framing(lit, linesOf(lit)));
    label("What " + (data.elements[i].trace_class !== undefined ? "feeds " : "comes of ") + data.elements[i].label +
          " (Escape or a click beside it: back)");
  }

  function back() {
    page.clearSelection(false);
    reveal(presenting.step);
  }

  // ------------------------------------------------------------ starting, stopping, keys

  function present() {
    if (presenting) return;
    presenting = { steps: [], step: 0, theme: page.theme(), trace: false };
    root.classList.add("presenting");
    page.clearSelection(false);
    page.setTheme("projector");
    if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
    presenting.steps = parts();
    if (!presenting.steps.length) { stopPresenting(); return; }
    reveal(0);
  }

  function stopPresenting() {
    if (!presenting) return;
    root.classList.remove("presenting", "presenting-trace", "blanked");
    page.setTheme(presenting.theme);
    presenting = null;
    each(svg.querySelectorAll(".hidden-step"), function (node) { node.classList.remove("hidden-step"); });
    stepLabel.hidden = true;
    page.clearSelection();
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    fitPage();
  }

  var FORWARD = ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"];
  var BACKWARD = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  function presentKey(event) {
    var key = event.key;
    var last = presenting.steps.length - 1;
    var act = null;
    if (key === "b" || key === "B" || key === ".") {
      act = function () { root.classList.toggle("blanked"); };
    } else if (root.classList.contains("blanked")) {
      // Any other key a clicker sends brings the picture back first, where it was.
      act = function () { root.classList.remove("blanked"); };
    } else if (FORWARD.indexOf(key) >= 0) {
      act = function () { if (presenting.trace) back(); else if (presenting.step < last) reveal(presenting.step + 1); };
    } else if (BACKWARD.indexOf(key) >= 0) {
      act = function () { if (presenting.trace) back(); else if (presenting.step > 0) reveal(presenting.step - 1); };
    } else if (key === "Home") {
      act = function () { reveal(0); };
    } else if (key === "End") {
      act = function () { reveal(last); };
    } else if (key === "0") {
      act = overview;
    }
    if (!act) return;
    event.preventDefault();
    act();
  }

  // A click on a box while presenting: page.js has lit its trace; show that alone. A click
  // beside the boxes goes back to the step.
  svg.addEventListener("click", function (event) {
    if (!presenting) return;
    var chosen = page.selected();
    if (chosen !== null && event.target.closest(".el")) showTrace(chosen);
    else if (presenting.trace) back();
  });

  // ------------------------------------------------------------ the projector's Fit

  // The projector theme's Fit frames the drawing itself (the bar above names the model), so
  // the picture fills the screen; other themes show the whole page's picture.
  function fitPage() {
    if (page.theme() !== "projector") return false;
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(
      ".el, .header, .lanes, .legend, .divider"));
    if (!nodes.length) return false;
    var area = union(nodes);
    var pad = 12;
    var scale = Math.min((stage.clientWidth - 2 * pad) / (area.r - area.x),
                         (stage.clientHeight - 2 * pad) / (area.b - area.y));
    var width = stage.clientWidth / scale, height = stage.clientHeight / scale;
    page.setView([(area.x + area.r) / 2 - width / 2, area.y - pad / scale, width, height]);
    return true;
  }

  hooks.presenting = function () { return presenting !== null; };
  // A new version swapped in (live.js): its parts re-read, the step shown at the same view.
  hooks.redrawn = function () {
    data = page.data;
    if (presenting === null) return;
    var kept = page.view ? page.view() : null;
    presenting.steps = parts();
    reveal(Math.min(presenting.step, presenting.steps.length - 1));
    if (kept) page.setView(kept);
  };
  hooks.present = present;
  hooks.stopPresenting = stopPresenting;
  hooks.presentKey = presentKey;
  hooks.fit = function () {
    if (presenting) { overview(); return true; }
    return fitPage();
  };
  if (page.theme() === "projector") fitPage();
}());
