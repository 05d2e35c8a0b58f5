namespace LightSerNet.Evaluation.Tests;

public sealed class SplitMix64Tests
{
    [Fact]
    public void MatchesTheReferenceSequence()
    {
        // Published SplitMix64 outputs (Vigna's splitmix64.c) for seeds 0 and 1234567.
        var zero = new SplitMix64(0);
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL], new[] { zero.Next(), zero.Next(), zero.Next() });
        var other = new SplitMix64(1234567);
        Assert.Equal([0x599ED017FB08FC85UL, 0x2C73F08458540FA5UL], new[] { other.Next(), other.Next() });
    }

    [Fact]
    public void BoundedDrawsStayInRangeAndCoverIt()
    {
        var random = SplitMix64.ForStream(42, 9);
        var seen = new int[7];
        for (int i = 0; i < 7000; i++)
            seen[random.NextInt(7)]++;
        Assert.All(seen, n => Assert.InRange(n, 850, 1150));
    }

    [Fact]
    public void ShuffleIsAPermutation()
    {
        int[] items = Enumerable.Range(0, 50).ToArray();
        SplitMix64.ForStream(1, 1).Shuffle(items.AsSpan());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
    }
}
