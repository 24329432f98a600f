// The editor's measure forms: an element's indicators (each field, a small table of periods
// and values, a comparator) and its one-line facts (evidence, category, lead, notes, source),
// the partnership panel, and the costs-and-benefits panel. editor.js calls
// `logicmodelMeasures(tools)` once its helpers exist; every save goes through its `send`, the
// one edit path. Which fields exist, and how each is typed, comes from the page data (the
// format's vocabulary), not from this script.
(function () {
  "use strict";

  window.logicmodelMeasures = function (tools) {
    var make = tools.make, send = tools.send, field = tools.field, textInput = tools.textInput;
    var button = tools.button, errorBox = tools.errorBox, partnerBoxes = tools.partnerBoxes;
    // Read at each use: a page redrawn in place (live.js) carries the new version's facts.
    function current() { return window.logicmodelPage.data.editing; }
    var openKey = "lm-open:" + location.pathname;

    // ---------------------------------------------------------- small helpers

    function numberInput(name) {
      var input = textInput("", name);
      input.inputMode = "decimal";
      return input;
    }

    // A select of [value, label] pairs with an empty first choice ("\u2014": not given).
    function choice(name, pairs, current) {
      var select = document.createElement("select");
      select.name = name;
      [["", "\u2014"]].concat(pairs).forEach(function (pair) {
        var option = make("option", pair[1] === pair[0] || !pair[0] ? pair[1] : pair[1] + " (" + pair[0] + ")");
        option.value = pair[0];
        option.selected = String(current === undefined ? "" : current) === pair[0];
        select.appendChild(option);
      });
      return select;
    }

    function words(list) { return list.map(function (word) { return [word, word]; }); }

    function partnerChoices() {
      return current().partners_full.map(function (partner) { return [partner.id, partner.short || partner.name]; });
    }

    function valueAt(item, name) {
      var parts = name.split(".");
      var value = item;
      parts.forEach(function (part) { value = value === undefined || value === null ? undefined : value[part]; });
      return value;
    }

    // A collapsed block that stays open across the reload a save makes.
    function openBlock(key, summaryText) {
      var opened = {};
      try { opened = JSON.parse(sessionStorage.getItem(openKey) || "{}"); } catch (error) { opened = {}; }
      var block = make("details", null, "measure");
      block.appendChild(make("summary", summaryText));
      block.open = Boolean(opened[key]);
      block.addEventListener("toggle", function () {
        var now = {};
        try { now = JSON.parse(sessionStorage.getItem(openKey) || "{}"); } catch (error) { now = {}; }
        if (block.open) now[key] = true; else delete now[key];
        try { sessionStorage.setItem(openKey, JSON.stringify(now)); } catch (error) { /* private mode */ }
      });
      return block;
    }

    // One field's box and its Save button. `save(value, field)` sets it; an emptied box
    // removes the field (`save(null, spec.unset)`), unless every entry needs it.
    function oneField(block, spec, current, what, save) {
      var form = make("div", null, "one-field");
      block.appendChild(form);
      var read;
      if (spec.kind === "partners") {
        var chosen = current === undefined ? [] : [].concat(current);
        read = partnerBoxes(form, chosen);
      } else if (spec.kind === "amount") {
        var pair = current === undefined ? ["", ""] : [].concat(current).concat([""]);
        var low = field(form, "Amount ", numberInput(spec.name));
        var high = field(form, "to (for a range) ", numberInput(spec.name + "-high"));
        low.value = String(pair[0]);
        high.value = pair.length > 2 ? String(pair[1]) : "";
        read = function () {
          if (low.value.trim() && high.value.trim()) return [low.value.trim(), high.value.trim()];
          return low.value.trim();
        };
      } else {
        var input;
        if (spec.kind === "choice") input = choice(spec.name, spec.choices, current);
        else if (spec.kind === "flag") input = choice(spec.name, words(["true", "false"]), current);
        else if (spec.kind === "partner") input = choice(spec.name, partnerChoices(), current);
        else if (spec.kind === "outcome") input = choice(spec.name, spec.choices, current);
        else input = textInput(current === undefined ? "" : String(current), spec.name);
        field(form, spec.label.charAt(0).toUpperCase() + spec.label.slice(1) + " ", input);
        read = function () {
          var value = input.value.trim();
          if (spec.kind === "flag" && value) return value === "true";
          return value;
        };
      }
      var saveButton = button("Save", "save-" + spec.name.replace(".", "-"));
      saveButton.setAttribute("aria-label", "Save " + spec.label + " of " + what);
      saveButton.addEventListener("click", function () {
        var value = read();
        var empty = value === "" || (Array.isArray(value) && !value.length);
        if (!empty) save(value, spec.name);
        else if (spec.unset) save(null, spec.unset);
      });
      form.appendChild(saveButton);
    }

    // ---------------------------------------------------------- an element's facts

    function elementFacts(form, element, problems) {
      var outcome = element.trace_class !== undefined;
      var mine = current().measures.elements[element.id] || { values: {}, indicators: [] };
      var block = openBlock("facts:" + element.id, "Evidence, category, lead, notes");
      current().measures.fields[outcome ? "outcome" : "contribution"].forEach(function (spec) {
        oneField(block, spec, mine.values[spec.name], element.label, function (value, name) {
          if (value === null) send("unset", { ident: element.id, field: name }, problems);
          else send("set", { ident: element.id, field: name, value: value }, problems);
        });
      });
      form.appendChild(block);
      indicators(form, element, mine.indicators, problems);
    }

    // ---------------------------------------------------------- indicators

    function indicators(form, element, list, problems) {
      form.appendChild(make("h2", "Indicators"));
      list.forEach(function (indicator) { oneIndicator(form, element, indicator, problems); });
      newIndicator(form, element, problems);
    }

    function oneIndicator(form, element, indicator, problems) {
      var latest = Object.keys(indicator.actuals || {}).pop();
      var title = indicator.name + (latest ? " (" + indicator.actuals[latest] + " in " + latest + ")" : "");
      var block = openBlock("indicator:" + element.id + ":" + indicator.name, title);
      block.classList.add("indicator");
      var what = "indicator " + indicator.name;
      var named = { element: element.id, indicator: indicator.name };
      function edit(op, args) {
        var all = { element: element.id, indicator: indicator.name };
        Object.keys(args).forEach(function (key) { all[key] = args[key]; });
        send(op, all, problems);
      }
      current().measures.fields.indicator.forEach(function (spec) {
        oneField(block, spec, valueAt(indicator, spec.name), what, function (value, name) {
          if (value === null) edit("unset_indicator", { field: name });
          else edit("set_indicator", { field: name, value: value });
        });
      });
      periods(block, indicator.actuals || {}, what, false, edit);
      if (indicator.comparator) {
        periods(block, indicator.comparator.actuals || {}, "the comparator of " + what, true, edit);
      }
      var drop = button("Remove indicator", "remove-indicator");
      drop.setAttribute("aria-label", "Remove indicator " + indicator.name);
      drop.addEventListener("click", function () { send("remove_indicator", named, problems); });
      block.appendChild(drop);
      form.appendChild(block);
    }

    // The values by period as a small table: each value changed or removed in its row, and a
    // last row for a new period.
    function periods(block, actuals, what, comparator, edit) {
      var table = make("table", null, "periods" + (comparator ? " comparator" : ""));
      table.appendChild(make("caption", "Values by period of " + what));
      var head = make("tr");
      ["Period", "Value", ""].forEach(function (text) { head.appendChild(make("th", text)); });
      table.appendChild(head);
      function cell(row, node) { var td = make("td"); td.appendChild(node); row.appendChild(td); }
      Object.keys(actuals).forEach(function (period) {
        var row = make("tr");
        row.appendChild(make("th", period));
        var value = numberInput("actual-value");
        value.value = String(actuals[period]);
        value.setAttribute("aria-label", "Value for " + period + " of " + what);
        cell(row, value);
        var put = button("Save", "save-actual");
        put.setAttribute("aria-label", "Save the value for " + period + " of " + what);
        put.addEventListener("click", function () {
          if (value.value.trim()) edit("set_actual", { period: period, value: value.value.trim(), comparator: comparator });
          else edit("remove_actual", { period: period, comparator: comparator });
        });
        var drop = button("\u00d7", "remove-actual");
        drop.setAttribute("aria-label", "Remove the value for " + period + " of " + what);
        drop.addEventListener("click", function () { edit("remove_actual", { period: period, comparator: comparator }); });
        var both = make("td");
        both.appendChild(put);
        both.appendChild(drop);
        row.appendChild(both);
        table.appendChild(row);
      });
      var last = make("tr");
      var period = textInput("", "actual-period");
      period.setAttribute("aria-label", "New period of " + what);
      var value = numberInput("actual-value");
      value.setAttribute("aria-label", "Value for the new period of " + what);
      cell(last, period);
      cell(last, value);
      var add = button("Add", "set-actual");
      add.setAttribute("aria-label", "Add the value for the new period of " + what);
      add.addEventListener("click", function () {
        edit("set_actual", { period: period.value.trim(), value: value.value.trim(), comparator: comparator });
      });
      cell(last, add);
      table.appendChild(last);
      block.appendChild(table);
    }

    // A form for a new indicator: its name, unit, which way is better, a small table of
    // periods and values, and its targets.
    function newIndicator(form, element, problems) {
      var adding = make("fieldset", null, "indicator");
      adding.appendChild(make("legend", "Add an indicator"));
      var name = field(adding, "Name ", textInput("", "indicator-name"));
      var unit = field(adding, "Unit ", textInput("", "indicator-unit"));
      var better = field(adding, "Better ", choice("indicator-better", words(["higher", "lower"])));
      var table = make("table", null, "periods");
      var head = make("tr");
      head.appendChild(make("th", "Period"));
      head.appendChild(make("th", "Value"));
      table.appendChild(head);
      var cells = [];
      function addRow() {
        var row = make("tr");
        var period = textInput("", "period");
        var value = numberInput("value");
        period.setAttribute("aria-label", "Period " + (cells.length + 1));
        value.setAttribute("aria-label", "Value " + (cells.length + 1));
        [period, value].forEach(function (input) {
          var cell = make("td");
          cell.appendChild(input);
          row.appendChild(cell);
        });
        table.appendChild(row);
        cells.push([period, value]);
      }
      addRow(); addRow(); addRow();
      adding.appendChild(table);
      var more = button("Another period", "add-period");
      more.addEventListener("click", addRow);
      adding.appendChild(more);
      var alone = field(adding, "Target alone ", numberInput("target-alone"));
      var together = field(adding, "Target together ", numberInput("target-together"));
      var targetPeriod = field(adding, "Target period ", textInput("", "target-period"));
      var save = button("Add indicator", "add-indicator");
      save.addEventListener("click", function () {
        var args = { element: element.id, name: name.value, unit: unit.value, better: better.value,
                     target_alone: alone.value.trim(), target_together: together.value.trim(),
                     target_period: targetPeriod.value.trim() };
        args.actuals = cells.filter(function (pair) { return pair[0].value.trim(); })
          .map(function (pair) { return [pair[0].value.trim(), pair[1].value.trim()]; });
        send("add_indicator", args, problems);
      });
      adding.appendChild(save);
      form.appendChild(adding);
    }

    // ---------------------------------------------------------- the partnership

    function showPartnership() {
      tools.page.clearSelection(false);
      tools.panel.textContent = "";
      var form = make("form", null, "edit partnership");
      form.setAttribute("aria-label", "The partnership");
      form.appendChild(make("h2", "The partnership"));
      var problems = errorBox(form);
      current().measures.fields.partnership.forEach(function (spec) {
        oneField(form, spec, current().measures.partnership[spec.name], "the partnership", function (value, name) {
          if (value === null) send("unset", { ident: "partnership", field: name }, problems);
          else send("set", { ident: "partnership", field: name, value: value }, problems);
        });
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      tools.panel.appendChild(form);
      var first = form.querySelector("input, select");
      if (first) first.focus();
    }

    // ---------------------------------------------------------- costs and benefits

    function showLedger() {
      tools.page.clearSelection(false);
      tools.panel.textContent = "";
      var form = make("form", null, "edit ledger");
      form.setAttribute("aria-label", "Costs and benefits");
      form.appendChild(make("h2", "Costs and benefits"));
      var problems = errorBox(form);
      ["cost", "benefit"].forEach(function (kind) {
        current().measures[kind + "s"].forEach(function (entry, n) {
          ledgerEntry(form, kind, entry, n, problems);
        });
      });
      tools.panel.appendChild(form);
      newLedgerEntry();
    }

    function ledgerEntry(form, kind, entry, n, problems) {
      var what = kind + " " + entry.item;
      var block = openBlock(kind + ":" + n, kind.charAt(0).toUpperCase() + kind.slice(1) + ": " + entry.item);
      block.classList.add(kind);
      // Named by number: an item may be changed by this very form.
      var which = String(n + 1);
      current().measures.fields[kind].forEach(function (spec) {
        oneField(block, spec, valueAt(entry, spec.name), what, function (value, name) {
          if (value === null) send("unset_" + kind, { which: which, field: name }, problems);
          else send("set_" + kind, { which: which, field: name, value: value }, problems);
        });
      });
      var drop = button("Remove " + kind, "remove-" + kind);
      drop.setAttribute("aria-label", "Remove " + what);
      drop.addEventListener("click", function () { send("remove_" + kind, { which: which }, problems); });
      block.appendChild(drop);
      form.appendChild(block);
    }

    function newLedgerEntry() {
      var form = make("form", null, "edit ledger add-ledger");
      form.setAttribute("aria-label", "Add a cost or a benefit");
      form.appendChild(make("h2", "Add a cost or a benefit"));
      var problems = errorBox(form);
      var kind = field(form, "Kind ", choice("kind", words(["cost", "benefit"])));
      kind.value = "cost";
      var item = field(form, "Item ", textInput("", "item"));
      var low = field(form, "Amount ", numberInput("amount"));
      var high = field(form, "to (for a range) ", numberInput("amount-high"));
      var unit = field(form, "Unit ", textInput("", "unit"));
      var readBy = partnerBoxes(form, []);
      var outcomes = tools.elements.filter(function (element) { return element.trace_class !== undefined; });
      var outcome = field(form, "Outcome (a benefit's) ",
        choice("outcome", outcomes.map(function (element) { return [element.id, element.id]; })));
      var evidenceSpec = current().measures.fields.benefit.filter(function (spec) { return spec.name === "evidence"; })[0];
      var evidence = field(form, "Evidence (a benefit's) ", choice("evidence", evidenceSpec.choices));
      form.appendChild(button("Add", "add-ledger", "submit"));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var args = { item: item.value, unit: unit.value, by: readBy() };
        var amount = low.value.trim();
        if (amount && high.value.trim()) args.amount = [amount, high.value.trim()];
        else if (amount) args.amount = amount;
        if (kind.value === "benefit") { args.outcome = outcome.value; args.evidence = evidence.value; }
        send("add_" + kind.value, args, problems);
      });
      tools.panel.appendChild(form);
      item.focus();
    }

    return { element: elementFacts, partnership: showPartnership, ledger: showLedger };
  };
}());
