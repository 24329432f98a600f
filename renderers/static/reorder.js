// The editor's reordering: a box dragged up or down its own cell (its lane's part of a column,
// or an outcome column) and dropped between boxes, or moved with Alt+ArrowUp/Down, sends the
// cell's new order to `logicmodel edit`, which writes it into the file; the drawing follows
// the file's order.
(function () {
  "use strict";

  var page = window.logicmodelPage;
  if (!page || !page.hooks.send) return;

  // Which cell a box is drawn in: an outcome's column, or a contribution's lane in its column
  // (joint work in one lane, each partner's or set of partners' own work in another).
  function cell(i) {
    var element = page.data.elements[i];
    if (element.trace_class !== undefined) return element.stage;
    var lane = element.kind === "red" ? "joint" : (element.partners || []).join(" ");
    return element.stage + "|" + lane;
  }

  function middle(i) {
    var box = page.boxOf(page.boxes[i]);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2, left: box.x, right: box.x + box.width };
  }

  // The boxes of a box's cell, top to bottom as drawn.
  function peers(i) {
    var mine = cell(i);
    var found = [];
    page.data.elements.forEach(function (_, j) { if (page.boxes[j] && cell(j) === mine) found.push(j); });
    found.sort(function (a, b) { return middle(a).y - middle(b).y || a - b; });
    return found;
  }

  function send(order, moved) {
    var now = peers(moved);
    if (order.join() === now.join()) return;
    page.select(moved);
    page.hooks.send("reorder", { order: order.map(function (j) { return page.data.elements[j].id; }) });
  }

  // A drag from box i that ended beside the boxes, at the pointer's place.
  page.hooks.dropped = function (i, event) {
    var point = page.svg.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    var at = point.matrixTransform(page.svg.getScreenCTM().inverse());
    var own = middle(i);
    if (at.x < own.left || at.x > own.right) return;  // not in the box's own column
    var others = peers(i).filter(function (j) { return j !== i; });
    var place = others.filter(function (j) { return middle(j).y < at.y; }).length;
    others.splice(place, 0, i);
    send(others, i);
  };

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    var focused = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest(".el");
    var i = focused && focused.dataset.i !== undefined ? Number(focused.dataset.i) : page.selected();
    if (i === null || i === undefined) return;
    event.preventDefault();
    var order = peers(i);
    var at = order.indexOf(i), to = at + (event.key === "ArrowUp" ? -1 : 1);
    if (to < 0 || to >= order.length) return;
    order.splice(at, 1);
    order.splice(to, 0, i);
    send(order, i);
  });
}());
