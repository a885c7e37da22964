// Material draws ```mermaid blocks with the global `mermaid` and fetches the library from a
// CDN when that global is missing. This stand-in keeps every request on the site's own origin,
// and loads the 3.5 MB library only when a diagram comes near the viewport, so pages whose
// diagrams sit below the fold stay fast to load.
(function () {
  const source = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  const waiting = new Set(); // resolvers of diagrams not yet visible, released before printing
  let options = {};
  let loading = null;

  function loadMermaid() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = source;
        script.onload = function () {
          // The library has replaced this stand-in on `window`.
          window.mermaid.initialize(options);
          resolve(window.mermaid);
        };
        script.onerror = function () { reject(new Error("Could not load " + source)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  // Resolves when the block holding `text` is within 400px of the viewport.
  function whenNearViewport(text) {
    const block = Array.from(document.querySelectorAll(".mermaid")).find(function (element) {
      return element.textContent === text;
    });
    if (!block || !("IntersectionObserver" in window)) return Promise.resolve();
    return new Promise(function (resolve) {
      const observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) release();
      }, { rootMargin: "400px" });
      function release() { observer.disconnect(); waiting.delete(release); resolve(); }
      waiting.add(release);
      observer.observe(block);
    });
  }

  // Printing shows every diagram: start drawing the ones still waiting.
  window.addEventListener("beforeprint", function () { waiting.forEach(function (release) { release(); }); });

  window.mermaid = {
    initialize: function (config) { options = config; },
    render: function (id, text) {
      return whenNearViewport(text).then(loadMermaid).then(function (mermaid) { return mermaid.render(id, text); });
    },
  };
})();
