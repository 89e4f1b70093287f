/// The report's inline stylesheet: a dark, dense trading-desk look with system fonts only (no web fonts).
/// Written without `<` or `&` so the page is also well-formed XHTML.
enum HTMLReportStyle {
    /// Everything of a self-contained page up to and including `<main>`: XHTML doctype, charset, a
    /// Content-Security-Policy of `default-src 'none'` (inline styles only), the viewport, the escaped
    /// `title` and the inline stylesheet.
    static func documentStart(title: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(Markup.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>

        """
    }

    static let css = """
    :root { color-scheme: dark; }
    * { box-sizing: border-box; }
    html, body { margin: 0; background: \(Palette.page); color: \(Palette.text); }
    body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
    .mono, td.v, .kpi .value { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-variant-numeric: tabular-nums; }
    main { max-width: 1400px; margin: 0 auto; padding: 16px 20px 28px; }
    header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; padding: 4px 0 12px; border-bottom: 1px solid \(Palette.border); margin-bottom: 14px; }
    header h1 { margin: 0; font-size: 24px; font-weight: 700; letter-spacing: 0.3px; }
    header h1 .date { color: \(Palette.muted); font-weight: 500; margin-left: 8px; }
    header .sub { color: \(Palette.muted); font-size: 13px; }
    header .brand { margin-left: auto; color: \(Palette.muted); font-size: 12px; }
    .kpis { display: grid; grid-template-columns: repeat(7, 1fr); gap: 10px; margin-bottom: 14px; }
    .kpi { background: \(Palette.panel); border: 1px solid \(Palette.border); border-radius: 8px; padding: 9px 12px 10px; border-top: 3px solid \(Palette.border); }
    .kpi .label { color: \(Palette.muted); font-size: 11px; text-transform: uppercase; letter-spacing: 0.6px; }
    .kpi .value { font-size: 21px; font-weight: 700; margin-top: 2px; white-space: nowrap; }
    .kpi .note { color: \(Palette.muted); font-size: 11.5px; margin-top: 1px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .kpi.spot { border-top-color: \(Palette.spot); }
    .kpi.zero { border-top-color: \(Palette.zeroGamma); } .kpi.zero .value { color: \(Palette.zeroGamma); }
    .kpi.call { border-top-color: \(Palette.callWall); } .kpi.call .value { color: \(Palette.callWall); }
    .kpi.put { border-top-color: \(Palette.putWall); } .kpi.put .value { color: \(Palette.putWall); }
    .kpi.long { border-top-color: \(Palette.positiveFill); } .kpi.long .value { color: \(Palette.callWall); }
    .kpi.short { border-top-color: \(Palette.negativeFill); } .kpi.short .value { color: \(Palette.putWall); }
    .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-bottom: 14px; }
    .grid3 { display: grid; grid-template-columns: 1fr 1.4fr 0.9fr; gap: 14px; align-items: start; }
    figure.panel, section.panel { margin: 0 0 14px; background: \(Palette.panel); border: 1px solid \(Palette.border); border-radius: 8px; padding: 4px; }
    .grid2 figure.panel, .grid3 section.panel { margin-bottom: 0; }
    svg.chart { display: block; width: 100%; height: auto; }
    svg.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
    svg.chart text.mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    section.panel { padding: 12px 14px; }
    section.panel h2 { margin: 0 0 8px; font-size: 14px; font-weight: 600; }
    table { width: 100%; border-collapse: collapse; }
    td { padding: 4px 6px; border-bottom: 1px solid \(Palette.grid); vertical-align: top; }
    tr:last-child td { border-bottom: none; }
    td.k { color: \(Palette.muted); white-space: nowrap; width: 1%; padding-right: 14px; }
    td.v { text-align: right; }
    table.keys td.v { white-space: nowrap; }
    table.conv td.v { text-align: left; font-family: inherit; }
    ul.warnings { margin: 0; padding: 0; list-style: none; }
    ul.warnings li { padding: 6px 10px; margin-bottom: 6px; border-left: 3px solid \(Palette.zeroGamma); background: #2a2414; border-radius: 3px; }
    p.ok { margin: 0; color: \(Palette.muted); }
    footer { margin-top: 16px; color: \(Palette.muted); font-size: 11.5px; text-align: center; }
    @media (max-width: 1100px) { .grid2, .grid3 { grid-template-columns: 1fr; } .kpis { grid-template-columns: repeat(3, 1fr); } }
    """
}
