// Live pages (`logicmodel serve` and `edit`): a saved file is swapped into the open page in
// place, with no reload, so each person keeps their zoom, pan, selection and panel; and the
// partners' what-ifs, most of a page's build, are asked for only when someone turns to them.
// Everything swapped in comes from the server's own page parts: the drawing as the page would
// be written (user text escaped there), the data as JSON.
(function () {
  "use strict";

  var page = window.logicmodelPage;
  var root = document.documentElement;
  var svg = page.svg;
  var fetching = false;  // one update at a time; another asked for meanwhile follows it
  var again = false;
  var againOwn = false;  // the one asked for meanwhile is this page's own save's
  var ownShown = null;  // the last version drawn as this page's own save's

  function live() { return page.data.live; }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    });
  }

  // Falls back to the old way: the page remembers its state and reloads.
  function reload() {
    page.remember();
    location.reload();
  }

  // The new drawing's attributes and contents go into the <svg> already there, which keeps the
  // page's listeners; its classes are the page's own, set again by adopt.
  function swapDrawing(text) {
    var holder = document.createElement("template");
    holder.innerHTML = text;
    var fresh = holder.content.querySelector("svg");
    Array.prototype.slice.call(svg.attributes).forEach(function (attribute) {
      if (attribute.name !== "class" && !fresh.hasAttribute(attribute.name)) {
        svg.removeAttribute(attribute.name);
      }
    });
    Array.prototype.forEach.call(fresh.attributes, function (attribute) {
      if (attribute.name !== "class") svg.setAttribute(attribute.name, attribute.value);
    });
    svg.replaceChildren.apply(svg, Array.prototype.slice.call(fresh.childNodes));
  }

  function swapHeader(data) {
    document.title = data.title;
    document.querySelector(".bar h1").textContent = data.title;
    document.querySelector(".bar .summary").textContent = data.summary;
    var select = document.getElementById("lm-partner");
    while (select.options.length > 1) select.remove(1);
    data.partners.forEach(function (partner) {
      var option = document.createElement("option");
      option.value = partner.id;
      option.textContent = partner.name;
      select.appendChild(option);
    });
  }

  function swap(answer, own) {
    swapDrawing(answer.diagram);
    swapHeader(answer.data);
    document.getElementById("lm-text").innerHTML = answer.text;
    document.getElementById("lm-problems").hidden = true;  // the file reads well again
    if (own) { page.hooks.saving = false; ownShown = answer.generation; }
    page.adopt(answer.data, !own);
    // A page drawn afresh carries no marks set on the last one (tests mark a page stale).
    delete root.dataset.stale;
    root.dataset.arrived = String(answer.arrived);
    root.dataset.generation = String(answer.generation);
    root.dataset.ready = "true";
  }

  // Asks for the file's last good version and swaps it in; `own`: this page saved it, and its
  // panel shows what a reload would (a form it sent is done with).
  function update(own) {
    // A version that arrives while this page's own save is under way is that save's: the
    // panel shows it as after the page's own save, whichever of the two calls came first.
    own = own || page.hooks.saving === true;
    if (fetching) { again = true; againOwn = againOwn || own; return; }
    fetching = true;
    getJson(live().update).then(function (answer) {
      // When the answer arrived, by the browser's clock (benchmarks time the room's view by it).
      answer.arrived = (performance.timeOrigin + performance.now()) / 1000;
      // A save's own redraw is made once, whichever call brought its version first.
      var ownDue = own && answer.generation !== ownShown;
      if (answer.generation !== live().generation || ownDue) swap(answer, ownDue);
      fetching = false;
      if (again) {
        var mine = againOwn;
        again = false;
        againOwn = false;
        update(mine);
      }
    }).catch(reload);
  }

  var asked = null;  // the what-ifs of the version shown, asked for once
  function whatifs(then) {
    var wanted = live().generation;
    if (!asked || asked.generation !== wanted) {
      asked = { generation: wanted, answer: getJson(live().whatifs + "?generation=" + wanted) };
    }
    asked.answer.then(function (got) {
      if (got.generation === live().generation) then(got);
    }).catch(function () {
      asked = null;  // the file changed meanwhile: its new version is on its way
    });
  }

  page.hooks.update = update;
  page.hooks.whatifs = whatifs;
  // Turning to the partner switch is when the what-ifs are asked for, so that they are
  // usually here by the time "if this partner left" is ticked.
  var partner = document.getElementById("lm-partner");
  ["focus", "pointerdown", "change"].forEach(function (name) {
    partner.addEventListener(name, function () { whatifs(function () {}); });
  });
}());
