// Material draws ```mermaid blocks with the global `mermaid` and fetches the library from a
// CDN when that global is missing. This stand-in keeps every request on the site's own origin
// and loads the 3.5 MB library only when a page actually contains a diagram.
(function () {
  const source = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
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

  window.mermaid = {
    initialize: function (config) { options = config; },
    render: function (id, text) {
      return loadMermaid().then(function (mermaid) { return mermaid.render(id, text); });
    },
  };
})();
