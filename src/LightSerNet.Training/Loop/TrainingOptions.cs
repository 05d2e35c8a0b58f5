using System.Text.Json.Serialization;
using LightSerNet.Evaluation;
using LightSerNet.Training.Augmentation;

namespace LightSerNet.Training.Loop;

/// <summary>Every setting of a training run, with the paper's values as defaults; recorded in run.json.</summary>
public sealed record TrainingOptions
{
    /// <summary>Architecture spec name.</summary>
    public string Architecture { get; init; } = "light-sernet";

    /// <summary>Cross-entropy or focal loss.</summary>
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>Focal loss exponent.</summary>
    public double Gamma { get; init; } = 2;

    /// <summary>How folds are formed.</summary>
    public FoldProtocol Protocol { get; init; } = FoldProtocol.ReferenceFolds;

    /// <summary>Folds for KFold.</summary>
    public int KFolds { get; init; } = 10;

    /// <summary>Epochs per fold.</summary>
    public int Epochs { get; init; } = 300;

    /// <summary>Clips per optimisation step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's base learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Adam's epsilon: Keras's default, which the original relied on.</summary>
    public double AdamEpsilon { get; init; } = 1e-7;

    /// <summary>Learning-rate schedule.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Paper;

    /// <summary>Selections to report; InnerValidation holds a training speaker out of each fold.</summary>
    public IReadOnlyList<SelectionKind> Selections { get; init; } = [SelectionKind.BestOnTest, SelectionKind.Last];

    /// <summary>Re-estimate batch-norm statistics over the training fold before every evaluation ("precise BN").</summary>
    public bool PreciseBatchNorm { get; init; } = true;

    /// <summary>
    /// Standardisation of the features before training. Left out of the JSON when None, so run keys of earlier
    /// runs are what they were and those runs still resume.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FeatureNormalization Normalization { get; init; }

    /// <summary>Seed of folds, shuffling, initialisation and dropout.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Run only these fold indices (0-based); all when null.</summary>
    public IReadOnlyList<int>? OnlyFolds { get; init; }

    /// <summary>
    /// libtorch threads per fold; 0 = the cores shared out among the folds trained at once. The numbers depend on it
    /// (libtorch's sums split differently), so run.json records it.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>
    /// Folds trained at once, each on its own thread with its own generator. A fold's numbers depend only on its
    /// thread count, never on which folds run beside it. Left out of the run key (by its default, 0, there), so runs
    /// from before it existed still resume.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ParallelFolds { get; init; } = 1;

    /// <summary>libtorch threads each fold gets: <see cref="Threads"/>, or the cores shared out.</summary>
    [JsonIgnore]
    public int ThreadsPerFold => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount / Math.Max(1, ParallelFolds));

    /// <summary>
    /// Augmentation, or null for none (the paper's training). Left out of the JSON when null, so run.json and the
    /// run key of an unaugmented run are what they were before augmentation existed, and such runs still resume.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AugmentationOptions? Augmentation { get; init; }

    /// <summary>Checks the values; returns this instance.</summary>
    public TrainingOptions Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least one epoch.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive.");
        if (ParallelFolds < 1) throw new ArgumentOutOfRangeException(nameof(ParallelFolds), ParallelFolds, "Train at least one fold at a time.");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "The thread count must not be negative.");
        if (Gamma < 0) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "Gamma must not be negative.");
        if (Selections.Count == 0) throw new ArgumentException("Ask for at least one selection.", nameof(Selections));
        if (Protocol == FoldProtocol.None && Selections.Any(s => s is not (SelectionKind.Last or SelectionKind.Average)))
            throw new ArgumentException("-Protocol None has no test fold: only the Last and Average selections apply.", nameof(Selections));
        Augmentation?.Validate();
        return this;
    }

    /// <summary>
    /// The first epoch (0-based) of the weight average the Average selection reports: the last quarter of the
    /// schedule, at least the last epoch.
    /// </summary>
    [JsonIgnore]
    public int AverageFromEpoch => Epochs - Math.Max(1, Epochs / 4);

    /// <summary>True when folds need a held-out training speaker.</summary>
    public bool NeedsValidation => Selections.Contains(SelectionKind.InnerValidation);
}
