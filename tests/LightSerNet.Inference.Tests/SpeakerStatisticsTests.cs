using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Features.Normalisation;
using LightSerNet.Inference.Normalisation;
using LightSerNet.Inference.Prediction;
using LightSerNet.Onnx.Export;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Inference.Tests;

/// <summary>A model trained on speaker-standardised features labels with the speaker's statistics, and only with them.</summary>
public sealed class SpeakerStatisticsTests
{
    [Fact]
    public void TheStatisticsStandardiseEveryCoefficientToMeanZeroAndUnitDeviation()
    {
        var random = new Random(3);
        var clips = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 50 * 4).Select(i => (float)(random.NextDouble() * (i % 4 + 1) + i % 4 * 10)).ToArray()).ToList();
        var builder = new SpeakerStatisticsBuilder(4);
        clips.ForEach(c => builder.Add(c));
        var statistics = builder.Build();
        Assert.Equal((3, 4), (statistics.Clips, statistics.Coefficients));

        var all = clips.SelectMany(c => { var copy = c.ToArray(); statistics.Apply(copy); return copy; }).ToArray();
        for (int k = 0; k < 4; k++)
        {
            var column = all.Where((_, i) => i % 4 == k).Select(v => (double)v).ToList();
            double mean = column.Average();
            Assert.Equal(0, mean, 5);
            Assert.Equal(1, Math.Sqrt(column.Average(v => (v - mean) * (v - mean))), 4);
        }
        Assert.Throws<ArgumentException>(() => builder.Add(new float[5]));
        Assert.Throws<InvalidOperationException>(() => new SpeakerStatisticsBuilder(4).Build());
    }

    [Fact]
    public void AModelThatNeedsThemLabelsEachClipStandardisedByTheSpeakersStatistics()
    {
        using var folder = new TempFolder();
        var model = SerModel.Load(SpeakerModel(folder));
        Assert.True(model.NeedsSpeakerStatistics);
        var wavs = Enumerable.Range(0, 5).Select(i => TestAudio.WriteWav(folder.File($"v{i}.wav"), TestAudio.Voice(60 + i, 1.5 + 0.3 * i))).ToList();

        var meter = new SpeakerMeter(model);
        wavs.ForEach(w => meter.Add(PredictionInput.FromFile(w)));
        string bad = folder.File("bad.wav");
        File.WriteAllBytes(bad, [1, 2, 3]);
        Assert.Throws<Audio.Wave.WaveFormatException>(() => meter.Add(PredictionInput.FromFile(bad)));
        var statistics = meter.Build();
        Assert.Equal((5, 5, 40), (meter.Inputs, statistics.Clips, statistics.Coefficients));

        using var predictor = new SerPredictor(model, threads: 1);
        // Each file as training cuts it (one centred 3 s segment), its features standardised, through the network.
        var expectedStatistics = new SpeakerStatisticsBuilder(40);
        var features = wavs.Select(w => predictor.Features(Assert.Single(Segmenter.Segment(SerAudio.FromFile(w), new SegmentOptions(3))).Samples)).ToList();
        features.ForEach(f => expectedStatistics.Add(f));
        Assert.Equal(expectedStatistics.Build().Mean, statistics.Mean);

        var rows = predictor.Predict(wavs.Select(PredictionInput.FromFile), new PredictionOptions { Speaker = statistics }).Select(o => Assert.Single(o.Predictions)).ToList();
        for (int i = 0; i < wavs.Count; i++)
        {
            statistics.Apply(features[i]);
            var expected = predictor.Run(features[i], 1);
            for (int k = 0; k < expected.Length; k++)
                Assert.Equal(expected[k], rows[i].Probabilities[k], 6);
        }
    }

    [Fact]
    public void StatisticsThatAreMissingOrDoNotFitAreRefused()
    {
        using var folder = new TempFolder();
        var speakerModel = SerModel.Load(SpeakerModel(folder));
        var plainModel = SerModel.Load(TestModels.Write(TestModels.Float32("light-sernet-lite"), folder.File("plain.onnx")));
        var statistics = new SpeakerStatistics(new double[40], Enumerable.Repeat(1.0, 40).ToArray(), 1);
        using var speakerPredictor = new SerPredictor(speakerModel, threads: 1);
        using var plainPredictor = new SerPredictor(plainModel, threads: 1);

        var missing = Assert.Throws<SpeakerStatisticsException>(() => speakerPredictor.Open());
        Assert.True(missing.Missing);
        Assert.Contains("Measure-SerSpeaker", missing.Message);
        Assert.False(Assert.Throws<SpeakerStatisticsException>(() => plainPredictor.Open(new PredictionOptions { Speaker = statistics })).Missing);
        var narrow = new SpeakerStatistics(new double[13], Enumerable.Repeat(1.0, 13).ToArray(), 1);
        Assert.Contains("13 coefficients", Assert.Throws<SpeakerStatisticsException>(() => speakerPredictor.Open(new PredictionOptions { Speaker = narrow })).Message);
    }

    [Fact]
    public void AnUnknownNormalisationInAModelFileIsInvalidMetadata()
    {
        using var folder = new TempFolder();
        var model = TestModels.Float32("light-sernet-lite");
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadataKeys.Normalization, Value = "Utterance" });
        var error = Assert.Throws<SerModelException>(() => SerModel.Load(TestModels.Write(model, folder.File("utterance.onnx"))));
        Assert.Equal(SerModelProblem.MetadataInvalid, error.Problem);
    }

    [Fact]
    public void Int8RangesOfASpeakerNormalisedModelAreCalibratedOnStandardisedFeatures()
    {
        using var folder = new TempFolder();
        var architecture = TestModels.Architecture("light-sernet-lite");
        string speaker = folder.File("speaker.weights"), plain = folder.File("plain.weights");
        ModelWeightsFile.Save(speaker, SpeakerHeader(architecture), TestModels.Weights(architecture));
        ModelWeightsFile.Save(plain, new ModelWeightsFile.Header(architecture.Name, architecture.SpecHash, architecture.LabelSets[0].Names, "EmoDb",
            TestModels.Metadata(architecture)), TestModels.Weights(architecture));
        var calibration = TestModels.Calibration(architecture);
        int length = calibration.Frames * calibration.Coefficients;
        var builder = new SpeakerStatisticsBuilder(calibration.Coefficients);
        for (int clip = 0; clip < calibration.Clips; clip++)
            builder.Add(calibration.Features.AsSpan(clip * length, length));
        var standardised = new float[calibration.Features.Length];
        builder.Build().Apply(calibration.Features, standardised);

        string Ranges(string weights, CalibrationData data) => CheckpointExporter.Build(Checkpoint.Load(weights),
            new CheckpointExportOptions { Precision = ModelPrecision.Int8, Calibration = data, CalibrationThreads = 1 })
            .Model.MetadataProps.Single(p => p.Key == ModelMetadataKeys.Quantization).Value;

        // The speaker model's raw calibration features are standardised (as one speaker) before ranges are measured.
        string measured = Ranges(speaker, calibration);
        Assert.Equal(Ranges(plain, calibration with { Features = standardised }), measured);
        Assert.NotEqual(Ranges(plain, calibration), measured);
    }

    private static string SpeakerModel(TempFolder folder)
    {
        var model = TestModels.Float32("light-sernet-lite");
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadataKeys.Normalization, Value = CheckpointExporter.SpeakerNormalization });
        return TestModels.Write(model, folder.File("speaker.onnx"));
    }

    private static ModelWeightsFile.Header SpeakerHeader(Architectures.ArchitectureDefinition architecture) =>
        new(architecture.Name, architecture.SpecHash, architecture.LabelSets[0].Names, "EmoDb", new Dictionary<string, string>(TestModels.Metadata(architecture))
        {
            [ModelMetadataKeys.Training] = """{"protocol":"LeaveOneSpeakerOut","selection":"Last","normalization":"Speaker"}""",
        });
}
