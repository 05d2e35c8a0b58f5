namespace LightSerNet.Evaluation.Tests;

public sealed class LearningRateScheduleTests
{
    private const double Base = 1e-4;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(49, 0)]
    [InlineData(50, 0)]   // 50 % 20 != 0: the reference's callback does not decay here
    [InlineData(59, 0)]
    [InlineData(60, 1)]
    [InlineData(69, 1)]
    [InlineData(70, 1)]
    [InlineData(80, 2)]
    [InlineData(299, 12)]
    public void PaperRateDecaysAtMultiplesOfTwentyFromSixty(int epoch, int decays) =>
        Assert.Equal(Base * Math.Exp(-0.15 * decays), LearningRateSchedules.Paper(epoch, Base), 1e-18);

    [Fact]
    public void PaperRateEqualsTheReferenceCallbackRunEpochByEpoch()
    {
        // callbacks.py, LearningRateScheduler: scheduler(epoch, lr) with Keras's 0-based epoch and the current rate.
        double lr = Base;
        for (int epoch = 0; epoch < 300; epoch++)
        {
            if (epoch >= 50 && epoch % 20 == 0)
                lr *= Math.Exp(-0.15);
            Assert.Equal(lr, LearningRateSchedules.Paper(epoch, Base), lr * 1e-12);
        }
    }

    [Fact]
    public void OneCycleWarmsUpToThePeakThenAnnealsToNearZero()
    {
        const double peak = 1e-3;
        Assert.Equal(peak / 25, LearningRateSchedules.OneCycle(0, 100, peak), 1e-15);
        Assert.Equal(peak, LearningRateSchedules.OneCycle(29, 100, peak), 1e-15);
        Assert.Equal(peak / 25 / 1e4, LearningRateSchedules.OneCycle(99, 100, peak), 1e-15);
        double[] rates = Enumerable.Range(0, 100).Select(e => LearningRateSchedules.OneCycle(e, 100, peak)).ToArray();
        Assert.True(rates.Take(30).Zip(rates.Skip(1).Take(29)).All(p => p.First < p.Second));
        Assert.True(rates.Skip(29).Zip(rates.Skip(30)).All(p => p.First > p.Second));
        Assert.Equal(peak, LearningRateSchedules.OneCycle(0, 1, peak));
        Assert.All(Enumerable.Range(0, 3), e => Assert.InRange(LearningRateSchedules.OneCycle(e, 3, peak), 0, peak));
    }

    [Fact]
    public void CosineFallsFromTheBaseToZero()
    {
        Assert.Equal(Base, LearningRateSchedules.Cosine(0, 300, Base));
        Assert.Equal(Base / 2, LearningRateSchedules.Cosine(150, 300, Base), 1e-18);
        Assert.InRange(LearningRateSchedules.Cosine(299, 300, Base), 0, Base * 1e-4);
    }

    [Fact]
    public void RateDispatchesAndChecksTheEpoch()
    {
        Assert.Equal(LearningRateSchedules.Paper(120, Base), LearningRateSchedules.Rate(ScheduleKind.Paper, 120, 300, Base));
        Assert.Equal(LearningRateSchedules.OneCycle(12, 300, Base), LearningRateSchedules.Rate(ScheduleKind.OneCycle, 12, 300, Base));
        Assert.Equal(LearningRateSchedules.Cosine(12, 300, Base), LearningRateSchedules.Rate(ScheduleKind.Cosine, 12, 300, Base));
        Assert.Equal(Base, LearningRateSchedules.Rate(ScheduleKind.Constant, 299, 300, Base));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedules.Rate(ScheduleKind.Constant, 300, 300, Base));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedules.Rate(ScheduleKind.Paper, -1, 300, Base));
    }
}
