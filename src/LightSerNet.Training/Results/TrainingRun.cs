using LightSerNet.Evaluation;
using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Results;

/// <summary>One fold's outcome under one selection.</summary>
/// <param name="Fold">Fold index.</param>
/// <param name="Name">Fold name.</param>
/// <param name="Selection">Which epoch was reported.</param>
/// <param name="Epoch">The selected epoch (0-based).</param>
/// <param name="Metrics">Metrics on the fold's test items at that epoch.</param>
/// <param name="Weights">The model of that epoch (a .weights file), if one was saved.</param>
/// <param name="Test">Each test item with its label and the prediction at that epoch, in fold order.</param>
public sealed record FoldOutcome(int Fold, string Name, SelectionKind Selection, int Epoch, ClassificationMetrics Metrics, string? Weights,
    IReadOnlyList<TestPrediction> Test);

/// <summary>One test item of a fold: its id, its label index and the predicted label index.</summary>
/// <param name="Id">Clip id (the corpus file's id).</param>
/// <param name="Label">True label index.</param>
/// <param name="Predicted">Predicted label index.</param>
public sealed record TestPrediction(string Id, int Label, int Predicted);

/// <summary>Pooled metrics of all folds' test predictions under one selection.</summary>
/// <param name="Selection">The selection.</param>
/// <param name="Optimistic">True for BestOnTest, which picks its epoch by the test data.</param>
/// <param name="Metrics">UA, WA, F1, confusion matrix over every tested item.</param>
public sealed record PooledOutcome(SelectionKind Selection, bool Optimistic, ClassificationMetrics Metrics);

/// <summary>Everything a finished (or partly finished) run produced.</summary>
/// <param name="Options">The settings.</param>
/// <param name="Labels">Label names in output order.</param>
/// <param name="LabelSet">Corpus of the label order.</param>
/// <param name="DataHash">SHA-256 of the training data.</param>
/// <param name="FoldsPlanned">Folds of the protocol.</param>
/// <param name="FoldsCompleted">Folds trained to the last epoch.</param>
/// <param name="Outcomes">Per fold and selection.</param>
/// <param name="Pooled">Per selection, over completed folds.</param>
/// <param name="History">Every epoch of every fold.</param>
/// <param name="OutputPath">The run folder.</param>
/// <param name="WallSeconds">Training time summed over folds.</param>
public sealed record TrainingRun(TrainingOptions Options, IReadOnlyList<string> Labels, string LabelSet, string DataHash,
    int FoldsPlanned, int FoldsCompleted, IReadOnlyList<FoldOutcome> Outcomes, IReadOnlyList<PooledOutcome> Pooled,
    IReadOnlyList<EpochPoint> History, string OutputPath, double WallSeconds);
