// kreislauf: the region map. Data comes from the JSON API (compact rows); markers are
// clustered; boundaries and flows are vector layers; no tile layer unless configured.
// Popups are built from DOM nodes with textContent: names are never parsed as HTML.
(function () {
  "use strict";

  function label(el, name, n) {
    var text = el.getAttribute("data-label-" + name) || "";
    return n === undefined ? text : text.replace("%N%", String(n));
  }

  function popup(el, region, row) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = row[1];
    box.appendChild(title);
    if (row[5]) {
      var sector = document.createElement("div");
      sector.textContent = "NACE " + row[5];
      box.appendChild(sector);
    }
    var counts = document.createElement("div");
    counts.textContent = label(el, "offers") + ": " + row[6] + " · " + label(el, "needs") + ": " + row[7];
    box.appendChild(counts);
    var link = document.createElement("a");
    link.href = "/regions/" + encodeURIComponent(region) + "/actors/" + encodeURIComponent(row[0]);
    link.textContent = label(el, "open");
    box.appendChild(link);
    box.appendChild(document.createTextNode(" · "));
    var matches = document.createElement("a");
    matches.href = link.href + "/matches";
    matches.textContent = label(el, "matches");
    box.appendChild(matches);
    return box;
  }

  function query(form) {
    var params = new URLSearchParams();
    ["sector", "direction", "type", "material"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) { params.set(name, field.value); }
    });
    return params;
  }

  function start() {
    var el = document.getElementById("map");
    if (!el || typeof L === "undefined") { return; }
    var region = el.getAttribute("data-region");
    var status = document.getElementById("map-status");
    var form = document.getElementById("map-filters");
    var map = L.map(el, { preferCanvas: true, zoomControl: true, minZoom: 5, maxZoom: 18 }).setView([51.0, 10.4], 6);
    var tileUrl = el.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map);
    }
    var boundaries = L.geoJSON(null, {
      style: { color: "#5a3d00", weight: 2, fill: true, fillOpacity: 0.04 },
      interactive: false
    }).addTo(map);
    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    map.addLayer(clusters);
    var flows = L.layerGroup().addTo(map);
    var fitted = false;

    fetch("/api/v1/regions/" + encodeURIComponent(region) + "/boundaries", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.features && data.features.length) {
          boundaries.addData(data);
          if (!fitted) { map.fitBounds(boundaries.getBounds()); fitted = true; }
        }
      })
      .catch(function () { /* the map works without boundaries */ });

    function load() {
      el.setAttribute("data-ready", "0");
      var params = query(form);
      if (window.history && window.history.replaceState) {
        var qs = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
      }
      fetch("/api/v1/regions/" + encodeURIComponent(region) + "/map-data?" + params.toString(),
            { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (data) {
          clusters.clearLayers();
          flows.clearLayers();
          var markers = [];
          var bounds = [];
          data.actors.forEach(function (row) {
            var marker = L.marker([row[2], row[3]], { title: row[1], alt: row[1], keyboard: true });
            marker.bindPopup(function () { return popup(el, region, row); });
            marker.options.actorId = row[0];
            markers.push(marker);
            bounds.push([row[2], row[3]]);
          });
          clusters.addLayers(markers);
          data.flows.forEach(function (f) {
            var exchange = f[4] === "exchange";
            L.polyline([[f[0], f[1]], [f[2], f[3]]], {
              color: exchange ? "#135c3a" : "#0b5394",
              weight: exchange ? 4 : 2,
              opacity: 0.7,
              dashArray: exchange ? null : "4 4"
            }).bindTooltip((exchange ? label(el, "exchange") : label(el, "match")) + ": " + f[5], { sticky: true })
              .addTo(flows);
          });
          if (!fitted && bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); fitted = true; }
          var text = label(el, "actors", data.actors.length);
          if (data.without_location) { text += " · " + label(el, "without", data.without_location); }
          status.textContent = text;
          el.setAttribute("data-count", String(data.actors.length));
          el.setAttribute("data-flows", String(data.flows.length));
          el.setAttribute("data-ready", "1");
        })
        .catch(function () {
          status.textContent = label(el, "error");
          el.setAttribute("data-ready", "error");
        });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
    form.addEventListener("change", function () { load(); });
    load();
    window.kreislaufMap = map;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
