/* Progressive enhancement of the report form: "use my location" fills the hidden
   latitude/longitude fields (the form works the same without it), and a too-large
   photo is flagged before upload. No external request of any kind. */
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
    tooMany: form.dataset.tooMany
  };
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
        lat.value = position.coords.latitude.toFixed(6);
        lng.value = position.coords.longitude.toFixed(6);
        status.textContent = text.located;
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
