namespace LightSerNet.Evaluation;

/// <summary>What Invoke-SerTraining returns: the pooled figures of its first selection, every selection's summary and the folds.</summary>
/// <param name="Dataset">Label set (corpus) trained on.</param>
/// <param name="Architecture">Architecture spec name.</param>
/// <param name="Protocol">Fold protocol.</param>
/// <param name="Loss">Loss function.</param>
/// <param name="Epochs">Epochs per fold.</param>
/// <param name="Selection">The selection the UA/WA/F1 below belong to.</param>
/// <param name="Optimistic">True when that selection peeks at the test fold (BestOnTest).</param>
/// <param name="UA">Unweighted accuracy (mean per-class recall), percent.</param>
/// <param name="WA">Weighted accuracy (overall accuracy), percent.</param>
/// <param name="F1">Weighted F1, percent.</param>
/// <param name="ConfusionMatrix">Pooled confusion matrix, [true][predicted].</param>
/// <param name="Labels">Labels in output order.</param>
/// <param name="Folds">Per-fold figures under <paramref name="Selection"/>.</param>
/// <param name="Selections">Pooled figures under every selection.</param>
/// <param name="BestCheckpoint">Weights file of the best fold (the final model for -Protocol None), for Export-SerModel.</param>
/// <param name="OutputPath">The run folder.</param>
/// <param name="FoldsCompleted">Folds trained to the end.</param>
/// <param name="FoldsPlanned">Folds of the protocol.</param>
/// <param name="WallSeconds">Training time.</param>
public sealed record SerTrainingResult(string Dataset, string Architecture, string Protocol, string Loss, int Epochs,
    string Selection, bool Optimistic, double UA, double WA, double F1, int[][] ConfusionMatrix, IReadOnlyList<string> Labels,
    IReadOnlyList<SerFoldResult> Folds, IReadOnlyList<SerSelectionResult> Selections, string? BestCheckpoint, string OutputPath,
    int FoldsCompleted, int FoldsPlanned, double WallSeconds);

/// <summary>One fold's figures.</summary>
/// <param name="Fold">Fold index.</param>
/// <param name="Name">Fold name.</param>
/// <param name="Epoch">Selected epoch (1-based).</param>
/// <param name="UA">Unweighted accuracy, percent.</param>
/// <param name="WA">Weighted accuracy, percent.</param>
/// <param name="F1">Weighted F1, percent.</param>
/// <param name="Count">Test items.</param>
/// <param name="Weights">Weights file of the selected epoch.</param>
public sealed record SerFoldResult(int Fold, string Name, int Epoch, double UA, double WA, double F1, int Count, string? Weights);

/// <summary>Pooled figures under one selection.</summary>
/// <param name="Selection">BestOnTest, Last or InnerValidation.</param>
/// <param name="Optimistic">True for BestOnTest.</param>
/// <param name="UA">Unweighted accuracy, percent.</param>
/// <param name="WA">Weighted accuracy, percent.</param>
/// <param name="F1">Weighted F1, percent.</param>
public sealed record SerSelectionResult(string Selection, bool Optimistic, double UA, double WA, double F1);
