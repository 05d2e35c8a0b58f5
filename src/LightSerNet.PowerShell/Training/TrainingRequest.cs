using LightSerNet.Data.Corpora;
using LightSerNet.Evaluation;
using LightSerNet.Features;

namespace LightSerNet.PowerShell.Training;

/// <summary>Invoke-SerTraining's parameters, handed to <see cref="TrainingHost"/> so the cmdlet never touches TorchSharp types.</summary>
internal sealed record TrainingRequest
{
    public IReadOnlyList<SerFeatures> Features { get; init; } = [];
    public CorpusName? Dataset { get; init; }
    public string? DatasetPath { get; init; }
    public IemocapAudioType AudioType { get; init; }
    public string OutputPath { get; init; } = "";
    public string Architecture { get; init; } = "light-sernet";
    public string? LabelSet { get; init; }
    public LossKind Loss { get; init; }
    public double Gamma { get; init; }
    public FoldProtocol Protocol { get; init; }
    public int KFolds { get; init; }
    public int[]? Folds { get; init; }
    public int Epochs { get; init; }
    public int BatchSize { get; init; }
    public double LearningRate { get; init; }
    public ScheduleKind Schedule { get; init; }
    public SelectionKind[]? Selections { get; init; }
    public bool PreciseBatchNorm { get; init; }
    public int Seed { get; init; }
    public int ParallelFolds { get; init; }
    public AugmentationKind[]? Augment { get; init; }
    public FeatureNormalization Normalization { get; init; }
    public bool Resume { get; init; }
    public bool Force { get; init; }
}
