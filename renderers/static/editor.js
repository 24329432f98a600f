// The editor: forms in the side panel and "+" buttons in the diagram that send each edit to
// `logicmodel edit`, which checks it, writes the file and tells every open page to reload.
// The file on disk is the truth: this script keeps no model of its own. User text is only
// ever set through textContent and form values.
(function () {
  "use strict";

  var page = window.logicmodelPage;
  var data = page.data;
  var editing = data.editing;
  var elements = data.elements;
  var make = page.make;
  var panel = page.panel;
  var status = document.getElementById("lm-status");
  var undoButton = document.getElementById("lm-undo");
  var redoButton = document.getElementById("lm-redo");
  var contributionStages = ["inputs", "activities", "outputs"];
  var stages = contributionStages.concat(["interim", "intermediate", "ultimate"]);
  var singular = { inputs: "input", activities: "activity", outputs: "output",
    interim: "interim outcome", intermediate: "intermediate outcome", ultimate: "ultimate outcome" };

  undoButton.disabled = !editing.undo;
  redoButton.disabled = !editing.redo;

  // ------------------------------------------------------------ talking to the server

  var busy = false;

  function send(op, args, errorPlace) {
    if (busy) return;
    busy = true;
    page.hooks.saving = true;
    status.textContent = "Saving\u2026";
    fetch(editing.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Logicmodel-Token": editing.token },
      body: JSON.stringify({ op: op, args: args || {}, version: editing.version }),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (answer) { return [response.status, answer]; });
    }).then(function (result) {
      busy = false;
      var code = result[0], answer = result[1];
      if (code !== 200 || page.hooks.update) page.hooks.saving = false;
      if (code === 200) {
        status.textContent = "Saved: " + answer.done;
        redraw(true);
        return;
      }
      status.textContent = "Not saved";
      showError(answer.error || "not saved", errorPlace);
      if (code === 409) setTimeout(function () { redraw(false); }, 1500);
    }).catch(function () {
      busy = false;
      page.hooks.saving = false;
      status.textContent = "Not saved";
      showError("the editor's server does not answer: is `logicmodel edit` still running?", errorPlace);
    });
  }

  // Shows the file as it now is: in place where the page is live (live.js), else reloaded.
  function redraw(own) {
    if (page.hooks.update) { page.hooks.update(own); return; }
    page.remember();
    location.reload();
  }

  function showError(message, place) {
    var box = place || panel.querySelector(".edit-error") || panel.appendChild(make("div"));
    box.className = "edit-error";
    box.setAttribute("role", "alert");
    box.textContent = message;
    box.hidden = false;
  }

  // ------------------------------------------------------------ small form helpers

  function field(form, labelText, input) {
    var label = make("label", labelText);
    label.appendChild(input);
    form.appendChild(label);
    return input;
  }

  function textInput(value, name) {
    var input = document.createElement("input");
    input.type = "text";
    input.value = value || "";
    input.name = name;
    return input;
  }

  function button(text, name, kind) {
    var node = make("button", text);
    node.type = kind || "button";
    node.name = name;
    return node;
  }

  function errorBox(form) {
    var box = make("div", "", "edit-error");
    box.setAttribute("role", "alert");
    box.hidden = true;
    form.appendChild(box);
    return box;
  }

  function partnerBoxes(form, chosen) {
    var group = make("fieldset");
    group.appendChild(make("legend", "By"));
    var inputs = editing.partners_full.map(function (partner) {
      var label = make("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "by";
      box.value = partner.id;
      box.checked = chosen.indexOf(partner.id) >= 0;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + (partner.short || partner.name)));
      group.appendChild(label);
      return box;
    });
    form.appendChild(group);
    return function () {
      return inputs.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    };
  }

  function slug(label) {
    var base = label.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").split("-").slice(0, 5).join("-");
    base = base || "element";
    var taken = {};
    elements.forEach(function (element) { taken[element.id] = true; });
    var id = base, n = 2;
    while (taken[id]) { id = base + "-" + n; n += 1; }
    return id;
  }

  // The measure forms (measures.js) take these helpers; every form they make saves by `send`.
  var measures = window.logicmodelMeasures({
    page: page, panel: panel, elements: elements, editing: editing, make: make, send: send,
    field: field, textInput: textInput, button: button, errorBox: errorBox,
    partnerBoxes: partnerBoxes
  });

  // ------------------------------------------------------------ adding an element

  function showAdd(stage, partners) {
    page.clearSelection(false);
    panel.textContent = "";
    var form = make("form", null, "edit");
    form.setAttribute("aria-label", "Add an element");
    form.appendChild(make("h2", "Add " + (/^[aeiou]/.test(singular[stage]) ? "an " : "a ") + singular[stage]));
    var stageSelect = document.createElement("select");
    stageSelect.name = "stage";
    stages.forEach(function (name) {
      var option = make("option", singular[name]);
      option.value = name;
      option.selected = name === stage;
      stageSelect.appendChild(option);
    });
    field(form, "Stage ", stageSelect);
    var label = field(form, "Label ", textInput("", "label"));
    var id = field(form, "Id ", textInput("", "id"));
    var idEdited = false;
    id.addEventListener("input", function () { idEdited = true; });
    label.addEventListener("input", function () { if (!idEdited) id.value = slug(label.value); });
    var chosenBy = partners ? partners.split(" ").filter(Boolean) : [];
    var byBlock = make("div");
    form.appendChild(byBlock);
    var gainBlock = make("div");
    form.appendChild(gainBlock);
    var readBy = null, gain = null;
    function shape() {
      byBlock.textContent = "";
      gainBlock.textContent = "";
      readBy = null; gain = null;
      if (contributionStages.indexOf(stageSelect.value) >= 0) readBy = partnerBoxes(byBlock, chosenBy);
      else gain = field(gainBlock, "Gain (what working together adds) ", textInput("", "gain"));
    }
    stageSelect.addEventListener("change", shape);
    shape();
    var problems = errorBox(form);
    form.appendChild(button("Add", "add", "submit"));
    var cancel = button("Cancel", "cancel");
    cancel.addEventListener("click", function () { page.clearSelection(); });
    form.appendChild(cancel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var args = { stage: stageSelect.value, id: id.value.trim(), label: label.value };
      if (readBy) args.by = readBy();
      if (gain && gain.value.trim()) args.gain = gain.value;
      send("add", args, problems);
    });
    panel.appendChild(form);
    label.focus();
  }

  // ------------------------------------------------------------ editing the selected element

  function laterTargets(i) {
    var from = stages.indexOf(elements[i].stage);
    var linked = {};
    data.links.forEach(function (link) { if (link[0] === i) linked[link[1]] = true; });
    return elements.map(function (element, j) { return j; }).filter(function (j) {
      return j !== i && !linked[j] && stages.indexOf(elements[j].stage) >= from;
    });
  }

  function showEdit(i) {
    var element = elements[i];
    var outcome = element.trace_class !== undefined;
    var form = make("form", null, "edit");
    form.setAttribute("aria-label", "Edit " + element.label);
    form.appendChild(make("h2", "Edit"));
    var problems = errorBox(form);

    var label = field(form, "Label ", textInput(element.label, "label"));
    var saveLabel = button("Save label", "save-label");
    saveLabel.addEventListener("click", function () {
      send("set", { ident: element.id, field: "label", value: label.value }, problems);
    });
    form.appendChild(saveLabel);

    // The heading the element sits under; empty removes it.
    var theme = field(form, "Theme ", textInput(element.theme || "", "theme"));
    var saveTheme = button("Save theme", "save-theme");
    saveTheme.addEventListener("click", function () {
      if (theme.value.trim()) send("set", { ident: element.id, field: "theme", value: theme.value }, problems);
      else send("unset", { ident: element.id, field: "theme" }, problems);
    });
    form.appendChild(saveTheme);

    if (outcome) {
      var gain = field(form, "Gain ", textInput(element.gain || "", "gain"));
      var saveGain = button("Save gain", "save-gain");
      saveGain.addEventListener("click", function () {
        if (gain.value.trim()) send("set", { ident: element.id, field: "gain", value: gain.value }, problems);
        else send("unset", { ident: element.id, field: "gain" }, problems);
      });
      form.appendChild(saveGain);
      // The national outcomes it serves (`contributes_to`), as ids separated by commas.
      var serves = field(form, "National outcomes served (ids) ",
        textInput((element.contributes_to || []).join(", "), "contributes_to"));
      var saveServes = button("Save national outcomes", "save-contributes-to");
      saveServes.addEventListener("click", function () {
        var ids = serves.value.split(",").map(function (id) { return id.trim(); }).filter(Boolean);
        if (ids.length) send("set", { ident: element.id, field: "contributes_to", value: ids }, problems);
        else send("unset", { ident: element.id, field: "contributes_to" }, problems);
      });
      form.appendChild(saveServes);
    } else {
      var readBy = partnerBoxes(form, element.partners || []);
      var saveBy = button("Save partners", "save-by");
      saveBy.addEventListener("click", function () {
        send("set", { ident: element.id, field: "by", value: readBy() }, problems);
      });
      form.appendChild(saveBy);
    }

    var newId = field(form, "Id ", textInput(element.id, "id"));
    var rename = button("Rename", "rename");
    rename.addEventListener("click", function () {
      send("rename", { old: element.id, new: newId.value.trim() }, problems);
    });
    form.appendChild(rename);

    // Links out of this element, each with a button to remove it.
    var out = data.links.filter(function (link) { return link[0] === i; });
    if (out.length) {
      form.appendChild(make("h2", "Links to"));
      var list = make("ul", null, "links-out");
      out.forEach(function (link) {
        var item = make("li", elements[link[1]].label + (link[2] === "enhances" ? " (enhances)" : "") + " ");
        var drop = button("\u00d7", "unlink");
        drop.setAttribute("aria-label", "Unlink " + elements[link[1]].label);
        drop.addEventListener("click", function () {
          send("unlink", { source: element.id, target: elements[link[1]].id,
                           enhances: link[2] === "enhances" }, problems);
        });
        item.appendChild(drop);
        list.appendChild(item);
      });
      form.appendChild(list);
    }
    var targets = document.createElement("select");
    targets.name = "target";
    targets.appendChild(make("option", "choose\u2026"));
    targets.firstChild.value = "";
    laterTargets(i).forEach(function (j) {
      var option = make("option", elements[j].label + " (" + elements[j].id + ")");
      option.value = elements[j].id;
      targets.appendChild(option);
    });
    field(form, "Link to ", targets);
    var enhances = null;
    if (!outcome && element.collaborative) {
      enhances = document.createElement("input");
      enhances.type = "checkbox";
      enhances.name = "enhances";
      field(form, " enhances (joint work improving a partner's own) ", enhances);
    }
    var link = button("Link", "link");
    link.addEventListener("click", function () {
      if (!targets.value) return;
      send("link", { source: element.id, target: targets.value,
                     enhances: Boolean(enhances && enhances.checked) }, problems);
    });
    form.appendChild(link);

    measures.element(form, element, problems);

    // Removing asks once more, in the panel: no browser dialog.
    var remove = button("Remove\u2026", "remove");
    var confirmBlock = make("div", null, "confirm");
    confirmBlock.hidden = true;
    confirmBlock.appendChild(make("p", "Remove \u201c" + element.label + "\u201d?"));
    var relink = document.createElement("input");
    relink.type = "checkbox";
    relink.name = "relink";
    relink.checked = true;
    field(confirmBlock, " link what leads to it to what it leads to", relink);
    var really = button("Remove", "really-remove");
    really.addEventListener("click", function () {
      send("remove", { ident: element.id, relink: relink.checked }, problems);
    });
    confirmBlock.appendChild(really);
    remove.addEventListener("click", function () { confirmBlock.hidden = false; really.focus(); });
    form.appendChild(remove);
    form.appendChild(confirmBlock);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    panel.appendChild(form);
  }

  // ------------------------------------------------------------ partners

  function showPartners() {
    page.clearSelection(false);
    panel.textContent = "";
    panel.appendChild(make("h2", "Partners"));
    editing.partners_full.forEach(function (partner) {
      var form = make("form", null, "edit partner");
      form.setAttribute("aria-label", "Partner " + partner.name);
      var problems = errorBox(form);
      var name = field(form, "Name ", textInput(partner.name, "name"));
      var save = button("Save name", "save-name");
      save.addEventListener("click", function () {
        send("set", { ident: partner.id, field: "name", value: name.value }, problems);
      });
      form.appendChild(save);
      var id = field(form, "Id ", textInput(partner.id, "id"));
      var rename = button("Rename", "rename");
      rename.addEventListener("click", function () {
        send("rename_partner", { old: partner.id, new: id.value.trim() }, problems);
      });
      form.appendChild(rename);
      var remove = button("Remove", "remove");
      remove.addEventListener("click", function () {
        send("remove_partner", { ident: partner.id }, problems);
      });
      form.appendChild(remove);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      panel.appendChild(form);
    });
    var adding = make("form", null, "edit partner");
    adding.setAttribute("aria-label", "Add a partner");
    adding.appendChild(make("h2", "Add a partner"));
    var problems = errorBox(adding);
    var name = field(adding, "Name ", textInput("", "name"));
    var id = field(adding, "Id ", textInput("", "id"));
    name.addEventListener("input", function () {
      id.value = name.value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    });
    adding.appendChild(button("Add partner", "add-partner", "submit"));
    adding.addEventListener("submit", function (event) {
      event.preventDefault();
      send("add_partner", { id: id.value.trim(), name: name.value }, problems);
    });
    panel.appendChild(adding);
  }

  // ------------------------------------------------------------ dragging a link

  var linking = null;

  page.hooks.pointerdown = function (event) {
    var box = event.target.closest(".el");
    if (!box || box.dataset.i === undefined) return false;
    var start = page.svg.createSVGPoint();
    start.x = event.clientX; start.y = event.clientY;
    var at = start.matrixTransform(page.svg.getScreenCTM().inverse());
    var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("class", "drag-link");
    line.setAttribute("x1", at.x); line.setAttribute("y1", at.y);
    line.setAttribute("x2", at.x); line.setAttribute("y2", at.y);
    linking = { from: Number(box.dataset.i), line: line, moved: false, x: event.clientX, y: event.clientY };
    return true;
  };

  window.addEventListener("pointermove", function (event) {
    if (!linking) return;
    if (!linking.moved && Math.abs(event.clientX - linking.x) + Math.abs(event.clientY - linking.y) < 6) return;
    if (!linking.moved) { page.svg.appendChild(linking.line); linking.moved = true; }
    var point = page.svg.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    var at = point.matrixTransform(page.svg.getScreenCTM().inverse());
    linking.line.setAttribute("x2", at.x); linking.line.setAttribute("y2", at.y);
  });

  window.addEventListener("pointerup", function (event) {
    if (!linking) return;
    var done = linking;
    linking = null;
    if (!done.moved) return;  // a click: the page selects the box
    done.line.remove();
    var over = document.elementFromPoint(event.clientX, event.clientY);
    var box = over && over.closest(".el");
    if (!box || box.dataset.i === undefined || Number(box.dataset.i) === done.from) {
      // Dropped beside the boxes: reorder.js may read it as a move within the box's column.
      if (!box && page.hooks.dropped) page.hooks.dropped(done.from, event);
      return;
    }
    page.select(done.from);
    send("link", { source: elements[done.from].id, target: elements[Number(box.dataset.i)].id });
    // A drag is not a click on what it ends on.
    window.addEventListener("click", function swallow(click) {
      click.stopPropagation();
      window.removeEventListener("click", swallow, true);
    }, true);
  });

  // ------------------------------------------------------------ wiring

  page.hooks.idle = function () {
    panel.appendChild(make("p", "Editing: a + adds an element there; select a box to change, " +
      "link or remove it, or drag from one box to another to link them; drop it between the " +
      "boxes of its column (or press Alt+Up or Alt+Down) to reorder. Every edit is saved " +
      "to the file at once.", "hint"));
  };
  page.hooks.adopted = function () {  // a new version swapped in place (live.js)
    data = page.data;
    editing = data.editing;
    elements = data.elements;
    undoButton.disabled = !editing.undo;
    redoButton.disabled = !editing.redo;
  };
  page.hooks.add = showAdd;
  page.hooks.send = send;
  page.hooks.element = showEdit;
  undoButton.addEventListener("click", function () { send("undo"); });
  redoButton.addEventListener("click", function () { send("redo"); });
  var partnersButton = document.getElementById("lm-partners");
  partnersButton.addEventListener("click", showPartners);
  // The partnership's facts, and its costs and benefits: panels of measures.js.
  [["lm-partnership", "Partnership", measures.partnership],
   ["lm-ledger", "Costs and benefits", measures.ledger]].reverse().forEach(function (made) {
    var extra = make("button", made[1]);
    extra.type = "button";
    extra.id = made[0];
    extra.className = partnersButton.className;
    extra.addEventListener("click", made[2]);
    partnersButton.parentNode.insertBefore(extra, partnersButton.nextSibling);
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.matches && event.target.matches("input, select, textarea");
    if (typing || !(event.ctrlKey || event.metaKey)) return;
    if (event.key === "z" && !event.shiftKey && !undoButton.disabled) { event.preventDefault(); send("undo"); }
    if ((event.key === "y" || (event.key === "Z" && event.shiftKey)) && !redoButton.disabled) {
      event.preventDefault();
      send("redo");
    }
  });
  // What further panels (assess.js) build on: the one way to send an edit, and the form parts.
  page.editor = { send: send, field: field, button: button, textInput: textInput,
    errorBox: errorBox, toolbar: partnersButton.parentNode };
  document.documentElement.classList.add("editing");
  if (page.selected() === null) page.hooks.idle();
  page.restore();
  document.documentElement.dataset.ready = "true";
}());
