// Deep zoom over the item's IIIF level-0 tiles; without JS (or on error) the access copy stays.
(function () {
  "use strict";
  var box = document.querySelector(".zoom[data-iiif-info]");
  if (!box || !window.OpenSeadragon) return;
  var fallback = box.innerHTML;
  var image = box.querySelector("img");
  var label = image ? image.alt : document.title;
  fetch(box.dataset.iiifInfo, { headers: { Accept: "application/ld+json" } })
    .then(function (response) {
      if (!response.ok) throw new Error("info.json " + response.status);
      return response.json();
    })
    .then(function (info) {
      box.classList.add("zoom-ready");
      box.innerHTML = "";
      var viewer = OpenSeadragon({
        element: box,
        prefixUrl: box.dataset.osdImages,
        tileSources: [info],
        showNavigator: true,
        gestureSettingsMouse: { clickToZoom: false },
      });
      viewer.addHandler("open-failed", function () {
        viewer.destroy();
        box.classList.remove("zoom-ready");
        box.innerHTML = fallback;
      });
      // The canvas takes keyboard focus, so arrow keys and +/- work once tabbed to.
      var canvas = box.querySelector(".openseadragon-canvas");
      if (canvas) {
        canvas.setAttribute("tabindex", "0");
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", label);
      }
    })
    .catch(function () {
      box.innerHTML = fallback;
    });
})();
