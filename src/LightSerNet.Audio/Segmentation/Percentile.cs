namespace LightSerNet.Audio.Segmentation;

/// <summary>Percentiles as numpy.percentile computes them (the default "linear" method).</summary>
internal static class Percentile
{
    /// <summary>
    /// The <paramref name="percent"/>-th percentile of |x|: the value at rank q/100 * (n - 1) with linear
    /// interpolation between the two neighbouring order statistics. Uses selection, not a full sort.
    /// </summary>
    public static double OfMagnitudes(ReadOnlySpan<float> x, double percent)
    {
        if (x.IsEmpty)
            return 0;
        var work = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
            work[i] = Math.Abs(x[i]);
        double rank = percent / 100 * (x.Length - 1);
        int below = (int)Math.Floor(rank);
        double fraction = rank - below;
        float lower = Select(work, below);
        if (fraction == 0 || below + 1 >= work.Length)
            return lower;
        // After selection every element right of 'below' is >= lower: the next order statistic is their minimum.
        float upper = float.PositiveInfinity;
        for (int i = below + 1; i < work.Length; i++)
            upper = Math.Min(upper, work[i]);
        // numpy's _lerp: the float32 difference, applied from the nearer end (bit-exact with numpy >= 1.22).
        return fraction >= 0.5 ? upper - (upper - lower) * (1 - fraction) : lower + (upper - lower) * fraction;
    }

    // Hoare-style quickselect with median-of-three pivots; leaves work[k] in its sorted position.
    private static float Select(float[] work, int k)
    {
        int left = 0, right = work.Length - 1;
        while (right > left)
        {
            int mid = left + (right - left) / 2;
            if (work[mid] < work[left]) (work[mid], work[left]) = (work[left], work[mid]);
            if (work[right] < work[left]) (work[right], work[left]) = (work[left], work[right]);
            if (work[right] < work[mid]) (work[right], work[mid]) = (work[mid], work[right]);
            float pivot = work[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (work[i] < pivot) i++;
                while (work[j] > pivot) j--;
                if (i <= j)
                {
                    (work[i], work[j]) = (work[j], work[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return work[k];
        }
        return work[k];
    }
}
