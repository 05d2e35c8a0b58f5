namespace LightSerNet.Evaluation;

/// <summary>
/// A small seeded generator whose output is fixed by this file alone, so folds are the same on every .NET version
/// (System.Random's seeded sequence is an implementation detail). SplitMix64 (Steele, Lea and Flood, OOPSLA 2014;
/// the generator that seeds xoshiro): state += 0x9E3779B97F4A7C15, then
/// z = (s ^ (s >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB; output z ^ (z >> 31).
/// </summary>
internal sealed class SplitMix64
{
    private ulong state;

    /// <summary>Starts at <paramref name="state"/>.</summary>
    public SplitMix64(ulong state) => this.state = state;

    /// <summary>
    /// The generator for one purpose of one seed: the 32 bits of <paramref name="seed"/> (two's complement) in the
    /// low half of the state, <paramref name="stream"/> in the high half. Different purposes never share a stream,
    /// so asking for inner validation does not change the test folds.
    /// </summary>
    public static SplitMix64 ForStream(int seed, uint stream) => new(((ulong)stream << 32) | unchecked((uint)seed));

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>): draws below 2^64 mod bound are rejected, then the draw is
    /// reduced mod bound, so no value is favoured.
    /// </summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong b = (ulong)bound;
        ulong threshold = (0UL - b) % b;
        ulong r;
        do
            r = Next();
        while (r < threshold);
        return (int)(r % b);
    }

    /// <summary>Fisher-Yates, from the last element down: swap item i with item NextInt(i + 1).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
