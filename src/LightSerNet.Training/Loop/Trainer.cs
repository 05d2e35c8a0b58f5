using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LightSerNet.Architectures;
using LightSerNet.Evaluation;
using LightSerNet.Training.Checkpoints;
using LightSerNet.Training.Data;
using LightSerNet.Training.Results;
using LightSerNet.Training.Runtime;
using static TorchSharp.torch;

namespace LightSerNet.Training.Loop;

/// <summary>
/// Runs a whole protocol: plans the folds, trains each (resuming from its checkpoint when asked), pools the
/// test predictions per selection and writes run.json, report.txt, confusion matrices and curves after every
/// fold, so partial results are always on disk.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="set"/> under <paramref name="options"/> into <paramref name="outputPath"/>.</summary>
    /// <param name="set">Features and labels.</param>
    /// <param name="options">Settings.</param>
    /// <param name="labelSet">Name of the label order (corpus), recorded in models.</param>
    /// <param name="outputPath">Run folder.</param>
    /// <param name="resume">Continue from existing checkpoints.</param>
    /// <param name="force">Delete an existing run in the folder first.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancel">Stops between batches; completed epochs stay checkpointed.</param>
    public static TrainingRun Run(TrainingSet set, TrainingOptions options, string labelSet, string outputPath, bool resume, bool force,
        IProgress<TrainingProgress>? progress, CancellationToken cancel)
    {
        options.Validate();
        var architecture = ArchitectureCatalog.Get(options.Architecture);
        if (architecture.Input.Frames != set.Frames || architecture.Input.Coefficients != set.Coefficients)
        {
            throw new ArgumentException(
                $"{architecture.Name} takes {architecture.Input.Frames}x{architecture.Input.Coefficients} features, but the data has {set.Frames}x{set.Coefficients}; compute features with -Duration {architecture.Input.Duration} and the spec's kind ({architecture.Input.Kind}).");
        }
        if (options.Augmentation is { IsAudioLevel: true } augmentation && set.VariantCount != augmentation.VariantCount)
        {
            throw new ArgumentException(
                $"SpeedPerturbation and Noise change the audio before features are computed, so they need {augmentation.VariantCount} feature variants per clip, but the data has {set.VariantCount}; train from audio (-Dataset and -Path) to use them, or use SpecAugment alone on computed features.");
        }
        // Recorded as used: a fold's numbers depend on its thread count.
        options = options with { Threads = options.ThreadsPerFold };
        if (options.Normalization == FeatureNormalization.Speaker)
            set = set.StandardisedBySpeaker();

        // Planned before anything is written, so a wrong -Fold leaves no empty run behind.
        var folds = FoldPlanner.Plan(options.Protocol, set.Labels.Select(l => set.LabelNames[l]).ToList(),
            set.Speakers, options.Seed, options.KFolds, options.NeedsValidation);
        var unknown = (options.OnlyFolds ?? []).Where(i => i < 0 || i >= folds.Count).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"There is no fold {string.Join(", ", unknown)}: {options.Protocol} forms {folds.Count} folds here, numbered 0 to {folds.Count - 1}.");
        }

        string root = Path.GetFullPath(outputPath);
        string checkpoints = Path.Combine(root, "checkpoints");
        if (Directory.Exists(checkpoints) && !resume)
        {
            if (!force)
                throw new IOException($"'{root}' already holds a training run; use -Resume to continue it or -Force to start over.");
            Directory.Delete(checkpoints, recursive: true);
        }
        Directory.CreateDirectory(checkpoints);

        string runKey = RunKey(options, set);
        TensorHeap.KeepFreedBlocks();
        try
        {
            return Train(set, options, labelSet, folds, architecture, root, checkpoints, runKey, progress, cancel);
        }
        finally
        {
            TensorHeap.ReleaseFreedBlocks();
        }
    }

    private static TrainingRun Train(TrainingSet set, TrainingOptions options, string labelSet, IReadOnlyList<Fold> folds,
        ArchitectureDefinition architecture, string root, string checkpoints, string runKey, IProgress<TrainingProgress>? progress,
        CancellationToken cancel)
    {
        var selected = folds.Where(f => options.OnlyFolds is null || options.OnlyFolds.Contains(f.Index)).ToList();
        var trainer = new FoldTrainer(set, options, architecture, labelSet, runKey);

        var states = new Dictionary<int, FoldState>();
        foreach (var fold in folds)
        {
            string folder = FoldFolder(checkpoints, fold);
            if (FoldCheckpoint.ReadState(folder) is not { } existing || existing.RunKey != runKey)
                continue;
            states[fold.Index] = existing;
            // A fold finished by a version that wrote no state.json gets one now, so it can be carried too.
            if (existing.Complete && !File.Exists(FoldCheckpoint.FinishedStatePath(folder)))
                FoldCheckpoint.SaveFinished(folder, existing);
        }
        var pending = selected.Where(f => !(states.TryGetValue(f.Index, out var done) && done.Complete)).ToList();
        int finished = 0;
        FoldScheduler.Run(pending, options.ParallelFolds, options.Threads, (fold, foldProgress, stop) =>
        {
            string folder = FoldFolder(checkpoints, fold);
            Directory.CreateDirectory(folder);
            var state = trainer.Run(fold, selected.IndexOf(fold), selected.Count, folder, foldProgress, stop);
            lock (states)
            {
                states[fold.Index] = state;
                // Partial results after every fold but the last; the whole run is written once below.
                if (++finished < pending.Count)
                    RunWriter.Write(Summarise(set, options, labelSet, folds, states, checkpoints, root), architecture);
            }
        }, progress is null ? null : new RunProgress(progress, selected.Select(f => states.GetValueOrDefault(f.Index)?.EpochsCompleted ?? 0).ToArray(), options.Epochs), cancel);
        var run = Summarise(set, options, labelSet, folds, states, checkpoints, root);
        RunWriter.Write(run, architecture);
        return run;
    }

    private static string FoldFolder(string checkpoints, Fold fold) => Path.Combine(checkpoints, $"fold-{fold.Index:00}");

    private static TrainingRun Summarise(TrainingSet set, TrainingOptions options, string labelSet, IReadOnlyList<Fold> folds,
        IReadOnlyDictionary<int, FoldState> states, string checkpoints, string root)
    {
        var outcomes = new List<FoldOutcome>();
        var pooled = new List<PooledOutcome>();
        var complete = folds.Where(f => states.TryGetValue(f.Index, out var s) && s.Complete).ToList();
        foreach (var selection in options.Selections)
        {
            var truth = new List<int>();
            var predicted = new List<int>();
            foreach (var fold in complete)
            {
                if (fold.Test.Length == 0 || !states[fold.Index].Selections.TryGetValue(selection.ToString(), out var chosen))
                    continue;
                var foldTruth = fold.Test.Select(i => set.Labels[i]).ToArray();
                string weights = FoldTrainer.WeightsPath(FoldFolder(checkpoints, fold), selection);
                outcomes.Add(new FoldOutcome(fold.Index, fold.Name, selection, chosen.Epoch,
                    ClassificationMetrics.Compute(set.LabelNames, foldTruth, chosen.Predictions), File.Exists(weights) ? weights : null,
                    fold.Test.Select((item, i) => new TestPrediction(set.Ids[item], foldTruth[i], chosen.Predictions[i])).ToArray()));
                truth.AddRange(foldTruth);
                predicted.AddRange(chosen.Predictions);
            }
            if (truth.Count > 0)
            {
                pooled.Add(new PooledOutcome(selection, selection == SelectionKind.BestOnTest,
                    ClassificationMetrics.Compute(set.LabelNames, truth.ToArray(), predicted.ToArray())));
            }
        }
        var history = folds.Where(f => states.ContainsKey(f.Index)).SelectMany(f => states[f.Index].History).ToList();
        return new TrainingRun(options, set.LabelNames, labelSet, set.DataHash, folds.Count, complete.Count, outcomes, pooled,
            history, root, states.Values.Sum(s => s.Seconds));
    }

    /// <summary>Adds the run's overall epoch count to each fold's report; used on the calling thread only.</summary>
    private sealed class RunProgress(IProgress<TrainingProgress> inner, int[] epochsDone, int epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            epochsDone[value.Fold] = value.Epoch + 1;
            inner.Report(value with { RunEpochsDone = epochsDone.Sum(), RunEpochs = epochsDone.Length * epochs });
        }
    }

    private static string RunKey(TrainingOptions options, TrainingSet set)
    {
        // Which folds run, and how many at once, never change a fold's result. Threads do, slightly (libtorch splits
        // its sums by thread), but a run may still be resumed on another machine, so they are recorded, not keyed.
        var keyed = options with { OnlyFolds = null, Threads = 0, ParallelFolds = 0 };
        string text = JsonSerializer.Serialize(keyed) + "\n" + set.DataHash;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
