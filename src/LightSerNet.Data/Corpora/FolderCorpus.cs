namespace LightSerNet.Data.Corpora;

/// <summary>A folder with one subfolder per label; every .wav under a subfolder carries its name as label.</summary>
internal static class FolderCorpus
{
    public static IEnumerable<CorpusEntry> Read(string root)
    {
        if (!Directory.Exists(root))
            throw CorpusFiles.MissingFolder(root, "a labelled folder", "it does not exist.");
        var labels = Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (labels.Count == 0)
            throw CorpusFiles.MissingFolder(root, "a labelled folder", "it has no subfolders; put each label's files in a subfolder named after the label.");
        foreach (var folder in labels)
        {
            string label = EmotionLabels.Normalise(Path.GetFileName(folder));
            foreach (var path in CorpusFiles.Wavs(folder, recursive: true))
                yield return new CorpusEntry(path, Path.GetFileNameWithoutExtension(path), label, null, null);
        }
    }
}
