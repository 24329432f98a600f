/* The page's switch to fade links that state no evidence (renderers/link_marks.py marks them
   "assumed"); shown only where the model states evidence for some link. */
(function () {
  "use strict";
  var assumed = document.querySelectorAll(".link.assumed");
  var svg = document.querySelector("svg");
  if (!assumed.length || !svg) return;
  var label = document.createElement("label");
  label.className = "lm-fade-switch";
  var box = document.createElement("input");
  box.type = "checkbox";
  box.id = "lm-fade-assumed";
  label.appendChild(box);
  label.appendChild(document.createTextNode(" Fade links with no evidence"));
  box.addEventListener("change", function () {
    svg.classList.toggle("lm-faded", box.checked);
  });
  var place = document.querySelector("fieldset") || document.body.firstElementChild;
  place.parentNode.insertBefore(label, place);
})();
