using System.Diagnostics;

namespace LightSerNet.TestSupport;

/// <summary>Runs the reference ONNX checker (Debian's python3-onnx under /usr/bin/python3) on a file, when it is installed.</summary>
internal static class OnnxChecker
{
    private const string Python = "/usr/bin/python3";

    public static bool Available { get; } = File.Exists(Python) && Run("-c \"import onnx\"").ExitCode == 0;

    public const string SkipReason = "/usr/bin/python3 with the onnx package (Debian python3-onnx) is not installed.";

    /// <summary>Exit code and output of onnx.checker.check_model(full_check=True) on <paramref name="path"/>.</summary>
    public static (int ExitCode, string Output) Check(string path) =>
        Run($"-c \"import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('ok')\" \"{path}\"");

    private static (int ExitCode, string Output) Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
