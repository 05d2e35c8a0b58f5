using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Audio.Wave;
using LightSerNet.Inference.Prediction;

namespace LightSerNet.Inference.Tests;

/// <summary>Labelling files: training's cutting and padding, windows for long audio, input order, bad files, options.</summary>
[Collection(ModelCollection.Name)]
public sealed class PredictorTests(ModelFiles models)
{
    [Fact]
    public void AShortFileIsPaddedAndNormalisedExactlyAsInTraining()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("short.wav"), TestAudio.Voice(11, 1.7));
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 1);
        var row = Assert.Single(Assert.Single(predictor.Predict([PredictionInput.FromFile(wav)])).Predictions);

        // What ConvertTo-Segment -Mode Centre | Get-Mfcc gives, run through the network directly.
        var segment = Assert.Single(Segmenter.Segment(SerAudio.FromFile(wav), new SegmentOptions(3)));
        var expected = predictor.Run(predictor.Features(segment.Samples), 1);
        for (int k = 0; k < expected.Length; k++)
            Assert.Equal(expected[k], row.Probabilities[k], 6);
        Assert.Equal((0.0, 1.7, 1), (row.Start, Math.Round(row.End, 4), row.Clips));
    }

    [Fact]
    public void ALoneFileRunsOnTheWideSessionAndGetsTheSameProbabilitiesAsInABatch()
    {
        using var folder = new TempFolder();
        var wavs = Enumerable.Range(0, 12).Select(i => TestAudio.WriteWav(folder.File($"v{i}.wav"), TestAudio.Voice(40 + i, 2.5))).ToList();
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 2);
        var alone = Assert.Single(Assert.Single(predictor.Predict([PredictionInput.FromFile(wavs[0])])).Predictions);
        var batched = predictor.Predict(wavs.Select(PredictionInput.FromFile)).First().Predictions.Single();

        // Two threads split the convolutions differently from one: the same numbers up to float rounding.
        for (int k = 0; k < alone.Probabilities.Count; k++)
            Assert.Equal(batched.Probabilities[k], alone.Probabilities[k], 5);
        Assert.Equal(batched.Emotion, alone.Emotion);
    }

    [Fact]
    public void TheWideSessionIsLentOnlyWhenEverySlotIsFree()
    {
        using (var single = new SessionPool(SerModel.Load(models.Float32), size: 1))
            Assert.Null(single.TryRentWide());

        using var pool = new SessionPool(SerModel.Load(models.Float32), size: 2);
        var busy = pool.Rent(CancellationToken.None);
        Assert.Null(pool.TryRentWide());
        pool.Return(busy);

        var wide = pool.TryRentWide();
        Assert.NotNull(wide);
        Assert.Null(pool.TryRentWide());
        using (var waiting = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
            Assert.ThrowsAny<OperationCanceledException>(() => pool.Rent(waiting.Token));
        pool.ReturnWide();
        pool.Return(pool.Rent(CancellationToken.None));
        Assert.Same(wide, pool.TryRentWide());
        pool.ReturnWide();
    }

    [Fact]
    public void ALongFileIsWindowedEveryHalfWindowAndItsProbabilitiesAveraged()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("long.wav"), TestAudio.Voice(12, 7));
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 2);
        var input = PredictionInput.FromFile(wav);
        var file = Assert.Single(Assert.Single(predictor.Predict([input])).Predictions);
        var windows = Assert.Single(predictor.Predict([input], new PredictionOptions { PerWindow = true })).Predictions;

        Assert.Equal([(0.0, 3.0), (1.5, 4.5), (3.0, 6.0), (4.5, 7.0)], windows.Select(w => (w.Start, w.End)));
        Assert.Equal(4, file.Clips);
        Assert.Equal((0.0, 7.0), (file.Start, file.End));
        for (int k = 0; k < file.Probabilities.Count; k++)
            Assert.Equal(windows.Average(w => w.Probabilities[k]), file.Probabilities[k], 9);
        Assert.Equal(file.Probabilities.MaxBy(p => p.Value).Key, file.Emotion);
    }

    [Fact]
    public void WindowAndHopAreHonouredAndAWindowLongerThanTheModelClipAveragesItsClips()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("long.wav"), TestAudio.Voice(13, 10));
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 1);
        var rows = Assert.Single(predictor.Predict([PredictionInput.FromFile(wav)], new PredictionOptions { PerWindow = true, Window = 6, Hop = 4 })).Predictions;
        Assert.Equal([(0.0, 6.0), (4.0, 10.0)], rows.Select(w => (w.Start, w.End)));
        // A 6 s window holds three 3 s model clips at a 1.5 s hop.
        Assert.All(rows, r => Assert.Equal(3, r.Clips));
    }

    [Fact]
    public void ResultsComeBackInInputOrderWhateverTheFileLengths()
    {
        using var folder = new TempFolder();
        var random = new Random(5);
        var files = Enumerable.Range(0, 12)
            .Select(i => TestAudio.WriteWav(folder.File($"f{i:00}.wav"), TestAudio.Voice(i, 0.5 + random.NextDouble() * 8)))
            .ToList();
        // 120 inputs, batches of 3, two workers, so batches finish out of order.
        var inputs = Enumerable.Range(0, 120).Select(i => PredictionInput.FromFile(files[(i * 7) % files.Count])).ToList();
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 2);
        var outcomes = predictor.Predict(inputs, new PredictionOptions { InputsPerBatch = 3, ClipsPerRun = 5 }).ToList();
        Assert.Equal(inputs.Select(i => i.Path), outcomes.Select(o => o.Input.Path));
        Assert.All(outcomes, o => Assert.Single(o.Predictions));
        // The same file always gets the same answer, whichever worker and batch it was in.
        foreach (var group in outcomes.GroupBy(o => o.Input.Path))
            Assert.Single(group.Select(o => o.Predictions[0].Probabilities.ToString()).Distinct());
    }

    [Fact]
    public void EachBadFileGetsItsOwnErrorAndTheOthersAreLabelled()
    {
        using var folder = new TempFolder();
        string good = TestAudio.WriteWav(folder.File("good.wav"), TestAudio.Voice(1, 2));
        string empty = folder.File("empty.wav");
        File.WriteAllBytes(empty, []);
        string text = folder.File("text.wav");
        File.WriteAllText(text, "this is not audio at all, just some words in a file");
        string truncated = folder.File("truncated.wav");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..30]);
        string missing = folder.File("missing.wav");
        string[] paths = [good, empty, text, good, truncated, missing, good];

        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 2);
        var outcomes = predictor.Predict(paths.Select(PredictionInput.FromFile), new PredictionOptions { InputsPerBatch = 2 }).ToList();

        Assert.Equal(paths, outcomes.Select(o => o.Input.Path));
        Assert.Equal([false, true, true, false, true, true, false], outcomes.Select(o => o.Error is not null));
        Assert.All(outcomes.Where(o => o.Error is null), o => Assert.Single(o.Predictions));
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Empty(o.Predictions));
        Assert.Equal(WaveProblem.Empty, Assert.IsType<WaveFormatException>(outcomes[1].Error).Problem);
        Assert.Equal(WaveProblem.NotWave, Assert.IsType<WaveFormatException>(outcomes[2].Error).Problem);
        Assert.IsAssignableFrom<IOException>(outcomes[5].Error);
    }

    [Fact]
    public void ASegmentOfTheModelsLengthIsUsedAsItIs()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("seg.wav"), TestAudio.Voice(21, 9));
        var segments = Segmenter.Segment(SerAudio.FromFile(wav), new SegmentOptions(3, SegmentMode.Split));
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 1);
        var outcomes = predictor.Predict(segments.Select(PredictionInput.FromSegment)).ToList();
        Assert.Equal(3, outcomes.Count);
        for (int i = 0; i < segments.Count; i++)
        {
            var row = Assert.Single(outcomes[i].Predictions);
            var expected = predictor.Run(predictor.Features(segments[i].Samples), 1);
            Assert.Equal(expected.Select(v => (double)v), row.Probabilities.Values, (a, b) => Math.Abs(a - b) < 1e-6);
            Assert.Equal((segments[i].Start, segments[i].End), (row.Start, row.End));
        }
    }

    [Fact]
    public void AudioAtAnotherRateIsResampled()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("phone.wav"), TestAudio.Voice(31, 4, rate: 8000), rate: 8000);
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 1);
        var row = Assert.Single(Assert.Single(predictor.Predict([PredictionInput.FromFile(wav)])).Predictions);
        Assert.Equal(4.0, row.End, 3);
        Assert.Equal(2, row.Clips);
        Assert.InRange(row.Probabilities.Values.Sum(), 0.999, 1.001);
    }

    [Fact]
    public void TopListsTheMostProbableLabelsBestFirst()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("top.wav"), TestAudio.Voice(41, 3));
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 1);
        var row = Assert.Single(Assert.Single(predictor.Predict([PredictionInput.FromFile(wav)], new PredictionOptions { Top = 3 })).Predictions);
        Assert.NotNull(row.Top);
        Assert.Equal(3, row.Top.Count);
        Assert.Equal(row.Emotion, row.Top[0].Emotion);
        Assert.True(row.Top[0].Probability >= row.Top[1].Probability && row.Top[1].Probability >= row.Top[2].Probability);
        Assert.Matches(@"^\w+ 0\.\d+, \w+ 0\.\d+, \w+ 0\.\d+$", row.Top.ToString());
        Assert.Matches(@"^anger=0\.\d+; boredom=", row.Probabilities.ToString());
    }

    [Fact]
    public void CancellingStopsTheStream()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("c.wav"), TestAudio.Voice(51, 3));
        using var predictor = new SerPredictor(SerModel.Load(models.Float32), threads: 1);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            predictor.Predict(Enumerable.Repeat(PredictionInput.FromFile(wav), 50), cancel: cancel.Token).ToList());
    }

    [Fact]
    public void Float16AndInt8ModelsLabelFilesToo()
    {
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("p.wav"), TestAudio.Voice(61, 5));
        foreach (var path in new[] { models.Float16, models.Int8 })
        {
            using var predictor = new SerPredictor(SerModel.Load(path));
            var row = Assert.Single(Assert.Single(predictor.Predict([PredictionInput.FromFile(wav)])).Predictions);
            Assert.Equal(path, row.Model);
            Assert.InRange(row.Probabilities.Values.Sum(), 0.999, 1.001);
        }
    }
}
