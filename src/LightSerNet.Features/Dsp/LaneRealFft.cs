using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LightSerNet.Features.Dsp;

/// <summary>
/// <see cref="RealFft"/> on eight frames at once, one frame per Vector256 lane. Every lane follows the same
/// butterflies with the same twiddles, so the scalar algorithm vectorises as it stands: no shuffles inside the FFT,
/// twiddles are broadcast scalars, and the working set (2 x Half vectors) stays in the L1 cache for the paper's sizes.
/// The lane kernels are marked AggressiveOptimization: a pwsh session that computes a few files would otherwise spend
/// them in the JIT's unoptimised first tier, which is 5-10x slower for this code.
/// </summary>
internal static class LaneRealFft
{
    /// <summary>
    /// Windows eight frames (starting at <paramref name="offsets"/> in <paramref name="samples"/>) into the packed,
    /// bit-reversed complex input. Each offset plus the window length must lie within <paramref name="samples"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Load(RealFft fft, ReadOnlySpan<float> samples, ReadOnlySpan<int> offsets, ReadOnlySpan<float> window,
        Span<Vector256<float>> re, Span<Vector256<float>> im)
    {
        int frameLength = window.Length;
        if (offsets.Length != LaneMath.Lanes)
            throw new ArgumentException("One offset per lane is needed.", nameof(offsets));
        for (int l = 0; l < LaneMath.Lanes; l++)
        {
            // Checked once here, so the unchecked loads below stay inside the clip.
            if ((uint)offsets[l] > (uint)(samples.Length - frameLength))
                throw new ArgumentOutOfRangeException(nameof(offsets), offsets[l], "A frame reaches past the end of the clip.");
        }
        ref float source = ref MemoryMarshal.GetReference(samples);
        int[] reverse = fft.BitReverse;
        nuint o0 = (nuint)offsets[0], o1 = (nuint)offsets[1], o2 = (nuint)offsets[2], o3 = (nuint)offsets[3];
        nuint o4 = (nuint)offsets[4], o5 = (nuint)offsets[5], o6 = (nuint)offsets[6], o7 = (nuint)offsets[7];
        int n = 0;
        // Eight samples of each of the eight frames, transposed: vector j then holds sample n + j of every frame.
        for (; n + LaneMath.Lanes <= frameLength; n += LaneMath.Lanes)
        {
            nuint at = (nuint)n;
            var r0 = Vector256.LoadUnsafe(ref source, o0 + at);
            var r1 = Vector256.LoadUnsafe(ref source, o1 + at);
            var r2 = Vector256.LoadUnsafe(ref source, o2 + at);
            var r3 = Vector256.LoadUnsafe(ref source, o3 + at);
            var r4 = Vector256.LoadUnsafe(ref source, o4 + at);
            var r5 = Vector256.LoadUnsafe(ref source, o5 + at);
            var r6 = Vector256.LoadUnsafe(ref source, o6 + at);
            var r7 = Vector256.LoadUnsafe(ref source, o7 + at);
            LaneMath.Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
            int p = n / 2;
            re[reverse[p]] = r0 * window[n]; im[reverse[p]] = r1 * window[n + 1];
            re[reverse[p + 1]] = r2 * window[n + 2]; im[reverse[p + 1]] = r3 * window[n + 3];
            re[reverse[p + 2]] = r4 * window[n + 4]; im[reverse[p + 2]] = r5 * window[n + 5];
            re[reverse[p + 3]] = r6 * window[n + 6]; im[reverse[p + 3]] = r7 * window[n + 7];
        }
        // A window length that is not a multiple of eight, then the zero padding up to the FFT length.
        for (; n < fft.Length; n += 2)
        {
            int p = reverse[n / 2];
            re[p] = Sample(samples, offsets, window, n);
            im[p] = Sample(samples, offsets, window, n + 1);
        }
    }

    private static Vector256<float> Sample(ReadOnlySpan<float> samples, ReadOnlySpan<int> offsets, ReadOnlySpan<float> window, int n) =>
        n < window.Length
            ? Vector256.Create(samples[offsets[0] + n], samples[offsets[1] + n], samples[offsets[2] + n], samples[offsets[3] + n],
                samples[offsets[4] + n], samples[offsets[5] + n], samples[offsets[6] + n], samples[offsets[7] + n]) * window[n]
            : Vector256<float>.Zero;

    /// <summary>In-place complex FFT of <see cref="RealFft.Half"/> points per lane; input bit-reversed, output in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transform(RealFft fft, Span<Vector256<float>> re, Span<Vector256<float>> im)
    {
        int n = fft.Half;
        if (re.Length < n || im.Length < n)
            throw new ArgumentException("The FFT buffers are too short.");
        ref var r = ref MemoryMarshal.GetReference(re);
        ref var i = ref MemoryMarshal.GetReference(im);
        if (fft.StartsWithRadix2)
        {
            for (int b = 0; b < n; b += 2)
            {
                var ar = Unsafe.Add(ref r, b); var ai = Unsafe.Add(ref i, b);
                var br = Unsafe.Add(ref r, b + 1); var bi = Unsafe.Add(ref i, b + 1);
                Unsafe.Add(ref r, b) = ar + br; Unsafe.Add(ref i, b) = ai + bi;
                Unsafe.Add(ref r, b + 1) = ar - br; Unsafe.Add(ref i, b + 1) = ai - bi;
            }
        }
        foreach (var pass in fft.Passes)
            Radix4(pass, n, ref r, ref i);
    }

    // Indices stay below n (checked above), so the unchecked element access is safe.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix4(Radix4Pass pass, int n, ref Vector256<float> r, ref Vector256<float> i)
    {
        int q = pass.Quarter;
        ref float w = ref MemoryMarshal.GetArrayDataReference(pass.Twiddles);
        for (int b = 0; b < n; b += 4 * q)
        {
            ref var r0 = ref Unsafe.Add(ref r, b); ref var i0 = ref Unsafe.Add(ref i, b);
            ref var r1 = ref Unsafe.Add(ref r0, q); ref var i1 = ref Unsafe.Add(ref i0, q);
            ref var r2 = ref Unsafe.Add(ref r1, q); ref var i2 = ref Unsafe.Add(ref i1, q);
            ref var r3 = ref Unsafe.Add(ref r2, q); ref var i3 = ref Unsafe.Add(ref i2, q);
            // The twiddle table holds 6·q floats (Radix4Pass), so 6·j + 5 stays inside it.
            for (int j = 0; j < q; j++)
            {
                ref float wj = ref Unsafe.Add(ref w, 6 * j);
                var a0r = Unsafe.Add(ref r0, j); var a0i = Unsafe.Add(ref i0, j);
                var (a1r, a1i) = Rotate(Unsafe.Add(ref r1, j), Unsafe.Add(ref i1, j), wj, Unsafe.Add(ref wj, 1));
                var (a2r, a2i) = Rotate(Unsafe.Add(ref r2, j), Unsafe.Add(ref i2, j), Unsafe.Add(ref wj, 2), Unsafe.Add(ref wj, 3));
                var (a3r, a3i) = Rotate(Unsafe.Add(ref r3, j), Unsafe.Add(ref i3, j), Unsafe.Add(ref wj, 4), Unsafe.Add(ref wj, 5));
                var b0r = a0r + a1r; var b0i = a0i + a1i; var b1r = a0r - a1r; var b1i = a0i - a1i;
                var s23r = a2r + a3r; var s23i = a2i + a3i; var d23r = a2r - a3r; var d23i = a2i - a3i;
                Unsafe.Add(ref r0, j) = b0r + s23r; Unsafe.Add(ref i0, j) = b0i + s23i;
                Unsafe.Add(ref r2, j) = b0r - s23r; Unsafe.Add(ref i2, j) = b0i - s23i;
                Unsafe.Add(ref r1, j) = b1r + d23i; Unsafe.Add(ref i1, j) = b1i - d23r;
                Unsafe.Add(ref r3, j) = b1r - d23i; Unsafe.Add(ref i3, j) = b1i + d23r;
            }
        }
    }

    // (re + i·im) · (wr + i·wi), the twiddle broadcast to every lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Re, Vector256<float> Im) Rotate(Vector256<float> re, Vector256<float> im, float wr, float wi)
    {
        var vr = Vector256.Create(wr);
        var vi = Vector256.Create(wi);
        return (LaneMath.MultiplySubtractFrom(im, vi, re * vr), LaneMath.MultiplyAdd(im, vr, re * vi));
    }

    /// <summary>|2·X[k]| for k = 0 .. Half per lane, as <see cref="RealFft.Magnitudes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Magnitudes(RealFft fft, ReadOnlySpan<Vector256<float>> re, ReadOnlySpan<Vector256<float>> im,
        Span<Vector256<float>> magnitudes)
    {
        int n = fft.Half;
        var two = Vector256.Create(2f);
        magnitudes[0] = two * Vector256.Abs(re[0] + im[0]);
        magnitudes[n] = two * Vector256.Abs(re[0] - im[0]);
        float[] splitRe = fft.SplitRe, splitIm = fft.SplitIm;
        for (int k = 1; k <= n / 2; k++)
        {
            int m = n - k;
            var rk = re[k]; var ik = im[k]; var rm = re[m]; var im_ = im[m];
            var ar = rk + rm; var ai = ik - im_;
            var br = ik + im_; var bi = rm - rk;
            var wr = Vector256.Create(splitRe[k]); var wi = Vector256.Create(splitIm[k]);
            var tr = LaneMath.MultiplySubtractFrom(bi, wi, br * wr);
            var ti = LaneMath.MultiplyAdd(bi, wr, br * wi);
            var xr = ar - tr; var xi = ai - ti;
            if (m != k)
                magnitudes[m] = Vector256.Sqrt(LaneMath.MultiplyAdd(xr, xr, xi * xi));
            xr = ar + tr; xi = ai + ti;
            magnitudes[k] = Vector256.Sqrt(LaneMath.MultiplyAdd(xr, xr, xi * xi));
        }
    }
}
