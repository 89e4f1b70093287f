import RealModule

/// Scalar elementary functions for the layers above OptionsMath (which do not import
/// RealModule themselves): correctly rounded to within an ulp or two, as the platform libm.
public enum Elementary {
    /// e^x.
    @inlinable public static func exp(_ x: Double) -> Double { Double.exp(x) }
    /// Natural logarithm (NaN for x < 0, −inf at 0).
    @inlinable public static func log(_ x: Double) -> Double { Double.log(x) }
}
