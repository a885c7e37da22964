// Renders math with the KaTeX copy served by this site, and loads KaTeX only on pages that
// contain math. Markdown pages: pymdownx.arithmatex (generic mode) wraps each formula in an
// `.arithmatex` element as \( … \) or \[ … \]. Notebook pages: nbconvert leaves $…$ and $$…$$
// as text inside the rendered Markdown cells.
(function () {
  const base = new URL("../vendor/katex/", document.currentScript.src).href;
  let loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("Could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function loadKatex() {
    if (!loading) {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = base + "katex.min.css";
      document.head.appendChild(style);
      loading = loadScript(base + "katex.min.js").then(function () {
        return loadScript(base + "contrib/auto-render.min.js");
      });
    }
    return loading;
  }

  function renderMarkdownMath(element) {
    const text = element.textContent.trim();
    const tex = text.slice(2, -2); // drop the \( \) or \[ \] delimiters
    try {
      katex.render(tex, element, { displayMode: element.tagName === "DIV", throwOnError: true });
    } catch (error) {
      // Surface bad TeX as a console error: the browser tests fail on any console error.
      console.error("KaTeX could not render " + JSON.stringify(text) + ": " + error.message);
    }
  }

  function renderNotebookMath(cell) {
    renderMathInElement(cell, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: true,
    });
  }

  function render(root) {
    const formulas = root.querySelectorAll(".arithmatex");
    const cells = Array.from(root.querySelectorAll(".jp-RenderedMarkdown")).filter(function (cell) {
      return cell.textContent.includes("$");
    });
    if (formulas.length === 0 && cells.length === 0) return;
    loadKatex().then(function () {
      formulas.forEach(renderMarkdownMath);
      cells.forEach(renderNotebookMath);
    });
  }

  // Material's `document$` emits on the first load and after every instant navigation.
  document$.subscribe(function (page) { render(page.body); });
})();
