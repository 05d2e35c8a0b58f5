namespace LightSerNet.TestSupport;

/// <summary>Locates ../shared (EMO-DB and the tf.signal fixtures) beside the repository, or $LIGHTSERNET_SHARED.</summary>
internal static class SharedData
{
    public static string Root { get; } = FindRoot();

    public static string EmoDbWav => Path.Combine(Environment.GetEnvironmentVariable("LIGHTSERNET_EMODB") ?? Path.Combine(Root, "data", "emodb"), "wav");

    public static string Fixture(string name) => Path.Combine(Root, "fixtures", "tf-features", name);

    public static bool HasEmoDb => Directory.Exists(EmoDbWav);

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("LIGHTSERNET_SHARED") is { Length: > 0 } fromEnv)
            return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LightSerNet.PS.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
        return Path.GetFullPath("../shared");
    }
}
