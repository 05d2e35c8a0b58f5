using LightSerNet.Bench;

var benches = new Dictionary<string, Func<BenchContext, int>>(StringComparer.OrdinalIgnoreCase)
{
    ["audio"] = AudioBench.Run,
    ["mfcc"] = MfccBench.Run,
    ["train"] = TrainBench.Run,
    ["inference"] = InferenceBench.Run,
    ["latency"] = LatencyBench.Run,
    // Started by "inference" in a fresh process, so the peak memory of a 10,000-file stream is its own.
    ["inference-stream"] = StreamBench.RunInProcess,
};

if (args.Length == 0 || !benches.TryGetValue(args[0], out var bench))
{
    Console.Error.WriteLine($"Usage: dotnet run -c Release --project bench/LightSerNet.Bench -- <{string.Join('|', benches.Keys)}>");
    return 2;
}
return bench(BenchContext.Create(args[1..]));
