namespace LightSerNet.Evaluation;

/// <summary>The learning-rate schedules <see cref="LearningRateSchedules.Rate"/> knows.</summary>
public enum ScheduleKind
{
    /// <summary>The reference's step decay (<see cref="LearningRateSchedules.Paper"/>).</summary>
    Paper,

    /// <summary>One-cycle: cosine warm-up to the rate, then cosine annealing (<see cref="LearningRateSchedules.OneCycle"/>).</summary>
    OneCycle,

    /// <summary>Cosine annealing from the rate to 0 (<see cref="LearningRateSchedules.Cosine"/>).</summary>
    Cosine,

    /// <summary>The base rate throughout.</summary>
    Constant,
}
