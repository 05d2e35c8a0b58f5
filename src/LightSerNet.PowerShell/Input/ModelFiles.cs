using System.Management.Automation;
using LightSerNet.Inference;
using LightSerNet.PowerShell.Errors;

namespace LightSerNet.PowerShell.Input;

/// <summary>The model a labelling cmdlet's -Model names, or the module's default model; an unusable one stops the cmdlet.</summary>
internal static class ModelFiles
{
    /// <summary>File name of the model the module ships, in the models folder beside the module.</summary>
    public const string DefaultModelName = "light-sernet-emodb.onnx";

    /// <summary>Loads <paramref name="given"/> (a PowerShell path) or the default model; throws a terminating error naming the problem.</summary>
    public static SerModel Load(PSCmdlet cmdlet, string? given)
    {
        string path = given is not null
            ? cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(given)
            : Path.Combine(Path.GetDirectoryName(typeof(ModelFiles).Assembly.Location)!, "models", DefaultModelName);
        try
        {
            return SerModel.Load(path);
        }
        catch (SerModelException e) when (given is null && e.Problem == SerModelProblem.NotFound)
        {
            cmdlet.ThrowTerminatingError(SerErrors.ForModel(new SerModelException(path, SerModelProblem.NotFound,
                $"No -Model was given and the module's default model '{path}' is not installed. Train and export one, e.g. " +
                "Invoke-SerTraining -Dataset EmoDb -Path ./emodb -Protocol None -OutputPath ./run | Export-SerModel -Path ./model.onnx, " +
                "then pass -Model ./model.onnx (or copy it to that path).", e)));
        }
        catch (SerModelException e)
        {
            cmdlet.ThrowTerminatingError(SerErrors.ForModel(e));
        }
        throw new PipelineStoppedException();
    }
}
