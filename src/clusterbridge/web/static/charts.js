// Draws every chart a page embeds as figure JSON in <script type="application/json" data-chart>.
// The figures are data, not code, so the Content-Security-Policy can keep forbidding inline scripts.
(function () {
  "use strict";
  function draw() {
    if (typeof Plotly === "undefined") {
      return;  // the tables under each chart still carry every number
    }
    document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (node) {
      var target = document.getElementById(node.getAttribute("data-chart"));
      if (!target) {
        return;
      }
      var figure = JSON.parse(node.textContent);
      target.classList.add("chart-drawn");
      Plotly.newPlot(target, figure.data, figure.layout, {responsive: true, displaylogo: false});
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
