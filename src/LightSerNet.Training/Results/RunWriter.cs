using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LightSerNet.Architectures;
using LightSerNet.Evaluation;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Loop;
using LightSerNet.Training.Reporting;

namespace LightSerNet.Training.Results;

/// <summary>
/// Writes a run's outputs: run.json ({"runs": [...]} with one entry per selection, plus the epoch history),
/// report.txt (sklearn-style per selection), confusion matrices as CSV and PNG, and the training curves.
/// </summary>
public static class RunWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Options as a reader wants them: "Cosine", not 2. (The run key hashes its own serialisation, not this one.)
    private static readonly JsonSerializerOptions Readable = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Writes every output of <paramref name="run"/> into its folder, atomically file by file.</summary>
    public static void Write(TrainingRun run, ArchitectureDefinition architecture)
    {
        var document = new JsonObject
        {
            ["runs"] = new JsonArray(run.Pooled.Select(p => (JsonNode)Entry(run, p, architecture)).ToArray()),
            ["training"] = Training(run, architecture),
            ["history"] = JsonSerializer.SerializeToNode(run.History),
        };
        AtomicFile.WriteText(Path.Combine(run.OutputPath, "run.json"), document.ToJsonString(Indented));
        AtomicFile.WriteText(Path.Combine(run.OutputPath, "report.txt"), Report(run));
        foreach (var pooled in run.Pooled)
        {
            string stem = Path.Combine(run.OutputPath, $"confusion-{pooled.Selection.ToString().ToLowerInvariant()}");
            AtomicFile.WriteText(stem + ".csv", pooled.Metrics.ToCsv(normalised: false));
            AtomicFile.WriteText(stem + "-normalised.csv", pooled.Metrics.ToCsv(normalised: true));
            string title = $"{run.LabelSet} {run.Options.Protocol} {run.Options.Loss}, {pooled.Selection}{(pooled.Optimistic ? " (optimistic)" : "")}";
            ConfusionMatrixPlot.Save(pooled.Metrics, stem + ".png", normalised: false, title);
            ConfusionMatrixPlot.Save(pooled.Metrics, stem + "-normalised.png", normalised: true, title + ", row-normalised");
        }
        if (run.History.Count > 0)
            TrainingCurvesPlot.Save(run.History, Path.Combine(run.OutputPath, "curves.png"), $"{run.LabelSet} {run.Options.Protocol} {run.Options.Loss}");
    }

    /// <summary>One entry of the committed results format.</summary>
    public static JsonObject Entry(TrainingRun run, PooledOutcome pooled, ArchitectureDefinition architecture)
    {
        var options = run.Options;
        var metrics = pooled.Metrics;
        var entry = new JsonObject
        {
            ["dataset"] = run.LabelSet,
            ["architecture"] = architecture.Name,
            ["protocol"] = options.Protocol.ToString(),
            ["loss"] = options.Loss.ToString(),
            ["selection"] = pooled.Selection.ToString(),
            ["optimistic"] = pooled.Optimistic,
            ["epochs"] = options.Epochs,
            ["schedule"] = options.Schedule.ToString(),
            ["batch_norm_statistics"] = options.PreciseBatchNorm ? "precise (re-estimated over the training fold before every evaluation)" : "running (momentum)",
            ["augmentation"] = options.Augmentation?.Describe() ?? "none",
            ["normalization"] = NormalizationNote(options),
            ["validation"] = ValidationNote(options),
            ["ua"] = TrainingResults.Percent(metrics.UnweightedAccuracy),
            ["wa"] = TrainingResults.Percent(metrics.WeightedAccuracy),
            ["f1"] = TrainingResults.Percent(metrics.WeightedF1),
            ["macro_f1"] = TrainingResults.Percent(metrics.MacroF1),
            ["count"] = metrics.Count,
            ["folds"] = new JsonArray(run.Outcomes.Where(o => o.Selection == pooled.Selection).Select(o => (JsonNode)new JsonObject
            {
                ["fold"] = o.Fold,
                ["name"] = o.Name,
                ["epoch"] = o.Epoch + 1,
                ["ua"] = TrainingResults.Percent(o.Metrics.UnweightedAccuracy),
                ["wa"] = TrainingResults.Percent(o.Metrics.WeightedAccuracy),
                ["f1"] = TrainingResults.Percent(o.Metrics.WeightedF1),
                ["count"] = o.Metrics.Count,
                // Which items each fold tested and what it said of them: the reference's folds are random, so
                // this is the only record of them, and any metric can be recomputed from it.
                ["test"] = new JsonArray(o.Test.Select(t => (JsonNode)new JsonArray(t.Id, run.Labels[t.Label], run.Labels[t.Predicted])).ToArray()),
            }).ToArray()),
            ["confusion_matrix"] = JsonSerializer.SerializeToNode(metrics.ConfusionMatrix),
        };
        foreach (var (key, value) in Provenance(run))
            entry[key] = value;
        if (pooled.Selection == SelectionKind.Average)
            entry["averaged_epochs"] = AveragedEpochs(options);
        return entry;
    }

    // What made the run, whatever it tested: a final model (-Protocol None) has no test folds and so no "runs"
    // entries, but its configuration, data and versions must be on record all the same.
    private static JsonObject Training(TrainingRun run, ArchitectureDefinition architecture)
    {
        var training = new JsonObject { ["dataset"] = run.LabelSet, ["architecture"] = architecture.Name };
        foreach (var (key, value) in Provenance(run))
            training[key] = value;
        return training;
    }

    // The record every results entry and the training record carry, built once per use (a JsonNode has one parent).
    private static IEnumerable<(string Key, JsonNode? Value)> Provenance(TrainingRun run)
    {
        yield return ("labels", JsonSerializer.SerializeToNode(run.Labels));
        yield return ("folds_completed", run.FoldsCompleted);
        yield return ("folds_planned", run.FoldsPlanned);
        yield return ("config", JsonSerializer.SerializeToNode(run.Options, Readable));
        yield return ("data_hash", run.DataHash);
        yield return ("versions", Versions());
        yield return ("wall_seconds", Math.Round(run.WallSeconds, 1));
    }

    // 1-based and inclusive, as the folds' "epoch".
    private static string AveragedEpochs(TrainingOptions options) => $"{options.AverageFromEpoch + 1}-{options.Epochs}";

    private static string Report(TrainingRun run)
    {
        var text = new StringBuilder();
        text.AppendLine($"LightSerNet.PS training report: {run.LabelSet}, {run.Options.Architecture}, {run.Options.Protocol}, {run.Options.Loss}, {run.Options.Epochs} epochs, {run.Options.Schedule} schedule, seed {run.Options.Seed}");
        text.AppendLine($"Folds completed: {run.FoldsCompleted} of {run.FoldsPlanned}. Batch-norm statistics: {(run.Options.PreciseBatchNorm ? "precise" : "running")}.");
        if (run.Options.Augmentation is { } augmentation)
            text.AppendLine($"Augmentation: {augmentation.Describe()}.");
        if (run.Options.NeedsValidation)
            text.AppendLine($"Validation: {ValidationNote(run.Options)}.");
        if (run.Options.Normalization != FeatureNormalization.None)
            text.AppendLine($"Features: {NormalizationNote(run.Options)}.");
        foreach (var pooled in run.Pooled)
        {
            text.AppendLine();
            string note = pooled.Optimistic ? " (OPTIMISTIC: the epoch is chosen by test accuracy, as in the original)"
                : pooled.Selection == SelectionKind.Average ? $" (the mean of the weights of epochs {AveragedEpochs(run.Options)}, batch-norm statistics re-estimated)"
                : "";
            text.AppendLine($"== Selection {pooled.Selection}{note} ==");
            text.AppendLine(pooled.Metrics.ToReport());
        }
        return text.ToString();
    }

    // InnerValidation needs a held-out speaker, and every selection of the run then trains without it, so Last and
    // BestOnTest of such a run are comparable with InnerValidation but trained on one speaker fewer.
    private static string ValidationNote(TrainingOptions options) =>
        !options.NeedsValidation ? "none"
        : options.Protocol == FoldProtocol.KFold
            ? "a stratified tenth of every fold's training items held out for InnerValidation; every selection of this run trains without them"
            : "one training speaker of every fold held out for InnerValidation (the next speaker id after the test speaker); every selection of this run trains without it";

    private static string NormalizationNote(TrainingOptions options) => options.Normalization switch
    {
        FeatureNormalization.Speaker => "standardised per speaker and coefficient by that speaker's own statistics; the test speaker's come from its unlabelled test clips (transductive)",
        _ => "none",
    };

    private static JsonObject Versions() => new()
    {
        ["lightsernet"] = OnnxGraphWriter.ToolVersion,
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
        ["libtorch"] = "2.10.0",
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["cpu_cores"] = Environment.ProcessorCount,
    };
}
