using System.Numerics.Tensors;
using Google.Protobuf;
using LightSerNet.Onnx.Proto;
using LightSerNet.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// Measures the range of chosen activation tensors by running the float32 model in ONNX Runtime on calibration
/// features, with those tensors added as extra graph outputs. The range is the mean over calibration batches of each
/// batch's 0.01st and 99.99th percentiles (not the absolute min/max): a handful of outliers would otherwise stretch
/// the uint8 scale and cost every other value resolution (min/max lost 4 UA points on a held-out EMO-DB fold).
/// </summary>
public static class ActivationCalibrator
{
    private const int BatchClips = 32;
    private const double TailPercent = 0.01;
    private const int MaxSamples = 200_000;

    /// <summary>The range of each tensor in <paramref name="tensors"/> over every clip of <paramref name="calibration"/>.</summary>
    public static IReadOnlyDictionary<string, ActivationRange> Measure(ModelProto model, IReadOnlyCollection<string> tensors,
        CalibrationData calibration, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        calibration.Validate();
        var probe = model.Clone();
        var existing = probe.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensors.Where(t => !existing.Contains(t)))
        {
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }
        string input = probe.Graph.Input[0].Name;
        var names = tensors.ToArray();
        var lows = names.ToDictionary(n => n, _ => new List<float>(), StringComparer.Ordinal);
        var highs = names.ToDictionary(n => n, _ => new List<float>(), StringComparer.Ordinal);
        int clipLength = calibration.Frames * calibration.Coefficients;

        using var session = OnnxRuntimeSessions.Create(probe.ToByteArray(), intraOpThreads);
        using var runOptions = new RunOptions();
        for (int start = 0; start < calibration.Clips; start += BatchClips)
        {
            int count = Math.Min(BatchClips, calibration.Clips - start);
            var memory = calibration.Features.AsMemory(start * clipLength, count * clipLength);
            using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory,
                [count, calibration.Frames, calibration.Coefficients]);
            using var outputs = session.Run(runOptions, [input], [value], names);
            for (int i = 0; i < names.Length; i++)
            {
                var data = outputs[i].GetTensorDataAsSpan<float>();
                if (data.IsEmpty)
                    continue;
                if (!float.IsFinite(TensorPrimitives.Sum(data)))
                    throw new InvalidDataException($"Calibration saw a non-finite value in '{names[i]}'; the weights or the calibration features are damaged.");
                var (low, high) = Tails(data);
                lows[names[i]].Add(low);
                highs[names[i]].Add(high);
            }
        }
        var ranges = names.ToDictionary(n => n, n => lows[n].Count == 0 ? ActivationRange.Empty
            : new ActivationRange(lows[n].Average(), highs[n].Average()), StringComparer.Ordinal);
        foreach (var (name, range) in ranges)
        {
            if (!float.IsFinite(range.Min) || !float.IsFinite(range.Max))
                throw new InvalidDataException($"Calibration saw a non-finite value in '{name}'; the weights or the calibration features are damaged.");
        }
        return ranges;
    }

    // The TailPercent and 100 - TailPercent percentiles of a strided sample (at most MaxSamples values).
    private static (float Low, float High) Tails(ReadOnlySpan<float> data)
    {
        int stride = Math.Max(1, data.Length / MaxSamples);
        var sample = new float[(data.Length + stride - 1) / stride];
        for (int i = 0, j = 0; i < data.Length; i += stride, j++)
            sample[j] = data[i];
        Array.Sort(sample);
        int tail = (int)(sample.Length * TailPercent / 100);
        return (sample[tail], sample[sample.Length - 1 - tail]);
    }
}
