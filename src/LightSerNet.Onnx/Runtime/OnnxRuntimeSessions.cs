using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace LightSerNet.Onnx.Runtime;

/// <summary>
/// The one way this project opens ONNX Runtime sessions, so that telemetry is off before the native library starts.
/// </summary>
/// <remarks>
/// On Linux ONNX Runtime writes telemetry files under ~/.cache/Microsoft/DeveloperTools/.onnxruntime unless
/// ORT_DISABLE_TELEMETRY=1 is in the native environment when it starts. Environment.SetEnvironmentVariable does not
/// reach native code on Unix (.NET keeps its own copy), so libc's setenv is called. This is the project's one
/// process-wide effect: it runs once (a static initialiser), never overrides a value the user set, and does not
/// depend on anything else. On Windows, where the events go through ETW, the environment's switch is used instead.
/// </remarks>
public static class OnnxRuntimeSessions
{
    /// <summary>The environment variable ONNX Runtime reads.</summary>
    public const string TelemetryVariable = "ORT_DISABLE_TELEMETRY";

    // Evaluated once, on first use of this class, before any session is made.
    private static readonly bool TelemetryDisabled = DisableTelemetry();

    /// <summary>Makes sure telemetry is off; call before touching any ONNX Runtime type. Idempotent and cheap.</summary>
    public static bool EnsureTelemetryDisabled() => TelemetryDisabled;

    /// <summary>
    /// A session on <paramref name="model"/> with <paramref name="intraOpThreads"/> threads (0: ONNX Runtime's
    /// default, one per core), all graph optimisations, sequential execution. Its threads sleep between operators
    /// unless <paramref name="spin"/>: for a session that has the machine to itself, where waking a thread at each of
    /// the network's operators costs more than the spinning.
    /// </summary>
    public static InferenceSession Create(byte[] model, int intraOpThreads, bool spin = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        EnsureTelemetryDisabled();
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Off by default: with one session per core, spinning threads would steal the cores the other sessions use.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        return new InferenceSession(model, options);
    }

    private static bool DisableTelemetry()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            // overwrite = 0: a value the user exported deliberately wins.
            SetEnv(TelemetryVariable, "1", 0);
            return true;
        }
        OrtEnv.Instance().DisableTelemetryEvents();
        return true;
    }

    // Strings are marshalled as UTF-8 on Unix, which is what setenv expects.
    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);
}
