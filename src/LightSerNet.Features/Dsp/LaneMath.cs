using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LightSerNet.Features.Dsp;

/// <summary>
/// Small Vector256 building blocks for the lane pipeline, where each of the eight lanes carries a different frame:
/// fused multiply-add where the CPU has it, and an 8x8 transpose that turns eight frames' consecutive samples into
/// eight vectors of one sample index each.
/// </summary>
internal static class LaneMath
{
    /// <summary>Eight frames, one per lane.</summary>
    public const int Lanes = 8;

    /// <summary>True when the lane pipeline runs on vector hardware; otherwise the extractor uses the scalar one.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated && Vector256<float>.Count == Lanes;

    /// <summary>a·b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>c - a·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplySubtractFrom(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : c - a * b;

    /// <summary>
    /// Natural log of each lane, within about 1 ulp for finite positive input (Cephes' logf: x = m·2^e with m in
    /// [sqrt(1/2), sqrt(2)), a degree-9 polynomial for log(m), e·ln 2 added in two parts). A vector with any lane that
    /// is not a positive normal number (zero, subnormal, negative, infinite, NaN) goes to MathF.Log lane by lane; the
    /// pipeline's mel + offset never is one.
    /// Ours rather than TensorPrimitives.Log: that one runs through the JIT's tiers and took up to 50 times longer
    /// for the first several hundred calls, which is all a short pwsh session makes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127);
        var mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        // Bring the mantissa into [sqrt(1/2), sqrt(2)) so the polynomial sees |f| < 0.42.
        var high = Vector256.GreaterThan(mantissa, Vector256.Create(1.41421356f));
        mantissa = Vector256.ConditionalSelect(high, mantissa * 0.5f, mantissa);
        var e = Vector256.ConvertToSingle(exponent - high.AsInt32());
        var f = mantissa - Vector256.Create(1f);
        var z = f * f;
        var p = Vector256.Create(7.0376836292E-2f);
        p = MultiplyAdd(p, f, Vector256.Create(-1.1514610310E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(1.1676998740E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(-1.2420140846E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(1.4249322787E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(-1.6668057665E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(2.0000714765E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(-2.4999993993E-1f));
        p = MultiplyAdd(p, f, Vector256.Create(3.3333331174E-1f));
        var y = p * f * z;
        y = MultiplyAdd(e, Vector256.Create(-2.12194440E-4f), y);
        y = MultiplySubtractFrom(z, Vector256.Create(0.5f), y);
        var result = MultiplyAdd(e, Vector256.Create(0.693359375f), f + y);
        var ordinary = Vector256.GreaterThanOrEqual(x, Vector256.Create(SmallestNormal)) & Vector256.LessThan(x, Vector256.Create(float.PositiveInfinity));
        return ordinary.AsInt32() == Vector256<int>.AllBitsSet ? result : LogPerLane(x);
    }

    private const float SmallestNormal = 1.17549435E-38f;

    private static Vector256<float> LogPerLane(Vector256<float> x) => Vector256.Create(
        MathF.Log(x.GetElement(0)), MathF.Log(x.GetElement(1)), MathF.Log(x.GetElement(2)), MathF.Log(x.GetElement(3)),
        MathF.Log(x.GetElement(4)), MathF.Log(x.GetElement(5)), MathF.Log(x.GetElement(6)), MathF.Log(x.GetElement(7)));

    /// <summary>Rows r0..r7 (eight values each) become columns: afterwards r_j holds element j of every former row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(
        ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        if (Avx.IsSupported)
        {
            var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
            var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
            var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
            var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
            var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
            var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
            var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
            var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
            r0 = Avx.Permute2x128(u0, u4, 0x20); r1 = Avx.Permute2x128(u1, u5, 0x20);
            r2 = Avx.Permute2x128(u2, u6, 0x20); r3 = Avx.Permute2x128(u3, u7, 0x20);
            r4 = Avx.Permute2x128(u0, u4, 0x31); r5 = Avx.Permute2x128(u1, u5, 0x31);
            r6 = Avx.Permute2x128(u2, u6, 0x31); r7 = Avx.Permute2x128(u3, u7, 0x31);
            return;
        }
        TransposeWithoutAvx(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
    }

    // Kept out of Transpose: the JIT does not inline a method that uses stackalloc.
    internal static void TransposeWithoutAvx(
        ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        Span<float> m = stackalloc float[64];
        r0.CopyTo(m[0..]); r1.CopyTo(m[8..]); r2.CopyTo(m[16..]); r3.CopyTo(m[24..]);
        r4.CopyTo(m[32..]); r5.CopyTo(m[40..]); r6.CopyTo(m[48..]); r7.CopyTo(m[56..]);
        r0 = Column(m, 0); r1 = Column(m, 1); r2 = Column(m, 2); r3 = Column(m, 3);
        r4 = Column(m, 4); r5 = Column(m, 5); r6 = Column(m, 6); r7 = Column(m, 7);
    }

    private static Vector256<float> Column(ReadOnlySpan<float> m, int j) =>
        Vector256.Create(m[j], m[8 + j], m[16 + j], m[24 + j], m[32 + j], m[40 + j], m[48 + j], m[56 + j]);
}
