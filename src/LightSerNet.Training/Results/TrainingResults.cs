using LightSerNet.Architectures;
using LightSerNet.Evaluation;

namespace LightSerNet.Training.Results;

/// <summary>Turns a finished run into the <see cref="SerTrainingResult"/> Invoke-SerTraining returns.</summary>
public static class TrainingResults
{
    /// <summary>The cmdlet-facing summary of <paramref name="run"/>: its first selection's pooled figures, every selection and the folds, in percent.</summary>
    public static SerTrainingResult ToResult(this TrainingRun run, ArchitectureDefinition architecture)
    {
        var primary = run.Pooled.FirstOrDefault();
        var folds = run.Outcomes.Where(o => primary is null || o.Selection == primary.Selection)
            .Select(o => new SerFoldResult(o.Fold, o.Name, o.Epoch + 1, Percent(o.Metrics.UnweightedAccuracy), Percent(o.Metrics.WeightedAccuracy),
                Percent(o.Metrics.WeightedF1), o.Metrics.Count, o.Weights))
            .ToList();
        string? best = run.Options.Protocol == FoldProtocol.None
            ? Directory.EnumerateFiles(Path.Combine(run.OutputPath, "checkpoints"), $"{run.Options.Selections[0]}.weights", SearchOption.AllDirectories).FirstOrDefault()
            : run.Outcomes.Where(o => o.Selection == primary?.Selection && o.Weights is not null)
                .OrderByDescending(o => o.Metrics.WeightedAccuracy).Select(o => o.Weights).FirstOrDefault();
        return new SerTrainingResult(
            run.LabelSet, architecture.Name, run.Options.Protocol.ToString(), run.Options.Loss.ToString(), run.Options.Epochs,
            // A run without test folds pools nothing; its model is still the first selection asked for.
            (primary?.Selection ?? run.Options.Selections[0]).ToString(), primary?.Optimistic ?? false,
            primary is null ? double.NaN : Percent(primary.Metrics.UnweightedAccuracy),
            primary is null ? double.NaN : Percent(primary.Metrics.WeightedAccuracy),
            primary is null ? double.NaN : Percent(primary.Metrics.WeightedF1),
            primary?.Metrics.ConfusionMatrix ?? [], run.Labels, folds,
            run.Pooled.Select(p => new SerSelectionResult(p.Selection.ToString(), p.Optimistic, Percent(p.Metrics.UnweightedAccuracy),
                Percent(p.Metrics.WeightedAccuracy), Percent(p.Metrics.WeightedF1))).ToList(),
            best, run.OutputPath, run.FoldsCompleted, run.FoldsPlanned, Math.Round(run.WallSeconds, 1));
    }

    /// <summary>A 0..1 figure as a percentage with two decimals, as every report shows it.</summary>
    internal static double Percent(double value) => Math.Round(100 * value, 2);
}
