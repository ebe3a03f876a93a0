// The small script of the case forms: a person picker adds the person typed or chosen in its search box as
// a ticked box; «add a row» copies the formset's empty row in place (the button otherwise asks the server
// for one more row, saving nothing); a group's participants show only for a group route. Without it every
// form still works. A file, not an inline script, so the policy's script-src 'self' lets it run after
// Turbo's visits too.
(function () {
  document.querySelectorAll("[data-picker]").forEach(function (picker) {
    var search = picker.querySelector("input[type=search]"), list = picker.querySelector(".mf-picker__list");
    search.addEventListener("change", function () {
      var option = Array.prototype.find.call(picker.querySelectorAll("datalist option"), function (item) {
        return item.value.toLowerCase() === search.value.trim().toLowerCase(); });
      if (!option) { return; }
      if (picker.dataset.picker === "one") { list.innerHTML = ""; }
      if (!list.querySelector('input[value="' + option.dataset.id + '"]')) {
        var label = document.createElement("label"), box = document.createElement("input");
        label.className = "mf-picker__chosen";
        box.type = "checkbox"; box.name = picker.dataset.name; box.value = option.dataset.id; box.checked = true;
        label.appendChild(box); label.appendChild(document.createTextNode(" " + option.value));
        list.appendChild(label);
      }
      search.value = "";
    });
  });
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var prefix = button.dataset.addRow, total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.getElementById(prefix + "-empty-row"), body = document.getElementById(prefix + "-rows");
      if (!total || !template || !body) { return; }
      event.preventDefault();
      var row = template.content.cloneNode(true), index = total.value;
      row.querySelectorAll("[name], [id], [for]").forEach(function (node) {
        ["name", "id", "for"].forEach(function (attr) {
          if (node.hasAttribute(attr)) { node.setAttribute(attr, node.getAttribute(attr).replace(/__prefix__/g, index)); }
        });
      });
      body.appendChild(row);
      total.value = String(Number(index) + 1);
    });
  });
  var participants = document.querySelector("[data-group-only]");
  if (participants) {
    document.querySelectorAll('input[name="kind"]').forEach(function (radio) {
      radio.addEventListener("change", function () { participants.hidden = radio.value !== "group" || !radio.checked; });
    });
  }
})();
