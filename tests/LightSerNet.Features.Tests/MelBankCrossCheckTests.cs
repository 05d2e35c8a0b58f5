using LightSerNet.Features.Dsp;
using NWaves.Filters.Fda;
using NWaves.Utils;
using Xunit.Abstractions;

namespace LightSerNet.Features.Tests;

/// <summary>
/// Our mel matrix against NWaves's HTK triangular filter bank, an independent implementation (it matched tf within
/// 3e-8 when measured): two codes agreeing is evidence beyond one fixture, for other settings too.
/// </summary>
public sealed class MelBankCrossCheckTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024, 16000, 128, 80.0, 7600.0)]
    [InlineData(512, 16000, 40, 0.0, 8000.0)]
    [InlineData(2048, 22050, 64, 125.0, 3800.0)]
    [InlineData(256, 8000, 23, 300.0, 3400.0)]
    public void AgreesWithNWavesHtkBank(int fftLength, int sampleRate, int bands, double lowerHz, double upperHz)
    {
        var theirs = FilterBanks.Triangular(fftLength, sampleRate, FilterBanks.MelBands(bands, sampleRate, lowerHz, upperHz), mapper: Scale.HerzToMel);
        int bins = fftLength / 2 + 1;
        var ours = new MelFilterBank(bins, bands, sampleRate, lowerHz, upperHz).ToDense();
        Assert.Equal(bands, theirs.Length);
        double worst = 0;
        for (int b = 0; b < bands; b++)
        {
            Assert.Equal(bins, theirs[b].Length);
            // tf (and HTK) give the DC bin no weight; NWaves's triangles start above 0 Hz whenever lowerHz > 0.
            for (int k = 1; k < bins; k++)
                worst = Math.Max(worst, Math.Abs(ours[k * bands + b] - theirs[b][k]));
        }
        output.WriteLine($"FFT {fftLength}, {sampleRate} Hz, {bands} bands {lowerHz}-{upperHz} Hz: worst |ours - NWaves| {worst:E2}");
        Assert.True(worst <= 1e-6, $"worst difference {worst:E3}");
    }
}
