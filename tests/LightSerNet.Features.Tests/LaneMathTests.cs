using System.Runtime.Intrinsics;
using LightSerNet.Features.Dsp;

namespace LightSerNet.Features.Tests;

/// <summary>The Vector256 helpers: the log against MathF.Log, and both transposes against the definition.</summary>
public sealed class LaneMathTests
{
    [Fact]
    public void LogIsWithinTwoUlpOfMathFLogOverTheMelRange()
    {
        // mel + 1e-6 spans about 1e-6 .. 1e4; cover well beyond, with every mantissa pattern class.
        var random = new Random(5);
        double worstUlps = 0;
        for (int i = 0; i < 100_000; i++)
        {
            var values = new float[8];
            for (int l = 0; l < 8; l++)
                values[l] = (float)Math.Exp(random.NextDouble() * 80 - 40);
            var ours = LaneMath.Log(Vector256.Create(values));
            for (int l = 0; l < 8; l++)
            {
                double exact = Math.Log(values[l]);
                double ulp = Math.Max(MathF.BitIncrement((float)Math.Abs(exact)) - (float)Math.Abs(exact), float.Epsilon);
                worstUlps = Math.Max(worstUlps, Math.Abs(ours.GetElement(l) - exact) / ulp);
            }
        }
        Assert.True(worstUlps <= 2, $"worst error {worstUlps:F2} ulp");
    }

    [Fact]
    public void LogOfSpecialValuesIsMathFLogs()
    {
        float[] values = [0f, -1f, float.NaN, float.PositiveInfinity, 1e-40f, 1f, 2f, 1e-6f];
        var ours = LaneMath.Log(Vector256.Create(values));
        for (int l = 0; l < 8; l++)
            Assert.Equal(MathF.Log(values[l]), ours.GetElement(l), 6);
    }

    [Fact]
    public void BothTransposesTransposeAnEightByEightBlock()
    {
        var rows = Enumerable.Range(0, 8).Select(r => Vector256.Create(Enumerable.Range(0, 8).Select(c => r * 10f + c).ToArray())).ToArray();
        var a = (Vector256<float>[])rows.Clone();
        var b = (Vector256<float>[])rows.Clone();
        LaneMath.Transpose(ref a[0], ref a[1], ref a[2], ref a[3], ref a[4], ref a[5], ref a[6], ref a[7]);
        LaneMath.TransposeWithoutAvx(ref b[0], ref b[1], ref b[2], ref b[3], ref b[4], ref b[5], ref b[6], ref b[7]);
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                Assert.Equal(c * 10f + r, a[r].GetElement(c));
                Assert.Equal(c * 10f + r, b[r].GetElement(c));
            }
        }
    }
}
