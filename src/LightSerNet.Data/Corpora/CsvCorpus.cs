namespace LightSerNet.Data.Corpora;

/// <summary>
/// A CSV manifest with rows path,label[,speaker]; an optional header row starts with "path". Relative
/// paths are taken from the manifest's folder.
/// </summary>
internal static class CsvCorpus
{
    public static IEnumerable<CorpusEntry> Read(string manifest, Action<CorpusProblem> problem)
    {
        if (!File.Exists(manifest))
            throw new FileNotFoundException($"The CSV manifest '{manifest}' does not exist.", manifest);
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        int line = 0;
        foreach (var row in CsvText.ReadRows(manifest))
        {
            line++;
            if (line == 1 && row.Count > 0 && row[0].Trim().Equals("path", StringComparison.OrdinalIgnoreCase))
                continue;
            if (row.Count == 0 || (row.Count == 1 && row[0].Trim().Length == 0))
                continue;
            if (row.Count < 2 || row[0].Trim().Length == 0 || row[1].Trim().Length == 0)
            {
                problem(new CorpusProblem(manifest, $"'{manifest}' line {line} does not have the form path,label[,speaker]."));
                continue;
            }
            string path = Path.GetFullPath(Path.Combine(folder, row[0].Trim()));
            string? speaker = row.Count > 2 && row[2].Trim().Length > 0 ? row[2].Trim() : null;
            yield return new CorpusEntry(path, Path.GetFileNameWithoutExtension(path), EmotionLabels.Normalise(row[1]), speaker, null);
        }
    }
}
