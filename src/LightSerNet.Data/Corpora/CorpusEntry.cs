using LightSerNet.Audio;

namespace LightSerNet.Data.Corpora;

/// <summary>One labelled utterance a corpus layout names, before its file is opened.</summary>
/// <param name="Path">Full path of the WAV file.</param>
/// <param name="Id">Utterance identifier.</param>
/// <param name="Label">Canonical emotion (see <see cref="EmotionLabels"/>).</param>
/// <param name="Speaker">Speaker identifier, or null.</param>
/// <param name="Gender">"female", "male" or null.</param>
public sealed record CorpusEntry(string Path, string Id, string Label, string? Speaker, string? Gender)
{
    /// <summary>Opens the file's header and describes the utterance; throws for bad files.</summary>
    public SerAudio ToAudio(CorpusName corpus) =>
        SerAudio.FromFile(Path, corpus.ToString(), Label, Speaker, Gender, Id);
}

/// <summary>A file that a corpus layout could not use, and why; the import goes on without it.</summary>
/// <param name="Path">The file or folder at fault.</param>
/// <param name="Message">A complete sentence naming the problem.</param>
public sealed record CorpusProblem(string Path, string Message);
