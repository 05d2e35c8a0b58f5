using LightSerNet.Inference.Prediction;

namespace LightSerNet.Inference.Tests;

public sealed class WindowPlanTests
{
    [Theory]
    [InlineData(100, 300, 150, "0-100")]
    [InlineData(300, 300, 150, "0-300")]
    [InlineData(301, 300, 150, "0-300 150-301")]
    [InlineData(700, 300, 150, "0-300 150-450 300-600 450-700")]
    [InlineData(600, 300, 300, "0-300 300-600")]
    [InlineData(0, 300, 150, "0-0")]
    public void WindowsStartEveryHopAndTheLastReachesTheEnd(int samples, int window, int hop, string expected)
    {
        var spans = WindowPlan.Spans(samples, window, hop);
        Assert.Equal(expected, string.Join(' ', spans.Select(s => $"{s.Start}-{s.End}")));
    }
}
