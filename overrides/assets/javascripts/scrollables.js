// A box that scrolls sideways (a wide formula, table or code block, a diagram's source before it
// is drawn) must be reachable by keyboard, or its hidden part is out of reach without a mouse.
// Only boxes that actually overflow become tab stops. Material does this for a code block only once the block
// scrolls into view (the content.lazy feature), so code blocks are done here too.
// All sizes are read before any attribute is written, so the page is laid out once, not once per box.
document$.subscribe(function (page) {
  var boxes = Array.prototype.slice.call(page.body.querySelectorAll(".katex-display, pre > code, .md-typeset__scrollwrap, .jp-RenderedHTMLCommon table"));
  boxes
    .filter(function (box) { return box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex"); })
    .forEach(function (box) { box.setAttribute("tabindex", "0"); });
});
