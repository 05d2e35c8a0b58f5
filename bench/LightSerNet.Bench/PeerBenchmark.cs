using System.Diagnostics;
using System.Text.Json;

namespace LightSerNet.Bench;

/// <summary>
/// Runs the PyTorch peer (../shared/bench/peer_torch.py, see its README) in a child process and reads its JSON line,
/// so every benchmark compares against the peer measured in the same run on the same machine. The peer needs
/// Debian's python3-torch and python3-torchaudio under /usr/bin/python3 (the python3 on PATH is pyenv's).
/// </summary>
internal static class PeerBenchmark
{
    public const string Python = "/usr/bin/python3";

    /// <summary>The peer's results with <paramref name="threads"/> torch threads, or why there are none.</summary>
    public static PeerResult Run(BenchContext context, int threads, TimeSpan? timeout = null)
    {
        string script = Path.Combine(context.SharedRoot, "bench", "peer_torch.py");
        if (!File.Exists(script))
            return PeerResult.Skip($"the peer script is not at '{script}'");
        if (!File.Exists(Python))
            return PeerResult.Skip($"{Python} does not exist");
        var check = Execute(["-c", "import torch, torchaudio"], TimeSpan.FromMinutes(2));
        if (check.ExitCode != 0)
            return PeerResult.Skip($"{Python} cannot import torch and torchaudio ({LastLine(check.Error)}); apt-get install python3-torch python3-torchaudio");
        var run = Execute([script, threads.ToString(System.Globalization.CultureInfo.InvariantCulture)], timeout ?? TimeSpan.FromMinutes(10));
        if (run.ExitCode != 0)
            return PeerResult.Skip($"the peer exited with {run.ExitCode}: {LastLine(run.Error)}");
        string? line = run.Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
            return PeerResult.Skip("the peer printed no JSON line");
        using var json = JsonDocument.Parse(line);
        return new PeerResult(json.RootElement.Clone(), null);
    }

    private static (int ExitCode, string Output, string Error) Execute(string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"timed out after {timeout.TotalSeconds:F0} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}

/// <summary>The peer's JSON object, or the reason it was not run.</summary>
internal sealed record PeerResult(JsonElement? Json, string? SkipReason)
{
    public static PeerResult Skip(string reason) => new(null, reason);

    /// <summary>A numeric field of the peer's JSON, or null.</summary>
    public double? Number(string name) =>
        Json is { } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A text field of the peer's JSON, or null.</summary>
    public string? Text(string name) =>
        Json is { } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
