using LightSerNet.Data.Corpora;

namespace LightSerNet.Data.Tests;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"x, y\",z", new[] { "x, y", "z" })]
    [InlineData("\"say \"\"hi\"\"\",", new[] { "say \"hi\"", "" })]
    [InlineData("", new[] { "" })]
    public void SplitsRfc4180Fields(string line, string[] expected) => Assert.Equal(expected, CsvText.Split(line));

    [Theory]
    [InlineData("Angry", "anger")]
    [InlineData(" happy ", "happiness")]
    [InlineData("ps", "surprise")]
    [InlineData("Frustrated", "frustrated")]
    public void NormalisesLabels(string label, string expected) => Assert.Equal(expected, EmotionLabels.Normalise(label));
}
