using System.Diagnostics;
using System.Text.Json;

namespace LightSerNet.Bench;

/// <summary>Where the shared data lives and how results are printed: one JSON object on the last line.</summary>
internal sealed record BenchContext(string SharedRoot, string? RepositoryRoot, string[] Arguments)
{
    public string EmoDbRoot => Environment.GetEnvironmentVariable("LIGHTSERNET_EMODB") ?? Path.Combine(SharedRoot, "data", "emodb");

    /// <summary>The inference-only module the build stages (out/inference/LightSerNet), or null outside a built checkout.</summary>
    public string? InferenceModule => RepositoryRoot is { } root && Directory.Exists(Path.Combine(root, "out", "inference", "LightSerNet"))
        ? Path.Combine(root, "out", "inference", "LightSerNet")
        : null;

    /// <summary>
    /// A fresh <c>dotnet pwsh -NoProfile -NonInteractive -Command <paramref name="command"/></c> in the checkout (where
    /// its local tool manifest is), output redirected. Only for a context with a checkout: callers check
    /// <see cref="InferenceModule"/> first.
    /// </summary>
    public ProcessStartInfo Pwsh(string command)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", command })
            start.ArgumentList.Add(argument);
        return start;
    }

    public static BenchContext Create(string[] arguments)
    {
        string? repository = FindRepository();
        string shared = Environment.GetEnvironmentVariable("LIGHTSERNET_SHARED")
            ?? Path.GetFullPath(repository is null ? "../shared" : Path.Combine(repository, "..", "shared"));
        return new BenchContext(shared, repository, arguments);
    }

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LightSerNet.PS.sln")))
                return dir.FullName;
        }
        return null;
    }

    /// <summary>Median wall time of <paramref name="runs"/> calls after one warm-up call.</summary>
    public static double MedianSeconds(int runs, Action action)
    {
        action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }

    public static void PrintResult(object result) => Console.WriteLine(JsonSerializer.Serialize(result));
}
