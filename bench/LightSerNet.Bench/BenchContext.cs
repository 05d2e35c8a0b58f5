using System.Diagnostics;
using System.Text.Json;

namespace LightSerNet.Bench;

/// <summary>Where the shared data lives and how results are printed: one JSON object on the last line.</summary>
internal sealed record BenchContext(string SharedRoot, string[] Arguments)
{
    public string EmoDbRoot => Environment.GetEnvironmentVariable("LIGHTSERNET_EMODB") ?? Path.Combine(SharedRoot, "data", "emodb");

    public static BenchContext Create(string[] arguments)
    {
        string shared = Environment.GetEnvironmentVariable("LIGHTSERNET_SHARED") ?? FindShared();
        return new BenchContext(shared, arguments);
    }

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LightSerNet.PS.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
        return Path.GetFullPath("../shared");
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
