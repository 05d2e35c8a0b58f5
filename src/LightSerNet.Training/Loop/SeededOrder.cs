namespace LightSerNet.Training.Loop;

/// <summary>
/// Deterministic shuffles and seeds derived from (run seed, fold, epoch) with SplitMix64, so a resumed run
/// visits batches in exactly the order an uninterrupted one would, on any .NET version; augmentation draws its
/// variants, masks and noise from the same generator.
/// </summary>
internal static class SeededOrder
{
    public static ulong Mix(params long[] parts)
    {
        ulong state = 0x9E3779B97F4A7C15UL;
        foreach (long part in parts)
            state = Next(state ^ (ulong)part);
        return state;
    }

    public static int[] Shuffle(IReadOnlyList<int> items, ulong seed)
    {
        var result = items.ToArray();
        ulong state = seed;
        for (int i = result.Length - 1; i > 0; i--)
        {
            state = Next(state);
            int j = (int)(state % (ulong)(i + 1));
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    /// <summary>A uniform integer in [0, bound) from a stream started at a <see cref="Mix"/> seed; the modulo bias is below 2^-50 for the small bounds used.</summary>
    public static int Below(ref ulong state, int bound)
    {
        state = Next(state);
        return (int)(state % (ulong)bound);
    }

    /// <summary>A uniform double in [0, 1) from a stream started at a <see cref="Mix"/> seed (53 random bits).</summary>
    public static double Uniform(ref ulong state)
    {
        state = Next(state);
        return (state >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Next(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
