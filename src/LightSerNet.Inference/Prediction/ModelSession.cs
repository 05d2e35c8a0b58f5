using LightSerNet.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace LightSerNet.Inference.Prediction;

/// <summary>
/// One ONNX Runtime session on a model, single-threaded unless it is the pool's session for work that is alone on
/// the machine. Parallelism comes from one session per core, not from threads inside a session: two one-thread
/// sessions labelled more clips per second than one two-thread session (DESIGN.md), and each worker then owns its
/// session outright.
/// </summary>
internal sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long _frames, _coefficients;

    public ModelSession(SerModel model, int intraOpThreads = 1, bool spin = false)
    {
        try
        {
            _session = OnnxRuntimeSessions.Create(model.Bytes, intraOpThreads, spin);
        }
        catch (OnnxRuntimeException e)
        {
            _runOptions.Dispose();
            throw new SerModelException(model.Path, SerModelProblem.Rejected, $"ONNX Runtime cannot load '{model.Path}': {e.Message}", e);
        }
        _inputNames = [model.InputName];
        _outputNames = [model.OutputName];
        _frames = model.Input.Frames;
        _coefficients = model.Input.Coefficients;
        Classes = model.Labels.Count;
    }

    public int Classes { get; }

    /// <summary>Runs the model on <paramref name="clips"/> clips of features and writes clips x classes probabilities.</summary>
    public void Run(float[] features, int clips, Span<float> probabilities)
    {
        int length = checked((int)(clips * _frames * _coefficients));
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, features.AsMemory(0, length), [clips, _frames, _coefficients]);
        using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
        outputs[0].GetTensorDataAsSpan<float>()[..(clips * Classes)].CopyTo(probabilities);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
