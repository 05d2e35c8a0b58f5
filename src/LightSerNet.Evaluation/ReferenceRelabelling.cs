namespace LightSerNet.Evaluation;

/// <summary>
/// The reference's accidental relabelling. Its segmentation step ends with cleaning_directory_filename
/// (utils/segment/utils.py), which renames every file of an emotion folder to the name of another file of the same
/// folder chosen by sklearn's shuffle; train.py then builds its "speaker" folds from the first two letters of those
/// names. So each file carries the speaker id of a random file of its own emotion, and each fold keeps, per
/// emotion, exactly as many files as the speaker it is named after had.
/// </summary>
internal static class ReferenceRelabelling
{
    /// <summary>Generator stream of the relabelling (see <see cref="SplitMix64.ForStream"/>).</summary>
    public const uint Stream = 1;

    /// <summary>
    /// For each label in ordinal order, the speaker ids of that label's items (in dataset order) are shuffled with one
    /// <see cref="SplitMix64"/> stream and handed back to the same items in dataset order.
    /// </summary>
    public static string[] Assign(IReadOnlyList<string> labels, IReadOnlyList<string?> speakers, int seed)
    {
        var pseudo = new string[labels.Count];
        var random = SplitMix64.ForStream(seed, Stream);
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] items = group.ToArray();
            string[] ids = items.Select(i => speakers[i]!).ToArray();
            random.Shuffle(ids.AsSpan());
            for (int k = 0; k < items.Length; k++)
                pseudo[items[k]] = ids[k];
        }
        return pseudo;
    }
}
