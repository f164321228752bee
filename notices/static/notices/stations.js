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
  var offer = document.querySelector("[data-map-offer]");
  if (!box || !offer || !window.fetch) { return; }

  function text(tag, value) {
    var element = document.createElement(tag);
    element.textContent = value;
    return element;
  }

  // Leaflet is fetched only when the resident asks for the map: on a weak signal
  // the list below is the quicker way to a station.
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

  function draw(data) {
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
  }

  var button = offer.querySelector("button");
  offer.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    var data = fetch(box.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; });
    Promise.all([loadLeaflet(), data])
      .then(function (results) {
        draw(results[1]);
        offer.hidden = true;
        box.focus();
      })
      .catch(function () { box.hidden = true; button.disabled = false; });
  });
}());
