import Foundation

/// Data files that ship inside the `haicap` binary's resource bundle.
public enum BundledData {
    /// URL of a bundled file, e.g. `file("units/vietnam-units.csv")`.
    public static func file(_ relativePath: String) throws -> URL {
        guard let url = resourcesDirectory(of: .module)?.appendingPathComponent(relativePath),
              FileManager.default.fileExists(atPath: url.path)
        else { throw BundledDataError.missing(relativePath) }
        return url
    }

    /// The copied `Resources` folder of a SwiftPM bundle. Foundation on Linux may report the bundle
    /// itself or its `Resources` folder as `resourceURL`, depending on the layout it detects.
    public static func resourcesDirectory(of bundle: Bundle) -> URL? {
        guard let base = bundle.resourceURL else { return nil }
        if base.lastPathComponent == "Resources" { return base }
        return base.appendingPathComponent("Resources")
    }

    /// The contents of a bundled text file.
    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: file(relativePath), encoding: .utf8)
    }
}

/// A bundled file was not found next to the executable.
public enum BundledDataError: Error, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let path): "Không tìm thấy dữ liệu đi kèm '\(path)': hãy chạy haicap từ bản build đầy đủ (thư mục tài nguyên nằm cạnh tệp chạy)."
        }
    }
}
