/* Progressive enhancement of the report form: "use my location" or a pin placed on
   a map (Leaflet, served by the site, loaded only when asked for) fills the hidden
   latitude/longitude fields; with a point and a category, the open reports of the
   same category nearby are listed ("附近已有人反映") from the site's own JSON; a
   too-large photo is flagged before upload. The form works the same without it. */
(function () {
  "use strict";
  var form = document.querySelector(".report-form");
  if (!form) { return; }
  var lat = form.querySelector("input[name=latitude]");
  var lng = form.querySelector("input[name=longitude]");
  var where = form.querySelector("#field_id_location");
  // Texts come translated from the page (data-* attributes of the form).
  var text = {
    locate: form.dataset.locate,
    locating: form.dataset.locating,
    located: form.dataset.located,
    failed: form.dataset.failed,
    tooBig: form.dataset.tooBig,
    tooMany: form.dataset.tooMany,
    pin: form.dataset.pin,
    pinHelp: form.dataset.pinHelp,
    pinned: form.dataset.pinned,
    mapLabel: form.dataset.mapLabel
  };
  var category = form.querySelector("select[name=category]");
  var nearby = document.getElementById("report-nearby");
  var nearbyList = nearby && nearby.querySelector(".report-nearby__list");
  var nearbyItem = document.getElementById("report-nearby-item");
  var asked = "";

  // 附近已有人反映: ask the site for open reports of this category near the point.
  function checkNearby() {
    if (!nearby || !nearbyList || !nearbyItem || !window.fetch) { return; }
    if (!category || !category.value || !lat.value || !lng.value) { return; }
    var query = "category=" + encodeURIComponent(category.value) +
      "&lat=" + encodeURIComponent(lat.value) + "&lng=" + encodeURIComponent(lng.value);
    if (query === asked) { return; }
    asked = query;
    window.fetch(nearby.getAttribute("data-url") + "?" + query, {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : { reports: [] };
    }).then(function (answer) {
      if (query !== asked) { return; }
      showNearby(answer.reports || []);
    }).catch(function () { /* the server checks again when the form is sent */ });
  }

  function showNearby(reports) {
    while (nearbyList.firstChild) { nearbyList.removeChild(nearbyList.firstChild); }
    reports.forEach(function (report) {
      var item = nearbyItem.content.firstElementChild.cloneNode(true);
      var title = report.summary || report.category;
      item.querySelector("[data-part=title]").textContent = title;
      item.querySelector("[data-part=category]").textContent = report.category;
      item.querySelector("[data-part=state]").textContent = report.state;
      item.querySelector("[data-part=distance]").textContent = report.distance;
      var received = item.querySelector("[data-part=received]");
      received.textContent = report.received;
      received.setAttribute("datetime", report.received);
      item.querySelector("[data-part=button-title]").textContent = title + ", " + report.distance;
      item.querySelector("button").value = report.id;
      nearbyList.appendChild(item);
    });
    nearby.hidden = reports.length === 0;
  }

  // A point given: the words for the place become optional (the server agrees).
  function pointGiven() {
    if (where) { where.classList.add("report-location--pinned"); }
    checkNearby();
  }

  if (category) { category.addEventListener("change", checkNearby); }

  var pinBox = null;
  var marker = null;
  var pinMap = null;
  var pinStatus = null;

  function loadLeaflet() {
    return new Promise(function (resolve, reject) {
      if (typeof window.L !== "undefined") { resolve(); return; }
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = form.dataset.leafletCss;
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = form.dataset.leafletJs;
      script.onload = function () { resolve(); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function placePin(point, say) {
    lat.value = point.lat.toFixed(6);
    lng.value = point.lng.toFixed(6);
    if (pinMap) {
      if (marker) { marker.setLatLng(point); } else {
        marker = L.marker(point, { draggable: true, keyboard: false, title: text.pinned });
        marker.on("dragend", function () { placePin(marker.getLatLng(), true); });
        marker.addTo(pinMap);
      }
    }
    if (say && pinStatus) { pinStatus.textContent = text.pinned; }
    pointGiven();
  }

  function openPinMap(button) {
    button.disabled = true;
    loadLeaflet().then(function () {
      var mapBox = document.createElement("div");
      mapBox.className = "report-pin-map";
      mapBox.setAttribute("role", "region");
      mapBox.setAttribute("aria-label", text.mapLabel);
      mapBox.setAttribute("aria-describedby", "report-pin-help");
      pinBox.appendChild(mapBox);
      var tiles = form.dataset.tiles;
      pinMap = L.map(mapBox, { attributionControl: Boolean(tiles) });
      if (tiles) { L.tileLayer(tiles, { maxZoom: 19 }).addTo(pinMap); }
      var start = null;
      if (lat.value && lng.value) {
        start = L.latLng(Number(lat.value), Number(lng.value));
      } else if (form.dataset.lat && form.dataset.lng) {
        start = L.latLng(Number(form.dataset.lat), Number(form.dataset.lng));
      }
      pinMap.setView(start || L.latLng(34.26, 117.18), start ? 17 : 12);
      if (lat.value && lng.value) { placePin(start, false); }
      if (form.dataset.lat && form.dataset.lng) {
        L.circleMarker([Number(form.dataset.lat), Number(form.dataset.lng)], {
          radius: 6, color: "#0b4f8a", weight: 2, fillColor: "#ffffff", fillOpacity: 1, interactive: false
        }).addTo(pinMap);
      }
      pinMap.on("click", function (event) { placePin(event.latlng, true); });
      // Keyboard: move the map with the arrow keys, Enter puts the pin at its centre.
      mapBox.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); placePin(pinMap.getCenter(), true); }
      });
      button.hidden = true;
      mapBox.focus();
    }).catch(function () { button.disabled = false; });
  }

  if (lat && lng && where && form.dataset.leafletJs && window.Promise) {
    pinBox = document.createElement("div");
    pinBox.className = "report-pin";
    var pinButton = document.createElement("button");
    pinButton.type = "button";
    pinButton.className = "button button--secondary";
    pinButton.textContent = text.pin;
    var pinHelp = document.createElement("p");
    pinHelp.className = "field__help";
    pinHelp.id = "report-pin-help";
    pinHelp.textContent = text.pinHelp;
    pinStatus = document.createElement("span");
    pinStatus.className = "report-locate__status";
    pinStatus.setAttribute("role", "status");
    pinBox.appendChild(pinButton);
    pinBox.appendChild(pinHelp);
    pinBox.appendChild(pinStatus);
    where.appendChild(pinBox);
    pinButton.addEventListener("click", function () { openPinMap(pinButton); });
  }

  if (lat && lng && where && navigator.geolocation) {
    var box = document.createElement("p");
    box.className = "report-locate";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = text.locate;
    var status = document.createElement("span");
    status.className = "report-locate__status";
    status.setAttribute("role", "status");
    box.appendChild(button);
    box.appendChild(status);
    where.appendChild(box);
    button.addEventListener("click", function () {
      status.textContent = text.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        status.textContent = text.located;
        var here = { lat: position.coords.latitude, lng: position.coords.longitude };
        if (pinMap) {
          here = L.latLng(here.lat, here.lng);
          pinMap.setView(here, 17);
        }
        placePin(here, false);
      }, function () {
        status.textContent = text.failed;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }
  var photos = form.querySelector("input[type=file]");
  if (photos) {
    photos.addEventListener("change", function () {
      var message = "";
      if (photos.files.length > 3) { message = text.tooMany; }
      for (var i = 0; i < photos.files.length; i += 1) {
        if (photos.files[i].size > 10 * 1024 * 1024) { message = text.tooBig; }
      }
      photos.setCustomValidity(message);
      if (message) { photos.reportValidity(); }
    });
  }
}());
