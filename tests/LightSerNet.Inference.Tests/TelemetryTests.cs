using System.Runtime.InteropServices;
using LightSerNet.Onnx.Runtime;

namespace LightSerNet.Inference.Tests;

public sealed partial class TelemetryTests
{
    [SkippableFact]
    public void OnnxRuntimeTelemetryIsOffInTheNativeEnvironmentBeforeASessionStarts()
    {
        Skip.If(OperatingSystem.IsWindows(), "On Windows telemetry is switched off through OrtEnv, not the environment.");
        Skip.If(Environment.GetEnvironmentVariable(OnnxRuntimeSessions.TelemetryVariable) is { } set && set != "1",
            "The user set ORT_DISABLE_TELEMETRY to another value, which is respected.");
        Assert.True(OnnxRuntimeSessions.EnsureTelemetryDisabled());
        Assert.True(OnnxRuntimeSessions.EnsureTelemetryDisabled());
        Assert.Equal("1", Marshal.PtrToStringUTF8(GetEnv(OnnxRuntimeSessions.TelemetryVariable)));
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv(string name);
}
