using System.Runtime.CompilerServices;

namespace LightSerNet.Generators.Tests;

/// <summary>
/// The generated sources for the shipped specs, compared with the committed snapshots, so any change in the
/// generator's output is a reviewed diff. Set UPDATE_SNAPSHOTS=1 to rewrite them after an intended change.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "light-sernet.arch.json", false },
        { "light-sernet.arch.json", true },
        { "light-sernet-lite.arch.json", false },
        { "light-sernet-lite.arch.json", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedSourceMatchesTheSnapshot(string spec, bool withTorchSharp)
    {
        string path = GeneratorHarness.SpecPath(spec);
        var result = GeneratorHarness.Run(withTorchSharp, (path, File.ReadAllText(path)));
        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            string snapshot = Path.Combine(SnapshotFolder(), spec.Replace(".arch.json", ""), source.HintName);
            string actual = source.SourceText.ToString().Replace("\r\n", "\n");
            if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
                File.WriteAllText(snapshot, actual);
            }
            Assert.True(File.Exists(snapshot), $"No snapshot {snapshot}; run the tests once with UPDATE_SNAPSHOTS=1 and review it.");
            Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), actual);
        }
    }

    [Fact]
    public void ProjectsWithoutTorchSharpGetDefinitionsAndProjectsWithItGetNetworks()
    {
        string path = GeneratorHarness.SpecPath("light-sernet.arch.json");
        var plain = GeneratorHarness.Run(false, (path, File.ReadAllText(path))).Results.Single().GeneratedSources.Select(s => s.HintName);
        var torch = GeneratorHarness.Run(true, (path, File.ReadAllText(path))).Results.Single().GeneratedSources.Select(s => s.HintName);
        Assert.Equal(["ArchitectureCatalog.g.cs", "LightSerNetArchitecture.g.cs"], plain.Order());
        Assert.Equal(["LightSerNetNetwork.g.cs", "NetworkFactory.g.cs"], torch.Order());
    }

    private static string SnapshotFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Snapshots");
}
