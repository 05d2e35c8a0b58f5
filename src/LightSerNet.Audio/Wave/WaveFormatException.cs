namespace LightSerNet.Audio.Wave;

/// <summary>A file that is not readable WAVE audio; the message names the file and the problem.</summary>
public sealed class WaveFormatException : IOException
{
    /// <summary>Creates the exception; <paramref name="detail"/> completes the sentence "'file' ...".</summary>
    public WaveFormatException(string file, WaveProblem problem, string detail)
        : base($"'{file}' {detail}")
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>What is wrong with it.</summary>
    public WaveProblem Problem { get; }
}
