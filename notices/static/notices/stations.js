/* Station directory enhancements: the Leaflet map of the stations listed on the page,
   and the poster's print button. Everything works without this file. */
(function () {
  "use strict";

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  var box = document.getElementById("station-map");
  var offer = document.querySelector("[data-map-offer]");
  var cards = document.querySelectorAll(".station-card[data-lat]");
  if (!box || !offer || !cards.length || !window.Promise) { return; }

  // Leaflet is fetched only when the resident asks for the map: on a weak signal
  // the list is the quicker way to a station.
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

  // Each marker's popup is a copy of the station's card: name, address, status, phone.
  function popupOf(card) {
    var popup = document.createElement("div");
    Array.prototype.forEach.call(card.children, function (child) {
      var copy = child.cloneNode(true);
      if (/^H\d$/.test(copy.tagName)) {
        var title = document.createElement("p");
        title.className = copy.className;
        while (copy.firstChild) { title.appendChild(copy.firstChild); }
        copy = title;
      }
      popup.appendChild(copy);
    });
    return popup;
  }

  function draw() {
    box.hidden = false;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", box.getAttribute("data-label"));
    var tiles = box.getAttribute("data-tiles");
    var map = L.map(box, { attributionControl: Boolean(tiles) });
    if (tiles) {
      L.tileLayer(tiles, {
        attribution: box.getAttribute("data-attribution"), maxZoom: 18
      }).addTo(map);
    }
    var bounds = L.latLngBounds([]);
    // With tiles, the boundaries the page draws as its base map go over them too
    // (notices/maps/drawing.py writes them, in the tiles' coordinates).
    var drawn = document.querySelector("[data-area-map][data-geojson]");
    var areas = drawn && document.getElementById(drawn.getAttribute("data-geojson"));
    if (tiles && areas) {
      var layer = L.geoJSON(JSON.parse(areas.textContent), {
        style: { color: "#33475b", weight: 2, fillColor: "#0b4f8a", fillOpacity: 0.06 },
        onEachFeature: function (feature, shape) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.title;
          shape.bindTooltip(feature.properties.title).bindPopup(link);
        }
      }).addTo(map);
      bounds.extend(layer.getBounds());
    }
    Array.prototype.forEach.call(cards, function (card) {
      var point = [Number(card.getAttribute("data-lat")), Number(card.getAttribute("data-lng"))];
      var title = card.querySelector("a");
      L.circleMarker(point, {
        radius: 8, color: "#0b4f8a", weight: 2, fillColor: "#ffbf47", fillOpacity: 0.9
      }).bindPopup(popupOf(card)).bindTooltip(title ? title.textContent : "").addTo(map);
      bounds.extend(point);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  var button = offer.querySelector("button");
  function show() {
    button.disabled = true;
    loadLeaflet()
      .then(function () {
        draw();
        offer.hidden = true;
        box.focus();
      })
      .catch(function () { box.hidden = true; button.disabled = false; });
  }
  offer.hidden = false;
  button.addEventListener("click", show);
  // Arriving from "Stations on a map" (…#station-map): the resident asked for the map.
  if (window.location.hash === "#station-map") { show(); }
}());
