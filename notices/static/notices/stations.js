/* Station directory enhancements: the Leaflet map and the poster's print button.
   Everything works without this file. */
(function () {
  "use strict";

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  var box = document.getElementById("station-map");
  if (!box || typeof window.L === "undefined" || !window.fetch) { return; }

  function text(tag, value) {
    var element = document.createElement(tag);
    element.textContent = value;
    return element;
  }

  fetch(box.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.stations.length) { return; }
      box.hidden = false;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", box.getAttribute("data-label"));
      var map = L.map(box, { attributionControl: Boolean(data.tiles.url) });
      if (data.tiles.url) {
        L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
      }
      var bounds = [];
      data.stations.forEach(function (station) {
        var popup = document.createElement("div");
        var link = document.createElement("a");
        link.href = station.url;
        link.textContent = station.title;
        popup.appendChild(link);
        if (station.station) { popup.appendChild(text("p", station.station)); }
        if (station.address) { popup.appendChild(text("p", station.address)); }
        L.circleMarker([station.lat, station.lng], {
          radius: 8, color: "#0b4f8a", weight: 2, fillColor: "#ffbf47", fillOpacity: 0.9
        }).bindPopup(popup).bindTooltip(station.title).addTo(map);
        bounds.push([station.lat, station.lng]);
      });
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    })
    .catch(function () { box.hidden = true; });
}());
