using System.Management.Automation;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.PowerShell.Errors;

namespace LightSerNet.PowerShell.Input;

/// <summary>
/// Cuts audio for a cmdlet: a file that cannot be read becomes one ErrorRecord naming it and the problem, and the
/// batch goes on.
/// </summary>
internal static class ReportedSegmenter
{
    /// <summary>The segments of <paramref name="audio"/>, or none after writing the file's error to <paramref name="cmdlet"/>.</summary>
    public static IReadOnlyList<SerSegment> Segment(Cmdlet cmdlet, SerAudio audio, SegmentOptions options)
    {
        try
        {
            return Segmenter.Segment(audio, options);
        }
        catch (Exception e) when (SerErrors.IsFileProblem(e))
        {
            cmdlet.WriteError(SerErrors.ForFile(e, audio.Path));
            return [];
        }
    }
}
