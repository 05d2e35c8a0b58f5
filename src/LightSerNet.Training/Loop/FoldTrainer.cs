using System.Diagnostics;
using LightSerNet.Architectures;
using LightSerNet.Evaluation;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Augmentation;
using LightSerNet.Training.Checkpoints;
using LightSerNet.Training.Data;
using LightSerNet.Training.Networks;
using LightSerNet.Training.Runtime;
using Fold = LightSerNet.Evaluation.Fold;
using static TorchSharp.torch;

namespace LightSerNet.Training.Loop;

/// <summary>
/// Trains one fold epoch by epoch: Adam with Keras's epsilon, the schedule, L2 on the spec's kernels, evaluation
/// with precise batch-norm statistics, selection bookkeeping, and a checkpoint after every epoch. Only training
/// batches are augmented; precise batch-norm statistics and every evaluation read the clean features.
/// </summary>
internal sealed class FoldTrainer(TrainingSet set, TrainingOptions options, ArchitectureDefinition architecture,
    string labelSet, string runKey)
{
    private const int EvaluationBatch = 64;
    private const int PreciseStatisticsClips = 256;
    private static readonly System.Text.Json.JsonSerializerOptions OmitNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly BatchAugmenter? _augmenter = options.Augmentation is { } augmentation ? new BatchAugmenter(set, augmentation, options.Seed) : null;

    public static string WeightsPath(string folder, SelectionKind selection) => Path.Combine(folder, $"{selection}.weights");

    public FoldState Run(Fold fold, int position, int foldCount, string folder, IProgress<TrainingProgress> progress, CancellationToken cancel)
    {
        // Every libtorch call of the fold runs inside one fence section, paused between steps so that finalisers
        // still run now and then: TorchSharp's temporary Scalars must not be finalised while libtorch reads them.
        using var fence = FinaliserFence.Enter();
        // The fold's own generator, seeded where the global one used to be: the same numbers as before, and folds
        // on other threads cannot disturb it.
        using var generator = new Generator(SeededOrder.Mix(options.Seed, fold.Index, -1) >> 1);
        using var network = TrainingNetwork.Create(architecture, set.LabelNames.Count, generator: generator);
        using var optimizer = optim.Adam(network.parameters(), options.LearningRate, eps: options.AdamEpsilon);
        var kernels = network.named_parameters().Where(p => architecture.L2Parameters.Contains(p.name)).Select(p => (Tensor)p.parameter).ToList();

        string checkpoint = FoldCheckpoint.CheckpointPath(folder);
        var state = new FoldState { Fold = fold.Index, RunKey = runKey };
        bool averaging = options.Selections.Contains(SelectionKind.Average);
        WeightAverage? average = null;
        if (File.Exists(checkpoint))
            (state, average) = FoldCheckpoint.Load(checkpoint, runKey, network, optimizer, averaging);
        using var averageOwner = average ??= averaging ? WeightAverage.For(network) : null;

        for (int epoch = state.EpochsCompleted; epoch < options.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            double rate = LearningRateSchedules.Rate(options.Schedule, epoch, options.Epochs, options.LearningRate);
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = rate;
            generator.manual_seed((long)(SeededOrder.Mix(options.Seed, fold.Index, epoch) >> 1));
            var (loss, accuracy) = TrainEpoch(network, optimizer, kernels, SeededOrder.Shuffle(fold.Train, SeededOrder.Mix(options.Seed, fold.Index, epoch, 1)), fold.Index, epoch, cancel);
            if (average is not null && epoch >= options.AverageFromEpoch)
                average.Add(network);

            if (options.PreciseBatchNorm)
                PreciseBatchNorm.Recompute(network, StatisticsBatches(fold));
            network.eval();
            int[] test = Predict(network, fold.Test);
            int[] validation = Predict(network, fold.Validation);
            double? testAccuracy = fold.Test.Length > 0 ? Accuracy(test, fold.Test) : null;
            double? testUa = fold.Test.Length > 0
                ? ClassificationMetrics.Compute(set.LabelNames, Truth(fold.Test), test).UnweightedAccuracy
                : null;
            double? validationAccuracy = fold.Validation.Length > 0 ? Accuracy(validation, fold.Validation) : null;

            Select(state, SelectionKind.Last, epoch, 0, test, network, folder, fold, saveWeights: epoch == options.Epochs - 1);
            if (testAccuracy is double t && options.Selections.Contains(SelectionKind.BestOnTest))
                Select(state, SelectionKind.BestOnTest, epoch, t, test, network, folder, fold, saveWeights: true);
            if (validationAccuracy is double v && options.Selections.Contains(SelectionKind.InnerValidation))
                Select(state, SelectionKind.InnerValidation, epoch, v, test, network, folder, fold, saveWeights: true);
            if (average is not null && epoch == options.Epochs - 1)
                SelectAverage(state, average, epoch, folder, fold, generator);

            state.History.Add(new EpochPoint(fold.Index, epoch, loss, accuracy, testAccuracy, testUa, validationAccuracy, rate));
            state.EpochsCompleted = epoch + 1;
            state.Complete = state.EpochsCompleted == options.Epochs;
            state.Seconds += watch.Elapsed.TotalSeconds;
            FoldCheckpoint.Save(checkpoint, state, network, optimizer, average);
            if (state.Complete)
                FoldCheckpoint.SaveFinished(folder, state);
            progress.Report(new TrainingProgress(position, foldCount, fold.Name, epoch, options.Epochs, loss, accuracy, testAccuracy, watch.Elapsed.TotalSeconds));
        }
        return state;
    }

    private (double Loss, double Accuracy) TrainEpoch(nn.Module<Tensor, Tensor> network, optim.Optimizer optimizer,
        IReadOnlyList<Tensor> kernels, int[] order, int fold, int epoch, CancellationToken cancel)
    {
        network.train();
        // One long-lived 0-d tensor instead of a temporary Scalar per step (see TrainingNetwork on Scalar lifetimes).
        using var l2 = tensor(architecture.L2, ScalarType.Float32);
        double lossSum = 0;
        int correct = 0, seen = 0;
        for (int start = 0; start < order.Length; start += options.BatchSize)
        {
            // Stop between batches: the checkpoint of the last completed epoch stays the resume point.
            cancel.ThrowIfCancellationRequested();
            FinaliserFence.Pause();
            var indices = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
            using var scope = NewDisposeScope();
            var features = _augmenter is null ? set.Batch(indices) : _augmenter.Batch(indices, fold, epoch);
            var labels = set.LabelBatch(indices);
            var logits = network.call(features);
            var loss = Losses.Compute(options.Loss, options.Gamma, logits, labels);
            if (kernels.Count > 0 && architecture.L2 > 0)
                loss = loss + Losses.L2(kernels, l2);
            float value = loss.item<float>();
            if (!float.IsFinite(value))
                throw new InvalidOperationException($"The training loss became {value}; the checkpoint of the last completed epoch is kept, so -Resume continues from there.");
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += value * indices.Length;
            correct += (int)logits.argmax(1).eq(labels).sum().item<long>();
            seen += indices.Length;
        }
        return (lossSum / Math.Max(seen, 1), (double)correct / Math.Max(seen, 1));
    }

    // The averaged weights go into a network of their own, whose batch-norm statistics are measured over the
    // training fold whatever -RunningBatchNorm says: the running statistics belong to no averaged weights.
    private void SelectAverage(FoldState state, WeightAverage average, int epoch, string folder, Fold fold, Generator generator)
    {
        using var averaged = TrainingNetwork.Create(architecture, set.LabelNames.Count, generator: generator);
        average.CopyTo(averaged);
        PreciseBatchNorm.Recompute(averaged, StatisticsBatches(fold));
        averaged.eval();
        Select(state, SelectionKind.Average, epoch, 0, Predict(averaged, fold.Test), averaged, folder, fold, saveWeights: true);
    }

    private int[] Predict(nn.Module<Tensor, Tensor> network, int[] indices)
    {
        var predictions = new List<int>(indices.Length);
        using var noGrad = no_grad();
        foreach (var batch in Batches(indices))
        {
            using var scope = NewDisposeScope();
            var output = network.call(set.Batch(batch)).argmax(1);
            predictions.AddRange(output.data<long>().ToArray().Select(p => (int)p));
        }
        return predictions.ToArray();
    }

    // A fixed, seeded sample of the training fold: the statistics of a few hundred clips (x thousands of
    // time-frequency positions each) are as good as the whole fold's and cost far less every epoch.
    private int[] StatisticsSample(Fold fold) =>
        fold.Train.Length <= PreciseStatisticsClips
            ? fold.Train
            : SeededOrder.Shuffle(fold.Train, SeededOrder.Mix(options.Seed, fold.Index, 2))[..PreciseStatisticsClips];

    // Each batch is disposed as soon as the next one is asked for.
    private IEnumerable<Tensor> StatisticsBatches(Fold fold)
    {
        foreach (var indices in Batches(StatisticsSample(fold)))
        {
            using var batch = set.Batch(indices);
            yield return batch;
        }
    }

    private IEnumerable<int[]> Batches(int[] indices)
    {
        for (int start = 0; start < indices.Length; start += EvaluationBatch)
            yield return indices[start..Math.Min(indices.Length, start + EvaluationBatch)];
    }

    private int[] Truth(int[] indices) => indices.Select(i => set.Labels[i]).ToArray();

    private double Accuracy(int[] predictions, int[] indices) =>
        (double)predictions.Where((p, i) => p == set.Labels[indices[i]]).Count() / indices.Length;

    private void Select(FoldState state, SelectionKind kind, int epoch, double score, int[] predictions,
        nn.Module network, string folder, Fold fold, bool saveWeights)
    {
        string key = kind.ToString();
        bool better = kind is SelectionKind.Last or SelectionKind.Average || !state.Selections.TryGetValue(key, out var best) || score > best.Score;
        if (!better)
            return;
        state.Selections[key] = new SelectionState { Epoch = epoch, Score = score, Predictions = predictions };
        if (saveWeights)
        {
            var header = new ModelWeightsFile.Header(architecture.Name, architecture.SpecHash, set.LabelNames, labelSet,
                new Dictionary<string, string>
                {
                    [ModelMetadataKeys.FeatureConfig] = set.Config.ToJson(),
                    [ModelMetadataKeys.Training] = System.Text.Json.JsonSerializer.Serialize(new
                    {
                        protocol = options.Protocol.ToString(), fold = fold.Name, selection = key, epoch, score,
                        averaged_from_epoch = kind == SelectionKind.Average ? options.AverageFromEpoch : (int?)null,
                        loss = options.Loss.ToString(), epochs = options.Epochs, seed = options.Seed,
                        augmentation = options.Augmentation?.Describe(),
                        normalization = options.Normalization == FeatureNormalization.None ? null : options.Normalization.ToString(),
                    }, OmitNulls),
                });
            ModelWeightsFile.Save(WeightsPath(folder, kind), header, StateDictExport.ToWeights(network));
        }
    }
}
