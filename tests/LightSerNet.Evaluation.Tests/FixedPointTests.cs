namespace LightSerNet.Evaluation.Tests;

public sealed class FixedPointTests
{
    // Expected strings are Python's format(x, '.4f') for the same doubles.
    [Theory]
    [InlineData(0.03125, "0.0312")]
    [InlineData(0.09375, "0.0938")]
    [InlineData(0.515625, "0.5156")]
    [InlineData(0.71666666666666667, "0.7167")]
    [InlineData(1.0, "1.0000")]
    [InlineData(0.0, "0.0000")]
    [InlineData(0.99995, "1.0000")]   // the double just above 0.99995
    [InlineData(0.00005, "0.0001")]   // the double just above 0.00005
    [InlineData(123.45675, "123.4567")] // the double just below
    [InlineData(-0.25, "-0.2500")]
    public void FormatsLikePython(double value, string expected) => Assert.Equal(expected, FixedPoint.Format(value, 4));
}
