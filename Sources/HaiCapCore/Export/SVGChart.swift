import Foundation

/// Server-rendered charts as inline SVG: no scripts, and no `style` attributes, which the pages' CSP blocks.
///
/// Each chart scales to its container (`width="100%"` with a `viewBox`), names itself with `<title>`
/// for screen readers and lists its data in `<desc>`.
public enum SVGChart {
    static let font = "system-ui, sans-serif"
    static let ink = "#1f2328"
    static let muted = "#59636e"
    static let grid = "#d1d9e0"
    static let positive = "#1f6feb"
    static let negative = "#cf222e"
    static let noData = "Chưa có dữ liệu"

    /// Horizontal bars, one row per item: label, bar from zero, value in Vietnamese number format.
    public static func bars(title: String, items: [(label: String, value: Double)], unit: String, width: Int = 640) -> String {
        let width = max(width, 240)
        guard !items.isEmpty else { return empty(title: title, width: width) }
        let top = 40, rowHeight = 28, barHeight = 18
        let height = top + items.count * rowHeight + 12
        let labelWidth = Double(width) * 0.3
        let longestValue = items.map { valueText($0.value, unit: unit).count }.max() ?? 1
        let valueWidth = min(Double(width) * 0.3, Double(longestValue) * 7.5 + 8)
        let barStart = labelWidth + 8
        let barSpan = Double(width) - barStart - valueWidth - 8
        let finite = items.map(\.value).filter(\.isFinite)
        let low = min(0, finite.min() ?? 0), high = max(0, finite.max() ?? 0)
        let range = high - low > 0 ? high - low : 1
        let zero = barStart + (0 - low) / range * barSpan
        let desc = items.map { "\($0.label): \(valueText($0.value, unit: unit))" }.joined(separator: "; ")

        var svg = open(title: title, desc: desc, width: width, height: height)
        for (i, item) in items.enumerated() {
            let y = top + i * rowHeight
            let middle = y + rowHeight / 2
            svg += "<g><title>\(XMLText.escape("\(item.label): \(valueText(item.value, unit: unit))"))</title>"
            svg += text(clipped(item.label, toWidth: labelWidth), x: labelWidth, y: middle, anchor: "end", fill: ink)
            if item.value.isFinite, item.value != 0 {
                let end = barStart + (item.value - low) / range * barSpan
                let x = min(zero, end), w = max(abs(end - zero), 1)
                svg += #"<rect x="\#(n(x))" y="\#(middle - barHeight / 2)" width="\#(n(w))" height="\#(barHeight)" rx="3" fill="\#(item.value < 0 ? negative : positive)"/>"#
            }
            svg += text(valueText(item.value, unit: unit), x: Double(width) - 4, y: middle, anchor: "end", fill: ink)
            svg += "</g>"
        }
        if low < 0 {
            svg += #"<line x1="\#(n(zero))" y1="\#(top)" x2="\#(n(zero))" y2="\#(top + items.count * rowHeight)" stroke="\#(muted)" stroke-width="1"/>"#
        }
        return svg + "</svg>"
    }

    /// Values over periods as a line with points; a `nil` value leaves a gap, with gridlines at the lowest and highest value.
    public static func line(title: String, points: [(label: String, value: Double?)], unit: String, width: Int = 640) -> String {
        let width = max(width, 240)
        let values = points.compactMap(\.value).filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return empty(title: title, width: width) }
        let height = 260
        let longest = Double(points.map(\.label.count).max() ?? 1) * 7 + 8
        let left = 64.0, right = Double(width) - max(20, min(longest / 2, 80)), top = 44.0, bottom = Double(height) - 44
        let pad = high > low ? (high - low) * 0.08 : max(abs(high) * 0.1, 1)
        let (floor, ceiling) = (low - pad, high + pad)
        func y(_ v: Double) -> Double { bottom - (v - floor) / (ceiling - floor) * (bottom - top) }
        let step = points.count > 1 ? (right - left) / Double(points.count - 1) : 0
        func x(_ i: Int) -> Double { points.count > 1 ? left + Double(i) * step : (left + right) / 2 }
        let desc = points.map { "\($0.label): \($0.value.map { valueText($0, unit: unit) } ?? "không có số liệu")" }
            .joined(separator: "; ")

        var svg = open(title: title, desc: desc, width: width, height: height)
        for v in low == high ? [low] : [low, high] {
            svg += #"<line x1="\#(n(left))" y1="\#(n(y(v)))" x2="\#(n(right))" y2="\#(n(y(v)))" stroke="\#(grid)" stroke-width="1" stroke-dasharray="4 3"/>"#
            svg += text(format(v), x: left - 6, y: Int(y(v).rounded()), anchor: "end", size: 12)
        }
        svg += #"<line x1="\#(n(left))" y1="\#(n(bottom))" x2="\#(n(right))" y2="\#(n(bottom))" stroke="\#(muted)" stroke-width="1"/>"#
        if !unit.isEmpty { svg += text(unit, x: 4, y: Int(top) - 12, anchor: "start", size: 12) }

        var path = "", penDown = false
        for (i, point) in points.enumerated() {
            guard let v = point.value, v.isFinite else { penDown = false; continue }
            path += "\(penDown ? "L" : "M")\(n(x(i))) \(n(y(v))) "
            penDown = true
        }
        svg += #"<path d="\#(path.trimmingCharacters(in: .whitespaces))" fill="none" stroke="\#(positive)" stroke-width="2.5" stroke-linejoin="round"/>"#
        for (i, point) in points.enumerated() {
            guard let v = point.value, v.isFinite else { continue }
            svg += "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"3.5\" fill=\"\(positive)\">"
            svg += "<title>\(XMLText.escape("\(point.label): \(valueText(v, unit: unit))"))</title></circle>"
        }
        // Show every k-th period label so neighbours do not overlap.
        let every = max(1, Int((longest / max(step, 1)).rounded(.up)))
        for (i, point) in points.enumerated() where i % every == 0 {
            svg += text(point.label, x: x(i), y: Int(bottom) + 20, anchor: "middle", size: 12)
        }
        return svg + "</svg>"
    }

    /// `1.234,5`: the shared Vietnamese style, so charts read like the tables beside them.
    static func format(_ value: Double) -> String { VietnameseNumber.number(value) }

    static func valueText(_ value: Double, unit: String) -> String {
        unit.isEmpty || !value.isFinite ? format(value) : unit == "%" ? "\(format(value))%" : "\(format(value)) \(unit)"
    }

    static func open(title: String, desc: String, width: Int, height: Int) -> String {
        #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" width="100%" role="img" font-family="\#(font)" font-size="14" fill="\#(ink)">"#
            + "<title>\(XMLText.escape(title))</title><desc>\(XMLText.escape(desc))</desc>"
            + #"<text x="4" y="22" font-size="16" font-weight="600">\#(XMLText.escape(title))</text>"#
    }

    static func empty(title: String, width: Int) -> String {
        open(title: title, desc: noData, width: width, height: 72)
            + #"<text x="4" y="54" fill="\#(muted)">\#(noData)</text></svg>"#
    }

    static func text(_ content: String, x: Double, y: Int, anchor: String, size: Int? = nil, fill: String? = nil) -> String {
        let size = size.map { #" font-size="\#($0)""# } ?? ""
        let colour = #" fill="\#(fill ?? muted)""#
        return #"<text x="\#(n(x))" y="\#(y)" dy="0.35em" text-anchor="\#(anchor)"\#(size)\#(colour)>\#(XMLText.escape(content))</text>"#
    }

    /// Keeps a label within `width` points at ~7.5 points a character, ending it with `…` when cut.
    static func clipped(_ label: String, toWidth width: Double) -> String {
        let limit = max(4, Int(width / 7.5))
        return label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// Coordinates with at most one decimal, locale-free.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
