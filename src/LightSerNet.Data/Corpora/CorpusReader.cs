namespace LightSerNet.Data.Corpora;

/// <summary>What to read from a corpus.</summary>
/// <param name="Corpus">The layout.</param>
/// <param name="Path">The corpus folder, or the manifest file for <see cref="CorpusName.Csv"/>.</param>
/// <param name="AudioType">IEMOCAP only: improvised, scripted or all dialogues.</param>
public sealed record CorpusQuery(CorpusName Corpus, string Path, IemocapAudioType AudioType = IemocapAudioType.All);

/// <summary>Lists the labelled utterances of a corpus in a stable order, without opening the audio.</summary>
public static class CorpusReader
{
    /// <summary>
    /// The corpus's entries; files the layout cannot use are reported to <paramref name="problem"/> and left out.
    /// Throws <see cref="DirectoryNotFoundException"/> or <see cref="FileNotFoundException"/> when the path is not such a corpus.
    /// </summary>
    public static IEnumerable<CorpusEntry> Read(CorpusQuery query, Action<CorpusProblem> problem) => query.Corpus switch
    {
        CorpusName.EmoDb => EmoDbCorpus.Read(query.Path, problem),
        CorpusName.Iemocap => IemocapCorpus.Read(query.Path, query.AudioType, problem),
        CorpusName.Ravdess => RavdessCorpus.Read(query.Path, problem),
        CorpusName.CremaD => CremaDCorpus.Read(query.Path, problem),
        CorpusName.Tess => TessCorpus.Read(query.Path, problem),
        CorpusName.Folder => FolderCorpus.Read(query.Path),
        CorpusName.Csv => CsvCorpus.Read(query.Path, problem),
        _ => throw new ArgumentOutOfRangeException(nameof(query), query.Corpus, "Unknown corpus."),
    };
}
