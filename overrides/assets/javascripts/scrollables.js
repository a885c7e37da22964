// A box that scrolls sideways (a wide formula, a diagram's source before it is drawn) must be
// reachable by keyboard, or its hidden part is out of reach without a mouse. Only boxes that
// actually overflow become tab stops; Material already does this for code blocks.
document$.subscribe(function (page) {
  page.body.querySelectorAll(".katex-display, pre.mermaid > code").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
    }
  });
});
