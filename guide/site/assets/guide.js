/* global document, window, Chart, Diff2HtmlUI */
// The two things drawn in the browser: the step's diff (diff2html, with highlight.js) and the charts (Chart.js).

function drawDiff(outputFormat) {
  const target = document.querySelector('[data-diff]');
  const text = document.getElementById('diff-text');
  if (target === null || text === null) return;
  for (const button of document.querySelectorAll('[data-diff-format]'))
    button.setAttribute('aria-pressed', String(button.dataset.diffFormat === outputFormat));
  const ui = new Diff2HtmlUI(target, JSON.parse(text.textContent), {
    outputFormat,
    drawFileList: true,
    fileListToggle: true,
    fileListStartVisible: false,
    fileContentToggle: true,
    highlight: true,
    synchronisedScroll: true,
  });
  ui.draw();
  ui.highlightCode();
  target.dataset.rendered = 'true';
}

function drawCharts() {
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const config = document.querySelector(`script[data-chart-config="${canvas.dataset.chart}"]`);
    new Chart(canvas, JSON.parse(config.textContent));
    canvas.dataset.rendered = 'true';
  }
}

// on a phone the chapter list starts folded, so that the page begins with the chapter
if (window.matchMedia('(max-width: 760px)').matches)
  document.querySelector('details.toc')?.removeAttribute('open');
// side by side where two columns of code fit and there is an old side to show; a reader may switch
const allNew = document.querySelector('[data-diff]')?.dataset.allNew !== undefined;
drawDiff(window.matchMedia('(min-width: 1100px)').matches && !allNew ? 'side-by-side' : 'line-by-line');
for (const button of document.querySelectorAll('[data-diff-format]'))
  button.addEventListener('click', () => drawDiff(button.dataset.diffFormat));
drawCharts();
