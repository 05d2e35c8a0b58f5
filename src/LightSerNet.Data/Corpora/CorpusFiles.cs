namespace LightSerNet.Data.Corpora;

/// <summary>File enumeration shared by the corpus layouts: .wav files in ordinal path order, hidden and "._" files left out.</summary>
internal static class CorpusFiles
{
    public static IEnumerable<string> Wavs(string directory, bool recursive)
    {
        if (!Directory.Exists(directory))
            return [];
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            MatchCasing = MatchCasing.CaseInsensitive,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        };
        return Directory.EnumerateFiles(directory, "*.wav", options)
            .Where(path => !Path.GetFileName(path).StartsWith("._", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    public static DirectoryNotFoundException MissingFolder(string path, string corpus, string expected) =>
        new($"'{path}' does not look like {corpus}: {expected}");
}
