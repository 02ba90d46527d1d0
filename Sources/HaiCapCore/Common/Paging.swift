import Foundation

/// Page and page size of a list request: `page` from 1, `per` 50 by default and at most 500.
public struct PageRequest: Sendable, Equatable {
    public static let defaultPer = 50
    public static let maxPer = 500

    public var page: Int
    public var per: Int

    public init(page: Int = 1, per: Int = PageRequest.defaultPer) {
        self.page = page
        self.per = per
    }

    /// Reads `page`/`per` from query strings; bad values are a validation error naming the field.
    public init(page: String?, per: String?, defaultPer: Int = PageRequest.defaultPer) throws(HaiCapError) {
        var fields: [FieldError] = []
        var p = 1
        var k = defaultPer
        if let page {
            if let value = Int(page), value >= 1 { p = value } else {
                fields.append(.init(key: "page", message: "Tham số page phải là số nguyên từ 1 trở lên."))
            }
        }
        if let per {
            if let value = Int(per), (1...Self.maxPer).contains(value) { k = value } else {
                fields.append(.init(key: "per", message: "Tham số per phải là số nguyên từ 1 đến \(Self.maxPer)."))
            }
        }
        guard fields.isEmpty else { throw .validation(fields) }
        self.init(page: p, per: k)
    }

    public var offset: Int { (page - 1) * per }
}

/// One page of a list with the full count.
public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var page: PageRequest

    public init(items: [Item], total: Int, page: PageRequest) {
        self.items = items
        self.total = total
        self.page = page
    }

    public var pageCount: Int { max(1, (total + page.per - 1) / page.per) }
}
