/// Order statistics without a full sort.
enum OrderStatistics {
    /// The `k`-th smallest of `values` (0-based; what `values.sorted()[k]` holds), by an in-place
    /// quickselect with a median-of-three pivot: O(n) expected, deterministic (no randomness), and
    /// it leaves `values` partially ordered — later calls on the same buffer stay correct.
    /// `values` must hold no NaN; `k` must be in `0..<values.count`.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        precondition(values.indices.contains(k), "OrderStatistics.select: rank out of range")
        return values.withUnsafeMutableBufferPointer { v in
            var low = 0, high = v.count - 1
            while low < high {
                // Median of three to the middle, then a Hoare partition around its value.
                let mid = low + (high - low) / 2
                if v[mid] < v[low] { v.swapAt(mid, low) }
                if v[high] < v[low] { v.swapAt(high, low) }
                if v[high] < v[mid] { v.swapAt(high, mid) }
                let pivot = v[mid]
                var i = low, j = high
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while pivot < v[j] { j -= 1 }
                    if i <= j {
                        v.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now v[low...j] ≤ pivot ≤ v[i...high], and anything strictly between j and i equals pivot.
                if k <= j { high = j } else if k >= i { low = i } else { return v[k] }
            }
            return v[k]
        }
    }
}
