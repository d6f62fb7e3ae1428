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
