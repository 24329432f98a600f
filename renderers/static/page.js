// The interactive page: trace by clicking, partners and what-ifs, presenter mode, pan and zoom.
// Every fact shown comes from the JSON the page was written with; this script only looks
// them up and switches classes. User text is only ever set through textContent.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("lm-data").textContent);
  var svg = document.getElementById("lm-diagram");
  var stage = document.getElementById("lm-stage");
  var panel = document.getElementById("lm-panel");
  var hint = panel.innerHTML;  // the page's own words, written by Python, never user text
  var root = document.documentElement;
  var elements, boxes, links, feeders, fed, byId, partnerNames, readings;
  // Reads the data and the drawing: at the start, and again when live.js swaps a new version
  // of the model in (the drawing's ids are the same each time: el-N, ln-K).
  function index() {
    elements = data.elements;
    boxes = elements.map(function (_, i) { return document.getElementById("el-" + i); });
    links = data.links.map(function (_, k) { return document.getElementById("ln-" + k); });
    feeders = elements.map(function () { return []; });
    fed = elements.map(function () { return []; });
    data.links.forEach(function (link) {
      feeders[link[1]].push(link[0]);
      fed[link[0]].push(link[1]);
    });
    // Graphviz's layout numbers its nodes but cannot write data attributes: add them here.
    boxes.forEach(function (box, i) {
      if (!box || box.dataset.i !== undefined) return;
      box.dataset.i = i;
      box.dataset.id = elements[i].id;
      box.dataset.stage = elements[i].stage;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "button");
      // Graphviz writes each line as its own <text>: a trailing space keeps a screen reader's
      // words apart, and the name is the text as drawn, then what the colour means.
      var lines = Array.prototype.slice.call(box.querySelectorAll("text"));
      lines.forEach(function (line, n) { if (n < lines.length - 1) line.textContent += " "; });
      var drawn = lines.map(function (line) { return line.textContent.trim(); }).join(" ");
      box.setAttribute("aria-label", (drawn || elements[i].label) + " (" + data.kind_words[elements[i].kind] + ")");
      box.classList.add("kind-" + elements[i].kind);
    });
    byId = {};
    elements.forEach(function (element, i) {
      byId[element.id] = i;
      if (element.trace_class !== undefined && boxes[i]) boxes[i].classList.add("outcome-el");
    });
    partnerNames = {};
    data.partners.forEach(function (p) { partnerNames[p.id] = p.name; });
    // Each partner's what-if under each assumption, as `logicmodel whatif --joint-work` gives
    // it; a served page has them only once asked for (live.js), null until then.
    readings = { continues: data.whatif, stops: data.whatif_stops };
  }
  index();

  // joint: what becomes of a leaving partner's joint work ("continues" or "stops").
  var state = { selected: null, partner: "", leave: false, joint: "continues", nocollab: false };
  var hooks = {};  // the editor's, when the page edits (editor.js)

  // ------------------------------------------------------------ small helpers

  function make(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function reach(start, next) {
    var seen = {};
    var todo = [start];
    seen[start] = true;
    while (todo.length) {
      var here = todo.pop();
      next[here].forEach(function (other) {
        if (!seen[other]) { seen[other] = true; todo.push(other); }
      });
    }
    return seen;
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function clearClasses(names) {
    names.forEach(function (name) {
      each(svg.querySelectorAll("." + name), function (node) { node.classList.remove(name); });
    });
  }

  function facts(pairs) {
    var dl = make("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === undefined || pair[1] === null || pair[1] === "") return;
      dl.appendChild(make("dt", pair[0]));
      dl.appendChild(make("dd", pair[1]));
    });
    return dl;
  }

  function list(items) {
    var ul = make("ul");
    items.forEach(function (item) { ul.appendChild(make("li", item)); });
    return ul;
  }

  function describe(i) { return elements[i].label + " (" + elements[i].id + ")"; }

  // ------------------------------------------------------------ tracing

  function select(i) {
    clearSelection(false);
    state.selected = i;
    var element = elements[i];
    var outcome = element.trace_class !== undefined;
    var lit = reach(i, outcome ? feeders : fed);
    svg.classList.add("tracing");
    Object.keys(lit).forEach(function (j) { if (boxes[j]) boxes[j].classList.add("lit"); });
    data.links.forEach(function (link, k) {
      if (lit[link[0]] && lit[link[1]] && links[k]) links[k].classList.add("lit");
    });
    boxes[i].classList.add("selected");
    if (outcome) {
      element.critical.forEach(function (j) { boxes[j].classList.add("critical"); });
    }
    showElement(i, lit);
  }

  function clearSelection(resetPanel) {
    state.selected = null;
    svg.classList.remove("tracing");
    clearClasses(["lit", "selected", "critical"]);
    if (resetPanel !== false) showScenario();
  }

  function showElement(i, lit) {
    var element = elements[i];
    panel.textContent = "";
    panel.appendChild(make("h2", element.label));
    var count = Object.keys(lit).length - 1;
    var scenario = currentScenario();
    if (scenario && scenario.outcomes[i]) {
      var after = scenario.outcomes[i];
      panel.appendChild(make("h2", scenario.summary.split(":")[0]));
      panel.appendChild(facts([
        ["Class then", after[2]],
        ["Loses", after[1] || "nothing"]
      ]));
      panel.appendChild(make("h2", "As the model stands"));
    }
    if (element.trace_class !== undefined) {
      panel.appendChild(facts([
        ["Id", element.id],
        ["Stage", element.stage],
        ["Class", element.trace_class],
        ["Collaborative share", element.share + " of " + element.paths +
          (element.paths === 1 ? " supporting path" : " supporting paths")],
        ["Lost without collaboration", element.lost ? "yes" : "no"],
        ["Partners alone", element.alone.join(", ") || "none"],
        ["Partners jointly", element.joint.join(", ") || "none"],
        ["Fed by", count + (count === 1 ? " element" : " elements")],
        ["Gain", element.gain]
      ]));
      if (element.critical.length) {
        panel.appendChild(make("h2", "Critical collaborative elements"));
        panel.appendChild(list(element.critical.map(describe)));
      }
      if (element.indicators.length) {
        panel.appendChild(make("h2", "Indicators"));
        element.indicators.forEach(function (ind) {
          panel.appendChild(facts([
            ["Indicator", ind.name], ["Unit", ind.unit], ["Latest", ind.latest],
            ["Target alone", ind.target_alone], ["Target together", ind.target_together]
          ]));
        });
      }
    } else {
      var outcomes = Object.keys(lit).filter(function (j) {
        return j != i && elements[j].trace_class !== undefined;
      });
      panel.appendChild(facts([
        ["Id", element.id],
        ["Stage", element.stage],
        ["By", element.by.join(", ")],
        ["Collaborative", element.collaborative ? "yes" : "no"],
        ["Feeds", count + (count === 1 ? " element" : " elements") + ", " + outcomes.length +
          (outcomes.length === 1 ? " outcome" : " outcomes")]
      ]));
      if (outcomes.length) {
        panel.appendChild(make("h2", "Outcomes it feeds"));
        panel.appendChild(list(outcomes.map(describe)));
      }
    }
    // The encoder's caveats and where the element comes from, as the file gives them.
    if (element.notes) { panel.appendChild(make("h2", "Notes")); panel.appendChild(make("p", element.notes)); }
    if (element.source) { panel.appendChild(make("h2", "Source")); panel.appendChild(make("p", element.source)); }
    panel.appendChild(make("p", "Escape clears.", "hint"));
    if (hooks.element) hooks.element(i);
  }

  // ------------------------------------------------------------ partners and what-if

  var partnerSelect = document.getElementById("lm-partner");
  var leaveBox = document.getElementById("lm-leave");
  var nocollabBox = document.getElementById("lm-nocollab");
  var jointSwitch = document.getElementById("lm-joint");
  var jointRadios = jointSwitch.querySelectorAll("input[name=lm-joint]");
  // Calls `then` once the partners' what-ifs are here if a partner's leaving is shown: a
  // served page asks for them when first wanted (live.js).
  function withReadings(then) {
    if (readings.continues || !hooks.whatifs || !(state.partner && state.leave)) then();
    else hooks.whatifs(function (got) {
      data.whatif = got.whatif; data.whatif_stops = got.whatif_stops;
      readings = { continues: got.whatif, stops: got.whatif_stops };
      then();
    });
  }

  function applyScenario(quiet) {  // quiet: the panel is left as it is
    clearClasses(["mine", "as-green", "as-red", "as-split", "as-unsupported", "changed", "gone"]);
    svg.classList.remove("partnering");
    var partner = state.partner;
    leaveBox.disabled = !partner;
    if (!partner) state.leave = false;
    leaveBox.checked = state.leave;
    jointSwitch.disabled = !state.leave;
    Array.prototype.forEach.call(jointRadios, function (radio) {
      radio.checked = radio.value === state.joint;
    });
    nocollabBox.checked = state.nocollab;
    if (partner && !state.leave) {
      svg.classList.add("partnering");
      elements.forEach(function (element, i) {
        if (element.partners && element.partners.indexOf(partner) >= 0) {
          boxes[i].classList.add("mine");
        }
      });
      data.links.forEach(function (link, k) {
        if (boxes[link[0]].classList.contains("mine") && links[k]) links[k].classList.add("mine");
      });
    }
    var scenario = currentScenario();
    if (scenario) {
      Object.keys(scenario.outcomes).forEach(function (i) {
        var after = scenario.outcomes[i];
        boxes[i].classList.add("as-" + after[0]);
        if (after[1]) boxes[i].classList.add("changed");
      });
      Object.keys(scenario.contributions).forEach(function (i) {
        var fate = scenario.contributions[i];
        boxes[i].classList.add(fate === "gone" ? "gone" : "as-" + fate);
      });
      data.links.forEach(function (link, k) {
        var fate = scenario.contributions[link[0]] || scenario.contributions[link[1]];
        if (links[k] && (fate === "gone" || (link[2] === "enhances" && fate))) {
          links[k].classList.add("gone");
        }
      });
    }
    if (state.selected === null && !quiet) showScenario();
  }

  function currentScenario() {
    if (state.nocollab) return data.without_collaboration;
    if (state.partner && state.leave && readings[state.joint]) return readings[state.joint][state.partner];
    return null;
  }

  function showScenario() {
    var scenario = currentScenario();
    if (!scenario && !state.partner) {
      panel.innerHTML = hint;
      if (hooks.idle) hooks.idle();
      return;
    }
    panel.textContent = "";
    if (state.partner && !scenario) {
      var own = [], joint = [];
      elements.forEach(function (element, i) {
        if (!element.partners || element.partners.indexOf(state.partner) < 0) return;
        (element.partners.length === 1 ? own : joint).push(describe(i));
      });
      panel.appendChild(make("h2", partnerNames[state.partner]));
      panel.appendChild(facts([["Own contributions", String(own.length)],
                               ["Joint contributions", String(joint.length)]]));
      if (own.length) { panel.appendChild(make("h2", "On its own")); panel.appendChild(list(own)); }
      if (joint.length) { panel.appendChild(make("h2", "With others")); panel.appendChild(list(joint)); }
      panel.appendChild(make("p", "Tick \u201cif this partner left\u201d to see what would be lost.", "hint"));
      return;
    }
    panel.appendChild(make("h2", scenario.summary));
    if (!state.nocollab && readings.continues) {
      var other = state.joint === "stops" ? "continues" : "stops";
      panel.appendChild(make("p", "The other reading (switch \u201cand their joint work\u201d): " +
                                  readings[other][state.partner].summary + ".", "other"));
    }
    var losses = Object.keys(scenario.outcomes).filter(function (i) { return scenario.outcomes[i][1]; });
    if (!losses.length) {
      panel.appendChild(make("p", "No outcome loses anything."));
    } else {
      panel.appendChild(list(losses.map(function (i) {
        return describe(i) + ": loses " + scenario.outcomes[i][1];
      })));
    }
  }

  partnerSelect.addEventListener("change", function () {
    partnerSelect.blur();  // so that P, the arrows and Escape act on the diagram again
    state.partner = partnerSelect.value;
    if (state.partner) state.nocollab = false;
    applyScenario();
  });
  leaveBox.addEventListener("change", function () {
    state.leave = leaveBox.checked;
    if (state.leave) state.nocollab = false;
    withReadings(applyScenario);
  });
  Array.prototype.forEach.call(jointRadios, function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) state.joint = radio.value;
      applyScenario();
    });
  });
  nocollabBox.addEventListener("change", function () {
    state.nocollab = nocollabBox.checked;
    if (state.nocollab) state.leave = false;
    applyScenario();
  });

  // ------------------------------------------------------------ themes

  var themeSelect = document.getElementById("lm-theme");
  function setTheme(name) {
    root.className = root.className.replace(/\btheme-\S+/, "").trim();
    root.classList.add("theme-" + name);
    themeSelect.value = name;
  }
  themeSelect.addEventListener("change", function () {
    themeSelect.blur();
    setTheme(themeSelect.value);
  });

  // ------------------------------------------------------------ pan and zoom

  var home = svg.getAttribute("viewBox").split(" ").map(Number);
  var view = home.slice();
  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", v.map(function (n) { return n.toFixed(1); }).join(" "));
  }
  function fit(box) { setView(box ? [box.x, box.y, box.width, box.height] : home.slice()); }
  function svgPoint(clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX; point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(factor, cx, cy) {
    var w = view[2] * factor, h = view[3] * factor;
    if (w < home[2] / 40 || w > home[2] * 8) return;
    if (cx === undefined) { cx = view[0] + view[2] / 2; cy = view[1] + view[3] / 2; }
    setView([cx - (cx - view[0]) * factor, cy - (cy - view[1]) * factor, w, h]);
  }
  function pan(dx, dy) { setView([view[0] + dx * view[2], view[1] + dy * view[3], view[2], view[3]]); }
  // A node's box in the diagram's own units, through any transform between (Graphviz's).
  function boxOf(node) {
    var b = node.getBBox();
    var toSvg = svg.getScreenCTM().inverse().multiply(node.getScreenCTM());
    var corners = [[b.x, b.y], [b.x + b.width, b.y + b.height]].map(function (c) {
      var point = svg.createSVGPoint();
      point.x = c[0]; point.y = c[1];
      return point.matrixTransform(toSvg);
    });
    return { x: corners[0].x, y: corners[0].y, width: corners[1].x - corners[0].x,
             height: corners[1].y - corners[0].y };
  }

  function centreOn(i) {
    // Close enough to read the box and its neighbours, never further out than now.
    var box = boxOf(boxes[i]);
    var w = Math.min(view[2], home[2] / 2.5, Math.max(box.width * 4, home[2] / 8));
    var h = w * view[3] / view[2];
    setView([box.x + box.width / 2 - w / 2, box.y + box.height / 2 - h / 2, w, h]);
  }

  stage.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = svgPoint(event.clientX, event.clientY);
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });

  var drag = null;
  stage.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) return;
    if (hooks.pointerdown && hooks.pointerdown(event)) return;
    drag = { x: event.clientX, y: event.clientY, view: view.slice(), moved: false };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    drag.moved = true;
    stage.classList.add("dragging");
    var scale = drag.view[2] / stage.clientWidth;
    var scaleY = drag.view[3] / stage.clientHeight;
    var s = Math.max(scale, scaleY);  // the viewBox keeps its aspect: one unit per pixel
    setView([drag.view[0] - dx * s, drag.view[1] - dy * s, drag.view[2], drag.view[3]]);
  });
  window.addEventListener("pointerup", function () {
    stage.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });

  svg.addEventListener("click", function (event) {
    if (drag && drag.moved) return;
    var add = event.target.closest(".add");
    if (add) { if (hooks.add) hooks.add(add.dataset.stage, add.dataset.partners); return; }
    var box = event.target.closest(".el");
    if (box && box.dataset.i !== undefined) select(Number(box.dataset.i));
    else if (!box) clearSelection();
  });
  svg.addEventListener("keydown", function (event) {
    var add = event.target.closest && event.target.closest(".add");
    if (add && hooks.add && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      hooks.add(add.dataset.stage, add.dataset.partners);
      return;
    }
    var box = event.target.closest && event.target.closest(".el");
    // While presenting, Enter and space are a clicker's "next", not a box's.
    if (box && box.dataset.i !== undefined && !isPresenting() && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(Number(box.dataset.i));
      return;
    }
    if (!box || box.dataset.i === undefined || isPresenting() || event.altKey || event.ctrlKey || event.metaKey) return;
    var next = along(Number(box.dataset.i), event.key);
    if (next === undefined) return;
    // The arrows walk the model, not the view, while a box has the focus.
    event.preventDefault();
    event.stopPropagation();
    if (next !== null) moveFocus(next);
  });

  // From a focused box: Right to what it leads to, Left to what feeds it, Down and Up to the
  // next box of its column. null when there is nowhere to go that way; undefined for other keys.
  function along(i, key) {
    if (key === "ArrowRight") return fed[i].length ? fed[i][0] : null;
    if (key === "ArrowLeft") return feeders[i].length ? feeders[i][0] : null;
    if (key !== "ArrowDown" && key !== "ArrowUp") return undefined;
    var column = [];
    elements.forEach(function (element, k) {
      if (element.stage === elements[i].stage && boxes[k]) column.push(k);
    });
    column.sort(function (a, b) { return boxOf(boxes[a]).y - boxOf(boxes[b]).y || a - b; });
    var at = column.indexOf(i) + (key === "ArrowDown" ? 1 : -1);
    return at >= 0 && at < column.length ? column[at] : null;
  }

  function moveFocus(i) {
    var box = boxOf(boxes[i]);
    var inside = box.x >= view[0] && box.y >= view[1] &&
      box.x + box.width <= view[0] + view[2] && box.y + box.height <= view[1] + view[3];
    if (!inside) centreOn(i);
    boxes[i].focus();
  }

  // Fit: presenter.js frames what is shown while presenting, and the projector's whole picture.
  function fitAll() { if (!(hooks.fit && hooks.fit())) fit(); }
  document.getElementById("lm-fit").addEventListener("click", function () { fitAll(); });
  document.getElementById("lm-print").addEventListener("click", function () { window.print(); });

  // The model as text: lists in place of the picture, for a screen reader or a printout.
  var textVersion = document.getElementById("lm-text");
  var textButton = document.getElementById("lm-text-button");
  var mainArea = document.querySelector("main");
  function showText(on) {
    textVersion.hidden = !on;
    mainArea.hidden = on;
    textButton.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) textVersion.querySelector("section").focus();
  }
  textButton.addEventListener("click", function () { showText(textVersion.hidden); });
  document.getElementById("lm-skip").addEventListener("click", function (event) {
    event.preventDefault();
    showText(true);
  });

  // ------------------------------------------------------------ presenter mode (presenter.js)

  function isPresenting() { return hooks.presenting ? hooks.presenting() : false; }
  function present() { if (hooks.present) hooks.present(); }
  document.getElementById("lm-present").addEventListener("click", present);

  // ------------------------------------------------------------ search

  var search = document.getElementById("lm-search");
  var results = document.getElementById("lm-results");

  function folded(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFKC").toLowerCase();
  }

  function matches(query) {
    var q = folded(query).trim();
    if (!q) return [];
    var found = [];
    elements.forEach(function (element, i) {
      if (folded(element.label).indexOf(q) >= 0 || folded(element.id).indexOf(q) >= 0) found.push(i);
    });
    return found;
  }

  function go(i) {
    results.hidden = true;
    select(i);
    centreOn(i);
    boxes[i].focus();
  }

  search.addEventListener("input", function () {
    results.textContent = "";
    var found = matches(search.value);
    results.hidden = !search.value.trim();
    if (!found.length) { results.appendChild(make("li", "Nothing matches")); return; }
    found.slice(0, 30).forEach(function (i) {
      var item = make("li", elements[i].label);
      item.appendChild(make("small", elements[i].id + " \u00b7 " + elements[i].stage));
      item.setAttribute("role", "option");
      item.tabIndex = 0;
      item.dataset.i = i;
      results.appendChild(item);
    });
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = matches(search.value);
      if (found.length) go(found[0]);
    } else if (event.key === "ArrowDown" && results.firstChild) {
      event.preventDefault();
      results.firstChild.focus();
    }
  });
  results.addEventListener("click", function (event) {
    var item = event.target.closest("li");
    if (item && item.dataset.i !== undefined) go(Number(item.dataset.i));
  });
  results.addEventListener("keydown", function (event) {
    var item = event.target.closest("li");
    if (!item) return;
    if (event.key === "Enter") go(Number(item.dataset.i));
    else if (event.key === "ArrowDown" && item.nextSibling) { event.preventDefault(); item.nextSibling.focus(); }
    else if (event.key === "ArrowUp") {
      event.preventDefault();
      (item.previousSibling || search).focus();
    }
  });

  // ------------------------------------------------------------ keyboard

  document.addEventListener("keydown", function (event) {
    var typing = event.target.matches &&
      // A radio group moves its choice with the arrows; they must not pan the diagram then.
      event.target.matches("input[type=search], input[type=text], input[type=radio], select, textarea");
    if (event.key === "Escape") {
      if (isPresenting()) hooks.stopPresenting();
      else if (!results.hidden) { results.hidden = true; }
      else {
        if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
        clearSelection(false);
        state.partner = ""; state.leave = false; state.joint = "continues"; state.nocollab = false;
        partnerSelect.value = "";
        applyScenario();
      }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isPresenting()) { hooks.presentKey(event); return; }
    var keys = {
      "+": function () { zoom(1 / 1.25); }, "=": function () { zoom(1 / 1.25); },
      "-": function () { zoom(1.25); }, "0": fitAll,
      "ArrowLeft": function () { pan(-0.1, 0); }, "ArrowRight": function () { pan(0.1, 0); },
      "ArrowUp": function () { pan(0, -0.1); }, "ArrowDown": function () { pan(0, 0.1); },
      "p": present, "P": present, "/": function () { search.focus(); },
      "t": function () { showText(textVersion.hidden); }, "T": function () { showText(textVersion.hidden); }
    };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });

  // ------------------------------------------------------------ live reload (logicmodel serve)

  var problems = document.getElementById("lm-problems");
  var remembered = "lm-state:" + location.pathname;

  function remember() {
    try {
      sessionStorage.setItem(remembered, JSON.stringify({
        selected: state.selected === null ? null : elements[state.selected].id,
        partner: state.partner, leave: state.leave, joint: state.joint, nocollab: state.nocollab,
        theme: themeSelect.value, view: view
      }));
    } catch (error) { /* private windows may refuse storage; reloading still works */ }
  }

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(remembered) || "null"); } catch (error) { saved = null; }
    if (!saved) return;
    sessionStorage.removeItem(remembered);
    if (saved.theme) setTheme(saved.theme);
    if (saved.partner && partnerNames[saved.partner] !== undefined) {
      state.partner = saved.partner; partnerSelect.value = saved.partner; state.leave = saved.leave;
    }
    if (saved.joint === "continues" || saved.joint === "stops") state.joint = saved.joint;
    state.nocollab = saved.nocollab;
    if (saved.view && saved.view.length === 4) setView(saved.view);
    withReadings(function () {
      applyScenario();
      if (saved.selected !== null && byId[saved.selected] !== undefined) select(byId[saved.selected]);
    });
    markChanged();
  }

  // live.js has swapped a new version of the model in (its data, the drawing's contents): read
  // them, and show them as this page showed the last, with its view, selection, partner, what-if,
  // presenter step and panel. `keepPanel`: a form someone is filling in stays as it is.
  function adopt(next, keepPanel) {
    var selected = state.selected === null ? null : elements[state.selected].id;
    data = next;
    window.logicmodelPage.data = data;
    index();
    if (hooks.adopted) hooks.adopted();  // the editor reads the new data before drawing forms
    window.logicmodelPage.boxes = boxes;
    window.logicmodelPage.links = links;
    home = svg.getAttribute("viewBox").split(" ").map(Number);
    setView(view);
    if (partnerNames[state.partner] === undefined) { state.partner = ""; state.leave = false; }
    partnerSelect.value = state.partner;
    var inForm = keepPanel && selected === null && panel.querySelector("form") !== null;
    withReadings(function () {
      applyScenario(inForm);
      if (selected !== null && byId[selected] !== undefined) select(byId[selected]);
      else if (selected !== null) clearSelection();
      if (hooks.redrawn) hooks.redrawn();  // presenter.js: the step shown as the room saw it
      markChanged();
    });
  }

  // After a save reloads the page, the boxes it added or changed are outlined for a moment, so
  // the room sees what moved on; nothing else moves.
  function markChanged() {
    (data.changed || []).forEach(function (id) {
      var box = boxes[byId[id]];
      if (!box) return;
      box.classList.add("changed");
      setTimeout(function () { box.classList.remove("changed"); }, 4000);
    });
  }

  function showProblems(messages) {
    problems.textContent = "";
    var hide = make("button", "Hide");
    hide.type = "button";
    hide.addEventListener("click", function () { problems.hidden = true; });
    problems.appendChild(hide);
    problems.appendChild(make("strong", "The file has errors; the diagram shows it as last saved without them."));
    messages.forEach(function (message) { problems.appendChild(make("div", message)); });
    problems.hidden = false;
  }

  if (data.events) {
    var source = new EventSource(data.events);
    source.addEventListener("reload", function () {
      if (hooks.saving) return;  // the editor redraws once its own save has answered
      if (hooks.update) { hooks.update(false); return; }  // live.js: in place
      remember();
      location.reload();
    });
    source.addEventListener("problems", function (event) { showProblems(JSON.parse(event.data)); });
    var presence = document.getElementById("lm-presence");
    source.addEventListener("presence", function (event) {
      var others = Number(event.data) - 1;
      presence.textContent = others > 0 ?
        others + (others === 1 ? " other page has" : " other pages have") + " this model open" : "";
    });
    if (!data.editing) restore();  // the editor restores once its forms are wired
  }

  // What the editor (editor.js, loaded after this script when the page edits) builds on.
  window.logicmodelPage = {
    data: data, svg: svg, panel: panel, boxes: boxes, hooks: hooks, make: make,
    select: select, clearSelection: clearSelection, remember: remember, restore: restore,
    selected: function () { return state.selected; },
    // What presenter.js builds on: the view, the boxes' places, the theme.
    stage: stage, links: links, setView: setView, boxOf: boxOf, fit: fit, setTheme: setTheme,
    theme: function () { return themeSelect.value; }, adopt: adopt,
    view: function () { return view.slice(); }
  };
  if (!data.editing) root.dataset.ready = "true";
}());
