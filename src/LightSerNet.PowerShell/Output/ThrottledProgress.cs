using System.Diagnostics;
using System.Management.Automation;

namespace LightSerNet.PowerShell.Output;

/// <summary>
/// Write-Progress for long runs: silent for the first second (a few files should not flash a bar), then at most a few
/// updates per second, and a Completed record at the end if anything was shown. Inputs stream in, so the total is
/// unknown: the record shows the count and the rate, not a percentage.
/// </summary>
internal sealed class ThrottledProgress(Cmdlet cmdlet, string activity)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1), Interval = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _shown;

    public void Report(int done)
    {
        var now = _clock.Elapsed;
        if (now < Quiet || now - _last < Interval)
            return;
        _last = now;
        _shown = true;
        double rate = done / now.TotalSeconds;
        cmdlet.WriteProgress(new ProgressRecord(1, activity, $"{done} inputs labelled ({rate:F0} per second)"));
    }

    public void Complete()
    {
        if (_shown)
            cmdlet.WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }
}
