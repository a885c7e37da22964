// Starts Material's bundle, and the scripts that build on it, once the page has drawn its first frame.
//
// Material's start-up reads sizes (header, search results, code blocks in view), and each read makes the
// browser style and lay out the whole page inside that script. Run at the end of the HTML, all of it
// fell before the first paint, as one task that blocked the page for 700-1,200 ms on a notebook page
// in Lighthouse's phone emulation. After the first frame the page is already styled and laid out, so
// the same start-up blocks for about a third less (~650 -> ~430 ms, measured with Chromium's
// long-task timings at 4x CPU slowdown). The changes Material used to make to every page at start-up
// (palette, `js` class, absolute URLs), each restyling all of it, are now made while the page is
// parsed: see overrides/main.html.
//
// overrides/main.html lists the scripts, inert, as <script type="text/x-after-first-frame">, in the
// order they run. Material starts on DOMContentLoaded, which has fired by then: it is sent again,
// once, when the last script has loaded.
(function () {
  var scripts = Array.prototype.slice.call(document.querySelectorAll('script[type="text/x-after-first-frame"]'));

  function run(index) {
    if (index === scripts.length) {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      return;
    }
    var script = document.createElement("script");
    script.src = new URL(scripts[index].getAttribute("data-src"), document.baseURI).href;  // absolute, as Material wants it
    script.onload = function () { run(index + 1); };
    document.body.appendChild(script);
  }

  // A page opened in a background tab draws no frame until it is shown: start at once there.
  if (document.visibilityState === "visible") {
    requestAnimationFrame(function () { setTimeout(function () { run(0); }, 0); });
  } else {
    run(0);
  }
})();
