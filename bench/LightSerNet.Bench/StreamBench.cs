using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LightSerNet.Inference;
using LightSerNet.Inference.Prediction;

namespace LightSerNet.Bench;

/// <summary>
/// Labelling a large folder with bounded memory: N distinct WAV files (copies of EMO-DB files, round robin) in a
/// temporary folder, labelled in fresh processes so each peak working set is the labelling's own. Once through
/// SerPredictor ("inference-stream"), once as an admin would: <c>Get-ChildItem | Get-SpeechEmotion | Export-Csv</c>
/// in <c>dotnet pwsh</c> with the inference-only module and its shipped model.
/// </summary>
internal static class StreamBench
{
    /// <summary>Files per second and peak working set (MB) of one way of labelling the folder.</summary>
    internal sealed record Result(double FilesPerSecond, double PeakMb);

    /// <summary>Copies <paramref name="count"/> files into <paramref name="folder"/>, cycling over <paramref name="files"/>.</summary>
    public static void CopyCorpus(IReadOnlyList<string> files, int count, string folder)
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < count; i++)
        {
            string source = files[i % files.Count];
            File.Copy(source, Path.Combine(folder, $"{i:D6}-{Path.GetFileName(source)}"));
        }
    }

    /// <summary>Labels the folder through SerPredictor in a fresh process ("inference-stream model folder threads").</summary>
    public static Result? Predictor(string modelPath, string folder, int threads)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(typeof(StreamBench).Assembly.Location);
        foreach (var argument in new[] { "inference-stream", modelPath, folder, threads.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        return RunChild(start);
    }

    /// <summary>
    /// <c>Get-ChildItem -Filter *.wav | Get-SpeechEmotion | Export-Csv</c> over the folder in a fresh <c>dotnet
    /// pwsh</c>, with the inference-only module's shipped model; null when the module is not built. The CSV must hold
    /// one row per file, or the run counts as failed.
    /// </summary>
    public static Result? Pwsh(BenchContext context, string folder, int count)
    {
        if (context.InferenceModule is not { } module)
            return null;
        string csv = Path.Combine(Path.GetDirectoryName(folder)!, "labels.csv");
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{module}}'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            Get-ChildItem -LiteralPath '{{folder}}' -Filter *.wav | Get-SpeechEmotion | Export-Csv -LiteralPath '{{csv}}'
            $seconds = $watch.Elapsed.TotalSeconds
            # Before the check, which reads the CSV back.
            $peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
            $rows = (Import-Csv -LiteralPath '{{csv}}' | Measure-Object).Count
            if ($rows -ne {{count}}) { throw "The CSV has $rows rows for {{count}} files." }
            [pscustomobject]@{ files_per_s = {{count}} / $seconds; peak_mb = $peak } | ConvertTo-Json -Compress
            """;
        return RunChild(context.Pwsh(script));
    }

    /// <summary>"inference-stream model folder threads": labels every WAV file of the folder and prints the rate and peak memory.</summary>
    public static int RunInProcess(BenchContext context)
    {
        string model = context.Arguments[0], folder = context.Arguments[1];
        int threads = int.Parse(context.Arguments[2], CultureInfo.InvariantCulture);
        using var predictor = new SerPredictor(SerModel.Load(model), threads);
        var watch = Stopwatch.StartNew();
        int done = 0, errors = 0;
        // Enumerated lazily, as a pipeline hands them over: nothing holds the whole folder.
        foreach (var outcome in predictor.Predict(Directory.EnumerateFiles(folder, "*.wav").Select(PredictionInput.FromFile)))
        {
            done++;
            if (outcome.Error is not null)
                errors++;
        }
        double seconds = watch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        BenchContext.PrintResult(new { files_per_s = done / seconds, peak_mb = process.PeakWorkingSet64 / 1048576.0 });
        return errors == 0 ? 0 : 1;
    }

    private static Result? RunChild(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"{start.FileName} {string.Join(' ', start.ArgumentList.Take(2))} failed ({process.ExitCode}): {error.Result.Trim()}");
            return null;
        }
        using var json = JsonDocument.Parse(line);
        return new Result(json.RootElement.GetProperty("files_per_s").GetDouble(), json.RootElement.GetProperty("peak_mb").GetDouble());
    }
}
