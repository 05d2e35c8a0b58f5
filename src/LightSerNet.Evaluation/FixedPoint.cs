using System.Globalization;
using System.Numerics;

namespace LightSerNet.Evaluation;

/// <summary>Fixed-point text exactly as Python's <c>format(x, '.4f')</c> writes it.</summary>
internal static class FixedPoint
{
    /// <summary>
    /// Rounds the exact binary value of <paramref name="value"/> to <paramref name="digits"/> decimals, ties to even.
    /// .NET's "F4" rounds ties away from zero, so a recall of 1/32 = 0.03125 would print 0.0313 where sklearn's report
    /// prints 0.0312; shares of 32, 64 or 160 items hit such exact ties, so the report needs Python's rule.
    /// </summary>
    public static string Format(double value, int digits)
    {
        if (!double.IsFinite(value))
            return value.ToString(CultureInfo.InvariantCulture);
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        // value = mantissa * 2^power exactly.
        BigInteger mantissa = exponent == 0 ? fraction : fraction | (1L << 52);
        int power = exponent == 0 ? -1074 : exponent - 1075;
        BigInteger scaled = mantissa * BigInteger.Pow(10, digits);
        BigInteger units;
        if (power >= 0)
        {
            units = scaled << power;
        }
        else
        {
            BigInteger denominator = BigInteger.One << -power;
            units = BigInteger.DivRem(scaled, denominator, out var remainder);
            int half = (remainder * 2).CompareTo(denominator);
            if (half > 0 || (half == 0 && !units.IsEven))
                units += 1;
        }
        string text = units.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        string whole = text[..^digits];
        string result = digits > 0 ? whole + "." + text[^digits..] : whole;
        return negative ? "-" + result : result;
    }
}
