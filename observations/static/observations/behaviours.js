// Small page behaviours, kept in this file because the Content-Security-Policy allows no
// inline scripts or event-handler attributes:
// - <select data-submit-on-change> sends its form as soon as another option is chosen
//   (interface language, report language);
// - <input data-select-on-focus> selects its whole text when it gets the focus (feed
//   addresses to copy).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
document.addEventListener("focusin", function (event) {
  var field = event.target;
  if (field.matches && field.matches("input[data-select-on-focus]")) {
    field.select();
  }
});
// - <button data-add-row="PREFIX" data-row-template="ID" data-rows="TABLE-ID">: adds one empty
//   row of a Django formset (PREFIX-TOTAL_FORMS counts it) from the <template>, as often as
//   needed and without saving; the button is shown only where this script runs.
document.querySelectorAll("button[data-add-row]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var prefix = button.getAttribute("data-add-row");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var most = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var template = document.getElementById(button.getAttribute("data-row-template"));
    var body = document.querySelector("#" + button.getAttribute("data-rows") + " tbody");
    if (!total || !template || !body) { return; }
    var index = parseInt(total.value, 10);
    if (most && index >= parseInt(most.value, 10)) { button.disabled = true; return; }
    var row = template.content.cloneNode(true);
    row.querySelectorAll("[id], [name], [for]").forEach(function (element) {
      ["id", "name", "for"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value) { element.setAttribute(attribute, value.split("__prefix__").join(String(index))); }
      });
    });
    body.appendChild(row);
    total.value = String(index + 1);
    var first = body.lastElementChild.querySelector("select, input, textarea");
    if (first) { first.focus(); }
  });
});
// - a table box that scrolls sideways (.table-responsive wider than the screen) takes the
//   keyboard focus, so that it can be scrolled with the arrow keys.
function focusableScroller(box) {
  if (box.scrollWidth > box.clientWidth + 1) {
    box.setAttribute("tabindex", "0");
  } else if (box.getAttribute("tabindex") === "0") {
    box.removeAttribute("tabindex");
  }
}
(function () {
  var boxes = document.querySelectorAll(".table-responsive");
  boxes.forEach(focusableScroller);
  // Fonts, pictures and the window's width change the layout after this script ran.
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { focusableScroller(entry.target); });
    });
    boxes.forEach(function (box) {
      observer.observe(box);
      if (box.firstElementChild) { observer.observe(box.firstElementChild); }
    });
  }
  window.addEventListener("load", function () { boxes.forEach(focusableScroller); });
})();
