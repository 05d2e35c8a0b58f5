using System.Management.Automation;
using LightSerNet.Architectures;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Data.Corpora;
using LightSerNet.Evaluation;
using LightSerNet.Features;
using LightSerNet.PowerShell.Errors;
using LightSerNet.Training.Augmentation;
using LightSerNet.Training.Data;
using LightSerNet.Training.Loop;
using LightSerNet.Training.Results;

namespace LightSerNet.PowerShell.Training;

/// <summary>
/// The only place the cmdlets reach the TorchSharp assembly. Kept out of the cmdlet class so importing the module
/// (which reflects over cmdlets) never loads libtorch, and the inference-only module works without it.
/// </summary>
internal static class TrainingHost
{
    /// <summary>Activity id of the run's progress record; each fold's record is a child of it.</summary>
    public const int RunActivity = 1;

    public static SerTrainingResult Run(TrainingRequest request, PSCmdlet cmdlet, CancellationToken cancel, Action<ProgressRecord> progress)
    {
        var architecture = ArchitectureCatalog.Get(request.Architecture);
        var augmentation = AugmentationOptions.For(request.Augment);
        var (set, labelSet) = request.Dataset is { } corpus
            ? FromCorpus(request, corpus, architecture, augmentation, cmdlet)
            : FromFeatures(request, architecture);
        var options = new TrainingOptions
        {
            Architecture = architecture.Name,
            Loss = request.Loss,
            Gamma = request.Gamma,
            Protocol = request.Protocol,
            KFolds = request.KFolds,
            Epochs = request.Epochs,
            BatchSize = request.BatchSize,
            LearningRate = request.LearningRate,
            Schedule = request.Schedule,
            Selections = request.Selections ?? (request.Protocol == FoldProtocol.None ? [SelectionKind.Last] : [SelectionKind.BestOnTest, SelectionKind.Last]),
            PreciseBatchNorm = request.PreciseBatchNorm,
            Seed = request.Seed,
            OnlyFolds = request.Folds,
            ParallelFolds = request.ParallelFolds,
            Augmentation = augmentation,
            Normalization = request.Normalization,
        };
        var reporter = new SyncProgress<TrainingProgress>(p =>
        {
            progress(new ProgressRecord(RunActivity, "Invoke-SerTraining", $"{p.RunEpochsDone} of {p.RunEpochs} epochs")
            {
                PercentComplete = (int)(100.0 * p.RunEpochsDone / Math.Max(1, p.RunEpochs)),
            });
            // One child record per fold, so folds trained side by side each show their own line.
            progress(new ProgressRecord(RunActivity + 1 + p.Fold, $"fold {p.Fold + 1} of {p.FoldCount} ({p.FoldName})",
                $"epoch {p.Epoch + 1}/{p.Epochs}: loss {p.TrainLoss:F4}, train acc {p.TrainAccuracy:P1}"
                    + (p.TestAccuracy is double t ? $", test acc {t:P1}" : "") + $", {p.EpochSeconds:F1} s/epoch")
            {
                ParentActivityId = RunActivity,
                PercentComplete = (int)(100.0 * (p.Epoch + 1) / p.Epochs),
                RecordType = p.Epoch + 1 == p.Epochs ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
        });
        var run = Trainer.Run(set, options, labelSet, request.OutputPath, request.Resume, request.Force, reporter, cancel);
        return run.ToResult(architecture);
    }

    private static (TrainingSet, string) FromFeatures(TrainingRequest request, ArchitectureDefinition architecture)
    {
        if (request.Features.Count == 0)
            throw new ArgumentException("No features came through the pipeline; pipe Get-Mfcc output or use -Dataset and -Path.");
        string labelSet = request.LabelSet ?? request.Features[0].Dataset;
        var labels = LabelOrder(architecture, labelSet, request.Features.Select(f => f.Label ?? ""));
        return (TrainingSet.FromFeatures(request.Features, labels), labelSet);
    }

    private static (TrainingSet, string) FromCorpus(TrainingRequest request, CorpusName corpus, ArchitectureDefinition architecture,
        AugmentationOptions? augmentation, PSCmdlet cmdlet)
    {
        var problems = new List<CorpusProblem>();
        var entries = CorpusReader.Read(new CorpusQuery(corpus, request.DatasetPath!, request.AudioType), problems.Add).ToList();
        foreach (var problem in problems)
            cmdlet.WriteWarning(problem.Message);
        string labelSet = request.LabelSet ?? corpus.ToString();
        var labels = LabelOrder(architecture, labelSet, entries.Select(e => e.Label));
        var config = FeaturesFromAudio.ConfigFor(architecture);
        var set = DatasetFeatures.Build(entries, corpus, labels, config, new SegmentOptions(architecture.Input.Duration),
            DatasetFeatures.DefaultCacheFolder, (path, error) => cmdlet.WriteError(SerErrors.ForFile(error, path)), augmentation);
        return (set, labelSet);
    }

    // The spec fixes each corpus's order; data from elsewhere is ordered by name, and the order travels in the model.
    private static IReadOnlyList<string> LabelOrder(ArchitectureDefinition architecture, string labelSet, IEnumerable<string> present)
    {
        var distinct = present.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (architecture.FindLabels(labelSet) is { } fixedOrder && distinct.All(l => fixedOrder.IndexOf(l) >= 0))
            return fixedOrder.Names;
        return distinct.Order(StringComparer.Ordinal).ToList();
    }


    /// <summary>Reports on the calling thread, so WriteProgress is called from the pipeline thread.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
