// A parent model's page: open a strand's own Figure 1 in place of the parent's, and come back.
// Each strand's picture is an inert <template> written by Python; opening one puts a copy in a
// view of its own and records it in the address (#strand=ID), so the browser's Back returns.
(function () {
  "use strict";

  var templates = Array.prototype.slice.call(document.querySelectorAll("template.lm-strand"));
  if (!templates.length) return;
  var stage = document.getElementById("lm-stage");
  var data = JSON.parse(document.getElementById("lm-data").textContent);
  var byId = {};
  templates.forEach(function (template) { byId[template.dataset.strand] = template; });

  var nav = document.createElement("nav");
  nav.id = "lm-strands";
  nav.setAttribute("aria-label", "Strands of this model");
  nav.appendChild(document.createTextNode("Strands: "));
  templates.forEach(function (template) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "lm-open-strand";
    button.dataset.strand = template.dataset.strand;
    button.textContent = "Open " + template.dataset.label;
    button.addEventListener("click", function () { open(template.dataset.strand); });
    nav.appendChild(button);
  });

  var view = document.createElement("section");
  view.id = "lm-strand-view";
  view.className = "stage strand-view";
  view.hidden = true;
  var bar = document.createElement("div");
  bar.className = "strand-bar";
  var back = document.createElement("button");
  back.type = "button";
  back.id = "lm-strand-back";
  back.textContent = "Back to " + data.title;
  var heading = document.createElement("h2");
  heading.id = "lm-strand-title";
  bar.appendChild(back);
  bar.appendChild(heading);
  var picture = document.createElement("div");
  picture.className = "strand-picture";
  view.appendChild(bar);
  view.appendChild(picture);
  stage.parentNode.insertBefore(view, stage.nextSibling);
  stage.parentNode.parentNode.insertBefore(nav, stage.parentNode);

  var opened = false;  // whether this page put the strand in the address (Back can undo it)

  function open(id) {
    opened = true;
    location.hash = "strand=" + encodeURIComponent(id);
  }

  function show() {
    var match = /^#strand=(.+)$/.exec(location.hash);
    var template = match ? byId[decodeURIComponent(match[1])] : undefined;
    picture.textContent = "";
    if (!template) {
      view.hidden = true;
      stage.hidden = false;
      nav.hidden = false;
      return;
    }
    picture.appendChild(template.content.cloneNode(true));
    heading.textContent = "Strand: " + template.dataset.label + " (" + template.dataset.file + ")";
    stage.hidden = true;
    nav.hidden = true;
    view.hidden = false;
    back.focus();
  }

  function leave() {
    if (opened) {
      opened = false;
      history.back();
    } else {
      location.hash = "";
    }
  }

  back.addEventListener("click", leave);
  view.addEventListener("keydown", function (event) {
    if (event.key === "Escape") leave();
  });
  // A strand's box on the parent's picture opens the strand on a double click.
  stage.addEventListener("dblclick", function (event) {
    var box = event.target.closest ? event.target.closest(".el") : null;
    if (box && byId[box.dataset.id]) open(box.dataset.id);
  });
  window.addEventListener("hashchange", show);
  show();
})();
