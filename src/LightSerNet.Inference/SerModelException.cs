namespace LightSerNet.Inference;

/// <summary>A model file that cannot be used, with the file and the reason.</summary>
public sealed class SerModelException : IOException
{
    /// <summary>Creates the exception; <paramref name="message"/> is a complete sentence naming the file.</summary>
    public SerModelException(string path, SerModelProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public SerModelProblem Problem { get; }
}
