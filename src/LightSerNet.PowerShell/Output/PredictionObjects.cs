using System.Management.Automation;
using LightSerNet.Inference.Prediction;

namespace LightSerNet.PowerShell.Output;

/// <summary>
/// Wraps a <see cref="SerPrediction"/> for the pipeline with one note property per label (its probability), so
/// Export-Csv and Format-Table show a column per class; the labels come from the model, so no static type can hold
/// them. Per-window rows carry an extra type name that selects the view with Start and End.
/// </summary>
internal static class PredictionObjects
{
    /// <summary>Type name added to -PerWindow rows (LightSerNet.format.ps1xml has a view for it).</summary>
    public const string PerWindowTypeName = "LightSerNet.Inference.Prediction.SerPrediction#PerWindow";

    public static PSObject Wrap(SerPrediction prediction, bool perWindow)
    {
        var wrapped = new PSObject(prediction);
        // Instance members come first in PSObject.Properties (and so in Export-Csv): restate the leading columns so a
        // CSV reads Path, Start, End, Emotion, Confidence, then one column per label, then the rest.
        wrapped.Properties.Add(new PSNoteProperty(nameof(SerPrediction.Path), prediction.Path));
        wrapped.Properties.Add(new PSNoteProperty(nameof(SerPrediction.Start), prediction.Start));
        wrapped.Properties.Add(new PSNoteProperty(nameof(SerPrediction.End), prediction.End));
        wrapped.Properties.Add(new PSNoteProperty(nameof(SerPrediction.Emotion), prediction.Emotion));
        wrapped.Properties.Add(new PSNoteProperty(nameof(SerPrediction.Confidence), prediction.Confidence));
        foreach (var (label, probability) in prediction.Probabilities)
        {
            // A label that equals a property name (a corpus with an emotion called "Path") gets a prefix instead.
            string name = wrapped.Properties[label] is null ? label : "P_" + label;
            wrapped.Properties.Add(new PSNoteProperty(name, probability));
        }
        if (perWindow)
            wrapped.TypeNames.Insert(0, PerWindowTypeName);
        return wrapped;
    }
}
