// The self-assessment panel of the editor: the research's questions stage by stage, each with
// its answer and note, saved as one edit through the editor's one way of sending edits.
(function () {
  "use strict";

  var page = window.logicmodelPage;
  var editor = page.editor;
  var make = page.make;
  var panel = page.panel;
  var reopen = "lm-assess-open:" + location.pathname;

  function choice(name, words) {
    var select = document.createElement("select");
    select.name = name;
    [""].concat(words).forEach(function (word) {
      var option = make("option", word || "\u2014");
      option.value = word;
      select.appendChild(option);
    });
    return select;
  }

  function showAssessment() {
    var assessment = page.data.editing.assessment;  // this version's: a live page swaps data
    page.clearSelection(false);
    panel.textContent = "";
    var form = make("form", null, "edit assessment");
    form.setAttribute("aria-label", "Self-assessment");
    form.appendChild(make("h2", "Self-assessment"));
    var problems = editor.errorBox(form);
    var scores = make("ul", null, "scores");
    assessment.scores.forEach(function (score) {
      scores.appendChild(make("li", score[0] + ": " + score[1]));
    });
    form.appendChild(scores);
    var stage = editor.field(form, "Stage the partnership has reached ",
      choice("stage", assessment.stages.map(function (s) { return s[0]; })));
    Array.prototype.forEach.call(stage.options, function (option, i) {
      if (i > 0) option.textContent = assessment.stages[i - 1][1];
    });
    stage.value = assessment.stage || "";
    var rows = [];
    assessment.stages.forEach(function (pair) {
      var group = make("fieldset", null, "assess-stage");
      group.appendChild(make("legend", pair[1]));
      assessment.questions.filter(function (q) { return q.stage === pair[0]; }).forEach(function (q) {
        var given = assessment.answers[q.id] || ["", ""];
        var block = make("div", null, "assess-question");
        block.appendChild(make("p", q.text, "question"));
        block.appendChild(make("p", (q.principle ? q.principle + ". " : "") + "From: " + q.source, "hint"));
        var answer = editor.field(block, "Answer ", choice("answer-" + q.id, assessment.words));
        answer.value = given[0];
        var note = editor.field(block, "Note ", editor.textInput(given[1], "note-" + q.id));
        rows.push({ id: q.id, answer: answer, note: note, was: given });
        group.appendChild(block);
      });
      form.appendChild(group);
    });
    form.appendChild(editor.button("Save answers", "save-answers", "submit"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var changed = rows.filter(function (row) {
        return row.answer.value !== row.was[0] || (row.answer.value && row.note.value !== row.was[1]);
      }).map(function (row) { return [row.id, row.answer.value, row.note.value]; });
      try { sessionStorage.setItem(reopen, "1"); } catch (error) { /* reopening is a nicety */ }
      editor.send("answers", { answers: changed, stage: stage.value }, problems);
    });
    panel.appendChild(form);
    stage.focus();
  }

  var open = make("button", "Self-assessment");
  open.type = "button";
  open.id = "lm-assess";
  open.addEventListener("click", showAssessment);
  editor.toolbar.insertBefore(open, document.getElementById("lm-status"));
  // After a save the panel comes back with the new scores: the page is reloaded, or redrawn in
  // place (live.js), whichever the server does.
  function reopenIfSaved() {
    var again = null;
    try { again = sessionStorage.getItem(reopen); sessionStorage.removeItem(reopen); } catch (error) { again = null; }
    if (again && page.selected() === null) showAssessment();
  }
  var redrawn = page.hooks.redrawn;
  page.hooks.redrawn = function () {
    if (redrawn) redrawn();
    reopenIfSaved();
  };
  reopenIfSaved();
}());
