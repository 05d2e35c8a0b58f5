using System.Diagnostics;

namespace LightSerNet.Generators.Tests;

/// <summary>A broken spec in a real project makes `dotnet build` fail with the LSG id and the spec's line.</summary>
public sealed class BuildFailureTests
{
    [Fact]
    public void DotnetBuildFailsWithTheIdAndLine()
    {
        string folder = Path.Combine(Path.GetTempPath(), "lightsernet-broken-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string generator = typeof(ArchitectureGenerator).Assembly.Location;
            File.WriteAllText(Path.Combine(folder, "Broken.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
                    <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
                  </PropertyGroup>
                  <ItemGroup>
                    <Analyzer Include="{generator}" />
                    <AdditionalFiles Include="broken.arch.json" />
                  </ItemGroup>
                </Project>
                """);
            string spec = File.ReadAllText(GeneratorHarness.SpecPath("light-sernet.arch.json"))
                .Replace("""{ "type": "lflb", "name": "lflb3",""", """{ "type": "lstm", "name": "lflb3",""");
            File.WriteAllText(Path.Combine(folder, "broken.arch.json"), spec);
            int line = spec.Split('\n').ToList().FindIndex(l => l.Contains("\"lstm\"")) + 1;

            var start = new ProcessStartInfo("dotnet", "build --nologo -clp:NoSummary")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains($"broken.arch.json({line},", output);
            Assert.Contains("error LSG001", output);
            Assert.Contains("Unknown layer type 'lstm'", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
