/* The public report map: the reports listed on the page drawn on a Leaflet map when
   the visitor asks for it. The places come rounded (about 50 m) from the server; the
   list stays the accessible equivalent, and the page works without this file. */
(function () {
  "use strict";
  var box = document.getElementById("report-map");
  var offer = document.querySelector("[data-map-offer]");
  var items = document.querySelectorAll(".report-map-item[data-lat]");
  if (!box || !offer || !items.length || !window.Promise) { return; }

  function loadLeaflet() {
    return new Promise(function (resolve, reject) {
      if (typeof window.L !== "undefined") { resolve(); return; }
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = box.getAttribute("data-leaflet-css");
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = box.getAttribute("data-leaflet-js");
      script.onload = function () { resolve(); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function draw() {
    box.hidden = false;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", box.getAttribute("data-label"));
    var tiles = box.getAttribute("data-tiles");
    var map = L.map(box, { attributionControl: Boolean(tiles) });
    if (tiles) {
      L.tileLayer(tiles, { attribution: box.getAttribute("data-attribution"), maxZoom: 18 }).addTo(map);
    }
    var bounds = [];
    Array.prototype.forEach.call(items, function (item) {
      var point = [Number(item.getAttribute("data-lat")), Number(item.getAttribute("data-lng"))];
      var title = item.querySelector("h2");
      var popup = document.createElement("div");
      Array.prototype.forEach.call(item.querySelectorAll("p"), function (part) {
        popup.appendChild(part.cloneNode(true));
      });
      L.circle(point, {
        radius: 25, color: "#8a3b0b", weight: 2, fillColor: "#ffbf47", fillOpacity: 0.6
      }).bindPopup(popup).bindTooltip(title ? title.textContent : "").addTo(map);
      bounds.push(point);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }

  var button = offer.querySelector("button");
  offer.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    loadLeaflet()
      .then(function () { draw(); offer.hidden = true; box.focus(); })
      .catch(function () { box.hidden = true; button.disabled = false; });
  });
}());
