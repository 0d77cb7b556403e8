import Foundation

/// A self-contained HTML report: the charting library and every chart's data inline, nothing
/// fetched. Once the page has drawn, an element `#render-status` holds JSON with the number
/// of charts, the marks each drew, the painted pixels of each canvas and any script error,
/// so a headless browser can check that every plot rendered. Under each plot, a table holds
/// its figures (in a `<details>` element, closed).
public enum HTMLReport {
  public static func html(title: String, inputs: [String], charts: [ReportChart])
    throws(ReportError) -> String
  {
    let library = try ReportAssets.chartLibrary()
    func escape(_ s: String) -> String {
      s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    let charts = charts.map { $0.checked() }
    var body = ""
    for (i, c) in charts.enumerated() {
      body += """
        <figure><canvas id="chart\(i)" width="960" height="420"></canvas>
        <figcaption>\(escape(c.caption))</figcaption>
        <details><summary>The figures</summary>\(c.figuresTable(escape: escape))</details></figure>

        """
    }
    var configurations: [String] = []
    for c in charts { configurations.append(try c.configuration()) }
    let safeConfigs = "[" + configurations.joined(separator: ",\n") + "]"
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <title>\(escape(title))</title>
      <style>
      body { font-family: sans-serif; margin: 2em; color: #222; }
      figure { margin: 0 0 2.5em 0; } figcaption { max-width: 960px; font-size: 0.9em; color: #444; }
      #render-status { display: none; }
      table.figures { border-collapse: collapse; font-size: 0.85em; margin-top: 0.5em; }
      table.figures td, table.figures th { border: 1px solid #ccc; padding: 2px 6px; text-align: right; }
      </style>
      <script>window.__reportErrors = []; window.addEventListener('error', function (e) { window.__reportErrors.push(String(e.message)); });</script>
      <script>\(library.replacingOccurrences(of: "</script", with: "<\\/script"))</script>
      </head><body>
      <h1>\(escape(title))</h1>
      <p>From: \(escape(inputs.joined(separator: ", "))). Made by qinssim report; the plots are drawn by Chart.js 3.9.1 (MIT), inlined.</p>
      \(body)<pre id="render-status"></pre>
      <script>
      (function () {
        var configs = \(safeConfigs);
        var drawn = [], painted = [];
        configs.forEach(function (config, i) {
          try {
            var chart = new Chart(document.getElementById('chart' + i), config);
            var marks = 0;
            chart.data.datasets.forEach(function (d, j) { marks += chart.getDatasetMeta(j).data.length; });
            drawn.push(marks);
            var canvas = chart.canvas, ctx = canvas.getContext('2d');
            var pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data, n = 0;
            for (var p = 3; p < pixels.length; p += 4) { if (pixels[p] !== 0) { n++; } }
            painted.push(n);
          } catch (e) { window.__reportErrors.push('chart ' + i + ': ' + e.message); drawn.push(0); painted.push(0); }
        });
        document.getElementById('render-status').textContent = JSON.stringify({
          charts: configs.length, drawn: drawn, painted: painted, errors: window.__reportErrors });
      })();
      </script>
      </body></html>

      """
  }
}
