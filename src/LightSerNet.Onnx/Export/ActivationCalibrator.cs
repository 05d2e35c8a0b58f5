using System.Numerics.Tensors;
using Google.Protobuf;
using LightSerNet.Onnx.Proto;
using LightSerNet.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// Measures the range of chosen activation tensors by running the float32 model in ONNX Runtime on calibration
/// features, with those tensors added as extra graph outputs (min/max calibration).
/// </summary>
public static class ActivationCalibrator
{
    private const int BatchClips = 32;

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
        var ranges = names.ToDictionary(n => n, _ => ActivationRange.Empty, StringComparer.Ordinal);
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
                ranges[names[i]] = ranges[names[i]].Union(new ActivationRange(TensorPrimitives.Min(data), TensorPrimitives.Max(data)));
            }
        }
        foreach (var (name, range) in ranges)
        {
            if (!float.IsFinite(range.Min) || !float.IsFinite(range.Max))
                throw new InvalidDataException($"Calibration saw a non-finite value in '{name}'; the weights or the calibration features are damaged.");
        }
        return ranges;
    }
}
