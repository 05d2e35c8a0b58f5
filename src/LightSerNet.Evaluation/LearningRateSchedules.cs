namespace LightSerNet.Evaluation;

/// <summary>Learning rate per epoch (0-based), computed in closed form so a resumed run gets the same rate.</summary>
public static class LearningRateSchedules
{
    /// <summary>hyperparameters.py: LEARNING_RATE_DECAY_STRATPOINT.</summary>
    public const int PaperDecayStart = 50;

    /// <summary>hyperparameters.py: LEARNING_RATE_DECAY_STEP.</summary>
    public const int PaperDecayStep = 20;

    /// <summary>hyperparameters.py: LEARNING_RATE_DECAY_PARAMETERS (the exponent of each decay).</summary>
    public const double PaperDecayExponent = -0.15;

    /// <summary>One-cycle's share of epochs spent warming up (torch's OneCycleLR pct_start).</summary>
    public const double OneCycleWarmUpShare = 0.3;

    /// <summary>One-cycle starts at maxRate / this (torch's div_factor).</summary>
    public const double OneCycleStartDivisor = 25;

    /// <summary>One-cycle ends at its start rate / this (torch's final_div_factor).</summary>
    public const double OneCycleFinalDivisor = 1e4;

    /// <summary>
    /// The rate the reference really trains with at <paramref name="epoch"/> (0-based). callbacks.py's
    /// LearningRateScheduler gets Keras's 0-based epoch and the optimiser's current rate, and multiplies it by
    /// exp(-0.15) when epoch &gt;= 50 and epoch % 20 == 0. The first multiple of 20 from 50 on is 60, so the rate is
    /// the base rate up to epoch 59 and drops at epochs 60, 80, ..., 280: twelve decays in 300 epochs, ending at
    /// base * exp(-1.8). ("From epoch 50, every 20 epochs" in the paper's wording would put the drops at 50, 70, ...;
    /// the code does not.) Keras multiplies in float32 step by step; this closed form differs by under 1e-6 relative.
    /// </summary>
    public static double Paper(int epoch, double baseRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        // Multiples of the step in [start, epoch].
        int decays = epoch < PaperDecayStart ? 0 : epoch / PaperDecayStep - (PaperDecayStart - 1) / PaperDecayStep;
        return baseRate * Math.Exp(PaperDecayExponent * decays);
    }

    /// <summary>
    /// One-cycle per epoch, as torch's OneCycleLR (cosine annealing, pct_start 0.3, div_factor 25,
    /// final_div_factor 1e4) with one step per epoch: from maxRate/25 up to <paramref name="maxRate"/> at epoch
    /// 0.3 * epochs - 1, then down to maxRate/25/1e4 at the last epoch.
    /// </summary>
    public static double OneCycle(int epoch, int epochs, double maxRate)
    {
        CheckEpoch(epoch, epochs);
        double initial = maxRate / OneCycleStartDivisor;
        double final = initial / OneCycleFinalDivisor;
        if (epochs == 1)
            return maxRate;
        double peak = OneCycleWarmUpShare * epochs - 1;
        double last = epochs - 1;
        return epoch <= peak
            ? CosineBetween(initial, maxRate, epoch / peak)
            : CosineBetween(maxRate, final, (epoch - peak) / (last - peak));
    }

    /// <summary>
    /// Cosine annealing to 0 over <paramref name="epochs"/> (torch's CosineAnnealingLR with T_max = epochs,
    /// eta_min = 0): base * (1 + cos(pi * epoch / epochs)) / 2.
    /// </summary>
    public static double Cosine(int epoch, int epochs, double baseRate)
    {
        CheckEpoch(epoch, epochs);
        return baseRate * (1 + Math.Cos(Math.PI * epoch / epochs)) / 2;
    }

    /// <summary>The rate of <paramref name="kind"/> at <paramref name="epoch"/> of <paramref name="epochs"/>; for one-cycle <paramref name="baseRate"/> is the peak.</summary>
    public static double Rate(ScheduleKind kind, int epoch, int epochs, double baseRate)
    {
        CheckEpoch(epoch, epochs);
        return kind switch
        {
            ScheduleKind.Paper => Paper(epoch, baseRate),
            ScheduleKind.OneCycle => OneCycle(epoch, epochs, baseRate),
            ScheduleKind.Cosine => Cosine(epoch, epochs, baseRate),
            ScheduleKind.Constant => baseRate,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"'{kind}' is not a learning-rate schedule."),
        };
    }

    private static double CosineBetween(double from, double to, double share) => to + (from - to) / 2 * (Math.Cos(Math.PI * share) + 1);

    private static void CheckEpoch(int epoch, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (epoch < 0 || epoch >= epochs)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"The epoch must be between 0 and {epochs - 1} (0-based, {epochs} epochs).");
    }
}
