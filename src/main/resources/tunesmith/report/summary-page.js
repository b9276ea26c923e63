// Draws report.html's charts (docs/SUMMARIZE.md): tunesmith summarize puts each chart's ECharts
// option in the JSON block #charts; this script only hands them to ECharts and records, in the
// page, what it drew (data-drawn on each chart, data-charts-drawn on <html>), so that a headless
// browser's DOM shows it.
(function () {
  var errors = document.getElementById("errors");
  window.addEventListener("error", function (event) {
    errors.textContent += "error: " + event.message + "\n";
  });
  var specs = JSON.parse(document.getElementById("charts").textContent);
  var main = document.getElementById("charts-area");
  var drawn = 0;
  specs.forEach(function (spec) {
    var section = document.createElement("section");
    var heading = document.createElement("h2");
    heading.textContent = spec.title;
    section.appendChild(heading);
    if (spec.note) {
      var note = document.createElement("p");
      note.textContent = spec.note;
      section.appendChild(note);
    }
    var box = document.createElement("div");
    box.className = "chart";
    box.id = spec.id;
    box.style.height = (spec.height || 420) + "px";
    section.appendChild(box);
    main.appendChild(section);
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption(spec.option);
    chart.getZr().flush();
    var marks = box.querySelectorAll("svg path, svg rect").length;
    box.setAttribute("data-drawn", String(marks));
    if (marks > 0) {
      drawn++;
    }
  });
  document.documentElement.setAttribute("data-charts", String(specs.length));
  document.documentElement.setAttribute("data-charts-drawn", String(drawn));
})();
